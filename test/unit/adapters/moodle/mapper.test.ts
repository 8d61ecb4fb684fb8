import { describe, expect, it } from 'vitest';
import type {
  MoodleCompletionStatusDto,
  MoodleCourseDto,
  MoodleCoursesByFieldDto,
  MoodleUserBadgesDto,
  MoodleUserCourseDto,
  MoodleUserDto,
} from '../../../../adapters/moodle/dto.js';
import { mapException, warningsOf } from '../../../../adapters/moodle/envelope.js';
import { escapeLike } from '../../../../adapters/moodle/learners.js';
import {
  customFieldText,
  isSiteCourse,
  type MoodleMapContext,
  mapBadge,
  mapCourse,
  mapCourseFormat,
  mapUser,
  parseSdgs,
  sdgsByPattern,
} from '../../../../adapters/moodle/mapper.js';
import {
  completionDate,
  completionOfStatus,
  completionOfUserCourse,
  mapEnrolment,
} from '../../../../adapters/moodle/status.js';
import { moodleLangToBcp47, resolveMultilang, summaryToText } from '../../../../adapters/moodle/text.js';
import { CourseFormat, CourseVisibility, EnrollmentStatus } from '../../../../schema/model/enums.js';
import { fixture } from './fixtures.js';

const ctx: MoodleMapContext = {
  siteUrl: 'https://learn.example.org',
  language: 'en',
  visibleAs: CourseVisibility.PUBLIC,
  siteLanguage: 'en',
};
const upstream = { method: 'POST', url: 'https://learn.example.org/webservice/rest/server.php', status: 200 };
const courses = fixture<MoodleCourseDto[]>('core_course_get_courses.all');
const sdgsOf = (dto: MoodleCourseDto) => parseSdgs(customFieldText(dto, 'sdgs'));
const mapCourses = (dtos: readonly MoodleCourseDto[], context: MoodleMapContext) =>
  dtos.map((dto) => mapCourse(dto, context, sdgsOf(dto))).filter((c) => c !== null);
const course = (id: number, context: MoodleMapContext = ctx) => {
  const dto = courses.find((c) => c.id === id)!;
  return mapCourse(dto, context, sdgsOf(dto));
};

