import { AgencyDirectory, type AgencyEndpoint } from '../../gateway/directory.js';
import { startGateway } from '../../gateway/server.js';
import { serveHost } from './child.js';

export interface GatewayHostConfig {
  readonly agencies: readonly AgencyEndpoint[];
  readonly agencyTimeoutMs: number;
  readonly deadlineMs: number;
}

/** Child process: the real gateway (`startGateway`) over a fixed directory, on loopback. */
async function main(config: GatewayHostConfig): Promise<void> {
  const gateway = await startGateway({
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
