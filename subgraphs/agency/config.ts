import { dirname } from 'node:path';
import { z } from 'zod';
import { cacheBackendSchema } from '../../adapters/core/cache.js';
import { ConfigError } from '../../schema/config/configError.js';
import { describeIssues, logLevelSchema, readConfigFile } from '../../schema/config/load.js';
import { AGENCY_CODE_PATTERN } from '../../schema/globalId.js';
import { servingSettingsSchema } from '../../schema/serving/serve.js';
import { gatewayTrustSchema } from '../assertion/verifier.js';
import { DEFAULT_CATALOGUE_CACHE_MS } from './catalogueCache.js';
import { type LmsConnection, resolveLmsConnection } from './lmsConnection.js';
import { agencyLimitsSchema } from './requestScope.js';

/**
 * One agency subgraph process: which agency, where it listens, and its LMS connection (`lms`: a built-in
 * kind's settings, or `module` naming a home-grown adapter plus that adapter's settings).
 */
export const agencyProcessConfigSchema = z
  .object({
    agency: z
      .object({
        code: z.string().regex(AGENCY_CODE_PATTERN, 'must be a lowercase slug of 2–16 characters, e.g. "who"'),
        name: z.string().min(1, 'must not be empty'),
      })
      .strict(),
    /** @default 127.0.0.1 */
    host: z.string().default('127.0.0.1'),
    /** 0 lets the OS pick. @default 0 */
    port: z.number().int().min(0).max(65535).default(0),
    cache: cacheBackendSchema,
    logLevel: logLevelSchema,
    lms: z.record(z.string(), z.unknown(), {
      required_error:
        'is required: `kind: moodle` (or another built-in kind), or `module: <path>` for a home-grown adapter',
    }),
    /**
     * The gateway whose signed assertions say who is asking (`jwksUrl` of the gateway, or a `jwksFile`).
     * Without it this subgraph serves public data only: no learner, enrolment or credential.
     */
    gateway: gatewayTrustSchema.optional(),
    /** What one request may cost this agency (README "Resilience"). */
    limits: agencyLimitsSchema,
    /** How long a sorted catalogue list is reused across requests, in ms; 0 turns it off. @default 1000 */
    catalogueCacheMs: z.number().int().min(0).max(60_000).default(DEFAULT_CATALOGUE_CACHE_MS),
    /** HTTP: body limit, slow-client timeouts, drain timeout on SIGTERM (README "Running the gateway in production"). */
    serving: servingSettingsSchema.default({}),
  })
  .strict();

export type AgencyProcessConfig = Omit<z.infer<typeof agencyProcessConfigSchema>, 'lms'> & {
  readonly lms: LmsConnection;
};

/**
 * Reads and validates an agency process config file (YAML or JSON, `${ENV}` references resolved), loading
 * a home-grown adapter module when `lms.module` names one (relative paths are relative to the file).
 * Throws one ConfigError listing every problem.
 */
export async function loadAgencyConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<AgencyProcessConfig> {
  const raw = readConfigFile(path, env);
  const base = agencyProcessConfigSchema.safeParse(raw);
  const lms = await resolveLmsConnection((raw as { lms?: unknown } | null)?.lms, dirname(path));
  const problems = [...(base.success ? [] : describeIssues(base.error)), ...('problems' in lms ? lms.problems : [])];
  if (!base.success || 'problems' in lms) throw new ConfigError(problems);
  return { ...base.data, lms: lms.connection };
}
