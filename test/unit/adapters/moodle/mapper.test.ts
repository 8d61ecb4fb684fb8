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
import {
  isSiteCourse,
  type MoodleMapContext,
  mapBadge,
  mapCompletionStatus,
  mapCourse,
  mapCourseFormat,
  mapCourses,
  mapUser,
  mapUserCourse,
} from '../../../../adapters/moodle/mapper.js';
import { moodleLangToBcp47, resolveMultilang, summaryToText } from '../../../../adapters/moodle/text.js';
import { CourseFormat, CourseVisibility, EnrollmentStatus } from '../../../../schema/model/enums.js';
import { fixture } from './fixtures.js';

const ctx: MoodleMapContext = {
  siteUrl: 'https://learn.example.org',
  language: 'en',
  visibleAs: CourseVisibility.PUBLIC,
};
const upstream = { method: 'POST', url: 'https://learn.example.org/webservice/rest/server.php', status: 200 };
const courses = fixture<MoodleCourseDto[]>('core_course_get_courses.all');
const course = (id: number, context: MoodleMapContext = ctx) => mapCourse(courses.find((c) => c.id === id)!, context);

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

  it('turns Moodle language codes into BCP 47 and an empty lang into null', () => {
    expect(course(12)?.language).toBeNull();
    expect(course(15)?.language).toBe('fr-CA');
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

  it('treats nocriteriaset as "completion not tracked", not as a failure', () => {
    const error = mapException(fixture('core_completion_get_course_completion_status.nocriteriaset'), upstream);
    expect(error?.upstream?.vendorCode).toBe('nocriteriaset');
    expect(mapCompletionStatus(null)).toEqual({ tracked: false, completed: false, completedAt: null });
  });

  it('dates a completion by its latest criterion, and gives no date when marked without criteria', () => {
    const done = mapCompletionStatus(
      fixture<MoodleCompletionStatusDto>('core_completion_get_course_completion_status.completed'),
    );
    expect(done.completedAt?.toISOString()).toBe(new Date(1_712_400_000 * 1000).toISOString());
    const marked = mapCompletionStatus(
      fixture<MoodleCompletionStatusDto>('core_completion_get_course_completion_status.marked-without-criteria'),
    );
    expect(marked).toEqual({ tracked: true, completed: true, completedAt: null });
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
  it('derives status from completed/progress; no enrolment or completion date in get_users_courses', () => {
    const list = fixture<MoodleUserCourseDto[]>('core_enrol_get_users_courses.user').map((dto) =>
      mapUserCourse(57, dto),
    );
    expect(list.map((e) => [e.localId, e.status, e.sourceStatus, e.progress])).toEqual([
      ['57-12', EnrollmentStatus.COMPLETED, 'completed', 100],
      ['57-21', EnrollmentStatus.IN_PROGRESS, 'in progress', 66.6667],
      ['57-15', EnrollmentStatus.ENROLLED, 'not started', 0],
      ['57-22', EnrollmentStatus.ENROLLED, 'enrolled, completion not tracked', null],
    ]);
    for (const e of list) expect([e.enrolledAt, e.completedAt, e.score]).toEqual([null, null, null]);
  });

  it('lower-cases e-mails, maps idnumber to the index number, and copes with a hidden e-mail', () => {
    const [jane, hidden] = fixture<MoodleUserDto[]>('core_user_get_users_by_field.email').map(mapUser);
    expect(jane).toEqual({ localId: '57', displayName: 'Jane Doe', email: 'jane.doe@un.org', indexNumber: 'UN-00123' });
    expect(hidden).toEqual({ localId: '58', displayName: 'Hidden Person', email: null, indexNumber: null });
  });

  it('maps badges with expiry, course link and a verification URL', () => {
    const { badges } = fixture<MoodleUserBadgesDto>('core_badges_get_user_badges.user');
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
