import { issueBadges, makeBadges } from './badges.js';
import { generateEnrolments } from './enrolments.js';
import {
  createPrng,
  DAY,
  EMPTY_SDG_FIELD_COURSE_ID,
  EPOCH_2023,
  FIRST,
  FORMATS,
  HIDDEN_COURSE_ID,
  LANGS,
  LAST,
  LEVELS,
  NO_ACTIVITY_COURSE_ID,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SDG_TAG_SPELLINGS,
  SHARED_PEOPLE,
  SUBJECTS,
  TOPICS,
  UNINSTALLED_LANG_COURSE_ID,
  WILDCARD_PEOPLE,
} from './seedData.js';

/** The simulated site's rows, close to Moodle's own tables; the protocol turns them into WS answers. */
export interface SimCourse {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly idnumber: string;
  readonly summary: string;
  readonly format: string;
  /** `course.lang` as stored: may name a pack the site does not have (answered as ""). */
  readonly lang: string;
  readonly visible: 0 | 1;
  readonly startdate: number;
  readonly enddate: number;
  readonly timecreated: number;
  readonly timemodified: number;
  readonly enablecompletion: boolean;
  /** false on the course that answers `nocriteriaset` (lms-apis.md §1.5 item 4). */
  readonly hasCriteria: boolean;
  /** Activities with completion tracking; 0 makes progress null for everyone. */
  readonly trackedActivities: number;
  /** The SDGs the course serves (the truth); spelt in the custom field, the tags and the ID number. */
  readonly sdgs: readonly number[];
  /** The `sdgs` custom field's text; "" when the field is left empty. */
  readonly sdgField: string;
  readonly tags: readonly string[];
  readonly topics: string;
  /** Course format option (0 hidden sections shown collapsed, 1 invisible). */
  readonly hiddensections: 0 | 1;
  /** Has an overview image (else Moodle answers a generated SVG data URL as the course image). */
  readonly hasImage: boolean;
}

export interface SimUser {
  readonly id: number;
  readonly username: string;
  readonly firstname: string;
  readonly lastname: string;
  /** As typed when the account was made: Moodle keeps the case (lms-apis.md §1.3.4). */
  readonly email: string;
  readonly idnumber: string;
  /** The service user may not see this e-mail: it is omitted from answers (§1.3.4). */
  readonly emailHidden: boolean;
  readonly lastaccess: number;
}

/** One `user_enrolments` row with the course completion state of that person in that course. */
export interface SimEnrolment {
  readonly userId: number;
  readonly courseId: number;
  /** ENROL_USER_ACTIVE 0 or ENROL_USER_SUSPENDED 1. */
  readonly status: 0 | 1;
  readonly timestart: number;
  /** 0 = no end. */
  readonly timeend: number;
  readonly role: 'student' | 'editingteacher';
  /** `course_completions.timecompleted` is set. */
  readonly completed: boolean;
  /** Criteria met, with times; false when the completion was marked without meeting them (§1.4a). */
  readonly criteriaMet: boolean;
  readonly timecompleted: number;
  /** Activities completed, of the course's `trackedActivities`. */
  readonly activitiesDone: number;
  /** `user_lastaccess.timeaccess`; 0 = never entered the course. */
  readonly lastcourseaccess: number;
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
  /** Made public by the learner: only public badges are answered to anyone else (badges/classes/external.php). */
  readonly visible: 0 | 1;
}

export interface MoodleDataset {
  readonly siteName: string;
  readonly courses: readonly SimCourse[];
  readonly users: readonly SimUser[];
  readonly enrolments: readonly SimEnrolment[];
  readonly badges: readonly SimBadge[];
  readonly issued: readonly SimIssuedBadge[];
}

export interface DatasetSize {
  /** @default 120 */
  readonly courses?: number;
  /** @default 150 */
  readonly users?: number;
}

type Rand = () => number;

