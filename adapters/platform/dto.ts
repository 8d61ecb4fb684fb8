import { z } from 'zod';

/**
 * Wire shapes of the three catalogue APIs. Page envelopes are checked strictly (a page that is not one is
 * LMS_BAD_RESPONSE); elements one by one, so one unreadable course is skipped with its reason instead of
 * losing its page. Unknown fields are allowed everywhere: these APIs add fields over time.
 *
 * Sources (credentials-and-platforms.md §2): Coursera's catalog API (building.coursera.org/app-platform/
 * catalog; Naptime conventions: `start`/`limit`, `fields=`, `includes=`, `paging.next`/`paging.total`,
 * `linked`) — the element fields are as the public API answers them (`id`, `slug`, `name`, `courseType`,
 * `description`, `workload`, `primaryLanguages`, `partnerIds`); `paging.total` on this endpoint is ASSUMED
 * from the Naptime convention. Open edX `lms/djangoapps/course_api` (CourseSerializer) with
 * `NamespacedPageNumberPagination`. LinkedIn Learning `learningAssets` (learn.microsoft.com …/learning/
 * integrations/locale-and-type-api and …/reference/learningassets): `elements`, `paging{total,count,start,
 * links}`; the `details` sub-fields used here (`shortDescription`, `timeToComplete`, `urls.webLaunch`,
 * `lastUpdatedAt`, `classifications`) follow the reference as we read it and are ASSUMED where the
 * reference shows them only in examples.
 */

// ---- Coursera -------------------------------------------------------------------------------------------

export const courseraCourseSchema = z
  .object({
    id: z.string().min(1),
    slug: z.string().min(1),
    name: z.string().min(1),
    courseType: z.string().optional(),
    description: z.string().optional(),
    workload: z.string().optional(),
    primaryLanguages: z.array(z.string()).optional(),
    partnerIds: z.array(z.string()).optional(),
    domainTypes: z
      .array(z.object({ domainId: z.string(), subdomainId: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();
export type CourseraCourseDto = z.infer<typeof courseraCourseSchema>;

export const courseraPageSchema = z
  .object({
    elements: z.array(z.unknown()),
    paging: z.object({ next: z.string().optional(), total: z.number().int().nonnegative() }).passthrough(),
    linked: z
      .object({ 'partners.v1': z.array(z.object({ id: z.string(), name: z.string() }).passthrough()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type CourseraPageDto = z.infer<typeof courseraPageSchema>;

// ---- Open edX -------------------------------------------------------------------------------------------

export const edxCourseSchema = z
  .object({
    /** The course key, `course-v1:<org>+<number>+<run>`. */
    id: z.string().min(1),
    name: z.string().min(1),
    number: z.string().optional(),
    org: z.string().optional(),
    short_description: z.string().nullable().optional(),
    /** Free text ("3-5 hours per week", "5:00"). */
    effort: z.string().nullable().optional(),
    start: z.string().nullable().optional(),
    end: z.string().nullable().optional(),
    pacing: z.string().nullable().optional(),
    hidden: z.boolean().optional(),
    invitation_only: z.boolean().optional(),
  })
  .passthrough();
export type EdxCourseDto = z.infer<typeof edxCourseSchema>;

export const edxPageSchema = z
  .object({
    results: z.array(z.unknown()),
    pagination: z
      .object({
        next: z.string().nullable(),
        previous: z.string().nullable().optional(),
        count: z.number().int().nonnegative(),
        num_pages: z.number().int().nonnegative(),
      })
      .passthrough(),
  })
  .passthrough();
export type EdxPageDto = z.infer<typeof edxPageSchema>;

export const edxTokenSchema = z
  .object({ access_token: z.string().min(1), expires_in: z.number().positive(), token_type: z.string().optional() })
  .passthrough();

// ---- LinkedIn Learning ----------------------------------------------------------------------------------

const localeSchema = z.object({ language: z.string(), country: z.string().optional() }).passthrough();
const localizedSchema = z.object({ value: z.string(), locale: localeSchema.optional() }).passthrough();

export const linkedInAssetSchema = z
  .object({
    /** e.g. `urn:li:lyndaCourse:563322`. */
    urn: z.string().regex(/^urn:li:[A-Za-z]+:\S+$/),
    type: z.string(),
    title: localizedSchema,
    details: z
      .object({
        shortDescription: localizedSchema.optional(),
        description: localizedSchema.optional(),
        level: z.string().optional(),
        availability: z.string().optional(),
        lastUpdatedAt: z.number().int().optional(),
        publishedAt: z.number().int().optional(),
        timeToComplete: z.object({ duration: z.number().nonnegative(), unit: z.string() }).passthrough().optional(),
        urls: z.object({ webLaunch: z.string().optional() }).passthrough().optional(),
        classifications: z
          .array(
            z
              .object({
                associatedClassification: z
                  .object({ urn: z.string().optional(), type: z.string().optional(), name: localizedSchema })
                  .passthrough(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type LinkedInAssetDto = z.infer<typeof linkedInAssetSchema>;

export const linkedInPageSchema = z
  .object({
    elements: z.array(z.unknown()),
    paging: z
      .object({
        total: z.number().int().nonnegative(),
        count: z.number().int().nonnegative(),
        start: z.number().int().nonnegative(),
        links: z.array(z.object({ rel: z.string(), href: z.string() }).passthrough()).default([]),
      })
      .passthrough(),
  })
  .passthrough();
export type LinkedInPageDto = z.infer<typeof linkedInPageSchema>;

export const linkedInTokenSchema = z
  .object({ access_token: z.string().min(1), expires_in: z.number().positive() })
  .passthrough();
