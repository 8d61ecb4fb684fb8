import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP hop in front of an agency subgraph that counts the requests reaching the agency and can
 * slow them down or refuse them (as a down agency would): for tests of what the gateway sends upstream.
 */
export interface AgencyProxy extends AsyncDisposable {
  readonly url: string;
  /** GraphQL requests forwarded so far. */
  readonly count: () => number;
  /** Bodies of the requests forwarded so far. */
  readonly bodies: string[];
  /** Request headers of the requests forwarded so far. */
  readonly headers: http.IncomingHttpHeaders[];
  delayMs: number;
  /** When true, every request is answered 503 at once (a down agency). */
  down: boolean;
  stop(): Promise<void>;
}

export async function startAgencyProxy(target: string): Promise<AgencyProxy> {
  const upstream = new URL(target);
  const state = { forwarded: 0 };
  const proxy: Omit<AgencyProxy, 'url'> = {
    count: () => state.forwarded,
    bodies: [],
    headers: [],
    delayMs: 0,
    down: false,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    [Symbol.asyncDispose]: async () => proxy.stop(),
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (proxy.down) {
      res.writeHead(503).end('down');
      return;
    }
    state.forwarded += 1;
    proxy.bodies.push(body);
    proxy.headers.push(req.headers);
    if (proxy.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, proxy.delayMs));
    const headers = { ...req.headers, host: upstream.host };
    const forward = http.request(upstream, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.once('error', () => res.writeHead(502).end());
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}/` });
}
