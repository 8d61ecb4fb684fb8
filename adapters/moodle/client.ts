import qs from 'qs';
import type { Secret } from '../../schema/config/secret.js';
import { LmsError } from '../core/errors.js';
import { createLmsHttpClient, type RawResponse } from '../core/http.js';
import type {
  MoodleCompletionStatusDto,
  MoodleCourseDto,
  MoodleCoursesByFieldDto,
  MoodleEnrolledUserDto,
  MoodleFeedbackItemsDto,
  MoodleFeedbackResponsesDto,
  MoodleFeedbacksDto,
  MoodleReportDto,
  MoodleSearchCoursesDto,
  MoodleSiteInfoDto,
  MoodleTagAreasDto,
  MoodleTagCloudDto,
  MoodleTagIndexDto,
  MoodleUserBadgesDto,
  MoodleUserCourseDto,
  MoodleUserDto,
  MoodleUsersDto,
  MoodleWarningDto,
} from './dto.js';
import { mapException, warningsOf } from './envelope.js';

/** The one REST endpoint; every function is `wsfunction=<name>` on it (lms-apis.md §1.1). */
export const MOODLE_REST_PATH = '/webservice/rest/server.php';

export interface MoodleClientOptions {
  readonly baseUrl: string;
  readonly token: Secret;
  readonly agency: string;
  readonly timeoutMs?: number;
  readonly maxConcurrency?: number;
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  /** Partial failures reported next to data (§1.2 "Warnings pattern"). */
  readonly onWarnings?: (wsfunction: string, warnings: readonly MoodleWarningDto[]) => void;
}

export type MoodleUserField = 'id' | 'idnumber' | 'username' | 'email';
export type MoodleCourseField = 'id' | 'ids' | 'shortname' | 'idnumber' | 'category';

/** Which participants `core_enrol_get_enrolled_users` lists: all, only active, or only those with no active enrolment. */
export type RosterFilter = 'all' | 'active' | 'inactive';

/**
 * What `core_completion_get_course_completion_status` says about one person in one course. Its refusals
 * are answers, not failures (completion/classes/external.php): `not-enabled` (completion off,
 * `cannotviewreport`), `not-tracked` (no active tracked enrolment, `usernotenroled`), `no-criteria`
 * (`nocriteriaset`, §1.3.3).
 */
export type CompletionAnswer =
  | { readonly kind: 'status'; readonly dto: MoodleCompletionStatusDto }
  | { readonly kind: 'not-enabled' | 'not-tracked' | 'no-criteria' };

const COMPLETION_REFUSALS: Readonly<Record<string, CompletionAnswer['kind']>> = {
  cannotviewreport: 'not-enabled',
  usernotenroled: 'not-tracked',
  notenroled: 'not-tracked',
  nocriteriaset: 'no-criteria',
};

/**
 * Reads the answer before the generic HTTP mapping: HTTP 200 exception envelopes become coded errors
 * (§1.2, §1.4a), and a 200 whose body is not JSON (PHP died mid-response, §1.4) is a bad response.
 */
export function interpretMoodleResponse(raw: RawResponse): LmsError | undefined {
  const error = mapException(raw.data, raw.upstream);
  if (error) return error;
  if (raw.status === 200 && (typeof raw.data !== 'object' || raw.data === null)) {
    return new LmsError('LMS_BAD_RESPONSE', 'Moodle answered with a body that is not JSON.', {
      upstream: raw.upstream,
    });
  }
  return undefined;
}