function makeCourse(id: number, rand: Rand, englishTitles: Map<number, string>): SimCourse {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
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
  const drawn = [...new Set(Array.from({ length: 1 + int(3) }, () => 1 + int(17)))].sort((a, b) => a - b);
  const spelling = pick(SDG_TAG_SPELLINGS);
  const tag = (n: number) => spelling.replace('{nn}', String(n).padStart(2, '0')).replace('{n}', String(n));
  const empty = id === EMPTY_SDG_FIELD_COURSE_ID;
  const sdgs = empty ? [] : drawn;
  return {
    id,
    shortname: `${subject[3]}-${100 + id}`,
    fullname,
    // Sites that tag by ID number spell the goals into it, e.g. CLI-104-SDG13-SDG07.
    idnumber: `${subject[3]}-${100 + id}${sdgs.map((n) => `-SDG${String(n).padStart(2, '0')}`).join('')}`,
    summary: `<p>Learn the essentials of <strong>${subject[0]}</strong> &amp; apply them in your duty station.</p>`,
    format: pick(FORMATS),
    lang: id === UNINSTALLED_LANG_COURSE_ID ? 'pt_br' : pick(LANGS),
    visible: id === HIDDEN_COURSE_ID || rand() < 0.06 ? 0 : 1,
    startdate: start,
    enddate: start && rand() < 0.3 ? start + 90 * DAY : 0,
    timecreated: created,
    timemodified: created + int(180) * DAY,
    enablecompletion: id === NO_CRITERIA_COURSE_ID || id === NO_ACTIVITY_COURSE_ID || rand() < 0.9,
    hasCriteria: id !== NO_CRITERIA_COURSE_ID,
    trackedActivities: id === NO_ACTIVITY_COURSE_ID ? 0 : 2 + int(6),
    sdgs,
    sdgField: sdgs.join(','),
    tags: sdgs.map(tag),
    topics: [TOPICS[subjectIndex], rand() < 0.3 ? 'leadership' : undefined].filter(Boolean).join(', '),
    hiddensections: rand() < 0.3 ? 1 : 0,
    hasImage: rand() < 0.5,
  };
}

function makeUsers(rand: Rand, seed: number, userCount: number): SimUser[] {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  // Random staff, with the shared people and the power learner inserted at seeded positions.
  const people: Omit<SimUser, 'id' | 'username' | 'lastaccess'>[] = Array.from({ length: userCount }, (_, i) => {
    const firstname = pick(FIRST);
    const lastname = pick(LAST);
    const local = `${firstname}.${lastname}${i}`;
    return {
      firstname,
      lastname,
      // Some addresses are stored as typed, with capitals (§1.3.4); one has a `_`, a LIKE wildcard.
      email: `${i % 10 === 3 ? local : i % 10 === 7 ? `${local.toLowerCase()}_x` : local.toLowerCase()}@agency${seed % 97}.org`,
      idnumber: rand() < 0.6 ? `UN-${200_000 + i * 7 + int(7)}` : '',
      emailHidden: i === 5,
    };
  });
  for (const special of [...SHARED_PEOPLE, POWER_LEARNER, ...WILDCARD_PEOPLE]) {
    people.splice(int(people.length + 1), 0, { ...special, emailHidden: false });
  }
  return people.map((p, i) => ({
    ...p,
    id: i + 3,
    username: p.email.split('@')[0]?.toLowerCase() ?? `user${i}`,
    lastaccess: EPOCH_2023 + int(900) * DAY,
  }));
}

/**
 * A deterministic simulated site: the same seed and size always give the same rows. Sizes up to tens of
 * thousands of users build in well under a second (no quadratic look-ups), for benches at scale.
 */
export function generateDataset(seed: number, siteName: string, size: DatasetSize = {}): MoodleDataset {
  const rand = createPrng(seed);
  const courseCount = size.courses ?? 120;
  const englishTitles = new Map<number, string>();
  const courses = Array.from({ length: courseCount }, (_, i) => makeCourse(i + 2, rand, englishTitles));
  const users = makeUsers(rand, seed, size.users ?? 150);
  const badges = makeBadges(rand, courses, englishTitles);
  const enrolments = generateEnrolments(rand, courses, users, badges);
  const issued = issueBadges(rand, seed, badges, enrolments);
  return { siteName, courses, users, enrolments, badges, issued };
}
