import { readFileSync } from 'node:fs';
import { authConfigSchema, createGatewayAuth } from '../../gateway/auth/index.js';
import { AgencyDirectory, type AgencyEndpoint } from '../../gateway/directory.js';
import { SUPERGRAPH_FILE, startGateway } from '../../gateway/server.js';
import { serveHost } from './child.js';

export interface GatewayHostConfig {
  readonly agencies: readonly AgencyEndpoint[];
  readonly agencyTimeoutMs: number;
  readonly deadlineMs: number;
  /** Gateway `auth` settings (trusted issuers) for the auth row. */
  readonly auth?: unknown;
}

/** Child process: the real gateway (`startGateway`) over a fixed directory, on loopback. */
async function main(config: GatewayHostConfig): Promise<void> {
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
  });
  serveHost([gateway.url], () => gateway.stop());
}

await main(JSON.parse(process.argv[2] ?? '{}') as GatewayHostConfig);
