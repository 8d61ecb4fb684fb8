import { z } from 'zod';
import { logLevelSchema, readConfigFile, validateConfig } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../insights/similarity/index.js';

const httpUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must use http or https');

/** The curriculum process: where it listens, where the agency directory is, how often it re-reads. */
export const curriculumConfigSchema = z
  .object({
    /** @default 127.0.0.1 */
    host: z.string().default('127.0.0.1'),
    /** 0 lets the OS pick. @default 4003 */
    port: z.number().int().min(0).max(65535).default(4003),
    logLevel: logLevelSchema,
    /** The agency registry, read as the gateway reads it (its ACTIVE agencies and their subgraph URLs). */
    registry: z
      .object({
        url: httpUrl,
        /** The registry's read-only directory token, e.g. `${REGISTRY_DIRECTORY_TOKEN}`. */
        token: secretSchema,
        /** How often the directory is re-read, in ms. @default 10000 */
        pollIntervalMs: z.number().int().min(100).default(10_000),
      })
      .strict(),
    /** How often every agency's public catalogue is read again, in ms. @default 300000 (5 minutes) */
    refreshIntervalMs: z.number().int().min(100).default(300_000),
    /**
     * Between full reads, a refresh only probes each agency (how many courses, the newest update) and reads
     * its catalogue when that changed; every catalogue is read whole at least this often, in ms. @default 3600000
     */
    fullReadEveryMs: z.number().int().min(0).default(3_600_000),
    /** Per catalogue page request, in ms. @default 10000 */
    readTimeoutMs: z.number().int().positive().default(10_000),
    /** A catalogue longer than this is cut, per agency. @default 100000 */
    maxCoursesPerAgency: z.number().int().positive().default(100_000),
    similarity: z
      .object({
        /** Pairs scoring at least this are likely duplicates (README "Curriculum"). @default 0.55 */
        duplicateThreshold: z.number().min(0.35).max(1).default(DEFAULT_DUPLICATE_THRESHOLD),
        /** The index recomputes its IDF weights once the catalogue has grown or shrunk by this. @default 0.1 */
        rebuildDrift: z.number().positive().max(1).default(0.1),
      })
      .strict()
      .default({}),
  })
  .strict();

export type CurriculumConfig = z.infer<typeof curriculumConfigSchema>;

/** Reads and validates a curriculum process config file (YAML or JSON, `${ENV}` references resolved). */
export function loadCurriculumConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): CurriculumConfig {
  return validateConfig(curriculumConfigSchema, readConfigFile(path, env));
}
