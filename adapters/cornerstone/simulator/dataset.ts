import { SANDBOX_PEOPLE } from '../../core/sandboxData.js';
import { type CsodStatusGroup, STATUS_GROUP_IDS } from '../dto.js';
import { createRandom, type Random, TIMESTAMP_STYLES, type TimestampStyle } from './random.js';

export interface SimLearningObject {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly description: string;
  readonly provider: string;
  /** Catalog label ("Online Course", "Event", ...) and the v1 transcript `trainingType`. */
  readonly type: string;
  readonly trainingType: string;
  readonly language: string;
  readonly subjects: readonly string[];
  readonly durationMinutes: number;
  readonly startsAt: number | null;
  readonly modifiedAt: number;
  readonly style: TimestampStyle;
  readonly active: boolean;
  readonly availableToAll: boolean;
}

export interface SimUser {
  readonly id: number;
  readonly externalId: string;
  readonly userName: string;
  readonly guid: string;
  readonly firstName: string;
  readonly lastName: string;
  /** As stored in the portal (mixed case for some people). */
  readonly email: string;
  readonly language: 'en-US' | 'fr-FR';
}

export interface SimTranscript {
  readonly userId: number;
  readonly loId: string;
  readonly group: CsodStatusGroup;
  readonly statusId: number;
  readonly label: string;
  readonly registeredAt: number;
  readonly completedAt: number | null;
  readonly score: number | null;
  readonly progress: number;
  readonly style: TimestampStyle;
  /**
   * When the record last changed (epoch ms): what Transcript Search's ModificationStartDate/EndDate filter on
   * (§2.4.2c). Seeded records changed when last acted on; every write sets it to the time of the write.
   */
  readonly modifiedAt: number;
}

export interface SimCertification {
  readonly id: number;
  readonly userId: number;
  readonly title: string;
  readonly loId: string | null;
  readonly issuedAt: number;
  readonly expiresAt: number | null;
  readonly style: TimestampStyle;
}

export interface CornerstoneDataset {
  readonly learningObjects: readonly SimLearningObject[];
  readonly users: readonly SimUser[];
  readonly transcripts: readonly SimTranscript[];
  readonly certifications: readonly SimCertification[];
}

/** People present in every agency's LMS, so that cross-agency queries match. */
export const SHARED_PEOPLE = SANDBOX_PEOPLE.map(({ indexNumber, ...person }) => ({
  ...person,
  externalId: indexNumber,
}));

/** Localized labels per status group: [status id, en-US, fr-FR]. The group id is what clients must read. */
export const STATUS_LABELS: Record<CsodStatusGroup, ReadonlyArray<readonly [number, string, string]>> = {
  Completed: [
    [1, 'Completed', 'Terminé'],
    [2, 'Completed Equivalent', 'Équivalent terminé'],
  ],
  InProgress: [
    [3, 'In Progress', 'En cours'],
    [4, 'Past Due', 'En retard'],
  ],
  NotStarted: [
    [5, 'Registered', 'Inscrit'],
    [6, 'Not Started', 'Non commencé'],
  ],
  Failed: [[7, 'Failed', 'Échec']],
  Withdrawn: [[8, 'Withdrawn', 'Retiré']],
  Cancelled: [[9, 'Cancelled', 'Annulé']],
};

const TYPES = [
  ['Online Course', 'OnlineClass', 24],
  ['Event', 'Session', 10],
  ['Video', 'Video', 10],
  ['Curriculum', 'Curriculum', 10],
  ['Material', 'Material', 6],
] as const;
const TOPICS = ['Ethics', 'Gender Equality', 'Climate Action', 'Leadership', 'Project Management', 'Data Protection'];
const SDG_SUBJECTS = [
  'SDG 4 - Quality Education',
  'SDG 5 - Gender Equality',
  'SDG 13 - Climate Action',
  'SDG 16 - Peace',
];
const FIRST = ['Omar', 'Sofia', 'Ivan', 'Mei', 'Grace', 'Pablo', 'Fatima', 'Noah', 'Chloé', 'Ravi', 'Zainab', 'Erik'];
const LAST = ['Haddad', 'Rossi', 'Petrov', 'Chen', 'Okafor', 'García', 'Rahman', 'Smith', 'Dubois', 'Nair', 'Musa'];
const GROUPS = Object.keys(STATUS_GROUP_IDS) as CsodStatusGroup[];
const DAY = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 1);

