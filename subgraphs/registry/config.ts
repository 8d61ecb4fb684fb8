import { z } from 'zod';
import { readConfigFile, validateConfig } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../schema/disclosure.js';
import { servingSettingsSchema } from '../../schema/serving/serve.js';
import { gatewayTrustSchema } from '../assertion/verifier.js';
import { curationCriteriaSchema } from './curation/criteria.js';
import { parseDestination } from './gate/destination.js';
import { registryBackendSchema } from './store/backends.js';

/** The registry process: where it listens, its store, its admin credential and health checks. */
export const registryConfigSchema = z
  .object({
    /** @default 127.0.0.1 */
    host: z.string().default('127.0.0.1'),
    /** 0 lets the OS pick. @default 4001 */
    port: z.number().int().min(0).max(65535).default(4001),
    /** Bearer token of registry admins; reference an environment variable, e.g. `${REGISTRY_ADMIN_TOKEN}`. */
    adminToken: secretSchema.refine((s) => s.reveal().length >= 16, 'must be at least 16 characters'),
    /**
     * Read-only bearer token for gateways (they read where agencies answer, and cannot change anything).
     * Optional: without it gateways need the admin token.
     */
    directoryToken: secretSchema.refine((s) => s.reveal().length >= 16, 'must be at least 16 characters').optional(),
    /**
     * Read-only bearer token of the insights harvest: the directory, and the recognition feed its KPIs count
     * (no person in it). Optional: without it the harvest needs the admin token to count recognised learning.
     */
    harvestToken: secretSchema.refine((s) => s.reveal().length >= 16, 'must be at least 16 characters').optional(),
    /** @default { kind: sqlite, path: .data/registry.sqlite } */
    store: registryBackendSchema,
    /** HTTP: body limit, slow-client timeouts, drain timeout on SIGTERM. */
    serving: servingSettingsSchema.default({}),
    health: z
      .object({
        /** How often every ACTIVE agency is checked, in ms. @default 10000 */
        intervalMs: z.number().int().min(100).default(10_000),
        /** A check slower than this (ms) makes the agency DEGRADED. @default 1000 */
        degradedAfterMs: z.number().int().positive().default(1_000),
        /** @default 5000 */
        timeoutMs: z.number().int().positive().default(5_000),
      })
      .strict()
      .default({}),
    /** Per request to a candidate subgraph during registration, in ms. @default 5000 */
    gateTimeoutMs: z.number().int().positive().default(5_000),
    /**
     * Non-public addresses the registration gate and health checks may call: IPs or CIDR ranges, e.g.
     * `127.0.0.0/8` for agencies on this machine or `10.20.0.0/16` for an internal network. Everything else
     * private, loopback or link-local (such as 169.254.169.254) is refused. @default [] (public addresses only)
     */
    allowedDestinations: z
      .array(z.string().refine((entry) => parseDestination(entry) !== undefined, 'must be an IP address or CIDR range'))
      .default([]),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The gateway whose assertions of REGISTRY_ADMIN principals count as admin (`jwksUrl` or `jwksFile`). */
    gateway: gatewayTrustSchema.optional(),
    /** Recognised learning (issue 14): how credentials are verified, what analysts may see. */
    recognition: z
      .object({
        /** How issuer documents, keys and status lists are fetched (README "Credential verification"). */
        verifier: z
          .object({
            /** Per fetch, in ms. @default 5000 */
            timeoutMs: z.number().int().positive().optional(),
            /** Plain http issuer URLs; never in production. @default false */
            allowHttp: z.boolean().default(false),
            /** Loopback and private addresses (the sandbox's platform simulator); never in production. @default false */
            allowPrivateNetwork: z.boolean().default(false),
            /** How long a fetched status list is reused, in ms: a revocation shows after at most this. @default 60000 */
            statusCacheMs: z.number().int().nonnegative().default(60_000),
          })
          .strict()
          .default({}),
        /** Counts of recognitions under this are withheld from analysts. @default 5 */
        suppressionThreshold: z.number().int().min(1).default(DEFAULT_SUPPRESSION_THRESHOLD),
      })
      .strict()
      .default({}),
    /** Course curation (issue 16). Records live in `store`, beside the registrations. */
    curation: z
      .object({
        /** The criteria curators check courses against. @default JIU rec. 6 (curation/criteria.ts) */
        criteria: curationCriteriaSchema,
      })
      .strict()
      .default({}),
  })
  .strict();

export type RegistryConfig = z.infer<typeof registryConfigSchema>;

/** Reads and validates a registry process config file (YAML or JSON, `${ENV}` references resolved). */
export function loadRegistryConfig(path: string, env: Readonly<Record<string, string | undefined>> = process.env) {
  return validateConfig(registryConfigSchema, readConfigFile(path, env));
}

/** Where the admin CLI commands (`register`, `list`, ...) find the registry, unless flags say otherwise. */
export interface RegistryClientSettings {
  readonly url: string | undefined;
  readonly token: string | undefined;
}

/** `CONVERGENCE_REGISTRY_URL` and `CONVERGENCE_ADMIN_TOKEN`: the token stays out of shell history. */
export function loadRegistryClientSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RegistryClientSettings {
  return { url: env.CONVERGENCE_REGISTRY_URL, token: env.CONVERGENCE_ADMIN_TOKEN };
}
