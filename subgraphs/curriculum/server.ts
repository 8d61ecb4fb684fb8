import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { AgencyDirectory, type AgencyEndpoint } from '../../gateway/directory.js';
import { RegistryDirectorySource, type RegistrySourceOptions } from '../../gateway/registrySource.js';
import { createFormatError } from '../../schema/formatError.js';
import { serveApollo } from '../../schema/serving/index.js';
import type { SimilarityOptions } from '../insights/similarity/index.js';
import type { ReadOptions } from './catalogueReader.js';
import { type CatalogueReader, CurriculumIndex, type RefreshReport } from './curriculumIndex.js';
import type { CurriculumContext } from './resolvers.js';
import { buildCurriculumSubgraphSchema } from './schema.js';

export interface CurriculumOptions {
  /** Where the agencies are: the registry's directory, followed as the gateway follows it. */
  readonly registry?: Omit<RegistrySourceOptions, 'logger'>;
  /** A static directory instead of the registry (tests, embedding). */
  readonly agencies?: readonly AgencyEndpoint[];
  /** How often every agency's catalogue is read again, in ms. @default 300000 */
  readonly refreshIntervalMs?: number;
  /** Every catalogue is read whole at least this often, whatever its probe says, in ms. @default 3600000 */
  readonly fullReadEveryMs?: number;
  readonly similarity?: SimilarityOptions;
  readonly read?: ReadOptions;
  readonly reader?: CatalogueReader;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  readonly logger?: Logger;
}

export interface RunningCurriculum extends AsyncDisposable {
  readonly url: string;
  readonly index: CurriculumIndex;
  readonly directory: AgencyDirectory;
  /** Reads the agencies now (the periodic refresh does the same). */
  refresh(): Promise<RefreshReport>;
  stop(): Promise<void>;
}

/**
 * Runs the curriculum subgraph: near-duplicates and SDG coverage over the public catalogues of the
 * agencies in the directory. It reads the directory, then every agency's catalogue once before it listens
 * (so its first answers cover the catalogue), then again every `refreshIntervalMs`, re-indexing only the
 * agencies whose catalogue changed.
 */
export async function startCurriculum(options: CurriculumOptions): Promise<RunningCurriculum> {
  const directory = new AgencyDirectory(options.agencies ?? []);
  const source = options.registry
    ? new RegistryDirectorySource(directory, {
        ...options.registry,
        ...(options.logger ? { logger: options.logger } : {}),
      })
    : undefined;
  await source?.start();
  const index = new CurriculumIndex({
    ...(options.similarity ? { similarity: options.similarity } : {}),
    ...(options.read ? { read: options.read } : {}),
    ...(options.reader ? { reader: options.reader } : {}),
    ...(options.fullReadEveryMs !== undefined ? { fullReadEveryMs: options.fullReadEveryMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let refreshedAt = 0;
  const refresh = () => {
    if (!index.refreshing) refreshedAt = Date.now();
    return index.refresh(directory.active());
  };
  await refresh();

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      refresh()
        .catch((error: unknown) => options.logger?.error({ err: String(error) }, 'curriculum refresh failed'))
        .finally(tick);
    }, options.refreshIntervalMs ?? 300_000);
    timer.unref();
  };
  tick();
  // A directory change (an agency registered, suspended or moved) is indexed at the next directory poll,
  // not at the next periodic refresh.
  const follow = source
    ? setInterval(() => {
        if (!index.refreshing && source.lastChangeAt > refreshedAt) void refresh().catch(() => undefined);
      }, options.registry?.pollIntervalMs ?? 2_000)
    : undefined;
  follow?.unref();

  const server = new ApolloServer<CurriculumContext>({
    schema: await buildCurriculumSubgraphSchema(),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: createFormatError((error) =>
      options.logger?.error(
        { err: error instanceof Error ? error.message : String(error) },
        'curriculum request failed',
      ),
    ),
  });
  // The shared serving layer: /health, /ready, request ids, the access log, a graceful drain on stop.
  const serving = await serveApollo({
    server,
    port: options.port,
    host: options.host,
    logger: options.logger,
    context: async () => ({ index }),
  });
  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(follow);
    source?.stop();
    await serving.stop();
  };
  return { url: serving.url, index, directory, refresh, stop, [Symbol.asyncDispose]: stop };
}
