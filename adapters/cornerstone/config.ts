import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';

/** One agency's Cornerstone OnDemand portal (lms-apis.md §2). */
export const cornerstoneConfigSchema = z.object({
  kind: z.literal('cornerstone'),
  /** Portal base, e.g. `https://{corpname}.csod.com` (no `/services/api`). */
  baseUrl: httpUrlSchema('https://agency.csod.com'),
  /** OAuth client id of the Edge API app (Admin > Tools > Edge > API Management). */
  clientId: z.string().min(1, 'must not be empty'),
  clientSecret: secretSchema,
  /** Space-separated OAuth scopes, or `all`. @default 'all' */
  scope: z.string().min(1).default('all'),
  /** Per-attempt timeout in milliseconds. @default 30000 */
  timeoutMs: z.number().int().positive().optional(),
  /** Calls in flight at once against this portal. @default 8 */
  maxConcurrency: z.number().int().positive().optional(),
  /** How long catalogue data is served from cache, in milliseconds. @default 300000 */
  cacheTtlMs: z.number().int().nonnegative().optional(),
  /**
   * Length of CSOD's rate-limit window in milliseconds. Only tests change it (simulators with short
   * windows); CSOD's per-URI limits are per minute (§2.3). @default 60000
   */
  rateWindowMs: z.number().int().positive().optional(),
});

export type CornerstoneConfig = z.infer<typeof cornerstoneConfigSchema>;
