import { type AdapterDeps, type AdapterImplementation, createReadThrough, matchesCourseQuery } from 'convergence/sdk';
import { createLearnhubClient } from './client.js';
import type { LearnhubConfig } from './config.js';
import { mapCourse, mapEnrolment, mapPerson } from './mapper.js';

const numericIds = (ids: readonly string[]) => ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);

export function createLearnhubAdapter(config: LearnhubConfig, deps: AdapterDeps): AdapterImplementation {
  const { baseUrl, apiKey, timeoutMs } = config;
  const client = createLearnhubClient({ baseUrl, apiKey, timeoutMs, agency: deps.agency });
  // Catalogue data is cached (DTOs, not records: Dates do not survive a JSON cache); personal data never is.
  const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });
  const catalogue = async () => (await cached('catalogue', () => client.courses())).map(mapCourse);

  return {
    getCourses: async () => catalogue(),
    listCourses: async (query) => (await catalogue()).filter((course) => matchesCourseQuery(course, query)),
    getLearners: async (ids) => (await client.peopleByIds(numericIds(ids))).map(mapPerson),
    findLearners: async (match) => (match.email ? (await client.peopleByMail(match.email)).map(mapPerson) : []),
    getEnrollments: async (ids) => (await client.enrolmentsByIds(numericIds(ids))).map(mapEnrolment),
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
