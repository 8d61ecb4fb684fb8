import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { readConfigFile, validateConfig } from '../schema/config/load.js';
import { secretSchema } from '../schema/config/secret.js';
import { AGENCY_CODE_PATTERN } from '../schema/globalId.js';
import { LMS_KINDS, lmsKindName, parseLmsKind } from '../schema/lmsKind.js';
import { servingSettingsSchema } from '../schema/serving/serve.js';
import { authConfigSchema } from './auth/config.js';
import { limitsConfigSchema } from './limits/config.js';
import { tracingConfigSchema } from './observability/tracing.js';
import { answerCacheConfigSchema } from './upstream/answerCache.js';

const httpUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must use http or https');

/** The gateway process: where it listens, its limits, and where agencies answer. */
export const gatewayConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    /** @default 4000 */
    port: z.number().int().min(0).max(65535).default(4000),
    /** Per-agency timeout in ms. @default 5000 */
    agencyTimeoutMs: z.number().int().positive().default(5_000),
    /** Overall deadline of one fan-out in ms. @default 10000 */
    deadlineMs: z.number().int().positive().default(10_000),
    /**
     * Signs cross-agency cursors. Set the same value on every gateway behind a load balancer; when absent
     * a random one is made at start-up, and cursors do not survive a restart.
     */
    cursorSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Schema introspection (and the explorer). @default true */
    introspection: z.boolean().default(true),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Static agency directory, until agencies come from the registry. */
    agencies: z
      .array(
        z
          .object({
            code: z.string().regex(AGENCY_CODE_PATTERN, 'must be a lowercase slug, e.g. "who"'),
            name: z.string().min(1),
            /** The kind (`moodle`) or its GraphQL name (`MOODLE`). */
            lmsKind: z.string().transform((value, ctx) => {
              const kind = parseLmsKind(value);
              if (kind) return kind;
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                message: `must be one of ${LMS_KINDS.map(lmsKindName).join(', ')}`,
              });
              return z.NEVER;
            }),
            url: httpUrl,
          })
          .strict(),
      )
      .default([]),
    /**
     * The agency registry: the directory follows its ACTIVE agencies while running (then leave `agencies`
     * empty), and its URL serves the `registry` subgraph unless `subgraphUrls.registry` says otherwise.
     */
    registry: z
      .object({
        url: httpUrl,
        /** The registry's read-only directory token (or its admin token), e.g. `${REGISTRY_DIRECTORY_TOKEN}`. */
        token: secretSchema,
        /** How often the directory is re-read, in ms. @default 2000 */
        pollIntervalMs: z.number().int().min(100).default(2_000),
      })
      .strict()
      .optional(),
    /** URLs of the other subgraphs of the supergraph (the registry), by subgraph name. */
    subgraphUrls: z.record(httpUrl).default({}),
    /** Sign-in and personal-data protection: trusted issuers, assertion key, CORS, audit, disclosure. */
    auth: authConfigSchema.default({}),
    /** What is refused before any agency is asked: depth, aliases, directives, tokens, cost, rate. */
    limits: limitsConfigSchema.default({}),
    /** HTTP: body limit, slow-client timeouts, drain timeout on SIGTERM. */
    serving: servingSettingsSchema.default({}),
    /** Per-agency circuit breakers: consecutive failures that open one, and when it is tried again. */
    breaker: z
      .object({
        /** @default 3 */
        failures: z.number().int().positive().default(3),
        /** @default 5000 */
        halfOpenAfterMs: z.number().int().positive().default(5_000),
      })
      .strict()
      .default({}),
    /** A short-lived shared cache of agency answers that hold no personal data; off when absent. */
    answerCache: answerCacheConfigSchema.optional(),
    /** OpenTelemetry traces over OTLP/HTTP; off when absent. */
    tracing: tracingConfigSchema.optional(),
    /** Prometheus metrics at `/metrics`. @default true */
    metrics: z.boolean().default(true),
    /** The offline explorer (GraphiQL) at `GET /graphql` in a browser. @default on unless NODE_ENV=production */
    explorer: z.boolean().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.registry && config.agencies.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['agencies'],
        message: 'give either a static agencies list or a registry, not both (the registry owns the directory)',
      });
    }
    const codes = config.agencies.map((a) => a.code);
    for (const duplicate of codes.filter((code, i) => codes.indexOf(code) !== i)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['agencies'],
        message: `agency code ${duplicate} appears twice`,
      });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema> & { readonly cursorSecret: string };

export function loadGatewayConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): GatewayConfig {
  const config = validateConfig(gatewayConfigSchema, readConfigFile(path, env));
  const subgraphUrls = config.registry
    ? { registry: config.registry.url, ...config.subgraphUrls }
    : config.subgraphUrls;
  // One Redis for the gateways' shared state: the rate budget follows the answer cache's unless told otherwise.
  const rate = config.limits.rate && {
    ...config.limits.rate,
    redisUrl: config.limits.rate.redisUrl ?? config.answerCache?.redisUrl,
  };
  return {
    ...config,
    subgraphUrls,
    limits: { ...config.limits, rate },
    cursorSecret: config.cursorSecret ?? randomBytes(32).toString('base64url'),
  };
}
