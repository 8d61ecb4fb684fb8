import type { AdapterDeps, AdapterImplementation, LmsCapability } from '../core/adapter.js';
import { createReadThrough } from '../core/cache.js';
import { computeStats, matchesCourseQuery } from '../core/query.js';
import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../core/records.js';
import { createSuccessFactorsClient, type StudentCriteria } from './client.js';
import type { SuccessFactorsConfig } from './config.js';
import type { HistoryRowDto, TodoItemDto } from './dto.js';
import {
  epochToMs,
  mapCatalogCourse,
  mapCredentials,
  mapEnrollments,
  mapStudent,
  parseCourseLocalId,
  searchItemAsCatalogCourse,
  studentOf,
} from './mapper.js';
import { createSuccessFactorsRecognitionWriter } from './recognition.js';

export const SUCCESSFACTORS_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>([
  'courses',
  'learners',
  'enrollments.byLearner',
  'enrollments.changes',
  'credentials',
  'stats',
  'recognitions.write',
]);
/** Learners fetched at once for stats; only non-serialised services (learning plan, history) are hit. */
const STATS_CONCURRENCY = 4;

/**
 * SuccessFactors Learning in canonical terms. Cached (upstream DTOs only, `cacheTtlMs`): the catalogue feed
 * and item look-ups. Not cached: students, assignments and history (personal data); every call asks the
 * LMS, and the subgraph's per-request DataLoaders remove repeats within one request. The factory
 * (`createAdapter(successFactorsAdapter, ...)`) wraps it.
 */
