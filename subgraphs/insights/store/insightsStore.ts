import { randomBytes, randomUUID } from 'node:crypto';
import type { ChangeWindow, CourseRecord, CredentialRecord, EnrollmentRecord } from '../../../adapters/core/records.js';
import {
  aggregateAgency,
  type CourseFacts,
  type CredentialFacts,
  type CubeCell,
  type CubeDim,
  type EnrolmentFacts,
  type RecognitionFacts,
} from './aggregate.js';
import { learnerKey } from './learnerKey.js';
import { RECOGNITIONS_DDL, type RecognitionRow, recognitionFacts, replaceRecognitions } from './recognitions.js';
import { STORE_DDL } from './schema.js';
import { openSqlClient, type SqlClient, type StoreBackend } from './sql.js';

export interface InsightsStoreOptions {
  /** HMAC secret of learner keys; absent: one generated once and kept in the store. */
  readonly learnerKeySecret?: string | undefined;
  /** Enrolments whose last activity is older than this many months are deleted at snapshot time. */
  readonly retentionMonths?: number | undefined;
  readonly now?: () => Date;
}

/** A learner's course feedback (issue 15, evaluations): the rating only, 1–5, no free text, no learner. */
export interface RatingRecord {
  readonly localId: string;
  readonly courseLocalId: string;
  readonly rating: number;
  readonly answeredAt: Date | null;
}

/**
 * What a run reads: `full` every record, then drops what the LMS no longer lists; `walk` every record,
 * dropping nothing; `incremental` the catalogue and the enrolments changed since the last run (issue 15).
 */
export type RunKind = 'full' | 'walk' | 'incremental';

/** Where an agency's harvest stands. */
export interface HarvestState {
  readonly agency: string;
  /** The run in progress (or interrupted: the next harvest resumes it). */
  readonly runId: string | null;
  readonly runFull: boolean;
  readonly runKind: RunKind;
  /** The change window of an incremental run. */
  readonly runSince: Date | null;
  readonly runUntil: Date | null;
  readonly runStartedAt: Date | null;
  /** Courses done in the run in progress. */
  readonly cursor: number;
  readonly runItems: number;
  readonly runCalls: number;
  readonly lastSuccessAt: Date | null;
  readonly lastDurationMs: number | null;
  readonly lastItems: number | null;
  readonly lastCalls: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly courses: number;
  /** Kind and start of the last successful run (the next incremental run asks for changes since that start). */
  readonly lastRunKind: RunKind | null;
  readonly lastRunStartedAt: Date | null;
  /** Start of the last successful full run, and successful runs since. */
  readonly lastFullAt: Date | null;
  readonly runsSinceFull: number;
}

/** Filters of cube reads. */
export interface CellQuery {
  readonly agencies?: readonly string[] | undefined;
  readonly dim: CubeDim;
  /** Values of `dim` (e.g. one SDG); absent: every value. */
  readonly values?: readonly string[] | undefined;
  /** `*`, or `month` / `quarter` for every month or quarter. */
  readonly period: '*' | 'month' | 'quarter';
}

/** Filters applied to base records (the on-the-fly path). */
export interface FactsQuery {
  readonly agencies?: readonly string[] | undefined;
  readonly enrolledFrom?: Date | undefined;
  readonly enrolledTo?: Date | undefined;
  readonly completedFrom?: Date | undefined;
  readonly completedTo?: Date | undefined;
}

export interface CourseRow {
  readonly agency: string;
  readonly localId: string;
  readonly sdgs: number[];
  readonly format: string;
  readonly language: string | null;
}

interface CellRow {
  agency: string;
  dim: CubeDim;
  value: string;
  period: string;
  enrolments: number;
  cohort_completed: number;
  in_progress: number;
  failed: number;
  withdrawn: number;
  learners: number;
  completions: number;
  completers: number;
  minutes: number;
  credentials: number;
  hist: number[];
  courses: number;
  sdg_mask: number;
  recognised: number;
  recognised_minutes: number;
}

