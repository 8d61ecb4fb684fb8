import { httpUrlSchema, secretSchema, z } from 'convergence/sdk';

/** Connection settings of a Learnhub instance: the agency config's `lms` section, besides `module`. */
export const learnhubConfigSchema = z
  .object({
    /** Root of the Learnhub server, e.g. `https://learnhub.agency.org`. */
    baseUrl: httpUrlSchema('https://learnhub.agency.org'),
    /** Learnhub API key, sent as `Authorization: Bearer`. Reference an environment variable. */
    apiKey: secretSchema,
    /** How long the catalogue is served from the cache, in ms. @default 300000 */
    cacheTtlMs: z.number().int().nonnegative().default(300_000),
    /** Per-attempt timeout in ms. @default 10000 */
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

export type LearnhubConfig = z.infer<typeof learnhubConfigSchema>;
