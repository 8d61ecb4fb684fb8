/**
 * The simulator's deterministic dataset: a seeded PRNG (mulberry32), never Math.random, so a seed always
 * gives the same tenant and different seeds give different tenants. Rows are stored in wire shape.
 */
import { createPrng, SANDBOX_PEOPLE } from '../../core/sandboxData.js';

export interface SimItem {
  readonly componentTypeID: string;
  readonly componentID: string;
  readonly revisionDate: number;
  readonly title: string;
  readonly description: string;
  readonly sourceID: string;
  readonly deliveryMethodID: string;
  readonly totalLength: number;
  readonly active: boolean;
  readonly deeplink: string;
  readonly SubjectAreasFeed: ReadonlyArray<{ subjectAreaID: string; subjectAreaDesc: string }>;
}

export interface SimStudent {
  readonly studentID: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddr: string;
  readonly personExternalID: string | null;
  readonly personGUID: string;
  readonly isActive: boolean;
}

export type SimRow = Readonly<Record<string, unknown>> & { readonly userID: string };

export interface SuccessFactorsDataset {
  readonly items: readonly SimItem[];
  readonly students: readonly SimStudent[];
  /** UserTodoLearningItems rows (assignments). */
  readonly todo: readonly SimRow[];
  /** learninghistorys rows; about a third carry epoch seconds instead of milliseconds. */
  readonly history: readonly SimRow[];
}

/** People present in every agency's LMS, so cross-agency queries match (same e-mail and index number). */
export const SHARED_PEOPLE = SANDBOX_PEOPLE.map((person) =>
  // SuccessFactors keeps e-mail as typed; one mixed-case address tests case-insensitive matching.
  person.firstName === 'Kenji' ? { ...person, email: 'Kenji.Sato@un.org' } : person,
);

const TOPICS = [
  ['ETH', 'Ethics and Integrity', 16],
  ['GEN', 'Gender Equality', 5],
  ['CLM', 'Climate Action', 13],
  ['HLT', 'Health in Emergencies', 3],
  ['EDU', 'Inclusive Education', 4],
  ['WAT', 'Water and Sanitation', 6],
  ['FIN', 'Financial Management', 8],
  ['PRC', 'Responsible Procurement', 12],
  ['SEC', 'Security Awareness', 16],
  ['POV', 'Ending Poverty', 1],
  ['FOO', 'Food Security', 2],
  ['ENE', 'Clean Energy', 7],
  ['CIT', 'Sustainable Cities', 11],
  ['OCE', 'Life Below Water', 14],
  ['LND', 'Life on Land', 15],
  ['INQ', 'Reducing Inequalities', 10],
  ['INN', 'Innovation and Infrastructure', 9],
  ['PAR', 'Partnerships for the Goals', 17],
] as const;
const LEVELS = ['Introduction to', 'Essentials of', 'Advanced', 'Practitioner course:', 'Refresher:'];
const METHODS = ['ONLINE', 'ONLINE', 'ILT', 'VILT', 'BLENDED'];
const FIRST = ['Ana', 'Omar', 'Mei', 'Ivan', 'Fatima', 'Lars', 'Priya', 'Tomas', 'Aisha', 'Jon', 'Sara', 'Yusuf'];
const LAST = ['Okafor', 'Silva', 'Nguyen', 'Petrov', 'Haddad', 'Berg', 'Sharma', 'Novak', 'Kamau', 'Moreau', 'Ito'];
const DOMAINS = ['undp.org', 'unicef.org', 'wfp.org', 'unhcr.org', 'who.int'];
const LINK_HOST = 'https://learning.sim.invalid';
const JAN_2023 = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;

