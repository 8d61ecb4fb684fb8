import { z } from 'zod';
import { cacheBackendSchema } from '../../adapters/core/cache.js';
import { readConfigFile, validateConfig } from '../../adapters/core/config.js';
import { lmsConfigSchema } from '../../adapters/registry.js';
import { AGENCY_CODE_PATTERN } from '../../schema/globalId.js';
import { gatewayTrustSchema } from '../assertion/verifier.js';

/** One agency subgraph process: which agency, where it listens, and its LMS connection. */
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
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    lms: lmsConfigSchema,
    /**
     * The gateway whose signed assertions say who is asking (`jwksUrl` of the gateway, or a `jwksFile`).
     * Without it this subgraph serves public data only: no learner, enrolment or credential.
     */
    gateway: gatewayTrustSchema.optional(),
  })
  .strict();

export type AgencyProcessConfig = z.infer<typeof agencyProcessConfigSchema>;

/** Reads and validates an agency process config file (YAML or JSON, `${ENV}` references resolved). */
export function loadAgencyConfig(path: string, env: Readonly<Record<string, string | undefined>> = process.env) {
  return validateConfig(agencyProcessConfigSchema, readConfigFile(path, env));
}
