/**
 * Raw Moodle REST (JSON) shapes, as documented in shared/reference/lms-apis.md §1.3. Only the fields the
 * adapter reads are typed; `VALUE_OPTIONAL` fields may be missing, so they are optional here.
 */

/** The partial-failure list many functions return next to their data (§1.2 "Warnings pattern"). */
export interface MoodleWarningDto {
  readonly item?: string;
  readonly itemid?: number;
  readonly warningcode: string;
  readonly message?: string;
}

/** HTTP 200 error body (§1.2); `errorcode` may be missing (§1.4a). */
export interface MoodleExceptionDto {
  readonly exception: string;
  readonly errorcode?: string;
  readonly message?: string;
  readonly debuginfo?: string;
}

export interface MoodleCustomFieldDto {
  readonly name?: string;
  readonly shortname: string;
  readonly type?: string;
  readonly valueraw?: string | number | null;
  readonly value?: string | number | null;
}

/** `core_course_get_courses` item (§1.3.1); `get_courses_by_field` adds a few more fields. */
export interface MoodleCourseDto {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly displayname?: string;
  readonly idnumber?: string;
  readonly categoryid?: number;
  readonly summary?: string;
  readonly summaryformat?: number;
  readonly format?: string;
  readonly startdate?: number;
  readonly enddate?: number;
  /** 0/1 int here, unlike the booleans of newer functions (§1.4). */
  readonly visible?: number | boolean;
  readonly timecreated?: number;
  readonly timemodified?: number;
  readonly enablecompletion?: number | boolean;
  readonly lang?: string;
  readonly customfields?: readonly MoodleCustomFieldDto[];
}

export interface MoodleCoursesByFieldDto {
  readonly courses: readonly MoodleCourseDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

export interface MoodleSearchCoursesDto {
  readonly total: number;
  readonly courses: readonly MoodleCourseDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

/** `core_enrol_get_users_courses` item (§1.3.2): a course plus the user's progress, no dates of enrolment. */
export interface MoodleUserCourseDto {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly visible?: number;
  readonly format?: string;
  readonly enablecompletion?: boolean;
  readonly completionhascriteria?: boolean;
  readonly completionusertracked?: boolean;
  /** Percent, or null when completion is not tracked. */
  readonly progress?: number | null;
  readonly completed?: boolean;
  readonly lastaccess?: number | null;
  readonly startdate?: number;
  readonly enddate?: number;
}

/** `core_user_get_users_by_field` item (§1.3.4); private fields such as `email` may be omitted. */
export interface MoodleUserDto {
  readonly id: number;
  readonly username?: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly fullname: string;
  readonly email?: string;
  readonly idnumber?: string;
  readonly suspended?: boolean;
}

/** `core_enrol_get_enrolled_users` item (§1.4a). */
export interface MoodleEnrolledUserDto {
  readonly id: number;
  readonly fullname: string;
  readonly email?: string;
  readonly idnumber?: string;
  readonly roles?: readonly { readonly roleid: number; readonly shortname: string }[];
}

export interface MoodleCompletionCriterionDto {
  readonly type: number;
  readonly title?: string;
  readonly status?: string;
  readonly complete: boolean;
  readonly timecompleted: number | null;
}

/** `core_completion_get_course_completion_status` (§1.3.3). */
export interface MoodleCompletionStatusDto {
  readonly completionstatus: {
    readonly completed: boolean;
    readonly aggregation: number;
    readonly completions: readonly MoodleCompletionCriterionDto[];
  };
  readonly warnings?: readonly MoodleWarningDto[];
}

/** `core_badges_get_user_badges` item (§1.3.5). */
export interface MoodleBadgeDto {
  readonly id?: number;
  readonly name: string;
  readonly description?: string;
  readonly issuername: string;
  readonly issuerurl?: string;
  readonly type?: number;
  readonly courseid?: number | null;
  readonly issuedid?: number;
  readonly uniquehash: string;
  readonly dateissued: number;
  readonly dateexpire: number | null;
  readonly badgeurl?: string;
}

export interface MoodleUserBadgesDto {
  readonly badges: readonly MoodleBadgeDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

/** `core_webservice_get_site_info` (§1.3.6). */
export interface MoodleSiteInfoDto {
  readonly sitename: string;
  readonly username: string;
  readonly userid: number;
  readonly siteurl: string;
  readonly release?: string;
  readonly version?: string;
  readonly lang?: string;
  readonly functions?: readonly { readonly name: string; readonly version: string }[];
}