const toCell = (r: CellRow): CubeCell => ({
  agency: r.agency,
  dim: r.dim,
  value: r.value,
  period: r.period,
  enrolments: r.enrolments,
  cohortCompleted: r.cohort_completed,
  inProgress: r.in_progress,
  failed: r.failed,
  withdrawn: r.withdrawn,
  learners: r.learners,
  completions: r.completions,
  completers: r.completers,
  minutes: r.minutes,
  credentials: r.credentials,
  hist: r.hist,
  courses: r.courses,
  sdgMask: r.sdg_mask,
  recognised: r.recognised,
  recognisedMinutes: r.recognised_minutes,
});

const BATCH = 5_000;

function* chunks<T>(items: readonly T[], size = BATCH): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * The insights store (issue 15): harvested snapshots and the cube the KPIs are answered from. The same
 * SQL on PGlite and PostgreSQL. Nothing here is reachable from GraphQL except through the aggregates.
 */
export class InsightsStore {
  #secret = '';

  private constructor(
    readonly sql: SqlClient,
    private readonly options: InsightsStoreOptions,
  ) {}

  static async open(backend: StoreBackend, options: InsightsStoreOptions = {}): Promise<InsightsStore> {
    const store = new InsightsStore(await openSqlClient(backend), options);
    await store.#migrate();
    return store;
  }

  get kind(): SqlClient['kind'] {
    return this.sql.kind;
  }