export function createDataset(seed: number, catalogueSize: number, studentCount = 120): SuccessFactorsDataset {
  const rng = createPrng(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const items = createItems(catalogueSize, rng, int, pick);
  const students = createStudents(studentCount, int, pick, rng);
  const active = items.filter((item) => item.active);
  const todo: SimRow[] = [];
  const history: SimRow[] = [];
  let studentComponentID = 5000 + int(1000);
  const assign = (student: SimStudent, item: SimItem, launched: boolean) => {
    const assignedDate = JAN_2023 + int(700) * DAY;
    todo.push({
      userID: student.studentID,
      personExternalID: student.personExternalID,
      componentTypeID: item.componentTypeID,
      componentID: item.componentID,
      revisionDate: item.revisionDate,
      title: item.title,
      status: launched ? 'In Progress' : 'Not Started',
      assignedDate,
      requiredDate: rng() < 0.6 ? assignedDate + (30 + int(90)) * DAY : null,
      onlineLaunched: launched,
      origin: pick(['Admin', 'Curriculum', 'Self']),
      isRequired: rng() < 0.5,
    });
  };
  const complete = (student: SimStudent, item: SimItem, credit: boolean, certificate: boolean, seconds: boolean) => {
    const done = JAN_2023 + int(700) * DAY + int(DAY);
    // Some tenants (and older feeds) answer epoch seconds: the adapter must detect the unit (§3.5).
    const epoch = (ms: number) => (seconds ? Math.floor(ms / 1000) : ms);
    studentComponentID += 1;
    const roll = rng();
    history.push({
      userID: student.studentID,
      componentTypeID: item.componentTypeID,
      componentID: item.componentID,
      revisionDate: epoch(item.revisionDate),
      revisionNumber: '1',
      title: item.title,
      completionStatusID: credit ? 'COURSE-COMPLETE' : pick(['COURSE-FAILED', 'INCOMPLETE']),
      completionStatusDesc: credit ? 'Course Complete' : 'Course Failed',
      provideCredit: credit,
      studentComponentID,
      grade: roll < 0.7 ? String(50 + int(51)) : roll < 0.85 ? (credit ? 'PASS' : 'FAIL') : null,
      totalHours: item.totalLength,
      completionDate: epoch(done),
      lastCompletionDate: epoch(done),
      lastUpdateTimestamp: epoch(done + DAY),
      certificateLink:
        credit && certificate ? `${LINK_HOST}/learning/user/certificate?scid=${studentComponentID}` : null,
      instructorName: null,
      status: null,
      criteria: null,
      // Two in three credited completions carry the learner's rating (derived, not drawn: the seeded
      // sequence of everything else stays as it was).
      enableRating: true,
      rating: credit && studentComponentID % 3 !== 0 ? 1 + ((studentComponentID * 7) % 5) : null,
      ratingDate: credit && studentComponentID % 3 !== 0 ? epoch(done + DAY) : null,
    });
  };
  students.forEach((student, index) => {
    if (index < SHARED_PEOPLE.length) {
      // Every shared person: two assignments (one launched) and a certified completion; Lucia also failed one.
      assign(student, active[(index * 3 + 1) % active.length]!, false);
      assign(student, active[(index * 3 + 2) % active.length]!, true);
      complete(student, active[(index * 3 + 3) % active.length]!, true, true, index === 1);
      if (index === 2) complete(student, active[(index * 3 + 4) % active.length]!, false, false, false);
      return;
    }
    const chosen = new Set<SimItem>();
    const count = int(7);
    while (chosen.size < Math.min(count, active.length)) chosen.add(pick(active));
    for (const item of chosen) {
      if (rng() < 0.45) assign(student, item, rng() < 0.4);
      else complete(student, item, rng() < 0.8, rng() < 0.7, rng() < 0.35);
    }
  });
  return { items, students, todo, history };
}

function createItems(size: number, rng: () => number, int: (n: number) => number, pick: <T>(l: readonly T[]) => T) {
  const items: SimItem[] = [];
  for (let i = 0; i < size; i += 1) {
    const [code, topic, sdg] = pick(TOPICS);
    const method = pick(METHODS);
    // The last row is a newer revision of the first: the same componentID under a second key (§3.5).
    const again = i === size - 1 && size > 2 ? items[0] : undefined;
    const id = again?.componentID ?? `${code}-${100 + i}`;
    items.push({
      componentTypeID: again?.componentTypeID ?? (rng() < 0.85 ? 'COURSE' : 'VIDEO'),
      componentID: id,
      revisionDate: JAN_2023 + int(600) * DAY + int(86_400) * 1000,
      title: again ? `${again.title} (2nd revision)` : `${pick(LEVELS)} ${topic}`,
      description: `${topic}: a ${method === 'ILT' ? 'classroom' : 'learning'} programme for UN personnel.`,
      sourceID: pick(['UNSSC', 'INTERNAL', 'UNITAR']),
      deliveryMethodID: method,
      totalLength: (1 + int(16)) / 2,
      active: i < 4 || rng() < 0.92,
      deeplink: `${LINK_HOST}/learning/user/deeplink_redirect.jsp?componentID=${encodeURIComponent(id)}`,
      SubjectAreasFeed: [
        { subjectAreaID: `SDG-${sdg}`, subjectAreaDesc: `SDG ${sdg}` },
        { subjectAreaID: code, subjectAreaDesc: topic },
      ],
    });
  }
  return items;
}

function createStudents(count: number, int: (n: number) => number, pick: <T>(l: readonly T[]) => T, rng: () => number) {
  const students: SimStudent[] = [];
  const ids = new Set<string>();
  const emails = new Set<string>();
  const domain = pick(DOMAINS);
  for (let i = 0; i < count; i += 1) {
    let studentID = `${10_000_000 + int(89_999_999)}`;
    while (ids.has(studentID)) studentID = `${10_000_000 + int(89_999_999)}`;
    ids.add(studentID);
    const shared = SHARED_PEOPLE[i];
    const firstName = shared?.firstName ?? pick(FIRST);
    const lastName = shared?.lastName ?? pick(LAST);
    let email = shared?.email ?? `${firstName}.${lastName}@${domain}`;
    for (let n = 2; emails.has(email.toLowerCase()); n += 1) email = `${firstName}.${lastName}${n}@${domain}`;
    emails.add(email.toLowerCase());
    students.push({
      studentID,
      firstName,
      lastName,
      // Some addresses are stored as typed, capitalised: matching must ignore case.
      emailAddr: shared || rng() < 0.7 ? email : email.toLowerCase(),
      personExternalID: shared?.indexNumber ?? (rng() < 0.9 ? `UN-${200_000 + i * 37 + int(30)}` : null),
      personGUID: `pg-${studentID}`,
      isActive: shared !== undefined || rng() < 0.95,
    });
  }
  return students;
}
