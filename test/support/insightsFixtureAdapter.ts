import { z } from 'zod';
import { defineAdapter } from '../../adapters/core/descriptor.js';
import { kpiData } from './kpiData.js';

/**
 * A home-grown adapter over seeded records in memory (kpiData), for harvester processes in tests: an agency
 * config names this module, so `convergence harvest worker` processes harvest it like any LMS. `delayMs`
 * paces each call, so that a cycle lasts long enough for two workers to share it.
 */
export const insightsFixtureAdapter = defineAdapter({
  kind: 'custom',
  category: 'LMS',
  title: 'Seeded records for insights tests',
  configSchema: z.object({
    seed: z.number().int(),
    courses: z.number().int().positive(),
    learners: z.number().int().positive(),
    enrolments: z.number().int().nonnegative(),
    delayMs: z.number().int().nonnegative().default(0),
  }),
  capabilities: new Set(['courses', 'enrollments.byCourse', 'credentials'] as const),
  connect: (config) => {
    const data = kpiData(config.seed, config.courses, config.learners, config.enrolments);
    const pause = () => new Promise((r) => setTimeout(r, config.delayMs));
    return {
      getCourses: async (ids) => data.courses.filter((c) => ids.includes(c.localId)),
      listCourses: async () => {
        await pause();
        return data.courses;
      },
      listEnrollments: async (scope) => {
        await pause();
        return 'courseLocalId' in scope ? data.enrollments.filter((e) => e.courseLocalId === scope.courseLocalId) : [];
      },
      getCredentials: async (ids) => data.credentials.filter((c) => ids.includes(c.localId)),
      listCredentials: async (learners) => data.credentials.filter((c) => learners.includes(c.learnerLocalId)),
      healthCheck: async () => undefined,
    };
  },
});