  async #migrate(): Promise<void> {
    await this.sql.exec(STORE_DDL + RECOGNITIONS_DDL);
    if (this.options.learnerKeySecret) {
      this.#secret = this.options.learnerKeySecret;
      return;
    }
    // One secret per store, generated once (ON CONFLICT keeps the first of two racing harvesters).
    await this.sql.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      'learner_key_secret',
      randomBytes(32).toString('base64url'),
    ]);
    const [row] = await this.sql.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
      'learner_key_secret',
    ]);
    this.#secret = row?.value ?? '';
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  learnerKey(agency: string, learnerLocalId: string): string {
    return learnerKey(this.#secret, agency, learnerLocalId);
  }

  async state(agency: string): Promise<HarvestState | undefined> {
    return (await this.states([agency]))[0];
  }

  async states(agencies?: readonly string[]): Promise<HarvestState[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT * FROM harvest_state ${agencies ? 'WHERE agency = ANY($1::text[])' : ''} ORDER BY agency`,
      agencies ? [agencies] : [],
    );
    return rows.map((r) => ({
      agency: r.agency as string,
      runId: (r.run_id as string | null) ?? null,
      runFull: r.run_full as boolean,
      runKind: ((r.run_kind as RunKind | null) ?? (r.run_full ? 'full' : 'walk')) as RunKind,
      runSince: (r.run_since as Date | null) ?? null,
      runUntil: (r.run_until as Date | null) ?? null,
      runStartedAt: (r.run_started_at as Date | null) ?? null,
      cursor: r.cursor as number,
      runItems: r.run_items as number,
      runCalls: r.run_calls as number,
      lastSuccessAt: (r.last_success_at as Date | null) ?? null,
      lastDurationMs: (r.last_duration_ms as number | null) ?? null,
      lastItems: (r.last_items as number | null) ?? null,
      lastCalls: (r.last_calls as number | null) ?? null,
      lastError: (r.last_error as string | null) ?? null,
      lastErrorAt: (r.last_error_at as Date | null) ?? null,
      courses: r.courses as number,
      lastRunKind: (r.last_run_kind as RunKind | null) ?? null,
      lastRunStartedAt: (r.last_run_started_at as Date | null) ?? null,
      lastFullAt: (r.last_full_at as Date | null) ?? null,
      runsSinceFull: (r.runs_since_full as number | null) ?? 0,
    }));
  }

  /**
   * Starts a run of an agency's harvest, or resumes the interrupted one (same run id and cursor): what it
   * had upserted stays, and upserting it again changes nothing, so a crash never counts anything twice.
   */
  async beginRun(agency: string, full: boolean, changes?: ChangeWindow): Promise<HarvestState> {
    const existing = await this.state(agency);
    // A full run asked for while a partial one is interrupted replaces it: resumed as full, it would drop
    // every record the partial run did not see.
    if (existing?.runId && !(full && existing.runKind !== 'full')) return existing;
    const kind: RunKind = full ? 'full' : changes ? 'incremental' : 'walk';
    await this.sql.query(
      `INSERT INTO harvest_state (agency, run_id, run_full, run_started_at, cursor, run_items, run_calls, run_kind,
         run_since, run_until)
       VALUES ($1, $2, $3, $4, 0, 0, 0, $5, $6, $7)
       ON CONFLICT (agency) DO UPDATE SET run_id = $2, run_full = $3, run_started_at = $4, cursor = 0,
         run_items = 0, run_calls = 0, run_kind = $5, run_since = $6, run_until = $7`,
      [agency, randomUUID(), full, this.#now(), kind, changes?.since ?? null, changes?.until ?? null],
    );
    return (await this.state(agency)) as HarvestState;
  }

  /** Records progress after a batch is stored: a resumed run starts after `cursor` courses. */
  async checkpoint(agency: string, cursor: number, items: number, calls: number): Promise<void> {
    await this.sql.query('UPDATE harvest_state SET cursor = $2, run_items = $3, run_calls = $4 WHERE agency = $1', [
      agency,
      cursor,
      items,
      calls,
    ]);
  }

  async upsertCourses(agency: string, runId: string, courses: readonly CourseRecord[]): Promise<void> {
    for (const batch of chunks(courses)) {
      await this.sql.query(
        `INSERT INTO courses (agency, local_id, title, sdgs, format, language, duration_minutes, seen_run)
         SELECT $1, l, t, CASE WHEN s = '' THEN '{}'::int[] ELSE string_to_array(s, ',')::int[] END, f, lang, d, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS x(l, t, s, f, lang, d)
         ON CONFLICT (agency, local_id) DO UPDATE SET title = excluded.title, sdgs = excluded.sdgs,
           format = excluded.format, language = excluded.language, duration_minutes = excluded.duration_minutes,
           seen_run = excluded.seen_run`,
        [
          agency,
          runId,
          batch.map((c) => c.localId),
          batch.map((c) => c.title),
          batch.map((c) => c.sdgs.join(',')),
          batch.map((c) => c.format),
          batch.map((c) => c.language),
          batch.map((c) => c.durationMinutes),
        ],
      );
    }
  }

  async upsertEnrolments(agency: string, runId: string, enrolments: readonly EnrollmentRecord[]): Promise<void> {
    for (const batch of chunks(enrolments)) {
      await this.sql.query(
        `INSERT INTO enrolments (agency, local_id, learner_key, course_id, status, enrolled_at, completed_at, score, seen_run)
         SELECT $1, l, k, c, s, e, d, sc, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::real[])
           AS x(l, k, c, s, e, d, sc)
         ON CONFLICT (agency, local_id) DO UPDATE SET learner_key = excluded.learner_key,
           course_id = excluded.course_id, status = excluded.status, enrolled_at = excluded.enrolled_at,
           completed_at = excluded.completed_at, score = excluded.score, seen_run = excluded.seen_run`,
        [
          agency,
          runId,
          batch.map((e) => e.localId),
          batch.map((e) => this.learnerKey(agency, e.learnerLocalId)),
          batch.map((e) => e.courseLocalId),
          batch.map((e) => e.status),
          batch.map((e) => e.enrolledAt),
          batch.map((e) => e.completedAt),
          batch.map((e) => e.score),
        ],
      );
    }
  }

  async upsertCredentials(agency: string, runId: string, credentials: readonly CredentialRecord[]): Promise<void> {
    for (const batch of chunks(credentials)) {
      await this.sql.query(
        `INSERT INTO credentials (agency, local_id, learner_key, course_id, issued_at, seen_run)
         SELECT $1, l, k, c, i, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS x(l, k, c, i)
         ON CONFLICT (agency, local_id) DO UPDATE SET learner_key = excluded.learner_key,
           course_id = excluded.course_id, issued_at = excluded.issued_at, seen_run = excluded.seen_run`,
        [
          agency,
          runId,
          batch.map((c) => c.localId),
          batch.map((c) => this.learnerKey(agency, c.learnerLocalId)),
          batch.map((c) => c.courseLocalId),
          batch.map((c) => c.issuedAt),
        ],
      );
    }
  }

  async upsertRatings(agency: string, runId: string, ratings: readonly RatingRecord[]): Promise<void> {
    for (const batch of chunks(ratings)) {
      await this.sql.query(
        `INSERT INTO ratings (agency, local_id, course_id, rating, answered_at, seen_run)
         SELECT $1, l, c, r, a, $2 FROM unnest($3::text[], $4::text[], $5::real[], $6::timestamptz[]) AS x(l, c, r, a)
         ON CONFLICT (agency, local_id) DO UPDATE SET course_id = excluded.course_id, rating = excluded.rating,
           answered_at = excluded.answered_at, seen_run = excluded.seen_run`,
        [
          agency,
          runId,
          batch.map((r) => r.localId),
          batch.map((r) => r.courseLocalId),
          batch.map((r) => r.rating),
          batch.map((r) => r.answeredAt),
        ],
      );
    }
  }

  /** An agency's recognitions as the registry's feed gives them (all of them: the previous ones go). */
  async replaceRecognitions(agency: string, runId: string, rows: readonly RecognitionRow[]): Promise<void> {
    await replaceRecognitions(this.sql, agency, runId, rows);
  }

  /**
   * Ends a run: a full run removes what the LMS no longer has (rows another run saw last), retention
   * removes old enrolments, the agency's cube is rebuilt from its records, and the run becomes the last
   * success. One transaction: readers see the previous snapshot or this one, never half of each.
   */
  async finishRun(agency: string, runId: string, full: boolean, worker = `pid ${process.pid}`): Promise<void> {
    const finishedAt = this.#now();
    await this.sql.transaction(async (tx) => {
      if (full) {
        for (const table of ['courses', 'enrolments', 'credentials', 'ratings']) {
          await tx.query(`DELETE FROM ${table} WHERE agency = $1 AND seen_run <> $2`, [agency, runId]);
        }
      }
      if (this.options.retentionMonths) {
        const cutoff = new Date(finishedAt);
        cutoff.setUTCMonth(cutoff.getUTCMonth() - this.options.retentionMonths);
        await tx.query('DELETE FROM enrolments WHERE agency = $1 AND coalesce(completed_at, enrolled_at) < $2', [
          agency,
          cutoff,
        ]);
      }
      await tx.query('DELETE FROM cube WHERE agency = $1', [agency]);
      const cells = await this.#cellsFromDb(tx, agency);
      await this.#insertCells(tx, cells);
      const [counts] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM courses WHERE agency = $1', [
        agency,
      ]);
      await tx.query(
        `UPDATE harvest_state SET last_success_at = $2,
           last_duration_ms = (extract(epoch FROM ($2::timestamptz - run_started_at)) * 1000)::int,
           last_items = run_items, last_calls = run_calls, run_id = NULL, cursor = 0, courses = $3,
           last_run_kind = run_kind, last_run_started_at = run_started_at,
           last_full_at = CASE WHEN run_kind = 'full' THEN run_started_at ELSE last_full_at END,
           runs_since_full = CASE WHEN run_kind = 'full' THEN 0 ELSE runs_since_full + 1 END
         WHERE agency = $1`,
        [agency, finishedAt, counts?.n ?? 0],
      );
      // One line per finished run: which worker harvested which agency when (the queue test reads it).
      await tx.query(
        `INSERT INTO harvest_log (agency, run_id, finished_at, items, calls, worker, kind)
         SELECT agency, $2, $3, coalesce(last_items, 0), coalesce(last_calls, 0), $4, last_run_kind
         FROM harvest_state WHERE agency = $1
         ON CONFLICT (agency, run_id) DO NOTHING`,
        [agency, runId, finishedAt, worker],
      );
    });
  }

  async failRun(agency: string, error: string): Promise<void> {
    await this.sql.query('UPDATE harvest_state SET last_error = $2, last_error_at = $3 WHERE agency = $1', [
      agency,
      error.slice(0, 500),
      this.#now(),
    ]);
  }

  /** Clears the last error once a run succeeds (kept apart so `finishRun` stays one statement set). */
  async clearError(agency: string): Promise<void> {
    await this.sql.query('UPDATE harvest_state SET last_error = NULL, last_error_at = NULL WHERE agency = $1', [
      agency,
    ]);
  }

  async #cellsFromDb(tx: SqlClient, agency: string): Promise<CubeCell[]> {
    const { courses, enrolments, credentials, recognitions } = await this.#facts(tx, { agencies: [agency] });
    return aggregateAgency(
      agency,
      courses.get(agency) ?? new Map(),
      enrolments.get(agency) ?? [],
      credentials.get(agency) ?? [],
      recognitions.get(agency) ?? [],
    );
  }

  async #insertCells(tx: SqlClient, cells: readonly CubeCell[]): Promise<void> {
    for (const batch of chunks(cells, 2_000)) {
      await tx.query(
        `INSERT INTO cube (agency, dim, value, period, enrolments, cohort_completed, in_progress, failed, withdrawn,
           learners, completions, completers, minutes, credentials, hist, courses, sdg_mask, recognised, recognised_minutes)
         SELECT a, d, v, p, e, cc, ip, f, w, l, c, cs, m, cr,
           CASE WHEN h = '' THEN '{}'::int[] ELSE string_to_array(h, ',')::int[] END, co, sm, rc, rm
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
           $9::int[], $10::int[], $11::int[], $12::int[], $13::float8[], $14::int[], $15::text[], $16::int[], $17::int[],
           $18::int[], $19::float8[])
           AS x(a, d, v, p, e, cc, ip, f, w, l, c, cs, m, cr, h, co, sm, rc, rm)`,
        [
          batch.map((c) => c.agency),
          batch.map((c) => c.dim),
          batch.map((c) => c.value),
          batch.map((c) => c.period),
          batch.map((c) => c.enrolments),
          batch.map((c) => c.cohortCompleted),
          batch.map((c) => c.inProgress),
          batch.map((c) => c.failed),
          batch.map((c) => c.withdrawn),
          batch.map((c) => c.learners),
          batch.map((c) => c.completions),
          batch.map((c) => c.completers),
          batch.map((c) => c.minutes),
          batch.map((c) => c.credentials),
          batch.map((c) => c.hist.join(',')),
          batch.map((c) => c.courses),
          batch.map((c) => c.sdgMask),
          batch.map((c) => c.recognised),
          batch.map((c) => c.recognisedMinutes),
        ],
      );
    }
  }

  /** Replaces an agency's cube directly (the bench loads generated cells this way). */
  async replaceCells(agency: string, cells: readonly CubeCell[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('DELETE FROM cube WHERE agency = $1', [agency]);
      await this.#insertCells(tx, cells);
    });
  }

  /** Cube cells: the fast path of every KPI query. */
  async cells(query: CellQuery): Promise<CubeCell[]> {
    const params: unknown[] = [query.dim];
    const where = ['dim = $1'];
    if (query.agencies) {
      params.push(query.agencies);
      where.push(`agency = ANY($${params.length}::text[])`);
    }
    if (query.values) {
      params.push(query.values);
      where.push(`value = ANY($${params.length}::text[])`);
    }
    if (query.period === '*') where.push(`period = '*'`);
    else if (query.period === 'month') where.push(`period LIKE '____-__' AND period NOT LIKE '%Q%'`);
    else where.push(`period LIKE '____-Q_'`);
    const rows = await this.sql.query<CellRow>(`SELECT * FROM cube WHERE ${where.join(' AND ')}`, params);
    return rows.map(toCell);
  }

  /** Base records under a filter, per agency, for what the cube cannot answer (date windows). */
  async facts(query: FactsQuery): Promise<{
    courses: Map<string, Map<string, CourseFacts>>;
    enrolments: Map<string, EnrolmentFacts[]>;
    credentials: Map<string, CredentialFacts[]>;
    recognitions: Map<string, RecognitionFacts[]>;
  }> {
    return this.#facts(this.sql, query);
  }

  async #facts(sql: SqlClient, query: FactsQuery) {
    const params: unknown[] = [];
    const agencyWhere = (column = 'agency') => {
      if (!query.agencies) return 'TRUE';
      params.push(query.agencies);
      return `${column} = ANY($${params.length}::text[])`;
    };
    const range = (column: string, from?: Date, to?: Date) => {
      const parts: string[] = [];
      if (from) {
        params.push(from);
        parts.push(`${column} >= $${params.length}`);
      }
      if (to) {
        params.push(to);
        parts.push(`${column} <= $${params.length}`);
      }
      return parts;
    };
    const courseRows = await sql.query<{
      agency: string;
      local_id: string;
      sdgs: number[];
      format: string;
      language: string | null;
      duration_minutes: number | null;
    }>(`SELECT agency, local_id, sdgs, format, language, duration_minutes FROM courses WHERE ${agencyWhere()}`, params);
    const courses = new Map<string, Map<string, CourseFacts>>();
    for (const r of courseRows) {
      const map = courses.get(r.agency) ?? new Map<string, CourseFacts>();
      courses.set(r.agency, map);
      map.set(r.local_id, {
        sdgs: r.sdgs,
        format: r.format,
        language: r.language,
        durationMinutes: r.duration_minutes,
      });
    }
    params.length = 0;
    const enrolmentWhere = [
      agencyWhere(),
      ...range('enrolled_at', query.enrolledFrom, query.enrolledTo),
      ...range('completed_at', query.completedFrom, query.completedTo),
    ];
    const enrolmentRows = await sql.query<{
      agency: string;
      learner_key: string;
      course_id: string;
      status: string;
      enrolled_at: Date | null;
      completed_at: Date | null;
    }>(
      `SELECT agency, learner_key, course_id, status, enrolled_at, completed_at FROM enrolments WHERE ${enrolmentWhere.join(' AND ')}`,
      params,
    );
    const enrolments = new Map<string, EnrolmentFacts[]>();
    for (const r of enrolmentRows) {
      const list = enrolments.get(r.agency) ?? [];
      enrolments.set(r.agency, list);
      list.push({
        learnerKey: r.learner_key,
        courseId: r.course_id,
        status: r.status,
        enrolledAt: r.enrolled_at,
        completedAt: r.completed_at,
      });
    }
    params.length = 0;
    const credentialWhere = [agencyWhere(), ...range('issued_at', query.completedFrom, query.completedTo)];
    const credentialRows = await sql.query<{ agency: string; course_id: string | null; issued_at: Date | null }>(
      `SELECT agency, course_id, issued_at FROM credentials WHERE ${credentialWhere.join(' AND ')}`,
      params,
    );
    const credentials = new Map<string, CredentialFacts[]>();
    for (const r of credentialRows) {
      const list = credentials.get(r.agency) ?? [];
      credentials.set(r.agency, list);
      list.push({ courseId: r.course_id, issuedAt: r.issued_at });
    }
    // Recognitions by the day they were recorded, within the completion window (as credentials).
    const recognitions = await recognitionFacts(sql, query.agencies, query.completedFrom, query.completedTo);
    return { courses, enrolments, credentials, recognitions };
  }

  /** Courses per agency (SDG coverage, course counts). */
  async courses(agencies?: readonly string[]): Promise<CourseRow[]> {
    const rows = await this.sql.query<{
      agency: string;
      local_id: string;
      sdgs: number[];
      format: string;
      language: string | null;
    }>(
      `SELECT agency, local_id, sdgs, format, language FROM courses ${agencies ? 'WHERE agency = ANY($1::text[])' : ''}`,
      agencies ? [agencies] : [],
    );
    return rows.map((r) => ({
      agency: r.agency,
      localId: r.local_id,
      sdgs: r.sdgs,
      format: r.format,
      language: r.language,
    }));
  }

  /** Course ratings: average and responses per course, or per agency when `courseIds` is absent. */
  async ratings(
    agency: string | undefined,
    courseIds?: readonly string[],
  ): Promise<Array<{ agency: string; courseId: string | null; sum: number; responses: number }>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (agency) {
      params.push(agency);
      where.push(`agency = $${params.length}`);
    }
    if (courseIds) {
      params.push(courseIds);
      where.push(`course_id = ANY($${params.length}::text[])`);
    }
    const group = courseIds ? 'agency, course_id' : 'agency';
    return this.sql.query(
      `SELECT agency, ${courseIds ? 'course_id AS "courseId"' : 'NULL AS "courseId"'}, sum(rating)::float8 AS sum,
         count(*)::int AS responses FROM ratings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY ${group}`,
      params,
    );
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
