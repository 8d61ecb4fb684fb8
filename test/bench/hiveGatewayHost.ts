import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StockGatewayHostConfig } from './apolloGatewayHost.js';
import { serveHost } from './child.js';
import { supergraphOf } from './subgraphSupergraph.js';

/**
 * Child process: Hive Gateway (`@graphql-hive/gateway`'s runtime) over the same static supergraph as the
 * stock Apollo row, on a plain Node HTTP server, logging off (the other gateways log nothing per request).
 */
/** The part of Hive's runtime used here: a Node request listener that can be disposed. */
interface HiveRuntime {
  (request: IncomingMessage, response: ServerResponse): void;
  dispose(): Promise<void> | void;
}
type CreateGatewayRuntime = (options: { supergraph: string; logging: boolean; graphqlEndpoint: string }) => HiveRuntime;

/*
 * Imported by a name the type checker does not follow: Hive's typings augment `graphql`'s error
 * extensions and the global fetch types project-wide, which breaks the project's own typecheck for the
 * sake of one bench row.
 */
const HIVE_MODULE: string = '@graphql-hive/gateway';

async function main(config: StockGatewayHostConfig): Promise<void> {
  const { createGatewayRuntime } = (await import(HIVE_MODULE)) as { createGatewayRuntime: CreateGatewayRuntime };
  const gateway = createGatewayRuntime({
    supergraph: await supergraphOf(config.subgraphUrl),
    logging: false,
    graphqlEndpoint: '/',
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveHost([`http://127.0.0.1:${port}/`], async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.dispose();
  });
}

await main(JSON.parse(process.argv[2] ?? '{}') as StockGatewayHostConfig);
