import type { AdapterDeps, AdapterImplementation, LmsCapability } from '../core/adapter.js';
import { createReadThrough } from '../core/cache.js';
import { computeStats, matchesCourseQuery } from '../core/query.js';
import type { CredentialRecord, EnrollmentRecord, LearnerRecord } from '../core/records.js';
import { listTranscriptChanges } from './changes.js';
import { type CornerstoneClientOptions, createCornerstoneClient } from './client.js';
import type { CornerstoneConfig } from './config.js';
import type {
  CsodCatalogItemDto,
  CsodReportCertificationDto,
  CsodReportTranscriptDto,
  CsodReportUserDto,
} from './dto.js';
import { createLearnerReader } from './learners.js';
import { mapCatalogItem, mapCertification, mapReportTranscript, mapReportUser, mapTranscript } from './mapper.js';
import { walkCatalog, walkReport, walkTranscripts } from './paging.js';
import { createCornerstoneRecognitionWriter } from './recognition.js';

export const CORNERSTONE_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>([
  'courses',
  'learners',
  'enrollments.byLearner',
  'enrollments.byCourse',
  'enrollments.changes',
  'credentials',
  'stats',
  'recognitions.write',
]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUserId = (id: string) => /^\d{1,12}$/.test(id);
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const present = <T>(value: T | null): value is T => value !== null;

/** Splits `${userId}:${suffix}` local ids and groups them by user. */
function byUser(localIds: readonly string[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const id of localIds) {
    const userId = id.split(':', 1)[0] ?? '';
    if (isUserId(userId)) groups.set(userId, (groups.get(userId) ?? new Set()).add(id));
  }
  return groups;
}

/** Courses per report call when reading several courses' enrolments (keeps the `$filter` URL short). */
const COURSES_PER_CALL = 20;

/** A Cornerstone portal in canonical terms; the factory (`createAdapter(cornerstoneAdapter, ...)`) wraps it. */
export function createCornerstoneAdapter(
  config: CornerstoneConfig,
  deps: AdapterDeps,
  clientOptions: Partial<CornerstoneClientOptions> = {},
): AdapterImplementation {
  const client = createCornerstoneClient(config, { agency: deps.agency, logger: deps.logger, ...clientOptions });
  // Upstream DTOs are cached (JSON-safe), never canonical records (Dates do not survive serialisation).
  const cached = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs ?? 300_000, logger: deps.logger });
  const learners = createLearnerReader(client, deps.cache);
  const issuer = new URL(config.baseUrl).hostname;

  const catalogue = () => cached<CsodCatalogItemDto[]>('catalogue:v1', () => walkCatalog(client));
  const courses = async () => (await catalogue()).map((item) => mapCatalogItem(item, config.baseUrl));

  async function enrollmentsOf(userIds: readonly string[]): Promise<EnrollmentRecord[]> {
    const employees = await learners.employees(userIds.filter(isUserId));
    const lists = await Promise.all(
      employees.filter(present).map(async (employee) => {
        if (!employee.externalId) return [];
        const items = await walkTranscripts(client, employee.externalId);
        const mapped = items.map((item) => mapTranscript(String(employee.id), item));
        if (mapped.some((e) => e === null))
          deps.logger.warn({ user: employee.id }, 'transcript item with unknown status group');
        return mapped.filter(present);
      }),
    );
    return [...new Map(lists.flat().map((e) => [e.localId, e])).values()];
  }

  const transcriptRows = (filter: string) =>
    walkReport<CsodReportTranscriptDto>(
      client,
      'vw_rpt_transcript',
      { $filter: filter },
      (row) => `${row.transc_user_id}:${row.transc_object_id}`,
    );
  const certificationRows = (filter?: string) =>
    walkReport<CsodReportCertificationDto>(
      client,
      'vw_rpt_user_certification',
      filter ? { $filter: filter } : {},
      (row) => `${row.user_id}:${row.user_cert_id}`,
    );
  const credentialsOf = async (userIds: readonly string[]): Promise<CredentialRecord[]> => {
    const lists = await Promise.all(userIds.filter(isUserId).map((id) => certificationRows(`user_id eq ${id}`)));
    return lists.flat().map((row) => mapCertification(row, issuer));
  };

  return {
    getCourses: async () => courses(),
    listCourses: async (query) => (await courses()).filter((course) => matchesCourseQuery(course, query)),

    getLearners: async (ids) => (await learners.employees(ids)).map((e) => (e ? learners.map(e) : null)),
    findLearners: async (match): Promise<LearnerRecord[]> => {
      if (match.indexNumber) return learners.byExternalId(match.indexNumber);
      if (!match.email) return [];
      // Email is not an Employee API filter; the reporting user view has it (§2.4.3). It arrives lower-cased.
      const email = match.email;
      const rows = await walkReport<CsodReportUserDto>(
        client,
        'vw_rpt_user',
        {
          $filter: `user_email eq ${quote(email)}`,
          $select: 'user_id,user_ref,user_name_first,user_name_last,user_email',
        },
        (row) => String(row.user_id),
      );
      return rows.map(mapReportUser).filter((learner) => learner.email === email);
    },

    getEnrollments: (ids) => enrollmentsOf([...byUser(ids).keys()]),
    listEnrollments: async (scope) => {
      if ('learnerLocalIds' in scope) return enrollmentsOf(scope.learnerLocalIds);
      if (!GUID.test(scope.courseLocalId)) return [];
      const rows = await transcriptRows(`transc_object_id eq ${quote(scope.courseLocalId)} and is_removed eq false`);
      return rows.map(mapReportTranscript).filter(present);
    },

    // One report walk per 20 courses for a nested level of Course.enrollments (issue 11), not one per course.
    listEnrollmentsOfCourses: async (courseIds) => {
      const guids = courseIds.filter((id) => GUID.test(id));
      const chunks: string[][] = [];
      for (let i = 0; i < guids.length; i += COURSES_PER_CALL) chunks.push(guids.slice(i, i + COURSES_PER_CALL));
      const lists = await Promise.all(
        chunks.map((chunk) =>
          transcriptRows(
            `(${chunk.map((id) => `transc_object_id eq ${quote(id)}`).join(' or ')}) and is_removed eq false`,
          ),
        ),
      );
      return lists.flat().map(mapReportTranscript).filter(present);
    },

    // Transcript Search over 24 h windows (§2.4.2c), for the insights harvest's incremental runs (issue 15).
    listEnrollmentChanges: (window) => listTranscriptChanges(client, window, deps.logger),

    getCredentials: (ids) => credentialsOf([...byUser(ids).keys()]),
    listCredentials: (learnerIds) => credentialsOf(learnerIds),

    getStats: async (query) => {
      const [all, rows, certs] = await Promise.all([
        courses(),
        transcriptRows('is_removed eq false'),
        certificationRows(),
      ]);
      const enrollments = rows.map(mapReportTranscript).filter(present);
      return computeStats(
        all,
        enrollments,
        certs.map((row) => mapCertification(row, issuer)),
        query,
      );
    },

    recordExternalLearning: createCornerstoneRecognitionWriter(client, learners),

    healthCheck: async () => {
      await client.employees({ pageSize: 1 });
    },
    dispose: () => client.dispose(),
  };
}
