import type { RecognitionFacts } from './aggregate.js';
import type { SqlClient } from './sql.js';

/**
 * Recognised learning in the insights store (issue 15 from issue 14's recognitions): one row per recognition
 * of an agency as the registry's feed gives it, without its person. A learner appears only as the store's
 * pseudonymous key, taken from the harvested LMS enrolment the recognition was recorded as (null while the
 * LMS holds no such enrolment: kept in Convergence only, or not harvested yet).
 */
export const RECOGNITIONS_DDL = `
CREATE TABLE IF NOT EXISTS recognitions (
  agency text NOT NULL, id text NOT NULL, learner_key text, provider text NOT NULL, course_id text,
  hours real, status text NOT NULL, recorded_at timestamptz, seen_run text NOT NULL,
  PRIMARY KEY (agency, id));
ALTER TABLE cube ADD COLUMN IF NOT EXISTS recognised int NOT NULL DEFAULT 0;
ALTER TABLE cube ADD COLUMN IF NOT EXISTS recognised_minutes float8 NOT NULL DEFAULT 0;
`;

/** One recognition as the harvest stores it (local ids of the recognising agency). */
export interface RecognitionRow {
  readonly id: string;
  /** The provider profile (platform or agency) whose credential was recognised. */
  readonly provider: string;
  /** PENDING, RECORDING, RECORDED or REVOKED: only RECORDED counts. */
  readonly status: string;
  /** The local course it counts as (its SDGs, format and language), else null (credit hours). */
  readonly courseLocalId: string | null;
  readonly hours: number | null;
  /** The LMS enrolment that holds it. */
  readonly enrollmentLocalId: string | null;
  readonly recordedAt: Date | null;
}

/**
 * Replaces an agency's recognitions with the feed's (the registry gives all of them every time, so a
 * recognition the registry no longer has goes too); the same rows again change nothing.
 */
export async function replaceRecognitions(
  sql: SqlClient,
  agency: string,
  runId: string,
  rows: readonly RecognitionRow[],
): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('DELETE FROM recognitions WHERE agency = $1', [agency]);
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO recognitions (agency, id, learner_key, provider, course_id, hours, status, recorded_at, seen_run)
       SELECT $1, i, (SELECT e.learner_key FROM enrolments e WHERE e.agency = $1 AND e.local_id = x.enr), p, c, h, s, r, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::real[], $7::text[], $8::timestamptz[], $9::text[])
         AS x(i, p, c, h, s, r, enr)
       ON CONFLICT (agency, id) DO NOTHING`,
      [
        agency,
        runId,
        rows.map((r) => r.id),
        rows.map((r) => r.provider),
        rows.map((r) => r.courseLocalId),
        rows.map((r) => r.hours),
        rows.map((r) => r.status),
        rows.map((r) => r.recordedAt),
        rows.map((r) => r.enrollmentLocalId),
      ],
    );
  });
}

/** Recorded recognitions per agency, within an optional window on the recording date. */
export async function recognitionFacts(
  sql: SqlClient,
  agencies: readonly string[] | undefined,
  from?: Date,
  to?: Date,
): Promise<Map<string, RecognitionFacts[]>> {
  const params: unknown[] = [];
  const where = [`status = 'RECORDED'`];
  if (agencies) {
    params.push(agencies);
    where.push(`agency = ANY($${params.length}::text[])`);
  }
  if (from) {
    params.push(from);
    where.push(`recorded_at >= $${params.length}`);
  }
  if (to) {
    params.push(to);
    where.push(`recorded_at <= $${params.length}`);
  }
  const rows = await sql.query<{
    agency: string;
    course_id: string | null;
    hours: number | null;
    recorded_at: Date | null;
  }>(`SELECT agency, course_id, hours, recorded_at FROM recognitions WHERE ${where.join(' AND ')}`, params);
  const byAgency = new Map<string, RecognitionFacts[]>();
  for (const r of rows) {
    const list = byAgency.get(r.agency) ?? [];
    byAgency.set(r.agency, list);
    list.push({ courseId: r.course_id, hours: r.hours, recordedAt: r.recorded_at });
  }
  return byAgency;
}
