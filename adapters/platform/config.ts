import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';
import { CostModel } from '../../schema/model/enums.js';

/** Settings every catalogue API shares: caching, walking, the HTTP pipeline. */
const common = {
  kind: z.literal('platform'),
  /**
   * Courses per catalogue page. Coursera's `limit`, edX's `page_size` (at most 100, edx-drf-extensions
   * `NamespacedPageNumberPagination`), LinkedIn's `count`. @default 100
   */
  pageSize: z.number().int().min(2).max(100).default(100),
  /** How long a catalogue walk is served before the next one, in ms. @default 3600000 */
  cacheTtlMs: z.number().int().nonnegative().default(3_600_000),
  /** How long the last complete walk may still be served while walking fails, in ms. @default 86400000 */
  staleIfErrorMs: z.number().int().nonnegative().default(86_400_000),
  /** Walks restarted from the first page when the catalogue changes under the walk. @default 3 */
  maxWalkAttempts: z.number().int().min(1).max(10).default(3),
  /** Safety stop for paging that never ends. @default 1000 */
  maxPages: z.number().int().positive().default(1_000),
  /** The cost model every course of this agency gets; by default the platform's documented model. */
  costModel: z.nativeEnum(CostModel).optional(),
  /** Per-request timeout in ms. @default 30000 */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Retries of a failed request (429 honours Retry-After). @default 2 */
  retries: z.number().int().nonnegative().default(2),
};

const clientCredentials = {
  clientId: z.string().min(1),
  clientSecret: secretSchema,
};

/** Coursera's public catalogue (`/api/courses.v1`); read-only, no authentication. */
const courseraSchema = z
  .object({
    ...common,
    api: z.literal('coursera'),
    /** API root. @default https://api.coursera.org */
    baseUrl: httpUrlSchema('https://api.coursera.org').default('https://api.coursera.org'),
  })
  .strict();

/** An Open edX LMS course catalogue (`/api/courses/v1/courses/`): edx.org or a self-hosted instance. */
const edxSchema = z
  .object({
    ...common,
    api: z.literal('edx'),
    /** LMS root. @default https://courses.edx.org */
    baseUrl: httpUrlSchema('https://courses.edx.org').default('https://courses.edx.org'),
    /**
     * The course list does not state a course's language (course_api CourseSerializer has no such field):
     * the language of this instance's catalogue, or none. @default none
     */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 tag such as en or fr-CA')
      .optional(),
    /**
     * An OAuth client of the instance (`/oauth2/access_token`, `token_type=jwt`): anonymous callers see the
     * public catalogue only. @default anonymous
     */
    credentials: z.object(clientCredentials).strict().optional(),
  })
  .strict();

/** LinkedIn Learning's learning assets (`/v2/learningAssets?q=localeAndType`), 2-legged OAuth. */
const linkedInSchema = z
  .object({
    ...common,
    api: z.literal('linkedin-learning'),
    /** API root. @default https://api.linkedin.com */
    baseUrl: httpUrlSchema('https://api.linkedin.com').default('https://api.linkedin.com'),
    /** @default https://www.linkedin.com/oauth/v2/accessToken */
    tokenUrl: httpUrlSchema('https://www.linkedin.com/oauth/v2/accessToken').default(
      'https://www.linkedin.com/oauth/v2/accessToken',
    ),
    ...clientCredentials,
    /**
     * `sourceLocale` of the catalogue to read: LinkedIn groups its catalogue by language (12 locales; no
     * Arabic or Russian). @default en_US
     */
    sourceLocale: z
      .object({ language: z.string().regex(/^[a-z]{2}$/), country: z.string().regex(/^[A-Z]{2}$/) })
      .strict()
      .default({ language: 'en', country: 'US' }),
  })
  .strict();

/** One external course platform's public catalogue, read page by page into a snapshot. */
export const platformConfigSchema = z.discriminatedUnion('api', [courseraSchema, edxSchema, linkedInSchema]);

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
export type PlatformApi = PlatformConfig['api'];
export type CourseraConfig = z.infer<typeof courseraSchema>;
export type EdxConfig = z.infer<typeof edxSchema>;
export type LinkedInConfig = z.infer<typeof linkedInSchema>;