/** One method per web-service function; raw DTOs out, `LmsError`s on failure. */
export function createMoodleClient(options: MoodleClientOptions) {
  const http = createLmsHttpClient({
    lmsKind: 'moodle',
    agency: options.agency,
    baseUrl: options.baseUrl,
    interpret: interpretMoodleResponse,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxConcurrency !== undefined ? { maxConcurrency: options.maxConcurrency } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  });

  /**
   * POST form-urlencoded with PHP bracket params, so long id lists never hit URL limits; the token goes in
   * `wstoken` because the REST server reads no Authorization header (§1.1, §1.2). Every function used
   * here only reads, so retries are safe.
   */
  async function call<T>(wsfunction: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const data = qs.stringify(
      { wstoken: options.token.reveal(), wsfunction, moodlewsrestformat: 'json', ...params },
      { arrayFormat: 'indices' },
    );
    const body = await http.request<T>({
      method: 'POST',
      url: MOODLE_REST_PATH,
      data,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    const warnings = warningsOf(body);
    if (warnings.length > 0) options.onWarnings?.(wsfunction, warnings);
    return body;
  }

  return {
    getSiteInfo: (signal?: AbortSignal) => call<MoodleSiteInfoDto>('core_webservice_get_site_info', {}, signal),

    /** No ids: the whole catalogue, site course included. With ids: unknown ids are left out (§1.4a). */
    async getCourses(ids?: readonly number[]): Promise<MoodleCourseDto[]> {
      if (ids && ids.length === 0) return [];
      return call<MoodleCourseDto[]>('core_course_get_courses', ids ? { options: { ids } } : {});
    },

    /** Beware `field=ids` with an unknown id: the whole batch fails with an errorcode-less exception (§1.4a). */
    getCoursesByField: (field: MoodleCourseField, value: string) =>
      call<MoodleCoursesByFieldDto>('core_course_get_courses_by_field', { field, value }),

    searchCourses: (text: string, page: number, perpage: number) =>
      call<MoodleSearchCoursesDto>('core_course_search_courses', {
        criterianame: 'search',
        criteriavalue: text,
        page,
        perpage,
      }),

    /** `returnusercount=0`: counting participants is expensive and unused (§1.3.2). */
    getUsersCourses: (userId: number) =>
      call<MoodleUserCourseDto[]>('core_enrol_get_users_courses', { userid: userId, returnusercount: 0 }),

    /**
     * One page of a course's participants, ordered by id (enrol/externallib.php get_enrolled_users):
     * `onlyactive` / `onlysuspended` pick by enrolment state, `userfields` keeps each row small.
     */
    getEnrolledUsers: (
      courseId: number,
      page: { readonly filter: RosterFilter; readonly from: number; readonly limit: number },
      userfields: readonly string[],
    ) =>
      call<MoodleEnrolledUserDto[]>('core_enrol_get_enrolled_users', {
        courseid: courseId,
        options: [
          ...(page.filter === 'active' ? [{ name: 'onlyactive', value: 1 }] : []),
          ...(page.filter === 'inactive' ? [{ name: 'onlysuspended', value: 1 }] : []),
          { name: 'userfields', value: userfields.join(',') },
          { name: 'limitfrom', value: page.from },
          { name: 'limitnumber', value: page.limit },
        ],
      }),

    /**
     * Exact match as the site's database compares (§1.3.4): exact on PostgreSQL. Unknown values are
     * simply absent; so is a user whose searched field the caller may not see.
     */
    async getUsersByField(field: MoodleUserField, values: readonly string[]): Promise<MoodleUserDto[]> {
      if (values.length === 0) return [];
      return call<MoodleUserDto[]>('core_user_get_users_by_field', { field, values });
    },

    /** `criteria[i][key|value]`, ANDed; `email` is a case-insensitive LIKE (user/externallib.php get_users). */
    getUsers: (criteria: readonly { readonly key: string; readonly value: string }[]) =>
      call<MoodleUsersDto>('core_user_get_users', { criteria }),

    async getCourseCompletionStatus(courseId: number, userId: number): Promise<CompletionAnswer> {
      try {
        const dto = await call<MoodleCompletionStatusDto>('core_completion_get_course_completion_status', {
          courseid: courseId,
          userid: userId,
        });
        return { kind: 'status', dto };
      } catch (error) {
        const refusal = error instanceof LmsError ? COMPLETION_REFUSALS[error.upstream?.vendorCode ?? ''] : undefined;
        if (refusal) return { kind: refusal } as CompletionAnswer;
        throw error;
      }
    },

    getUserBadges: (userId: number) => call<MoodleUserBadgesDto>('core_badges_get_user_badges', { userid: userId }),

    getTagAreas: () => call<MoodleTagAreasDto>('core_tag_get_tag_areas'),

    getTagCloud: (tagcollid: number, limit: number) =>
      call<MoodleTagCloudDto>('core_tag_get_tag_cloud', { tagcollid, limit }),

    getTagIndex: (tag: string, tc: number, ta: number) =>
      call<MoodleTagIndexDto>('core_tag_get_tagindex', { tagindex: { tag, tc, ta } }),

    searchCoursesByTag: (tagId: number, page: number, perpage: number) =>
      call<MoodleSearchCoursesDto>('core_course_search_courses', {
        criterianame: 'tagid',
        criteriavalue: tagId,
        page,
        perpage,
      }),

    /** One page of a custom report (report builder); `page` is 0-based. */
    retrieveReport: (reportId: number, page: number, perpage: number) =>
      call<MoodleReportDto>('core_reportbuilder_retrieve_report', { reportid: reportId, page, perpage }),

    /** The Feedback activities of these courses (mod_feedback); unknown course ids come back as warnings. */
    async getFeedbacksByCourses(courseIds: readonly number[]): Promise<MoodleFeedbacksDto> {
      if (courseIds.length === 0) return { feedbacks: [], warnings: [] };
      return call<MoodleFeedbacksDto>('mod_feedback_get_feedbacks_by_courses', { courseids: courseIds });
    },

    /** A feedback's questions, with each item's type, label and answer options. */
    getFeedbackItems: (feedbackId: number) =>
      call<MoodleFeedbackItemsDto>('mod_feedback_get_items', { feedbackid: feedbackId }),

    /** One page (0-based) of a feedback's responses, named and anonymous; perpage 0 would mean all at once. */
    getFeedbackResponses: (feedbackId: number, page: number, perpage: number) =>
      call<MoodleFeedbackResponsesDto>('mod_feedback_get_responses_analysis', {
        feedbackid: feedbackId,
        page,
        perpage,
      }),

    dispose: () => http.dispose(),
  };
}

export type MoodleClient = ReturnType<typeof createMoodleClient>;
