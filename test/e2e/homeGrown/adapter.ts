import {
  CourseFormat,
  type CourseRecord,
  CourseVisibility,
  createLmsHttpClient,
  createReadThrough,
  defineAdapter,
  type EnrollmentRecord,
  EnrollmentStatus,
  httpUrlSchema,
  type LearnerRecord,
  matchesCourseQuery,
  secretSchema,
  z,
} from 'convergence/sdk';
import {
  type CampusCourse,
  type CampusEnrolment,
  type CampusPerson,
  FAO_CAMPUS_KEY,
  startFaoCampus,
} from './simulator.js';

const configSchema = z
  .object({
    baseUrl: httpUrlSchema('https://campus.fao.org'),
    apiKey: secretSchema,
    /** @default 60000 */
    cacheTtlMs: z.number().int().nonnegative().default(60_000),
  })
  .strict();
type FaoCampusConfig = z.infer<typeof configSchema>;

const toCourse = (dto: CampusCourse): CourseRecord => ({
  localId: dto.code,
  sourceId: dto.code,
  title: dto.name,
  summary: null,
  language: dto.lang,
  sdgs: [dto.goal],
  topics: [],
  format: CourseFormat.SELF_PACED,
  durationMinutes: null,
  url: null,
  startsAt: null,
  endsAt: null,
  updatedAt: null,
  visibility: CourseVisibility.PUBLIC,
});
const toLearner = (dto: CampusPerson): LearnerRecord => ({
  localId: dto.uid,
  displayName: dto.name,
  email: dto.mail.toLowerCase(),
  indexNumber: null,
});
const toEnrollment = (dto: CampusEnrolment): EnrollmentRecord => ({
  localId: dto.id,
  learnerLocalId: dto.uid,
  courseLocalId: dto.code,
  status: dto.state === 'done' ? EnrollmentStatus.COMPLETED : EnrollmentStatus.IN_PROGRESS,
  sourceStatus: dto.state,
  enrolledAt: null,
  completedAt: null,
  progress: null,
  score: null,
});

/** FAO Campus as a home-grown adapter: courses, learners and their enrolments; no credentials, no statistics. */
export const faoCampusAdapter = defineAdapter<FaoCampusConfig>({
  kind: 'custom',
  category: 'LMS',
  title: 'FAO Campus',
  configSchema,
  capabilities: new Set(['courses', 'learners', 'enrollments.byLearner']),
  connect(config, deps) {
    const http = createLmsHttpClient({ lmsKind: 'custom', agency: deps.agency, baseUrl: config.baseUrl });
    const get = <T>(url: string, params: Record<string, string> = {}) =>
      http.request<T>({ method: 'GET', url, params, headers: { 'x-api-key': config.apiKey.reveal() } });
    const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });
    const courses = async () => (await cached('courses', () => get<CampusCourse[]>('api/courses'))).map(toCourse);
    return {
      getCourses: () => courses(),
      listCourses: async (query) => (await courses()).filter((course) => matchesCourseQuery(course, query)),
      getLearners: async (ids) => (await get<CampusPerson[]>('api/people', { ids: ids.join(',') })).map(toLearner),
      findLearners: async (match) =>
        match.email ? (await get<CampusPerson[]>('api/people', { mail: match.email })).map(toLearner) : [],
      getEnrollments: async (ids) =>
        (await get<CampusEnrolment[]>('api/enrolments', { ids: ids.join(',') })).map(toEnrollment),
      listEnrollments: async (scope) =>
        'learnerLocalIds' in scope
          ? (await get<CampusEnrolment[]>('api/enrolments', { people: scope.learnerLocalIds.join(',') })).map(
              toEnrollment,
            )
          : [],
      healthCheck: async () => {
        await get('api/health');
      },
      dispose: () => http.dispose(),
    };
  },
  simulator: {
    start: ({ port }) => startFaoCampus(port),
    secret: FAO_CAMPUS_KEY,
    settings: (baseUrl, secret) => ({ baseUrl, apiKey: secret }),
    sandboxAgencies: [],
  },
});
