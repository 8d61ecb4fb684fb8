import { type AdapterDeps, type AdapterImplementation, createReadThrough, matchesCourseQuery } from 'convergence/sdk';
import { createLearnhubClient } from './client.js';
import type { LearnhubConfig } from './config.js';
import { mapCourse, mapEnrolment, mapPerson } from './mapper.js';

/** Learnhub ids are integers; anything else cannot exist upstream and is answered without a call. */
const numericIds = (ids: readonly string[]) => ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);

/**
 * A Learnhub instance in canonical terms: only the operations of the capabilities it declares (no
 * credentials, no statistics). The SDK's factory adds the rest: answers in input order with null for
 * missing ids, the error boundary, LMS_UNSUPPORTED for undeclared capabilities, e-mail normalisation.
 * The catalogue is cached (`cacheTtlMs`, stale-if-error); personal data never is.
 */
export function createLearnhubAdapter(config: LearnhubConfig, deps: AdapterDeps): AdapterImplementation {
  const client = createLearnhubClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    agency: deps.agency,
    timeoutMs: config.timeoutMs,
  });
  const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });
  // DTOs are cached, not records: a JSON cache (Redis) would turn the records' Dates into strings.
  const catalogue = async () => (await cached('catalogue', () => client.courses())).map(mapCourse);

  return {
    getCourses: async () => catalogue(),
    listCourses: async (query) => (await catalogue()).filter((course) => matchesCourseQuery(course, query)),
    getLearners: async (ids) => {
      const wanted = numericIds(ids);
      return wanted.length ? (await client.peopleByIds(wanted)).map(mapPerson) : [];
    },
    // Learnhub knows no UN index numbers as a search key: match by e-mail (it arrives lower-cased).
    findLearners: async (match) => (match.email ? (await client.peopleByMail(match.email)).map(mapPerson) : []),
    getEnrollments: async (ids) => {
      const wanted = numericIds(ids);
      return wanted.length ? (await client.enrolmentsByIds(wanted)).map(mapEnrolment) : [];
    },
    listEnrollments: async (scope) => {
      if ('courseLocalId' in scope) {
        const [id] = numericIds([scope.courseLocalId]);
        return id === undefined ? [] : (await client.enrolmentsOfCourse(id)).map(mapEnrolment);
      }
      const lists = await Promise.all(numericIds(scope.learnerLocalIds).map((id) => client.enrolmentsOfPerson(id)));
      return lists.flat().map(mapEnrolment);
    },
    healthCheck: async () => {
      await client.health();
    },
    dispose: () => client.dispose(),
  };
}
