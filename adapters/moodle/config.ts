import { z } from 'zod';
import { httpUrlSchema } from '../../schema/config/load.js';
import { secretSchema } from '../../schema/config/secret.js';

const httpUrl = httpUrlSchema('https://learn.agency.org');

const regex = (what: string) =>
  z.string().refine(
    (source) => {
      try {
        return new RegExp(source, 'i').source.length > 0 && /\((?!\?)/.test(source);
      } catch {
        return false;
      }
    },
    { message: `must be a regular expression with one capture group for the goal number (${what})` },
  );

/**
 * Where a site keeps the SDGs of its courses (README, Moodle section):
 * - `customField`: a course custom field (text, or a multi-select whose labels name the goals), by short name;
 * - `tags`: course tags such as "SDG 4" or "sdg-13", read with `pattern` (one capture group: the number);
 * - `idnumber`: goal numbers spelt in the course ID number, every match of `pattern` counting.
 */
const sdgSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('customField'), shortname: z.string().min(1).default('sdgs') }).strict(),
  z
    .object({
      from: z.literal('tags'),
      pattern: regex('e.g. ^SDG\\s*(\\d+)$').default('^(?:sdg|goal)[\\s_-]*0*(\\d{1,2})$'),
    })
    .strict(),
  z
    .object({ from: z.literal('idnumber'), pattern: regex('e.g. SDG(\\d+)').default('SDG[\\s_-]*0*(\\d{1,2})') })
    .strict(),
]);

export type MoodleSdgSource = z.infer<typeof sdgSourceSchema>;

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
    /** Where the SDGs of a course are kept. @default { from: 'customField', shortname: 'sdgs' } */
    sdgSource: sdgSourceSchema.default({ from: 'customField', shortname: 'sdgs' }),
    /**
     * What a transcript holds. `complete`: every enrolment, hidden courses and inactive enrolments included,
     * at one roster call per course of the site. `active`: only what the learner's own course list shows
     * (active enrolments in courses they may see), one call: for sites with thousands of courses, where a
     * complete transcript would not fit the gateway's timeout (README, Moodle section). @default 'complete'
     */
    transcripts: z.enum(['complete', 'active']).default('complete'),
    /** Participants per `core_enrol_get_enrolled_users` page (`limitnumber`). @default 1000 */
    rosterPageSize: z.number().int().min(1).max(10_000).default(1000),
    /**
     * Ids of the two custom reports (report builder, Moodle 4.0+) that let learningStats count completions
     * and badges per course without reading every learner (README, Moodle section). Without them, the
     * counts read each participant: fine for small sites only.
     */
    reports: z
      .object({ completions: z.number().int().positive(), badges: z.number().int().positive() })
      .strict()
      .optional(),
    /**
     * Course evaluations from the Feedback activity (mod_feedback; README, KPI section). Moodle has no
     * notion of "the course's rating": a feedback is any list of questions. The only question type whose
     * answers carry a number is `multichoicerated` (each answer has a rated value), so that is what is
     * read: the item labelled `ratingLabel` (the short label authors see as "(label)"), or, when a
     * feedback has no such item and `firstRatedItem` is on, its first rated item, which is what a one-
     * question "rate this course" feedback has. The item's own scale (say 0–4 or 1–10) is mapped linearly
     * onto 1–5. Free-text answers are never read.
     */
    feedback: z
      .object({
        /** @default true */
        enabled: z.boolean().default(true),
        /** @default 'courserating' */
        ratingLabel: z.string().min(1).default('courserating'),
        /** @default true */
        firstRatedItem: z.boolean().default(true),
        /** Responses per `mod_feedback_get_responses_analysis` page. @default 500 */
        pageSize: z.number().int().min(1).max(10_000).default(500),
      })
      .strict()
      .default({}),
  })
  .strict();

export type MoodleConfig = z.infer<typeof moodleConfigSchema>;