export function createSuccessFactorsAdapter(config: SuccessFactorsConfig, deps: AdapterDeps): AdapterImplementation {
  const client = createSuccessFactorsClient(config, deps.agency);
  const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });

  const catalogue = async (): Promise<CourseRecord[]> => {
    const dtos = await cached(`catalogue:${config.catalogId}:${config.localeId}`, () => client.catalogueCourses());
    return dtos.map((dto) => mapCatalogCourse(dto, config.localeId));
  };

  /** Items outside the catalogue feed (inactive, other catalogues) are looked up by item search. */
  const itemByKey = async (localId: string): Promise<CourseRecord | null> => {
    const key = parseCourseLocalId(localId);
    if (!key) return null;
    const rows = await cached(`item:${key.componentTypeID}:${key.componentID}`, () =>
      client.searchItems(key.componentTypeID, key.componentID),
    );
    const courses = rows.map((row) => mapCatalogCourse(searchItemAsCatalogCourse(row), config.localeId));
    return courses.find((course) => course.localId === localId) ?? null;
  };

  const studentsBy = async (criteria: StudentCriteria) => (await client.searchStudents(criteria)).map(mapStudent);
  /** Every account, including inactive ones: people who left keep their learning records. */
  const directory = async () => [
    ...(await client.searchStudents({ isActive: true })),
    ...(await client.searchStudents({ isActive: false })),
  ];

  /** `wanted` arrives lower-cased (the factory normalises it); the mapper lower-cases stored addresses. */
  const findByEmail = async (wanted: string): Promise<LearnerRecord[]> => {
    const matches = (learners: readonly LearnerRecord[]) => learners.filter((l) => l.email === wanted);
    // Email is not server-filterable (§3.4.4): try the surname the address suggests, then the directory.
    const surname = wanted.split('@')[0]?.split(/[._-]/).filter(Boolean).at(-1);
    if (surname && surname.length > 1) {
      const found = matches(await studentsBy({ lastNameContains: surname }));
      if (found.length > 0) return found;
    }
    return matches((await directory()).map(mapStudent));
  };

  const learnerData = async (studentID: string): Promise<[TodoItemDto[], HistoryRowDto[]]> =>
    Promise.all([client.todoItems(studentID), client.learningHistory(studentID)]);

  const enrollmentsOf = async (studentID: string): Promise<EnrollmentRecord[]> => {
    const [todo, history] = await learnerData(studentID);
    return mapEnrollments(studentID, todo, history);
  };
  const credentialsOf = async (studentID: string): Promise<CredentialRecord[]> =>
    mapCredentials(studentID, await client.learningHistory(studentID), deps.agency);

  /** Batch read of learner-scoped records: one fetch per distinct learner (serialised services). */
  const byLearner = async <T>(ids: readonly string[], load: (studentID: string) => Promise<T[]>): Promise<T[]> => {
    const found: T[] = [];
    for (const student of new Set(ids.map(studentOf).filter((s): s is string => s !== null))) {
      found.push(...(await load(student)));
    }
    return found;
  };

  return {
    getCourses: async (ids) => {
      const known = new Map((await catalogue()).map((course) => [course.localId, course] as const));
      const others: Array<CourseRecord | null> = [];
      for (const id of ids) if (!known.has(id)) others.push(await itemByKey(id));
      return [...ids.flatMap((id) => known.get(id) ?? []), ...others];
    },
    listCourses: async (query) => (await catalogue()).filter((course) => matchesCourseQuery(course, query)),

    getLearners: async (ids) => {
      const found: LearnerRecord[] = [];
      for (const id of ids) {
        const match = (await studentsBy({ studentID: id })).find((learner) => learner.localId === id);
        if (match) found.push(match);
      }
      return found;
    },
    findLearners: async (match) => {
      if (match.indexNumber) {
        const wanted = match.indexNumber;
        const found = (await studentsBy({ personExternalID: wanted })).filter((l) => l.indexNumber === wanted);
        if (found.length > 0 || !match.email) return found;
      }
      return match.email ? findByEmail(match.email) : [];
    },

    // The learners to walk for the insights harvest (the same directory getStats walks).
    listLearnerIds: async () => (await directory()).map((student) => student.studentID),
    getEnrollments: (ids) => byLearner(ids, enrollmentsOf),
    // Only learner scopes: enrollments.byCourse is not declared, so the factory never passes a course.
    listEnrollments: async (scope) => {
      const lists = [];
      for (const student of 'learnerLocalIds' in scope ? scope.learnerLocalIds : []) {
        lists.push(await enrollmentsOf(student));
      }
      return lists.flat();
    },

    // Incremental harvests (issue 15): every learner's history rows updated in the window (criteria fromDate /
    // toDate, §3.4.3), one call per learner: the history service takes one targetUserID per call and no
    // documented query spans learners. Assignments (UserTodoLearningItems) have no date criteria (its
    // documented criteria are the user, row windows and flags, §3.3, §3.4.2): new or changed assignments are
    // not seen here, only completions; the periodic full harvest picks them up.
    listEnrollmentChanges: async (window) => {
      const changed: EnrollmentRecord[] = [];
      for (const student of await directory()) {
        const rows = await client.learningHistory(student.studentID, { from: window.since, to: window.until });
        // A tenant that ignored the criteria (criteria-as-filter quirk, §3.5) still yields only the changes.
        const inWindow = rows.filter((row) => {
          const updated = epochToMs(row.lastUpdateTimestamp);
          return updated === null || (updated >= window.since.getTime() && updated <= window.until.getTime());
        });
        if (inWindow.length === 0) continue;
        // The record of an item is its latest completion (retraining): an older row updated in the window
        // must not hide a newer one, so a learner with changes has their whole history read once more.
        const items = new Set(mapEnrollments(student.studentID, [], inWindow).map((e) => e.courseLocalId));
        const history = await client.learningHistory(student.studentID);
        changed.push(...mapEnrollments(student.studentID, [], history).filter((e) => items.has(e.courseLocalId)));
      }
      return changed;
    },

    getCredentials: (ids) => byLearner(ids, credentialsOf),
    listCredentials: async (learnerIds) => {
      const lists = [];
      for (const student of learnerIds) lists.push(await credentialsOf(student));
      return lists.flat();
    },

    getStats: async (query) => {
      // No aggregate endpoint exists (bulk data is meant for extracts, KBA 2516640): walk every learner.
      const courses = await catalogue();
      const students = await directory();
      const enrollments: EnrollmentRecord[] = [];
      const credentials: CredentialRecord[] = [];
      const queue = students.map((s) => s.studentID);
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const [todo, history] = await learnerData(id);
          enrollments.push(...mapEnrollments(id, todo, history));
          credentials.push(...mapCredentials(id, history, deps.agency));
        }
      };
      await Promise.all(Array.from({ length: STATS_CONCURRENCY }, worker));
      return computeStats(courses, enrollments, credentials, query);
    },

    recordExternalLearning: createSuccessFactorsRecognitionWriter(client, config),

    healthCheck: (signal) => client.ping(signal),
    dispose: () => client.dispose(),
  };
}
