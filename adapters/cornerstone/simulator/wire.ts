import {
  type CsodCatalogItemDto,
  type CsodEmployeeDto,
  type CsodReportCertificationDto,
  type CsodReportTranscriptDto,
  type CsodReportUserDto,
  type CsodTranscriptDto,
  type CsodTranscriptSearchItemDto,
  STATUS_GROUP_IDS,
} from '../dto.js';
import type { CornerstoneDataset, SimLearningObject, SimTranscript, SimUser } from './dataset.js';
import { formatTimestamp } from './random.js';

/** Dataset → the wire shapes of each API generation (lms-apis.md §2.4). */
const hhmmss = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

export function catalogItem(lo: SimLearningObject): CsodCatalogItemDto {
  return {
    ObjectId: lo.id,
    Title: lo.title,
    Descr: lo.description,
    Provider: lo.provider,
    Type: lo.type,
    DeepLinkURL: encodeURIComponent(`/DeepLink/ProcessRedirect.aspx?module=lodetails&lo=${lo.id}`),
    LoRef: lo.ref,
    Language: lo.language,
    Subjects: lo.subjects,
    Duration: hhmmss(lo.durationMinutes),
    StartDate: lo.startsAt === null ? null : formatTimestamp(lo.startsAt, lo.style),
    EndDate: lo.startsAt === null ? null : formatTimestamp(lo.startsAt + lo.durationMinutes * 60_000, lo.style),
    ModifiedDate: formatTimestamp(lo.modifiedAt, lo.style),
    Active: lo.active,
    AvailableToAll: lo.availableToAll,
  };
}

export function employee(user: SimUser): CsodEmployeeDto {
  return {
    id: user.id,
    externalId: user.externalId,
    userName: user.userName,
    guid: user.guid,
    firstName: user.firstName,
    lastName: user.lastName,
    middleName: null,
    primaryEmail: user.email,
    workerStatus: { active: true },
  };
}

/** v1 transcript item; some scores travel as strings, like the legacy API's (§2.6). */
export function transcriptItem(t: SimTranscript, lo: SimLearningObject | undefined): CsodTranscriptDto {
  return {
    learningObjectId: t.loId,
    title: lo?.title ?? null,
    trainingType: lo?.trainingType ?? null,
    status: t.label,
    statusGroup: t.group,
    statusGroupId: STATUS_GROUP_IDS[t.group],
    registrationDate: formatTimestamp(t.registeredAt, t.style),
    dueDate: null,
    completionDate: t.completedAt === null ? null : formatTimestamp(t.completedAt, t.style),
    score: t.score === null ? null : t.statusId % 2 === 0 ? String(t.score) : t.score,
    progress: t.progress,
    isArchived: false,
  };
}

/** A Transcript Search item (shape [I], see `CsodTranscriptSearchItemDto`); scores travel as strings (§2.6). */
export function transcriptSearchItem(
  t: SimTranscript,
  user: SimUser,
  lo: SimLearningObject | undefined,
): CsodTranscriptSearchItemDto {
  return {
    UserId: user.externalId,
    LoId: t.loId,
    Title: lo?.title ?? null,
    LoType: lo?.type ?? null,
    Status: t.label,
    StatusGroupId: STATUS_GROUP_IDS[t.group],
    RegistrationDate: formatTimestamp(t.registeredAt, t.style),
    CompletionDate: t.completedAt === null ? null : formatTimestamp(t.completedAt, t.style),
    ModificationDate: formatTimestamp(t.modifiedAt, t.style),
    Score: t.score === null ? null : String(t.score),
    PercentComplete: t.progress,
  };
}

export interface ReportViews {
  readonly vw_rpt_user: CsodReportUserDto[];
  readonly vw_rpt_transcript: CsodReportTranscriptDto[];
  readonly vw_rpt_user_certification: CsodReportCertificationDto[];
  readonly vw_rpt_training: Array<Record<string, unknown>>;
}

/** A `vw_rpt_transcript` row (§2.4.2d). */
export function reportTranscriptRow(t: SimTranscript): CsodReportTranscriptDto & { readonly reg_num: number } {
  return {
    transc_object_id: t.loId,
    transc_user_id: t.userId,
    reg_num: 1,
    user_lo_status_id: t.statusId,
    user_lo_status_group_id: STATUS_GROUP_IDS[t.group],
    user_lo_status: t.label,
    user_lo_score: t.score,
    user_lo_pct_complete: t.progress,
    user_lo_reg_dt: formatTimestamp(t.registeredAt, t.style),
    user_lo_comp_dt: t.completedAt === null ? null : formatTimestamp(t.completedAt, t.style),
    is_removed: false,
  };
}

export function reportViews(data: CornerstoneDataset): ReportViews {
  return {
    vw_rpt_user: data.users.map((u) => ({
      user_id: u.id,
      user_ref: u.externalId,
      user_login: u.userName,
      user_name_first: u.firstName,
      user_name_last: u.lastName,
      user_email: u.email,
      user_status_id: 1,
    })),
    vw_rpt_transcript: data.transcripts.map(reportTranscriptRow),
    vw_rpt_user_certification: data.certifications.map((c) => ({
      user_cert_id: c.id,
      user_id: c.userId,
      cert_title: c.title,
      cert_lo_object_id: c.loId,
      cert_provider: 'UN System Staff College',
      user_cert_completion_dt: formatTimestamp(c.issuedAt, c.style),
      user_cert_expiration_dt: c.expiresAt === null ? null : formatTimestamp(c.expiresAt, c.style),
    })),
    vw_rpt_training: data.learningObjects.map((lo) => ({
      lo_object_id: lo.id,
      lo_title: lo.title,
      lo_ref: lo.ref,
      lo_type: lo.type,
      lo_modified_dt: formatTimestamp(lo.modifiedAt, lo.style),
      lo_active: lo.active,
    })),
  };
}
