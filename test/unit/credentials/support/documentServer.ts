import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** JSON unless a string. */
  readonly body?: unknown;
  /** Answer only after this long (a slow issuer). */
  readonly delayMs?: number;
}

export interface DocumentServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1%3A<port>`: the host part of a did:web on this server. */
  readonly didWebHost: string;
  /** Serves `answer` at `path` (replacing what was there). */
  serve(path: string, answer: Served): void;
  /** Requests per path so far. */
  readonly hits: Map<string, number>;
}

/** A loopback HTTP server for issuer profiles, DID documents and status lists in verifier tests. */
export async function startDocumentServer(): Promise<DocumentServer> {
  const routes = new Map<string, Served>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = routes.get(path) ?? { status: 404, body: { error: 'not found' } };
    const send = () => {
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(text);
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    didWebHost: `127.0.0.1%3A${port}`,
    serve: (path, answer) => routes.set(path, answer),
    hits,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
