import { describe, expect, it } from 'vitest';
import {
  catalogCourseSchema,
  historyRowSchema,
  searchItemSchema,
  studentSchema,
  todoItemSchema,
} from '../../../../adapters/successfactors/dto.js';
import {
  courseLocalId,
  epochToMs,
  learnerScopedId,
  mapCatalogCourse,
  mapCredentials,
  mapEnrollments,
  mapStudent,
  parseCourseLocalId,
  parseScore,
  searchItemAsCatalogCourse,
  studentOf,
} from '../../../../adapters/successfactors/mapper.js';
import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../../../schema/model/enums.js';
import { fixtureRows } from './fixtures.js';

describe('epoch unit detection (lms-apis.md §3.5, §4.3)', () => {
  it('keeps milliseconds and scales seconds', () => {
    expect(epochToMs(1704067200000)).toBe(1704067200000);
    expect(epochToMs(1704067200)).toBe(1704067200000);
    expect(epochToMs(100_000_000_001)).toBe(100_000_000_001);
    expect(epochToMs(99_999_999_999)).toBe(99_999_999_999_000);
  });

  it('treats absent and zero values as unset', () => {
    expect(epochToMs(null)).toBeNull();
    expect(epochToMs(undefined)).toBeNull();
    expect(epochToMs(0)).toBeNull();
  });
});

describe('local ids', () => {
  it('encode the item key with the revision in milliseconds, whatever unit the row used', () => {
    expect(courseLocalId('COURSE', 'ETH-101', 1704067200)).toBe('COURSE~ETH-101~1704067200000');
    expect(courseLocalId('COURSE', 'ETH-101', 1704067200000)).toBe('COURSE~ETH-101~1704067200000');
  });

  it('round-trip ids that contain the separator', () => {
    const id = courseLocalId('COURSE', 'A~B%C', 1704067200000);
    expect(parseCourseLocalId(id)).toEqual({
      componentTypeID: 'COURSE',
      componentID: 'A~B%C',
      revisionMs: 1704067200000,
    });
    expect(studentOf(learnerScopedId('u~1', id))).toBe('u~1');
    expect(parseCourseLocalId('not-a-key')).toBeNull();
    expect(parseCourseLocalId('COURSE~X~notanumber')).toBeNull();
  });
});

describe('mapCatalogCourse (coursesFeed.page)', () => {
  const [ethics, gender, curriculum] = fixtureRows('coursesFeed.page', catalogCourseSchema).map((dto) =>
    mapCatalogCourse(dto, 'English'),
  );

  it('maps a documented feed row', () => {
    expect(ethics).toEqual({
      localId: 'COURSE~ETH-101~1704067200000',
      sourceId: 'ETH-101',
      title: 'Ethics in the UN',
      summary: 'Standards of conduct for international civil servants.',
      language: 'en',
      sdgs: [16],
      topics: ['Ethics and Integrity'],
      format: CourseFormat.SELF_PACED,
      durationMinutes: 90,
      url: 'https://learning.example.invalid/learning/user/deeplink_redirect.jsp?componentID=ETH-101',
      startsAt: null,
      endsAt: null,
      updatedAt: new Date('2024-01-01T00:00:00Z'),
      visibility: CourseVisibility.PUBLIC,
    });
  });

  it('reads SDG subject areas, trims titles and keeps non-SDG areas as topics', () => {
    expect(gender?.title).toBe('Gender Equality in Programming');
    expect(gender?.sdgs).toEqual([5]);
    expect(gender?.topics).toEqual(['Not an SDG']);
    expect(gender?.format).toBe(CourseFormat.VIRTUAL_CLASSROOM);
    expect(gender?.durationMinutes).toBe(180);
    expect(gender?.summary).toBeNull();
  });

  it('detects a revision date in seconds and hides inactive items', () => {
    expect(curriculum?.localId).toBe('CURRICULUM~CUR-ONBOARD~1704067200000');
    expect(curriculum?.updatedAt).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(curriculum?.format).toBe(CourseFormat.CURRICULUM);
    expect(curriculum?.visibility).toBe(CourseVisibility.HIDDEN);
    expect(curriculum?.durationMinutes).toBeNull();
  });
});

describe('searchItemAsCatalogCourse (items.byId)', () => {
  it('maps item search rows to courses; revisions are distinct courses with one source id', () => {
    const courses = fixtureRows('items.byId', searchItemSchema).map((dto) =>
      mapCatalogCourse(searchItemAsCatalogCourse(dto), 'French'),
    );
    expect(courses.map((c) => c.localId)).toEqual(['COURSE~ETH-101~1704067200000', 'COURSE~ETH-101~1735689600000']);
    expect(courses.map((c) => c.sourceId)).toEqual(['ETH-101', 'ETH-101']);
    expect(courses[1]?.title).toBe('Ethics in the UN (2025)');
    expect(courses[1]?.visibility).toBe(CourseVisibility.HIDDEN);
    expect(courses[0]?.language).toBe('fr');
  });
});

