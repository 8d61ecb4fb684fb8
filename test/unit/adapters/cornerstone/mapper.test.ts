import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  CsodCatalogItemDto,
  CsodEmployeeDto,
  CsodEmployeePageDto,
  CsodLegacyEnvelope,
  CsodODataPage,
  CsodReportCertificationDto,
  CsodReportTranscriptDto,
  CsodReportUserDto,
  CsodTranscriptPageDto,
} from '../../../../adapters/cornerstone/dto.js';
import {
  formatOfType,
  mapCatalogItem,
  mapCertification,
  mapEmployee,
  mapReportTranscript,
  mapReportUser,
  mapTranscript,
  parseCsodDate,
  parseDuration,
  parseScore,
  statusFromGroup,
} from '../../../../adapters/cornerstone/mapper.js';
import { CourseFormat, CourseVisibility, EnrollmentStatus } from '../../../../schema/model/enums.js';

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../../../../adapters/cornerstone/fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as T;
const PORTAL = 'https://unhcr.csod.com';

describe('parseCsodDate', () => {
  it.each([
    ['2018-05-15T18:06:55+0000', '2018-05-15T18:06:55.000Z'],
    ['2020-01-01T03:30:12.9545447Z', '2020-01-01T03:30:12.954Z'],
    ['2024-03-10T14:22:00.1234567+02:00', '2024-03-10T12:22:00.123Z'],
    ['2024-01-15T10:00:00-05:00', '2024-01-15T15:00:00.000Z'],
    ['2024-06-03T15:00:00+0200', '2024-06-03T13:00:00.000Z'],
    ['2024-03-10T14:22:00', '2024-03-10T14:22:00.000Z'],
    ['2024-03-10T14:22', '2024-03-10T14:22:00.000Z'],
    ['2008-07-04', '2008-07-04T00:00:00.000Z'],
  ])('reads %s as %s (no offset = UTC)', (input, iso) => {
    expect(parseCsodDate(input)?.toISOString()).toBe(iso);
  });

  it('answers null for empty or unreadable values', () => {
    expect(parseCsodDate(null)).toBeNull();
    expect(parseCsodDate('')).toBeNull();
    expect(parseCsodDate('yesterday')).toBeNull();
  });
});

describe('status groups', () => {
  it.each([
    ['Completed', EnrollmentStatus.COMPLETED],
    ['InProgress', EnrollmentStatus.IN_PROGRESS],
    ['In Progress', EnrollmentStatus.IN_PROGRESS],
    ['NotStarted', EnrollmentStatus.ENROLLED],
    ['Registered', EnrollmentStatus.ENROLLED],
    ['Failed', EnrollmentStatus.FAILED],
    ['Withdrawn', EnrollmentStatus.WITHDRAWN],
    ['Cancelled', EnrollmentStatus.WITHDRAWN],
    [11, EnrollmentStatus.COMPLETED],
    [12, EnrollmentStatus.IN_PROGRESS],
    [13, EnrollmentStatus.ENROLLED],
    [14, EnrollmentStatus.FAILED],
    [15, EnrollmentStatus.WITHDRAWN],
    [16, EnrollmentStatus.WITHDRAWN],
  ] as const)('maps group %s to %s', (group, status) => {
    expect(statusFromGroup(group)).toBe(status);
  });

  it('does not guess from labels or unknown groups', () => {
    expect(statusFromGroup('Terminé')).toBeNull();
    expect(statusFromGroup(99)).toBeNull();
    expect(statusFromGroup(undefined)).toBeNull();
  });
});

describe('small parsers', () => {
  it('reads scores, durations and training types', () => {
    expect([parseScore('85'), parseScore(42.5), parseScore('7,5'), parseScore(''), parseScore('n/a')]).toEqual([
      85,
      42.5,
      7.5,
      null,
      null,
    ]);
    expect([parseDuration('01:30:00'), parseDuration('00:12'), parseDuration(null)]).toEqual([90, 12, null]);
    expect(
      ['Online Course', 'OnlineClass', 'Event', 'Session', 'Video', 'Curriculum', 'Material', 'Quiz?'].map(
        formatOfType,
      ),
    ).toEqual([
      CourseFormat.SELF_PACED,
      CourseFormat.SELF_PACED,
      CourseFormat.INSTRUCTOR_LED,
      CourseFormat.INSTRUCTOR_LED,
      CourseFormat.VIDEO,
      CourseFormat.CURRICULUM,
      CourseFormat.SELF_PACED,
      CourseFormat.OTHER,
    ]);
  });
});

