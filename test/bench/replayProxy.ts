import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReplayProxy {
  readonly url: string;
  close(): Promise<void>;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An agency that costs (almost) no CPU: in front of a real agency subgraph, it answers a request body it
 * has seen before with the bytes the subgraph sent then, after `latencyMs`. The first time, it asks the
 * subgraph. The catalogue page is the same request every time, so after warm-up every agency call is a
 * replay: what remains of the fan-out cost is the gateway's own, which on a 2-core bench machine is
 * otherwise hidden behind N real subgraphs competing for the same cores (in production each agency
 * subgraph runs on its own machine).
 */
export async function startReplayProxy(target: string, latencyMs: number): Promise<ReplayProxy> {
  const answers = new Map<string, Buffer>();
  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      let answer = answers.get(body);
      if (answer) {
        await sleep(latencyMs);
      } else {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        answer = Buffer.from(await response.arrayBuffer());
        const text = answer.toString('utf8');
        if (response.ok && !text.includes('"errors"')) answers.set(body, answer);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
    } catch {
      res.writeHead(502).end();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
