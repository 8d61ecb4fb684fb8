import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Shared plumbing of the LMS simulators: a real HTTP server on loopback, a call counter, and fault
 * injection, all controllable over HTTP under `/__sim/` so that tests can drive simulators running in
 * other processes. The vendor protocol itself lives in each adapter's `simulator/` folder.
 *
 * Control endpoints (never part of any vendor protocol):
 * - `GET  /__sim/stats`  → `{ calls, byRoute: { "<route>": n }, violations: string[] }`
 * - `POST /__sim/fault`  ← `{ mode: "none" | "down" | "slow" | "garbage", delayMs?: number }`
 * - `POST /__sim/reset`  → counters and faults cleared
 * - any other `/__sim/…` path goes to the protocol's own `control` handler, if it has one (a simulator
 *   whose tests add, change or delete upstream data, or inject protocol-level errors).
 */
export type SimulatorFault =
  | { readonly mode: 'none' }
  /** Every vendor request gets HTTP 503 with an empty body. */
  | { readonly mode: 'down' }
  /** Every vendor request is answered after `delayMs`. */
  | { readonly mode: 'slow'; readonly delayMs: number }
  /** Every vendor request gets HTTP 200 with a body that is not JSON. */
  | { readonly mode: 'garbage' };

export interface SimulatorStats {
  calls: number;
  byRoute: Record<string, number>;
  /** Protocol rules a client broke (rate limit exceeded, parallel calls where forbidden, ...). */
  violations: string[];
}

export interface SimulatorRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface SimulatorResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string. */
  readonly body?: unknown;
  /** Records the answer holds, for the `capacity` cost model (per-item work of the upstream). */
  readonly items?: number;
}

export interface SimulatorContext {
  readonly stats: SimulatorStats;
  /** Records a broken protocol rule, visible in `/__sim/stats`. */
  violation(message: string): void;
}

/** A vendor protocol: answers one request; `route` names it for the per-route counter. */
export interface SimulatorProtocol {
  route(request: SimulatorRequest): string;
  handle(request: SimulatorRequest, context: SimulatorContext): Promise<SimulatorResponse> | SimulatorResponse;
  reset?(): void;
  /** Protocol-specific `/__sim/…` controls; undefined means "no such control" (HTTP 404). */
  control?(request: SimulatorRequest): Promise<SimulatorResponse | undefined> | SimulatorResponse | undefined;
}

export interface SimulatorHandle extends AsyncDisposable {
  readonly url: string;
  readonly stats: SimulatorStats;
  setFault(fault: SimulatorFault): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A server's capacity, for benches at a realistic speed: `workers` requests are served at once (PHP-FPM
 * children, app-server threads), the rest wait in line; each takes `latencyMs` (of its route) plus
 * `perItemMs` for every record it answers.
 */
export interface SimulatorCapacity {
  readonly workers: number;
  /** Per request, or per route (`SimulatorProtocol.route`) for upstreams whose functions differ in cost. */
  readonly latencyMs: number | ((route: string) => number);
  /** @default 0 */
  readonly perItemMs?: number;
}

export interface SimulatorListenOptions {
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** @default unlimited workers, no added latency */
  readonly capacity?: SimulatorCapacity;
}

/** Worker slots: `run` waits for a free one, holds it for the work, then hands it to the next in line. */
function createWorkers(count: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy >= count) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy -= 1;
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, response: SimulatorResponse): void {
  const isText = typeof response.body === 'string';
  const payload = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...(isText || response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...response.headers,
  });
  res.end(payload);
}

export async function startSimulator(
  protocol: SimulatorProtocol,
  options: SimulatorListenOptions = {},
): Promise<SimulatorHandle> {
  const stats: SimulatorStats = { calls: 0, byRoute: {}, violations: [] };
  let fault: SimulatorFault = { mode: 'none' };
  const context: SimulatorContext = { stats, violation: (message) => stats.violations.push(message) };
  const { capacity } = options;
  const serve = capacity
    ? (() => {
        const slot = createWorkers(capacity.workers);
        return (request: SimulatorRequest) =>
          slot(async () => {
            const response = await protocol.handle(request, context);
            const base =
              typeof capacity.latencyMs === 'number' ? capacity.latencyMs : capacity.latencyMs(protocol.route(request));
            await sleep(base + (capacity.perItemMs ?? 0) * (response.items ?? 0));
            return response;
          });
      })()
    : async (request: SimulatorRequest) => protocol.handle(request, context);
  const reset = () => {
    stats.calls = 0;
    stats.byRoute = {};
    stats.violations = [];
    fault = { mode: 'none' };
    protocol.reset?.();
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const body = await readBody(req);
      if (url.pathname.startsWith('/__sim/')) {
        if (url.pathname === '/__sim/stats') return send(res, { status: 200, body: stats });
        if (url.pathname === '/__sim/reset' && req.method === 'POST') {
          reset();
          return send(res, { status: 204 });
        }
        if (url.pathname === '/__sim/fault' && req.method === 'POST') {
          fault = JSON.parse(body) as SimulatorFault;
          return send(res, { status: 204 });
        }
        const request: SimulatorRequest = { method: req.method ?? 'GET', url, headers: req.headers, body };
        return send(res, (await protocol.control?.(request)) ?? { status: 404 });
      }
      const request: SimulatorRequest = { method: req.method ?? 'GET', url, headers: req.headers, body };
      stats.calls += 1;
      const route = protocol.route(request);
      stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
      if (fault.mode === 'down') return send(res, { status: 503 });
      if (fault.mode === 'garbage') return send(res, { status: 200, body: '<html>Internal error</html>' });
      if (fault.mode === 'slow')
        await new Promise((resolve) => setTimeout(resolve, (fault as { delayMs: number }).delayMs));
      send(res, await serve(request));
    } catch (error) {
      send(res, { status: 500, body: `simulator error: ${(error as Error).message}` });
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setFault: (next) => {
      fault = next;
    },
    reset,
    close,
    [Symbol.asyncDispose]: close,
  };
}