describe('mapCatalogItem (Catalog/GlobalSearch)', () => {
  const items = fixture<CsodLegacyEnvelope<CsodCatalogItemDto>>('catalog-globalsearch.page1').data;

  it('maps an online course with SDG subjects, deep link and 7-digit timestamp', () => {
    expect(mapCatalogItem(items[0]!, PORTAL)).toEqual({
      localId: '7ad38cb9-04e1-47be-8334-09a4484f82ad',
      sourceId: 'ONL-001',
      title: 'Ethics in the UN',
      summary: 'Standards of conduct for UN personnel.',
      language: 'en-US',
      sdgs: [16],
      topics: ['Ethics'],
      format: CourseFormat.SELF_PACED,
      durationMinutes: 90,
      url: 'https://unhcr.csod.com/DeepLink/ProcessRedirect.aspx?module=lodetails&lo=7ad38cb9-04e1-47be-8334-09a4484f82ad',
      startsAt: null,
      endsAt: null,
      updatedAt: new Date('2024-03-10T14:22:00.123Z'),
      visibility: CourseVisibility.PUBLIC,
    });
  });

  it('maps an ILT event with offsets, an inactive video and a sparse curriculum', () => {
    const [, event, video, curriculum] = items.map((item) => mapCatalogItem(item, PORTAL));
    expect(event).toMatchObject({
      format: CourseFormat.INSTRUCTOR_LED,
      visibility: CourseVisibility.INTERNAL,
      url: null,
    });
    expect(event?.startsAt?.toISOString()).toBe('2024-06-03T07:00:00.000Z');
    expect(event?.endsAt?.toISOString()).toBe('2024-06-03T13:00:00.000Z');
    expect(video).toMatchObject({
      format: CourseFormat.VIDEO,
      visibility: CourseVisibility.HIDDEN,
      sdgs: [13],
      summary: null,
    });
    expect(curriculum).toMatchObject({
      format: CourseFormat.CURRICULUM,
      sourceId: curriculum?.localId,
      sdgs: [],
      updatedAt: null,
    });
  });
});

describe('learners', () => {
  it('maps Employee v2 records: externalId is the index number, e-mail lower-cased', () => {
    const page = fixture<CsodEmployeePageDto>('employees.page-with-token');
    const [amina, service] = (page.data as CsodEmployeeDto[]).map(mapEmployee);
    expect(amina).toEqual({
      localId: '5646543',
      displayName: 'Amina Diallo',
      email: 'amina.diallo@un.org',
      indexNumber: 'UN-100001',
    });
    expect(service).toEqual({ localId: '5646544', displayName: 'svc.account', email: null, indexNumber: null });
    expect(fixture<CsodEmployeeDto[]>('employees.by-external-id').map(mapEmployee)[0]?.indexNumber).toBe('UN-100002');
  });

  it('maps vw_rpt_user rows the same way', () => {
    const [row] = fixture<CsodODataPage<CsodReportUserDto>>('odata-vw_rpt_user.by-email').value;
    expect(mapReportUser(row!)).toEqual({
      localId: '5646545',
      displayName: 'Kenji Sato',
      email: 'kenji.sato@un.org',
      indexNumber: 'UN-100002',
    });
  });
});

describe('enrolments', () => {
  it('maps v1 transcript items by status group, keeping the localized label', () => {
    const page = fixture<CsodTranscriptPageDto>('transcripts-overview.mixed-statuses');
    const mapped = (page.data ?? []).map((item) => mapTranscript('5646543', item));
    expect(mapped.map((e) => e && [e.status, e.sourceStatus])).toEqual([
      [EnrollmentStatus.COMPLETED, 'Terminé'],
      [EnrollmentStatus.IN_PROGRESS, 'En cours'],
      [EnrollmentStatus.ENROLLED, 'Registered'],
      [EnrollmentStatus.FAILED, 'Échec'],
      [EnrollmentStatus.WITHDRAWN, 'Retiré'],
      [EnrollmentStatus.WITHDRAWN, 'Cancelled'],
      null,
    ]);
    expect(mapped[0]).toEqual({
      localId: '5646543:7ad38cb9-04e1-47be-8334-09a4484f82ad',
      learnerLocalId: '5646543',
      courseLocalId: '7ad38cb9-04e1-47be-8334-09a4484f82ad',
      status: EnrollmentStatus.COMPLETED,
      sourceStatus: 'Terminé',
      enrolledAt: new Date('2024-03-01T09:00:00Z'),
      completedAt: new Date('2024-03-10T12:22:00.123Z'),
      progress: 100,
      score: 85,
    });
    expect(mapped[3]).toMatchObject({ score: 42.5, enrolledAt: new Date('2024-01-15T15:00:00Z') });
  });

  it('maps vw_rpt_transcript rows by numeric group id', () => {
    const rows = fixture<CsodODataPage<CsodReportTranscriptDto>>('odata-vw_rpt_transcript.page1').value.map(
      mapReportTranscript,
    );
    expect(rows[0]).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      sourceStatus: 'Completed',
      score: 91,
      progress: 100,
    });
    expect(rows[0]?.completedAt?.toISOString()).toBe('2024-03-10T14:22:00.123Z');
    expect(rows[1]).toMatchObject({ status: EnrollmentStatus.WITHDRAWN, sourceStatus: 'Cancelled', score: null });
  });
});

describe('credentials', () => {
  it('maps certifications as CERTIFICATE credentials', () => {
    const rows = fixture<CsodODataPage<CsodReportCertificationDto>>('odata-vw_rpt_user_certification.page1').value;
    const [course, standalone] = rows.map((row) => mapCertification(row, 'unhcr.csod.com'));
    expect(course).toEqual({
      localId: '5646543:70001',
      learnerLocalId: '5646543',
      courseLocalId: '7ad38cb9-04e1-47be-8334-09a4484f82ad',
      kind: 'CERTIFICATE',
      title: 'Ethics in the UN Certificate',
      issuer: 'UN System Staff College',
      issuedAt: new Date('2024-03-10T14:22:00Z'),
      expiresAt: new Date('2026-03-10T14:22:00Z'),
      verificationUrl: null,
      assertion: null,
    });
    expect(standalone).toMatchObject({ courseLocalId: null, issuer: 'unhcr.csod.com', expiresAt: null });
  });
});
