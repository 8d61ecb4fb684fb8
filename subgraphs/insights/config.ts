import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { readConfigFile, validateConfig } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../schema/disclosure.js';
import { gatewayTrustSchema } from '../assertion/verifier.js';
import type { RunPolicy } from './harvest/incremental.js';
import { DEFAULT_PGLITE_PATH } from './store/sql.js';

/**
 * The insights process and `convergence harvest` (issue 15): the store, which agencies to harvest (their
 * agency process configs, whose LMS connections and limiters the harvest uses), and the subgraph.
 */
export const insightsConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    /** 0 lets the OS pick. @default 4004 */
    port: z.number().int().min(0).max(65535).default(4004),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** @default { kind: pglite, path: .data/insights } */
    store: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('pglite'), path: z.string().min(1).optional() }).strict(),
        z
          .object({
            kind: z.literal('postgres'),
            url: z.string().min(1),
            /** Schema holding the store's tables (pg-boss keeps its own, `<schema>_boss`). @default insights */
            schema: z
              .string()
              .regex(/^[a-z_][a-z0-9_]{0,40}$/)
              .default('insights'),
          })
          .strict(),
      ])
      .default({ kind: 'pglite', path: DEFAULT_PGLITE_PATH }),
    /** HMAC secret of pseudonymous learner keys, e.g. `${INSIGHTS_LEARNER_KEY_SECRET}`. @default one kept in the store */
    learnerKeySecret: secretSchema.optional(),
    /** Enrolments inactive for longer than this many months are deleted at the next snapshot. @default kept */
    retentionMonths: z.number().int().positive().optional(),
    /** Counts of people under this are withheld. @default 5 */
    suppressionThreshold: z.number().int().min(1).default(DEFAULT_SUPPRESSION_THRESHOLD),
    /** The gateway whose assertions say who is asking. */
    gateway: gatewayTrustSchema.optional(),
    /** Agency process config files (as `convergence agency` reads them), relative to this file. */
    agencies: z.array(z.string().min(1)).default([]),
    /**
     * When given, only the registry's ACTIVE agencies are harvested (read as the gateway reads it), with
     * their recognised learning from its `recognitionFeed`: `token` is the registry's `harvestToken` (or admin token).
     */
    registry: z.object({ url: z.string().url(), token: secretSchema }).strict().optional(),
    harvest: z
      .object({
        /** Harvest every agency when the process starts. @default true */
        onStart: z.boolean().default(true),
        /** Then again every this many ms; 0: never. @default 3600000 */
        intervalMs: z.number().int().nonnegative().default(3_600_000),
        /**
         * Runs between full ones are incremental where the LMS has a modified-since filter (Cornerstone,
         * SuccessFactors): they see changes but never deletions, so every `fullEvery`-th run reads everything
         * again. @default 24
         */
        fullEvery: z.number().int().positive().default(24),
        /** ...and a full run at the latest this many hours after the last one. @default 168 */
        fullMaxAgeHours: z.number().positive().default(168),
        /** Changes are asked for since the last run's start minus this many minutes (late saves). @default 15 */
        overlapMinutes: z.number().nonnegative().default(15),
      })
      .strict()
      .default({}),
  })
  .strict();

export type InsightsConfig = z.infer<typeof insightsConfigSchema>;

/** The harvest's full-or-incremental policy from the config (harvest/incremental.ts). */
export function runPolicyOf(config: InsightsConfig): RunPolicy {
  return {
    fullEvery: config.harvest.fullEvery,
    fullMaxAgeMs: config.harvest.fullMaxAgeHours * 3_600_000,
    overlapMs: config.harvest.overlapMinutes * 60_000,
  };
}

export function loadInsightsConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): InsightsConfig {
  const config = validateConfig(insightsConfigSchema, readConfigFile(path, env));
  const base = dirname(path);
  return { ...config, agencies: config.agencies.map((file) => resolve(base, file)) };
}
