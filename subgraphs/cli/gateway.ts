import { readFileSync } from 'node:fs';
import { createLogger } from '../../adapters/core/logger.js';
import { createGatewayAuth } from '../../gateway/auth/index.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { AgencyDirectory } from '../../gateway/directory.js';
import { RegistryDirectorySource } from '../../gateway/registrySource.js';
import { SUPERGRAPH_FILE, startGateway } from '../../gateway/server.js';
import type { AgencyBreakers } from '../../gateway/upstream/breakers.js';
import { announce } from './run.js';

/** `convergence gateway --config gateway.yaml`: the one endpoint. */
export async function runGateway(configPath: string): Promise<void> {
  const config = loadGatewayConfig(configPath);
  const logger = createLogger('gateway', config.logLevel);
  const directory = new AgencyDirectory(config.agencies);
  let breakers: AgencyBreakers | undefined;
  const source = config.registry
    ? new RegistryDirectorySource(directory, {
        url: config.registry.url,
        token: config.registry.token.reveal(),
        pollIntervalMs: config.registry.pollIntervalMs,
        logger,
        // An agency the registry reports DOWN is not called until it is reported up (or answers a trial).
        onHealth: (agency, down) => breakers?.reportHealth(agency, down),
      })
    : undefined;
  await source?.start();
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const running = await startGateway({
    directory,
    supergraphSdl,
    auth: await createGatewayAuth(config.auth, supergraphSdl),
    port: config.port,
    host: config.host,
    agencyTimeoutMs: config.agencyTimeoutMs,
    deadlineMs: config.deadlineMs,
    cursorSecret: config.cursorSecret,
    introspection: config.introspection,
    subgraphUrls: config.subgraphUrls,
    limits: config.limits,
    serving: config.serving,
    breaker: config.breaker,
    answerCache: config.answerCache,
    tracing: config.tracing,
    metrics: config.metrics,
    explorer: config.explorer,
    onBreakers: (created) => {
      breakers = created;
    },
    logger,
  });
  const stop = async () => {
    source?.stop();
    await running.stop();
  };
  announce(logger, 'gateway', { url: running.url, stop });
}
