import { LmsKind } from '../../schema/model/enums.js';
import type { AdapterDeps, LmsAdapter, LmsCapability } from '../core/adapter.js';
import { createReadThrough } from '../core/cache.js';
import { LmsError } from '../core/errors.js';
import { matchesCourseQuery } from '../core/query.js';
import { createLearnhubClient } from './client.js';
import type { LearnhubConfig } from './config.js';
import { mapCourse, mapEnrolment, mapPerson } from './mapper.js';

/** Learnhub has no credentials or statistics endpoints: those capabilities are not declared. */
const CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>([
  'courses',
  'learners',
  'enrollments.byLearner',
  'enrollments.byCourse',
]);

/** Learnhub ids are integers; anything else cannot exist upstream and is answered null without a call. */
const numericIds = (ids: readonly string[]) => ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);

/** Answers in input order with null for ids the upstream did not return (the batch-first contract). */
function inOrder<T extends { localId: string }>(ids: readonly string[], found: readonly T[]): Array<T | null> {
  const byId = new Map(found.map((item) => [item.localId, item]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The example home-grown adapter (adapters/example/README.md): a Learnhub instance as an `LmsAdapter`.
 * The catalogue is cached (`cacheTtlMs`, stale-if-error); personal data never is.
 */
export function createLearnhubAdapter(config: LearnhubConfig, deps: AdapterDeps): LmsAdapter {
  const client = createLearnhubClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    agency: deps.agency,
    timeoutMs: config.timeoutMs,
  });
  const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });
  // DTOs are cached, not records: a JSON cache (Redis) would turn the records' Dates into strings.
  const catalogue = async () => (await cached('catalogue', () => client.courses())).map(mapCourse);
  // The subgraph checks capabilities before calling; this guards direct callers of the SDK.
  const unsupported = (capability: LmsCapability): never => {
    throw new LmsError('LMS_UNSUPPORTED', `Learnhub does not support ${capability}.`, {
      agency: deps.agency,
      lmsKind: LmsKind.CUSTOM,
    });
  };

  return {
    kind: LmsKind.CUSTOM,
    capabilities: CAPABILITIES,
    async getCourses(ids) {
      if (ids.length === 0) return [];
      return inOrder(ids, await catalogue());
    },
    async listCourses(query) {
      return (await catalogue()).filter((course) => matchesCourseQuery(course, query));
    },
    async getLearners(ids) {
      const wanted = numericIds(ids);
      return inOrder(ids, wanted.length ? (await client.peopleByIds(wanted)).map(mapPerson) : []);
    },
    async findLearners(match) {
      // Learnhub knows no UN index numbers as a search key: match by e-mail only.
      if (!match.email) return [];
      return (await client.peopleByMail(match.email)).map(mapPerson);
    },
    async getEnrollments(ids) {
      const wanted = numericIds(ids);
      return inOrder(ids, wanted.length ? (await client.enrolmentsByIds(wanted)).map(mapEnrolment) : []);
    },
    async listEnrollments(scope) {
      if ('courseLocalId' in scope) {
        const [id] = numericIds([scope.courseLocalId]);
        return id === undefined ? [] : (await client.enrolmentsOfCourse(id)).map(mapEnrolment);
      }
      const lists = await Promise.all(numericIds(scope.learnerLocalIds).map((id) => client.enrolmentsOfPerson(id)));
      return lists.flat().map(mapEnrolment);
    },
    getCredentials: async () => unsupported('credentials'),
    listCredentials: async () => unsupported('credentials'),
    getStats: async () => unsupported('stats'),
    async healthCheck() {
      await client.health();
    },
    async dispose() {
      client.dispose();
    },
  };
}
