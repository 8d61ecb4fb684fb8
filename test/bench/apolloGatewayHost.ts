import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { supergraphForStockGateway } from '../../gateway/auth/rules.js';
import { serveHost } from './child.js';
import { supergraphOf } from './subgraphSupergraph.js';

/** Config of the stock gateway hosts (this one and hiveGatewayHost.ts). */
export interface StockGatewayHostConfig {
  /** The one agency subgraph to route every query to. */
  readonly subgraphUrl: string;
}

/**
 * Child process: stock `@apollo/gateway` as a team would run it out of the box, a comparison row of the
 * gateways section: a static supergraph of the agency subgraph, served by @apollo/server's standalone
 * server. None of Convergence's code is on its path, except that the supergraph's authorization links
 * lose `for: SECURITY` (the stock gateway refuses to start on them; it then enforces none of them, which
 * the public catalogue page measured here does not need).
 */
async function main(config: StockGatewayHostConfig): Promise<void> {
  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: supergraphForStockGateway(await supergraphOf(config.subgraphUrl)) }),
    introspection: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  serveHost([url], () => server.stop());
}

await main(JSON.parse(process.argv[2] ?? '{}') as StockGatewayHostConfig);
