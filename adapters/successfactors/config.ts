import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';

const httpUrl = httpUrlSchema('https://unicef.plateau.com');

/** Connection settings of one agency's SAP SuccessFactors Learning tenant (lms-apis.md §3). */
export const successFactorsConfigSchema = z.object({
  kind: z.literal('successfactors'),
  /** Learning host, without `/learning/...`. */
  baseUrl: httpUrl,
  /** OAuth client id; in Learning this is usually the company id (lms-apis.md §3.1). */
  clientId: z.string().min(1, 'must not be empty'),
  /** Secret from Learning Admin > System Administration > Configuration > OAuth Token Server. */
  clientSecret: secretSchema,
  /** Goes into the token request's `scope.companyId`. */
  companyId: z.string().min(1, 'must not be empty'),
  /** The admin API user the token is issued for (`scope.userId`). */
  userId: z.string().min(1, 'must not be empty'),
  /** Catalogue whose CoursesFeed is the agency's catalogue. @default "PUBLIC" */
  catalogId: z.string().min(1).default('PUBLIC'),
  /** SF locale id of the catalogue feed (`criteria/localeID`). @default "English" */
  localeId: z.string().min(1).default('English'),
  /** Per-attempt HTTP timeout in ms; history calls are slow (lms-apis.md §3.2). @default 30000 */
  timeoutMs: z.number().int().positive().optional(),
  /** How long catalogue data is served from cache, in ms. @default 300000 (5 minutes) */
  cacheTtlMs: z.number().int().nonnegative().default(300_000),
  /**
   * Spacing of calls to the serialised services (search, user, catalogue/item), in ms; curricula get ten
   * times this. SAP KBA 2516640 allows one call per 500 ms. Lower it only for simulators. @default 500
   */
  minIntervalMs: z.number().int().nonnegative().default(500),
  /**
   * `providerID` of recognised learning posted as OCN learning events: the content provider the tenant
   * knows Convergence by (Open Content Network provider set up by the Learning admin). @default "CONVERGENCE"
   */
  ocnProviderId: z.string().min(1).default('CONVERGENCE'),
});

export type SuccessFactorsConfig = z.infer<typeof successFactorsConfigSchema>;
