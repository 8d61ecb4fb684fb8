import { createHash } from 'node:crypto';
import {
  createPrng,
  DAY,
  EPOCH_2023,
  FIRST,
  FORMATS,
  HIDDEN_COURSE_ID,
  LANGS,
  LAST,
  LEVELS,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SHARED_PEOPLE,
  SUBJECTS,
  TOPICS,
} from './seedData.js';

/** The simulated site's rows, close to Moodle's own tables; the protocol turns them into WS answers. */
export interface SimCourse {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly idnumber: string;
  readonly summary: string;
  readonly format: string;
  readonly lang: string;
  readonly visible: 0 | 1;
  readonly startdate: number;
  readonly enddate: number;
  readonly timecreated: number;
  readonly timemodified: number;
  readonly enablecompletion: boolean;
  /** false on the course that answers `nocriteriaset` (lms-apis.md §1.5 item 4). */
  readonly hasCriteria: boolean;
  readonly sdgs: string;
  readonly topics: string;
}

export interface SimUser {
  readonly id: number;
  readonly username: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly email: string;
  readonly idnumber: string;
  /** The service user may not see this e-mail: it is omitted from answers (§1.3.4). */
  readonly emailHidden: boolean;
  readonly lastaccess: number;
}

export interface SimEnrolment {
  readonly userId: number;
  readonly courseId: number;
  readonly progress: number | null;
  readonly completed: boolean;
  /** null when marked complete without meeting criteria (§1.4a). */
  readonly timecompleted: number | null;
  readonly lastaccess: number | null;
}

export interface SimBadge {
  readonly id: number;
  readonly name: string;
  readonly courseId: number | null;
  readonly expireperiod: number | null;
}

export interface SimIssuedBadge {
  readonly badgeId: number;
  readonly userId: number;
  readonly issuedid: number;
  readonly uniquehash: string;
  readonly dateissued: number;
  readonly dateexpire: number | null;
}

export interface MoodleDataset {
  readonly siteName: string;
  readonly courses: readonly SimCourse[];
  readonly users: readonly SimUser[];
  readonly enrolments: readonly SimEnrolment[];
  readonly badges: readonly SimBadge[];
  readonly issued: readonly SimIssuedBadge[];
}

