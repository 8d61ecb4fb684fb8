import { createLogger } from '../../adapters/core/logger.js';
import { loadCurriculumConfig } from '../curriculum/config.js';
import { startCurriculum } from '../curriculum/server.js';
import { announce } from './run.js';

/**
 * `convergence curriculum --config curriculum.yaml`: near-duplicates and SDG coverage over the public
 * catalogues of the registry's agencies. Listens once it has read every agency once.
 */
export async function runCurriculum(configPath: string): Promise<void> {
  const config = loadCurriculumConfig(configPath);
  const logger = createLogger('curriculum', config.logLevel);
  const running = await startCurriculum({
    registry: {
      url: config.registry.url,
      token: config.registry.token.reveal(),
      pollIntervalMs: config.registry.pollIntervalMs,
    },
    refreshIntervalMs: config.refreshIntervalMs,
    fullReadEveryMs: config.fullReadEveryMs,
    read: { timeoutMs: config.readTimeoutMs, maxCourses: config.maxCoursesPerAgency },
    similarity: config.similarity,
    port: config.port,
    host: config.host,
    logger,
  });
  logger.info(
    { courses: running.index.similarity.size, agencies: running.directory.active().length },
    'curriculum index built',
  );
  announce(logger, 'curriculum', running);
}
