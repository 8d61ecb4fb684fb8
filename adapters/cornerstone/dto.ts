/**
 * Upstream shapes, as the wire carries them (lms-apis.md §2). Three API generations, three casings:
 * legacy PascalCase, x/v1 camelCase, Reporting snake_case (§2.6). Fields marked [I] are inferred in the
 * reference; every field is optional-tolerant in the mapper.
 */

/** `POST /services/api/oauth2/token` answer (§2.1). */
export interface CsodTokenDto {
  readonly access_token: string;
  readonly expires_in: number;
  readonly scope?: string;
  readonly token_type?: string;
}

/** Standard error envelope; `status` and `code` are strings (§2.2). */
export interface CsodErrorEnvelope {
  readonly status?: string;
  readonly timeStamp?: string;
  readonly error?: {
    readonly errorId?: string;
    readonly message?: string;
    readonly code?: string;
    readonly description?: string | null;
    readonly details?: unknown;
  };
}

/** Legacy success envelope `{status:"200", timeStamp, data}` (§2.2). */
export interface CsodLegacyEnvelope<T> {
  readonly status: string;
  readonly timeStamp?: string;
  readonly data: T[];
}

/** `GET /services/api/Catalog/GlobalSearch` item (§2.4.1a). Fields after DeepLinkURL are [I]. */
export interface CsodCatalogItemDto {
  readonly ObjectId: string;
  readonly Title: string;
  readonly Descr?: string | null;
  readonly Provider?: string | null;
  /** Localized training type label, e.g. "Online Course", "Event", "Video", "Curriculum". */
  readonly Type?: string | null;
  readonly DeepLinkURL?: string | null;
  readonly LoRef?: string | null;
  readonly Language?: string | null;
  /** Subject titles; SDGs are tagged as subjects "SDG 4 - Quality Education". */
  readonly Subjects?: readonly string[] | null;
  /** "hh:mm:ss" like the transcript's TotalTime. */
  readonly Duration?: string | null;
  readonly StartDate?: string | null;
  readonly EndDate?: string | null;
  readonly ModifiedDate?: string | null;
  readonly Active?: boolean | null;
  readonly AvailableToAll?: boolean | null;
}

/** Employee v2 record (§2.4.3). */
export interface CsodEmployeeDto {
  readonly id: number;
  readonly externalId?: string | null;
  readonly userName?: string | null;
  readonly guid?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly middleName?: string | null;
  readonly primaryEmail?: string | null;
  readonly workerStatus?: { readonly active?: boolean | null } | null;
}

/** Employee v2 list page; the token key is spelled both ways in CSOD's own docs (§2.4.3). */
export interface CsodEmployeePageDto {
  readonly timestamp?: string;
  readonly nextPageToken?: string | null;
  readonly nextpagetoken?: string | null;
  readonly count?: number;
  readonly data?: CsodEmployeeDto[] | CsodEmployeeDto;
}

/** `GET /services/api/v1/transcripts/overview` item; the shape is [I] (§2.4.2a). */
export interface CsodTranscriptDto {
  readonly learningObjectId: string;
  readonly title?: string | null;
  readonly trainingType?: string | null;
  /** Localized label: never used for logic (§2.6). */
  readonly status?: string | null;
  /** NotStarted | InProgress | Completed (documented) | Failed | Withdrawn | Cancelled [I]. */
  readonly statusGroup?: string | null;
  /** Reporting-style numeric group id [I], see `STATUS_GROUP_IDS`. */
  readonly statusGroupId?: number | null;
  readonly registrationDate?: string | null;
  readonly dueDate?: string | null;
  readonly completionDate?: string | null;
  readonly score?: number | string | null;
  readonly progress?: number | null;
  readonly isArchived?: boolean | null;
}

export interface CsodTranscriptPageDto {
  readonly data?: CsodTranscriptDto[];
  readonly pageNumber?: number;
  readonly pageSize?: number;
  readonly totalRecords?: number;
}

/**
 * `GET /services/api/LOTranscript/TranscriptSearch` item (§2.4.2c). CSOD documents the request (modification
 * window ≤ 24 h, `pageNumber`, 50 per page, active users only) but not the item; it is taken [I] to be the
 * legacy transcript item of §2.4.2b (PascalCase, `UserId` = the user's User ID / externalId, string scores)
 * plus the record's `ModificationDate` and, as the v1 overview answer is taken to have, a `StatusGroupId`.
 */
