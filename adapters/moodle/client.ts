import qs from 'qs';
import type { Secret } from '../../schema/config/secret.js';
import { LmsError } from '../core/errors.js';
import { createLmsHttpClient, type RawResponse } from '../core/http.js';
import type {
  MoodleCompletionStatusDto,
  MoodleCourseDto,
  MoodleCoursesByFieldDto,
  MoodleEnrolledUserDto,
  MoodleSearchCoursesDto,
  MoodleSiteInfoDto,
  MoodleUserBadgesDto,
  MoodleUserCourseDto,
  MoodleUserDto,
  MoodleWarningDto,
} from './dto.js';
import { mapException, warningsOf } from './envelope.js';
import { NO_CRITERIA_CODE } from './mapper.js';

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

    getEnrolledUsers: (courseId: number, limitfrom: number, limitnumber: number) =>
      call<MoodleEnrolledUserDto[]>('core_enrol_get_enrolled_users', {
        courseid: courseId,
        options: [
          { name: 'limitfrom', value: limitfrom },
          { name: 'limitnumber', value: limitnumber },
        ],
      }),

    /** Unknown values are simply absent from the answer (§1.3.4). */
    async getUsersByField(field: MoodleUserField, values: readonly string[]): Promise<MoodleUserDto[]> {
      if (values.length === 0) return [];
      return call<MoodleUserDto[]>('core_user_get_users_by_field', { field, values });
    },

    /** null when the course has no completion criteria (`nocriteriaset`, §1.3.3): not tracked, not an error. */
    async getCourseCompletionStatus(courseId: number, userId: number): Promise<MoodleCompletionStatusDto | null> {
      try {
        return await call<MoodleCompletionStatusDto>('core_completion_get_course_completion_status', {
          courseid: courseId,
          userid: userId,
        });
      } catch (error) {
        if (error instanceof LmsError && error.upstream?.vendorCode === NO_CRITERIA_CODE) return null;
        throw error;
      }
    },

    getUserBadges: (userId: number) => call<MoodleUserBadgesDto>('core_badges_get_user_badges', { userid: userId }),

    dispose: () => http.dispose(),
  };
}

export type MoodleClient = ReturnType<typeof createMoodleClient>;