function learningObjects(random: Random): SimLearningObject[] {
  return TYPES.flatMap(([type, trainingType, count]) =>
    Array.from({ length: count }, (_, n) => {
      const topic = random.pick(TOPICS);
      return {
        id: random.guid(),
        ref: `${trainingType.slice(0, 3).toUpperCase()}-${String(n + 1).padStart(3, '0')}`,
        title: `${topic} ${type === 'Curriculum' ? 'Pathway' : type} ${n + 1}`,
        description: `${topic} for UN personnel (${type.toLowerCase()}).`,
        provider: random.pick(['UNSSC', 'UNITAR', 'Internal']),
        type,
        trainingType,
        language: random.pick(['en-US', 'en-US', 'fr-FR', 'es-ES']),
        subjects: [random.pick(SDG_SUBJECTS), topic],
        durationMinutes: random.int(1, 16) * 15,
        startsAt: type === 'Event' ? EPOCH + random.int(0, 700) * DAY : null,
        modifiedAt: EPOCH + random.int(0, 600) * DAY + random.int(0, DAY - 1),
        style: random.pick(TIMESTAMP_STYLES),
        active: random.chance(0.9),
        availableToAll: random.chance(0.5),
      };
    }),
  );
}

function users(random: Random): SimUser[] {
  const firstId = 1000 + random.int(0, 8999);
  const shared = SHARED_PEOPLE.map((p, i) => ({ ...p, id: firstId + i, language: 'en-US' as const }));
  const others = Array.from({ length: 117 }, (_, i) => {
    const firstName = random.pick(FIRST);
    const lastName = random.pick(LAST);
    const local = `${firstName}.${lastName}${i}`.normalize('NFD').replace(/[^\w.]/g, '');
    return {
      id: firstId + 3 + i,
      externalId: `UN-${200000 + random.int(0, 99999)}${i}`,
      firstName,
      lastName,
      email: `${random.chance(0.3) ? local : local.toLowerCase()}@agency.un.org`,
      language: random.chance(0.3) ? ('fr-FR' as const) : ('en-US' as const),
    };
  });
  return [...shared, ...others].map((u) => ({ ...u, userName: u.email.toLowerCase(), guid: random.guid() }));
}

function transcript(random: Random, user: SimUser, lo: SimLearningObject, group: CsodStatusGroup): SimTranscript {
  const [statusId, en, fr] = random.pick(STATUS_LABELS[group]);
  const registeredAt = EPOCH + random.int(0, 650) * DAY + random.int(0, DAY - 1);
  const done = group === 'Completed' || group === 'Failed';
  // Drawn in the same order as ever, so a seed gives the same portal as before `modifiedAt` existed.
  const completedAt = group === 'Completed' ? registeredAt + random.int(1, 60) * DAY : null;
  const score = done ? random.int(group === 'Failed' ? 10 : 60, group === 'Failed' ? 59 : 100) : null;
  const progress = group === 'Completed' ? 100 : group === 'NotStarted' ? 0 : random.int(5, 95);
  const style = random.pick(TIMESTAMP_STYLES);
  return {
    userId: user.id,
    loId: lo.id,
    group,
    statusId,
    label: user.language === 'fr-FR' ? fr : en,
    registeredAt,
    completedAt,
    score,
    progress,
    style,
    // Last acted on: completed, or else registered (an hour later: the record is saved after the action).
    modifiedAt: (completedAt ?? registeredAt) + 3_600_000,
  };
}

/** The deterministic portal content for a seed: ~60 learning objects, 120 users, their transcripts. */
export function createDataset(seed = 1): CornerstoneDataset {
  const random = createRandom(seed);
  const los = learningObjects(random);
  const people = users(random);
  const transcripts: SimTranscript[] = [];
  const certifications: SimCertification[] = [];
  people.forEach((user, index) => {
    const shared = index < SHARED_PEOPLE.length;
    const count = shared ? 5 : random.int(0, 5);
    const chosen = new Set<SimLearningObject>();
    while (chosen.size < count) chosen.add(random.pick(los));
    [...chosen].forEach((lo, n) => {
      // Shared people and the first users cover every status group; the rest are weighted to completions.
      const forced = shared ? (['Completed', 'InProgress', 'NotStarted', 'Completed'] as const)[n] : undefined;
      const group =
        forced ?? (index < 12 ? GROUPS[(index + n) % GROUPS.length]! : random.pick([...GROUPS, 'Completed']));
      const item = transcript(random, user, lo, group);
      transcripts.push(item);
      if (item.completedAt !== null && (shared || random.chance(0.4))) {
        certifications.push({
          id: 70_000 + certifications.length,
          userId: user.id,
          title: `${lo.title} Certificate`,
          loId: lo.id,
          issuedAt: item.completedAt,
          expiresAt: random.chance(0.5) ? item.completedAt + 730 * DAY : null,
          style: random.pick(TIMESTAMP_STYLES),
        });
      }
    });
  });
  return { learningObjects: los, users: people, transcripts, certifications };
}