describe('mapStudent (students.byExternalId)', () => {
  it('takes the UN index number from personExternalID and normalises the e-mail', () => {
    const [amina, admin] = fixtureRows('students.byExternalId', studentSchema).map(mapStudent);
    expect(amina).toEqual({
      localId: '10002077',
      displayName: 'Amina Diallo',
      email: 'amina.diallo@un.org',
      indexNumber: 'UN-100001',
    });
    expect(admin).toEqual({ localId: 'admint6', displayName: 'admint6', email: null, indexNumber: null });
  });
});

describe('parseScore', () => {
  it('turns numeric grade strings into scores and leaves codes out', () => {
    expect(parseScore('85')).toBe(85);
    expect(parseScore(' 42.5 ')).toBe(42.5);
    expect(parseScore('90%')).toBe(90);
    expect(parseScore('A')).toBeNull();
    expect(parseScore('PASS')).toBeNull();
    expect(parseScore('150')).toBeNull();
    expect(parseScore(null)).toBeNull();
  });
});

describe('mapEnrollments (todoItems.learner + learningHistory.mixedUnits)', () => {
  const todo = fixtureRows('todoItems.learner', todoItemSchema);
  const history = fixtureRows('learningHistory.mixedUnits', historyRowSchema);
  const enrollments = mapEnrollments('10002077', todo, history);
  const byCourse = new Map(enrollments.map((e) => [e.courseLocalId.split('~')[1], e]));

  it('gives one enrolment per item key, assignments first', () => {
    expect(enrollments.map((e) => e.localId)).toEqual([
      '10002077~COURSE~ETH-101~1704067200000',
      '10002077~COURSE~GEN-210~1711958400000',
      '10002077~COURSE~SEC-300~1700000000000',
      '10002077~COURSE~CLM-120~1704067200000',
      '10002077~VIDEO~HLT-7~1704067200000',
    ]);
    for (const e of enrollments) expect(e.learnerLocalId).toBe('10002077');
  });

  it('maps assignments: launched online is in progress, otherwise enrolled; assigned dates in either unit', () => {
    expect(byCourse.get('ETH-101')).toMatchObject({
      status: EnrollmentStatus.IN_PROGRESS,
      sourceStatus: 'In Progress',
      enrolledAt: new Date('2024-03-01T08:00:00Z'),
      completedAt: null,
      score: null,
    });
    expect(byCourse.get('GEN-210')).toMatchObject({
      status: EnrollmentStatus.ENROLLED,
      sourceStatus: 'ASSIGNED',
      enrolledAt: new Date('2024-03-01T08:00:00Z'),
    });
  });

  it('lets the latest history row decide, joining seconds and milliseconds rows of one item', () => {
    expect(byCourse.get('SEC-300')).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      sourceStatus: 'COURSE-COMPLETE',
      enrolledAt: new Date('2024-03-01T08:00:00Z'),
      completedAt: new Date('2024-03-10T14:22:00Z'),
      progress: 100,
      score: 85,
    });
  });

  it('maps provideCredit false to FAILED and keeps non-numeric grades out of the score', () => {
    expect(byCourse.get('CLM-120')).toMatchObject({
      status: EnrollmentStatus.FAILED,
      sourceStatus: 'COURSE-FAILED',
      completedAt: null,
      score: 42.5,
      enrolledAt: null,
    });
    expect(byCourse.get('HLT-7')).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      sourceStatus: 'Complete',
      score: null,
    });
  });
});

describe('mapCredentials (learningHistory.mixedUnits)', () => {
  it('turns certificate links on credited rows into certificates, one per completion', () => {
    const history = fixtureRows('learningHistory.mixedUnits', historyRowSchema);
    const credentials = mapCredentials('10002077', history, 'UNDP');
    expect(credentials).toHaveLength(2);
    expect(credentials[0]).toEqual({
      localId: '10002077~COURSE~SEC-300~1700000000000~1710080520000',
      learnerLocalId: '10002077',
      courseLocalId: 'COURSE~SEC-300~1700000000000',
      kind: CredentialKind.CERTIFICATE,
      title: 'Security Awareness',
      issuer: 'UNDP',
      issuedAt: new Date('2024-03-10T14:22:00Z'),
      expiresAt: null,
      verificationUrl: 'https://learning.example.invalid/learning/user/certificate?scid=5001',
      assertion: null,
    });
    expect(credentials[1]?.issuedAt).toEqual(new Date(1690000000000));
  });
});
