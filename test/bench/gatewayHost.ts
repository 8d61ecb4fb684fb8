import { readFileSync } from 'node:fs';
import type { AgencyEndpoint } from '../../gateway/directory.js';
import { useCompactHeap } from '../../gateway/heap.js';
import { serveHost } from './child.js';

export interface GatewayHostConfig {
  readonly agencies: readonly AgencyEndpoint[];
  readonly agencyTimeoutMs: number;
  readonly deadlineMs: number;
  /** Gateway `auth` settings (trusted issuers) for the auth row. */
  readonly auth?: unknown;
  /** Gateway `answerCache` settings (in memory; the defaults' TTLs) for the answer-cache row; none when absent. */
  readonly answerCache?: unknown;
}

/** Child process: the real gateway (`startGateway`) over a fixed directory, on loopback. */
async function main(config: GatewayHostConfig): Promise<void> {
  // As the gateway command does (subgraphs/cli/main.ts): the heap policy first, then the gateway's modules.
  if (process.env.CONVERGENCE_DEFAULT_HEAP !== '1') useCompactHeap();
  const { authConfigSchema, createGatewayAuth } = await import('../../gateway/auth/index.js');
  const { AgencyDirectory } = await import('../../gateway/directory.js');
  const { SUPERGRAPH_FILE, startGateway } = await import('../../gateway/server.js');
  const { answerCacheConfigSchema } = await import('../../gateway/upstream/answerCache.js');
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const auth = await createGatewayAuth(authConfigSchema.parse(config.auth ?? {}), supergraphSdl);
  const gateway = await startGateway({
    supergraphSdl,
    auth,
    directory: new AgencyDirectory(config.agencies),
    agencyTimeoutMs: config.agencyTimeoutMs,
    deadlineMs: config.deadlineMs,
    cursorSecret: 'bench-secret',
    host: '127.0.0.1',
    introspection: false,
    ...(config.answerCache !== undefined && { answerCache: answerCacheConfigSchema.parse(config.answerCache) }),
  });
  serveHost([gateway.url], () => gateway.stop());
}

await main(JSON.parse(process.argv[2] ?? '{}') as GatewayHostConfig);
