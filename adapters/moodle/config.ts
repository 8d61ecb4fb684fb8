import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';

const httpUrl = httpUrlSchema('https://learn.agency.org');

/** Connection settings of one agency's Moodle site. */
export const moodleConfigSchema = z
  .object({
    kind: z.literal('moodle'),
    /** Site root, e.g. `https://learn.agency.org` (without `/webservice/...`). */
    baseUrl: httpUrl,
    /** A permanent web-service token of a dedicated service user (lms-apis.md §1.2). */
    token: secretSchema,
    /** Per-attempt timeout in ms. @default 30000 (lms-apis.md §1.4: PHP max_execution_time) */
    timeoutMs: z.number().int().positive().optional(),
    /** Calls in flight at once against this site. @default 8 */
    maxConcurrency: z.number().int().positive().optional(),
    /** How long catalogue data is served from the cache, in ms. @default 300000 */
    cacheTtlMs: z.number().int().nonnegative().default(300_000),
    /** Language picked from multilang titles (`<span lang>` / `{mlang}`). @default 'en' */
    language: z
      .string()
      .regex(/^[a-z]{2,3}([_-][a-z0-9]+)*$/i, 'must be a language code such as en or fr_ca')
      .default('en'),
    /**
     * What a visible Moodle course becomes. Moodle visibility is binary: a visible course is listed to
     * every account on the site, so it is PUBLIC unless the agency says its site is staff-only.
     * @default 'PUBLIC'
     */
    visibleCourses: z.enum(['PUBLIC', 'INTERNAL']).default('PUBLIC'),
  })
  .strict();

export type MoodleConfig = z.infer<typeof moodleConfigSchema>;