export interface CsodTranscriptSearchItemDto {
  /** The user's User ID (externalId), as the request's `UserId` parameter (§2.4.2b). */
  readonly UserId: string;
  readonly LoId: string;
  readonly Title?: string | null;
  readonly LoType?: string | null;
  /** Localized label: never used for logic (§2.6). */
  readonly Status?: string | null;
  readonly StatusGroupId?: number | null;
  readonly RegistrationDate?: string | null;
  readonly CompletionDate?: string | null;
  readonly ModificationDate?: string | null;
  readonly Score?: string | number | null;
  readonly PercentComplete?: number | null;
}

/** Reporting API (OData v4) page (§2.5). */
export interface CsodODataPage<T> {
  readonly '@odata.context'?: string;
  readonly '@odata.count'?: number;
  readonly '@odata.nextLink'?: string | null;
  readonly value: T[];
}

/** `vw_rpt_user` row (§2.4.3). */
export interface CsodReportUserDto {
  readonly user_id: number;
  readonly user_ref?: string | null;
  readonly user_name_first?: string | null;
  readonly user_name_last?: string | null;
  readonly user_email?: string | null;
}

/** `vw_rpt_transcript` row (§2.4.2d); `user_lo_status` (localized label) is [I]. */
export interface CsodReportTranscriptDto {
  readonly transc_object_id: string;
  readonly transc_user_id: number;
  readonly user_lo_status_group_id?: number | null;
  readonly user_lo_status_id?: number | null;
  readonly user_lo_status?: string | null;
  readonly user_lo_score?: number | null;
  readonly user_lo_pct_complete?: number | null;
  readonly user_lo_reg_dt?: string | null;
  readonly user_lo_comp_dt?: string | null;
  readonly is_removed?: boolean | null;
}

/** `vw_rpt_user_certification` row; the certification views are [I] (§2.4.4). */
export interface CsodReportCertificationDto {
  readonly user_cert_id: number;
  readonly user_id: number;
  readonly cert_title: string;
  readonly cert_object_id?: string | null;
  readonly cert_lo_object_id?: string | null;
  readonly cert_provider?: string | null;
  readonly user_cert_completion_dt?: string | null;
  readonly user_cert_expiration_dt?: string | null;
}

/**
 * Status group ids. 11 = Completed is suggested by third-party filters (§2.4.2d); 12/13 are the open
 * items; 14–16 are [I] and shared with the simulator.
 */
export const STATUS_GROUP_IDS = {
  Completed: 11,
  InProgress: 12,
  NotStarted: 13,
  Failed: 14,
  Withdrawn: 15,
  Cancelled: 16,
} as const;
export type CsodStatusGroup = keyof typeof STATUS_GROUP_IDS;

/**
 * Transcript API writes (§2.4.2a): `POST /services/api/v1/transcripts/assign` has a documented example body
 * (`{externalId, learningObjectId, assignment: "registered"}`, csod.dev transcript examples); the Complete
 * API is documented to exist (help.csod.com Transcript_API: "Complete API: Complete a learning record"),
 * its body is [I]: `{externalId, learningObjectId, completionDate, comments}`.
 */
export interface CsodAssignRequestDto {
  readonly externalId: string;
  readonly learningObjectId: string;
  readonly assignment: 'registered';
}

export interface CsodCompleteRequestDto {
  readonly externalId: string;
  readonly learningObjectId: string;
  /** ISO 8601 UTC. */
  readonly completionDate: string;
  readonly comments?: string;
}

/**
 * An external training record (training done outside the portal, shown on the transcript as type
 * "External Training"). Its fields follow the documented Edge Import "External Training" load (help.csod.com
 * Edge_Import_-_External_Training_Load: User ID, Training Title, Start Date/Time, Transcript Status, ... with
 * the unique key User ID + Start Date/Time + Transcript Status + Training Title, and statuses Completed /
 * Registered / Withdrawn). The REST path and the camelCase names are [I]: CSOD documents this record as a
 * file load, not as a transactional endpoint; `/services/api/v1/transcripts/external-training` sits with the
 * Transcript API's other user-centric writes.
 */
export interface CsodExternalTrainingRequestDto {
  readonly externalId: string;
  readonly trainingTitle: string;
  readonly provider: string;
  /** ISO 8601 UTC; part of the record's unique key. */
  readonly startDateTime: string;
  readonly completionDateTime: string;
  readonly transcriptStatus: 'Completed';
  readonly trainingHours: number;
  readonly description?: string;
}

/** Answer of the Transcript API writes [I]: the affected transcript record. */
export interface CsodTranscriptWriteDto {
  readonly data?: {
    readonly learningObjectId?: string | null;
    readonly externalId?: string | null;
    readonly status?: string | null;
  } | null;
}

/** `trainingType` of external training records in the v1 transcript overview [I]. */
export const EXTERNAL_TRAINING_TYPE = 'ExternalTraining';
