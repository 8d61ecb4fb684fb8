import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CANONICAL_SDL = readFileSync(new URL('../../schema/learning.graphql', import.meta.url), 'utf8');

export interface FakeSubgraphOptions {
  /** What `_service { sdl }` answers. @default the canonical contract */
  readonly sdl?: string;
  /** `data` of every other query. */
  readonly data?: (query: string) => unknown;
  /** Answer every request with this redirect instead. */
  readonly redirectTo?: string;
}

export interface FakeSubgraph extends AsyncDisposable {
  readonly url: string;
  close(): Promise<void>;
}

/** A well-formed smoke answer for agency `code`. */
export function goodSmokeData(code: string) {
  return {
    agencies: [{ code, name: `Agency ${code}`, lmsKind: 'CUSTOM' }],
    courses: {
      totalCount: 2,
      edges: [1, 2].map((n) => ({ cursor: `c${n}`, node: { id: `${code}:course:${n}`, title: `Course ${n}` } })),
    },
    _entities: [{ id: `${code}:course:1`, title: 'Course 1' }],
  };
}

/**
 * A scripted "subgraph" on loopback that answers canned JSON: for gate tests that need a subgraph which
 * lies (an SDL missing fields, answers of the wrong type, redirects), which Apollo Server would never do.
 */
export async function startFakeSubgraph(options: FakeSubgraphOptions): Promise<FakeSubgraph> {
  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    if (options.redirectTo) {
      res.writeHead(302, { location: options.redirectTo }).end();
      return;
    }
    const query = (JSON.parse(text || '{}') as { query?: string }).query ?? '';
    const data = query.includes('_service')
      ? { _service: { sdl: options.sdl ?? CANONICAL_SDL } }
      : options.data?.(query);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/graphql`, close, [Symbol.asyncDispose]: close };
}

/** A loopback URL where nothing listens (the port was just released). */
export async function unusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}
