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
  /** "" when the course forces no language, or one whose pack the site lacks (PARAM_LANG). */
  readonly lang?: string;
  /** Absent when the site defines no course custom fields. */
  readonly customfields?: readonly MoodleCustomFieldDto[];
  /** Deprecated top-level copy of the format option; present for formats that have it. */
  readonly hiddensections?: number;
  /** Only `get_courses_by_field` and `search_courses` carry it (a pluginfile URL or a generated data URL). */
  readonly courseimage?: string;
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

/**
 * `core_enrol_get_users_courses` item (enrol/externallib.php): a course the learner is actively enrolled
 * in and may see, with their completion state; no enrolment date or status.
 */
export interface MoodleUserCourseDto {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly visible?: number;
  readonly format?: string;
  readonly enablecompletion?: boolean;
  readonly completionhascriteria?: boolean;
  /** Whether completion tracks this person (active enrolment, role with isincompletionreports). */
  readonly completionusertracked?: boolean;
  /** Percent; null when completion is off, the person is not tracked, or no activity tracks completion. */
  readonly progress?: number | null;
  /** null when completion is off in the course. */
  readonly completed?: boolean | null;
  /** Last visit to the course; null when never. */
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

/** `core_user_get_users`: the users matching every criterion, and warnings for unknown keys. */
export interface MoodleUsersDto {
  readonly users: readonly MoodleUserDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

/** `core_enrol_get_enrolled_users` item: only the requested `userfields` (id and fullname always). */
export interface MoodleEnrolledUserDto {
  readonly id: number;
  readonly fullname: string;
  readonly username?: string;
  readonly email?: string;
  readonly idnumber?: string;
  /** Last visit to this course; 0 when never. */
  readonly lastcourseaccess?: number;
  readonly roles?: readonly { readonly roleid: number; readonly shortname: string }[];
}

export interface MoodleCompletionCriterionDto {
  readonly type: number;
  readonly title?: string;
  readonly status?: string;
  readonly complete: boolean;
  readonly timecompleted: number | null;
  /** Localized descriptions; never read (§1.3.3). */
  readonly details?: Readonly<Record<string, string>>;
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
  readonly type?: number;
  readonly courseid?: number | null;
  readonly issuedid?: number;
  readonly uniquehash: string;
  readonly dateissued: number;
  readonly dateexpire: number | null;
  readonly badgeurl?: string;
  /** The site root with a trailing `/` on real sites. */
  readonly issuerurl?: string;
  /** "" when the badge names no contact. */
  readonly issuercontact?: string | null;
  readonly message?: string;
  readonly version?: string | null;
  readonly alignment?: readonly { readonly targetName?: string; readonly targetUrl?: string }[];
  readonly relatedbadges?: readonly { readonly id: number; readonly name: string }[];
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

/** `core_tag_get_tag_areas` (tag/classes/external.php). */
export interface MoodleTagAreasDto {
  readonly areas: readonly {
    readonly id: number;
    readonly component: string;
    readonly itemtype: string;
    readonly enabled: boolean;
    readonly tagcollid: number;
  }[];
}

/** `core_tag_get_tag_cloud`: names and counts, no ids. */
export interface MoodleTagCloudDto {
  readonly tags: readonly { readonly name: string; readonly count?: number }[];
  readonly tagscount: number;
  readonly totalcount: number;
}

/** `core_tag_get_tagindex`: the tag's id and one area's items rendered as HTML. */
export interface MoodleTagIndexDto {
  readonly tagid: number;
  readonly ta: number;
  readonly component: string;
  readonly itemtype: string;
}

/** `core_reportbuilder_retrieve_report` (reportbuilder/classes/external/reports/retrieve.php). */
export interface MoodleReportDto {
  readonly details: { readonly id: number; readonly name: string; readonly source: string };
  readonly data: {
    readonly headers: readonly string[];
    /** Formatted cell values: strings (numbers of aggregations may come as numbers). */
    readonly rows: readonly { readonly columns: readonly (string | number | null)[] }[];
    readonly totalrowcount: number;
  };
}

/** `mod_feedback_get_feedbacks_by_courses` item (mod/feedback/classes/external/feedback_summary_exporter.php). */
export interface MoodleFeedbackDto {
  readonly id: number;
  /** The course the feedback belongs to. */
  readonly course: number;
  readonly name: string;
  /** 1 anonymous (FEEDBACK_ANONYMOUS_YES), 2 named (FEEDBACK_ANONYMOUS_NO). */
  readonly anonymous: number;
  readonly coursemodule?: number;
}

export interface MoodleFeedbacksDto {
  readonly feedbacks: readonly MoodleFeedbackDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

/** `mod_feedback_get_items` item (feedback_item_exporter.php). */
export interface MoodleFeedbackItemDto {
  readonly id: number;
  readonly name: string;
  readonly label: string;
  /** For `multichoicerated`: `r>>>>>1####Poor|2####Fair|…` (rated value####text per answer). */
  readonly presentation: string;
  /** `label`, `multichoice`, `multichoicerated`, `numeric`, `textarea`, `textfield`, `info`, `pagebreak`, … */
  readonly typ: string;
  readonly hasvalue: number;
  readonly position: number;
}

export interface MoodleFeedbackItemsDto {
  readonly items: readonly MoodleFeedbackItemDto[];
  readonly warnings?: readonly MoodleWarningDto[];
}

/** One item's answer in a response (`responses_table::get_responses_for_external`): `id` is the item's id. */
export interface MoodleFeedbackValueDto {
  readonly id: number;
  readonly name?: string;
  readonly printval?: string;
  /** `feedback_value.value`: for multichoicerated the 1-based index of the answer picked (0 or "" = none). */
  readonly rawval: string | number | null;
}

/**
 * `mod_feedback_get_responses_analysis`: named responses in `attempts` (they carry `userid` and `fullname`,
 * which the adapter drops), anonymous ones in `anonattempts`; page/perpage apply to both lists.
 */
export interface MoodleFeedbackResponsesDto {
  readonly attempts: readonly {
    readonly id: number;
    readonly courseid: number;
    readonly timemodified?: number;
    readonly responses: readonly MoodleFeedbackValueDto[];
  }[];
  readonly totalattempts: number;
  readonly anonattempts: readonly {
    readonly id: number;
    readonly courseid: number;
    readonly responses: readonly MoodleFeedbackValueDto[];
  }[];
  readonly totalanonattempts: number;
  readonly warnings?: readonly MoodleWarningDto[];
}