export function generateDataset(seed: number, siteName: string, courseCount = 120, userCount = 150): MoodleDataset {
  const rand = createPrng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;

  const courses: SimCourse[] = [];
  const englishTitles = new Map<number, string>();
  for (let id = 2; id < courseCount + 2; id += 1) {
    const level = pick(LEVELS);
    const subjectIndex = int(SUBJECTS.length);
    const subject = SUBJECTS[subjectIndex] as (typeof SUBJECTS)[number];
    const en = `${level[0]} ${subject[0]}`;
    englishTitles.set(id, en);
    const fullname =
      id % 9 === 0
        ? `<span lang="en" class="multilang">${en}</span><span lang="fr" class="multilang">${level[1]} ${subject[1]}</span>`
        : id % 13 === 5
          ? `{mlang en}${en}{mlang}{mlang es}${level[2]} ${subject[2]}{mlang}`
          : en;
    const created = EPOCH_2023 + int(730) * DAY;
    const start = rand() < 0.5 ? 0 : created + int(60) * DAY;
    const sdgs = [...new Set(Array.from({ length: int(4) }, () => 1 + int(17)))].sort((a, b) => a - b);
    courses.push({
      id,
      shortname: `${subject[3]}-${100 + id}`,
      fullname,
      idnumber: rand() < 0.5 ? '' : `CRS-${id}`,
      summary: `<p>Learn the essentials of <strong>${subject[0]}</strong> &amp; apply them in your duty station.</p>`,
      format: pick(FORMATS),
      lang: pick(LANGS),
      visible: id === HIDDEN_COURSE_ID || rand() < 0.06 ? 0 : 1,
      startdate: start,
      enddate: start && rand() < 0.3 ? start + 90 * DAY : 0,
      timecreated: created,
      timemodified: created + int(180) * DAY,
      enablecompletion: id === NO_CRITERIA_COURSE_ID || rand() < 0.9,
      hasCriteria: id !== NO_CRITERIA_COURSE_ID,
      sdgs: sdgs.join(','),
      topics: [TOPICS[subjectIndex], rand() < 0.3 ? 'leadership' : undefined].filter(Boolean).join(', '),
    });
  }

  // Random staff, with the shared people and the power learner inserted at seeded positions.
  const people: Omit<SimUser, 'id' | 'username' | 'lastaccess'>[] = Array.from({ length: userCount }, (_, i) => {
    const firstname = pick(FIRST);
    const lastname = pick(LAST);
    const local = `${firstname}.${lastname}${i}`;
    return {
      firstname,
      lastname,
      // Some addresses are stored as typed, with capitals (§1.3.4).
      email: `${i % 10 === 3 ? local : local.toLowerCase()}@agency${seed % 97}.org`,
      idnumber: rand() < 0.6 ? `UN-${200_000 + i * 7 + int(7)}` : '',
      emailHidden: i === 5,
    };
  });
  for (const special of [...SHARED_PEOPLE, POWER_LEARNER]) {
    people.splice(int(people.length + 1), 0, { ...special, emailHidden: false });
  }
  const users: SimUser[] = people.map((p, i) => ({
    ...p,
    id: i + 3,
    username: p.email.split('@')[0]?.toLowerCase() ?? `user${i}`,
    lastaccess: EPOCH_2023 + int(900) * DAY,
  }));

  const badges: SimBadge[] = [{ id: 1, name: 'Digital Learner', courseId: null, expireperiod: null }];
  for (const course of courses) {
    if (course.id === 2 || rand() < 0.35) {
      const title = englishTitles.get(course.id) ?? course.shortname;
      badges.push({
        id: badges.length + 1,
        name: `${title} Certified`,
        courseId: course.id,
        expireperiod: rand() < 0.4 ? 365 * DAY : null,
      });
    }
  }
  const badgeCourseIds = badges.flatMap((b) => (b.courseId ? [b.courseId] : []));

  const enrolments: SimEnrolment[] = [];
  const enrol = (userId: number, courseId: number, kind: 'completed' | 'progress' | 'new' | 'random') => {
    const course = courses.find((c) => c.id === courseId);
    if (!course || enrolments.some((e) => e.userId === userId && e.courseId === courseId)) return;
    const roll = kind === 'random' ? rand() : kind === 'completed' ? 0 : kind === 'progress' ? 0.5 : 0.9;
    const completed = roll < 0.3;
    const tracked = course.enablecompletion;
    enrolments.push({
      userId,
      courseId,
      completed,
      progress: !tracked ? null : completed ? 100 : roll < 0.65 ? 5 + int(90) : 0,
      timecompleted: completed && rand() > 0.1 ? course.timecreated + (30 + int(300)) * DAY : null,
      lastaccess: roll < 0.65 ? course.timecreated + int(400) * DAY : null,
    });
  };
  for (const user of users) {
    const special = [...SHARED_PEOPLE, POWER_LEARNER].some((p) => p.email === user.email);
    if (user.email === POWER_LEARNER.email) {
      for (const course of courses.slice(0, 110)) enrol(user.id, course.id, 'random');
    } else if (special) {
      enrol(user.id, pick(badgeCourseIds), 'completed');
      enrol(user.id, NO_CRITERIA_COURSE_ID, 'progress');
      for (let k = 0; k < 4; k += 1) enrol(user.id, 2 + int(courseCount), k === 0 ? 'progress' : 'random');
    } else {
      for (let k = int(8); k > 0; k -= 1) enrol(user.id, 2 + int(courseCount), 'random');
    }
  }

  const issued: SimIssuedBadge[] = [];
  const issue = (badge: SimBadge, userId: number, when: number) => {
    const dateissued = when + 3_600;
    issued.push({
      badgeId: badge.id,
      userId,
      issuedid: issued.length + 1,
      uniquehash: createHash('sha1').update(`${seed}:${badge.id}:${userId}`).digest('hex'),
      dateissued,
      dateexpire: badge.expireperiod ? dateissued + badge.expireperiod : null,
    });
  };
  const completions = new Map<number, number>();
  for (const e of enrolments.filter((x) => x.completed)) {
    completions.set(e.userId, (completions.get(e.userId) ?? 0) + 1);
    const badge = badges.find((b) => b.courseId === e.courseId);
    if (badge) issue(badge, e.userId, e.timecompleted ?? EPOCH_2023 + 400 * DAY);
  }
  const siteBadge = badges[0] as SimBadge;
  for (const [userId, count] of completions) if (count >= 3) issue(siteBadge, userId, EPOCH_2023 + 700 * DAY);

  return { siteName, courses, users, enrolments, badges, issued };
}
