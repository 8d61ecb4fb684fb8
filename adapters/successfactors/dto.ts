import { z } from 'zod';

/**
 * Upstream shapes of SuccessFactors Learning OData v4 (lms-apis.md §3.4). Only fields the mapper reads are
 * declared; everything else passes through untouched, so the cached DTOs stay close to the wire. Epoch
 * fields are numbers whose unit (ms or s) is decided in the mapper (§3.5).
 */
const text = z.string().nullable().optional();
const epoch = z.number().nullable().optional();
const flag = z.boolean().nullable().optional();
const hours = z.number().nullable().optional();

/** Envelope of every collection answer (§3.3). */
export const odataCollectionSchema = z
  .object({
    '@odata.count': z.number().optional(),
    '@odata.nextLink': z.string().optional(),
    value: z.array(z.unknown()),
  })
  .passthrough();
export type ODataCollection = z.infer<typeof odataCollectionSchema>;

/** `{"error":{"code","message"}}` on 4xx/5xx (§3.2). */
export const odataErrorSchema = z.object({
  error: z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }).passthrough(),
});

/** OAuth-style token server answers: success, and `error_description` failures (§3.1). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});
export const oauthErrorSchema = z.object({ error: z.string().optional(), error_description: z.string() });

const subjectAreaSchema = z.object({ subjectAreaID: z.string(), subjectAreaDesc: text }).passthrough();

/** `catalog-service/v1/CatalogsFeed('{id}')/CoursesFeed` row (§3.4.1 a). */
export const catalogCourseSchema = z
  .object({
    componentTypeID: z.string(),
    componentID: z.string(),
    revisionDate: z.number(),
    title: z.string(),
    description: text,
    sourceID: text,
    deliveryMethodID: text,
    totalLength: hours,
    active: flag,
    deeplink: text,
    SubjectAreasFeed: z.array(subjectAreaSchema).nullable().optional(),
  })
  .passthrough();
export type CatalogCourseDto = z.infer<typeof catalogCourseSchema>;

/** `search-service/v1/Items` row (§3.4.1 b): the item key under other names. */
export const searchItemSchema = z
  .object({
    itemTypeID: z.string(),
    itemID: z.string(),
    revisionDate: z.number(),
    itemTitle: z.string(),
    description: text,
    sourceID: text,
    deliveryMethodID: text,
    totalLength: hours,
    active: flag,
    deeplink: text,
  })
  .passthrough();
export type SearchItemDto = z.infer<typeof searchItemSchema>;

/** `search-service/v1/Students` row (§3.4.4). Email is not server-filterable. */
export const studentSchema = z
  .object({
    studentID: z.string(),
    firstName: text,
    lastName: text,
    emailAddr: text,
    personExternalID: text,
    personGUID: text,
  })
  .passthrough();
export type StudentDto = z.infer<typeof studentSchema>;

/** `learningplan-service/v1/UserTodoLearningItems` row: an assignment (§3.4.2 a). */
export const todoItemSchema = z
  .object({
    componentTypeID: z.string(),
    componentID: z.string(),
    revisionDate: z.number(),
    title: text,
    status: text,
    assignedDate: epoch,
    requiredDate: epoch,
    onlineLaunched: flag,
  })
  .passthrough();
export type TodoItemDto = z.infer<typeof todoItemSchema>;

/** `userlearning-service/v1/learninghistorys` row: a completion record (§3.4.3). */
export const historyRowSchema = z
  .object({
    componentTypeID: z.string(),
    componentID: z.string(),
    revisionDate: z.number(),
    title: text,
    completionStatusID: text,
    completionStatusDesc: text,
    provideCredit: flag,
    studentComponentID: z.union([z.number(), z.string()]).nullable().optional(),
    grade: text,
    completionDate: epoch,
    lastUpdateTimestamp: epoch,
    certificateLink: text,
    /** Free text on the history row (tap-successfactors schema); recognised learning carries its key here. */
    comments: text,
    /** The learner's rating of the item (§3.4.3 `rating`, with `enableRating`, `ratingDate`); read as 1–5. */
    rating: z.number().nullable().optional(),
  })
  .passthrough();
export type HistoryRowDto = z.infer<typeof historyRowSchema>;

/**
 * `POST admin/learningevent-service/v1/OCNLearningEvents` (§3.4.5): a completion recorded from outside the
 * tenant for an item of its catalogue. Fields as edx-enterprise sends them ([C-3p]
 * integrated_channels/sap_success_factors: userID, courseID, providerID, courseCompleted,
 * completedTimestamp in ms, grade, totalHours, creditHours).
 */
export interface OcnLearningEventDto {
  readonly userID: string;
  readonly courseID: string;
  readonly providerID: string;
  readonly courseCompleted: boolean;
  readonly completedTimestamp: number;
  readonly grade?: string;
  readonly totalHours?: number;
  readonly creditHours?: number;
}

/**
 * `POST user/learningevent-service/v1/ExternalLearningEvents` (§3.4.5, entity named by CData [C-3p]): learning
 * done outside the tenant, recorded in the learner's history. The field names are [I], after the
 * learning-history row's (§3.4.3: title, totalHours, creditHours, completionDate in ms, comments); an
 * admin token names the learner with `studentID`, as admin calls to user services name `targetUserID`.
 */
export interface ExternalLearningEventDto {
  readonly studentID: string;
  readonly title: string;
  readonly description?: string;
  readonly source: string;
  readonly completionDate: number;
  readonly totalHours: number;
  readonly creditHours: number;
  readonly comments?: string;
}

/** What both event services answer [I]: the history row's item key, at least. */
export const learningEventAnswerSchema = z
  .object({
    componentTypeID: z.string().optional(),
    componentID: z.string().optional(),
    revisionDate: z.number().optional(),
  })
  .passthrough();