describe('Moodle mapper: catalogue quirks (lms-apis.md §1.4)', () => {
  it('leaves out the site front-page course (id 1, format "site") that get_courses includes', () => {
    expect(isSiteCourse(courses[0]!)).toBe(true);
    expect(mapCourses(courses, ctx).map((c) => c.localId)).toEqual(['12', '15', '21', '22']);
  });

  it('maps visible 0 to HIDDEN and visible courses to the configured visibility', () => {
    expect(course(15)?.visibility).toBe(CourseVisibility.HIDDEN);
    expect(course(12)?.visibility).toBe(CourseVisibility.PUBLIC);
    expect(course(12, { ...ctx, visibleAs: CourseVisibility.INTERNAL })?.visibility).toBe(CourseVisibility.INTERNAL);
  });

  it('resolves <span class="multilang"> titles and summaries to the configured language', () => {
    expect(course(21)?.title).toBe('Gender Equality');
    expect(course(21)?.summary).toBe('Why gender matters.');
    expect(course(21, { ...ctx, language: 'fr' })?.title).toBe('Égalité des genres');
    expect(course(21, { ...ctx, language: 'fr_ca' })?.title).toBe('Égalité des genres');
    expect(course(21, { ...ctx, language: 'de' })?.title).toBe('Gender Equality');
  });

  it('resolves {mlang xx} titles (filter_multilang2), with the "other" fallback', () => {
    expect(course(22)?.title).toBe('Climate Action');
    expect(course(22, { ...ctx, language: 'es' })?.title).toBe('Acción climática');
    expect(course(22, { ...ctx, language: 'de' })?.title).toBe('Climate Action (other)');
    expect(resolveMultilang('Before {mlang en,fr}Shared{mlang}{mlang es}Compartido{mlang} after', 'fr')).toBe(
      'Before Shared after',
    );
    expect(resolveMultilang('No markup at all', 'fr')).toBe('No markup at all');
  });

  it('converts Unix seconds to dates and treats 0 as not set', () => {
    const eth = course(12)!;
    expect(eth.startsAt?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(eth.endsAt).toBeNull();
    expect(eth.updatedAt?.toISOString()).toBe(new Date(1_700_500_000 * 1000).toISOString());
    expect(course(21)?.updatedAt).toBeNull();
  });

  it('strips HTML (and @@PLUGINFILE@@ images) from HTML summaries but keeps plain-text ones', () => {
    expect(course(12)?.summary).toBe('Know the standards of conduct & how to raise concerns.');
    expect(course(22)?.summary).toBe('Plain text summary, no HTML <kept>');
    expect(course(15)?.summary).toBeNull();
    expect(summaryToText('<p>&nbsp;A&#233;&#x21;</p>', 1, 'en')).toBe('Aé!');
  });

  it('reads SDGs and topics from course custom fields, keeping SDGs within 1–17', () => {
    expect(course(12)?.sdgs).toEqual([4, 5, 16]);
    expect(course(12)?.topics).toEqual(['ethics', 'integrity']);
    expect(course(15)?.sdgs).toEqual([12]);
    expect(course(21)?.sdgs).toEqual([]);
  });

  it('reads an empty custom field (valueraw "", value null) and a site without custom fields as no SDGs', () => {
    const empty = courses.find((c) => c.id === 21)!;
    expect(empty.customfields?.find((f) => f.shortname === 'sdgs')).toMatchObject({ valueraw: '', value: null });
    expect(customFieldText(empty, 'sdgs')).toBe('');
    const bare = fixture<MoodleCourseDto[]>('core_course_get_courses.no-customfields');
    expect(bare.every((c) => c.customfields === undefined)).toBe(true);
    expect(bare.map((c) => parseSdgs(customFieldText(c, 'sdgs')))).toEqual([[], [], []]);
  });

  it('prefers the formatted value of a custom field: a select answers its option index as valueraw', () => {
    const select: MoodleCourseDto = {
      ...courses[1]!,
      customfields: [{ name: 'SDG', shortname: 'sdg', type: 'select', valueraw: '3', value: 'SDG 13 Climate action' }],
    };
    expect(parseSdgs(customFieldText(select, 'SDG'))).toEqual([13]);
  });

  it('reads goals spelt in an ID number or a tag with a pattern, every match counting', () => {
    expect(sdgsByPattern('CLI-104-SDG13-SDG07-SDG99', /SDG[\s_-]*0*(\d{1,2})/i)).toEqual([7, 13]);
    const tag = /^(?:sdg|goal)[\s_-]*0*(\d{1,2})$/i;
    expect(['SDG 4', 'sdg-04', 'Goal 13', 'SDG13', 'SDGs'].map((t) => sdgsByPattern(t, tag))).toEqual([
      [4],
      [4],
      [13],
      [13],
      [],
    ]);
  });

  it('falls back to the site\'s language when Moodle answers lang "" (none forced, or a pack not installed)', () => {
    // Course 15 forces fr_ca, a pack this site lacks: Moodle answers "" (PARAM_LANG).
    expect(course(15)?.language).toBe('en');
    expect(course(12)?.language).toBe('en');
    expect(course(12, { ...ctx, siteLanguage: 'fr' })?.language).toBe('fr');
    expect(course(12, { ...ctx, siteLanguage: null })?.language).toBeNull();
    expect(course(22)?.language).toBe('es-MX');
    expect(moodleLangToBcp47('en')).toBe('en');
  });

  it('maps course formats, the course URL and the shortname as source id', () => {
    expect([12, 15, 21, 22].map((id) => course(id)?.format)).toEqual([
      CourseFormat.SELF_PACED,
      CourseFormat.INSTRUCTOR_LED,
      CourseFormat.SELF_PACED,
      CourseFormat.OTHER,
    ]);
    expect(mapCourseFormat(undefined)).toBe(CourseFormat.OTHER);
    expect(course(12)).toMatchObject({
      url: 'https://learn.example.org/course/view.php?id=12',
      sourceId: 'UNSSC-ETH101',
    });
  });
});

describe('Moodle mapper: HTTP 200 exception envelopes (§1.2, §1.4a)', () => {
  it.each([
    ['server.invalidtoken', 'LMS_UNAUTHENTICATED', 'invalidtoken'],
    ['server.accessexception', 'LMS_UNAUTHENTICATED', 'accessexception'],
    ['server.nopermissions', 'LMS_FORBIDDEN', 'nopermissions'],
    ['server.invalidparameter', 'LMS_BAD_REQUEST', 'invalidparameter'],
    ['server.invalidrecord', 'LMS_NOT_FOUND', 'invalidrecord'],
    ['core_badges_get_user_badges.invaliduser', 'LMS_NOT_FOUND', 'invaliduser'],
    ['core_course_get_courses_by_field.unknown-id', 'LMS_BAD_RESPONSE', 'Error'],
  ])('maps %s to %s', (name, code, vendorCode) => {
    const error = mapException(fixture(name), upstream);
    expect(error?.code).toBe(code);
    expect(error?.upstream?.vendorCode).toBe(vendorCode);
    expect(error?.retryable).toBe(false);
    // Localized messages and debuginfo stay out of errors.
    expect(error?.message).not.toMatch(/Invalid token|Sorry|contextvalidated|expecting|database table/);
  });

  it('does not mistake data for an exception', () => {
    expect(mapException(courses, upstream)).toBeUndefined();
    expect(mapException(fixture('core_badges_get_user_badges.user'), upstream)).toBeUndefined();
  });

  it('reads completion refusals as answers: no criteria, not enabled, not tracked', () => {
    const error = mapException(fixture('core_completion_get_course_completion_status.nocriteriaset'), upstream);
    expect(error?.upstream?.vendorCode).toBe('nocriteriaset');
    expect(completionOfStatus({ kind: 'no-criteria' })).toEqual({
      state: 'tracked',
      completed: false,
      progress: null,
      completedAt: null,
    });
    expect(completionOfStatus({ kind: 'not-enabled' })).toEqual({ state: 'off' });
    expect(completionOfStatus({ kind: 'not-tracked' })).toEqual({ state: 'untracked' });
  });

  it('dates a completion by its criteria: the last one met (all), the first (any), none when marked', () => {
    const status = (name: string) => ({ kind: 'status' as const, dto: fixture<MoodleCompletionStatusDto>(name) });
    const all = completionDate(status('core_completion_get_course_completion_status.completed'));
    expect(all?.toISOString()).toBe(new Date(1_712_400_000 * 1000).toISOString());
    const any = completionDate(status('core_completion_get_course_completion_status.any-criterion'));
    expect(any?.toISOString()).toBe(new Date(1_712_300_000 * 1000).toISOString());
    expect(completionDate(status('core_completion_get_course_completion_status.marked-without-criteria'))).toBeNull();
    expect(completionDate({ kind: 'no-criteria' })).toBeNull();
  });
});

describe('Moodle mapper: warnings arrays (§1.2)', () => {
  it('reads warnings next to the data without failing the data', () => {
    const body = fixture<MoodleCoursesByFieldDto>('core_course_get_courses_by_field.warnings');
    expect(warningsOf(body)).toEqual([
      { item: 'course', itemid: 40, warningcode: '1', message: 'No access rights in course context' },
    ]);
    expect(mapCourses(body.courses, ctx).map((c) => c.title)).toEqual(['Ethics in the UN']);
    expect(warningsOf(courses)).toEqual([]);
  });
});

describe('Moodle mapper: enrolments, learners, badges', () => {
  const fromUserCourses = () =>
    fixture<MoodleUserCourseDto[]>('core_enrol_get_users_courses.user').map((dto) =>
      mapEnrolment({
        userId: 57,
        courseId: dto.id,
        active: true,
        accessed: (dto.lastaccess ?? 0) > 0,
        completion: completionOfUserCourse(dto, dto.completed ? new Date(1_712_400_000_000) : null),
      }),
    );

  it('tells the truth about progress null: completion off, not tracked, or no activity to track', () => {
    expect(fromUserCourses().map((e) => [e.localId, e.status, e.sourceStatus, e.progress])).toEqual([
      ['57-12', EnrollmentStatus.COMPLETED, 'completed', 100],
      ['57-21', EnrollmentStatus.IN_PROGRESS, 'in progress; completion tracked', 66.6666666666667],
      ['57-16', EnrollmentStatus.ENROLLED, 'not started; completion tracked', 0],
      ['57-22', EnrollmentStatus.IN_PROGRESS, 'in progress; completion not enabled in this course', null],
      ['57-24', EnrollmentStatus.IN_PROGRESS, 'in progress; completion tracked, no activity progress', null],
      ['57-25', EnrollmentStatus.ENROLLED, 'not started; not tracked by completion (role or enrolment)', null],
    ]);
  });

  it('dates completions from the completion status, and has no enrolment date (no stock function gives one)', () => {
    const [completed, ...rest] = fromUserCourses();
    expect(completed?.completedAt?.toISOString()).toBe('2024-04-06T10:40:00.000Z');
    for (const e of [completed, ...rest]) expect([e?.enrolledAt, e?.score]).toEqual([null, null]);
    for (const e of rest) expect(e.completedAt).toBeNull();
  });

  it('marks an enrolment with no active state as WITHDRAWN, saying why', () => {
    const record = mapEnrolment({
      userId: 57,
      courseId: 83,
      active: false,
      accessed: true,
      completion: { state: 'unknown', why: 'enrolment not active' },
    });
    expect(record).toMatchObject({
      localId: '57-83',
      status: EnrollmentStatus.WITHDRAWN,
      sourceStatus: 'enrolment not active (suspended, ended or not yet started)',
      progress: null,
      completedAt: null,
    });
  });

  it('lower-cases e-mails, maps idnumber to the index number, and copes with a hidden e-mail', () => {
    const [jane, hidden] = fixture<MoodleUserDto[]>('core_user_get_users_by_field.id').map(mapUser);
    expect(jane).toEqual({ localId: '57', displayName: 'Jane Doe', email: 'jane.doe@un.org', indexNumber: 'UN-00123' });
    expect(hidden).toEqual({ localId: '58', displayName: 'Hidden Person', email: null, indexNumber: null });
  });

  it('escapes the LIKE wildcards of an address so that it matches only itself', () => {
    expect(escapeLike('lee_park%1\\x@un.org')).toBe('lee\\_park\\%1\\\\x@un.org');
  });

  it('maps badges with expiry, course link and a verification URL; issuercontact may be ""', () => {
    const { badges } = fixture<MoodleUserBadgesDto>('core_badges_get_user_badges.user');
    expect(badges[0]).toMatchObject({ issuercontact: '', issuerurl: 'https://learn.example.org/', version: '1.0' });
    expect(badges[0]?.alignment?.[0]?.targetName).toMatch(/^SDG 16/);
    const [course, site] = badges.map((dto) => mapBadge(57, dto, ctx));
    expect(course).toMatchObject({
      localId: '57-a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      courseLocalId: '12',
      title: 'Ethics Certified',
      issuer: 'UNSSC',
      verificationUrl: 'https://learn.example.org/badges/badge.php?hash=a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    });
    expect(course?.expiresAt?.toISOString()).toBe(new Date(1_743_881_678 * 1000).toISOString());
    expect(site).toMatchObject({ courseLocalId: null, expiresAt: null, title: 'Digital Learner' });
  });
});
