import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { KpiEngine } from '../../subgraphs/insights/answer/engine.js';
import { aggregateAgency, type CourseFacts } from '../../subgraphs/insights/store/aggregate.js';
import { InsightsStore } from '../../subgraphs/insights/store/insightsStore.js';
import type { StoreBackend } from '../../subgraphs/insights/store/sql.js';
import { kpiData } from '../support/kpiData.js';
import { reachable } from '../support/reachable.js';

/*
 * Row 5 of `npm run bench` (alone: `--only=kpis`): a system-wide KPI query over harvested snapshots, with the
 * data generated here: 28 agencies × 10,000 learners × 200,000 enrolments (`--quick`: 28 × 1,000 × 20,000).
 * Each agency's cube is built by the harvest's own aggregation (aggregate.ts) and stored as a harvest
 * stores it; the enrolment records themselves are not inserted (the cube answers; loading 5.6 M rows into
 * PGlite would take the bench minutes and is not what is measured). Then `KpiEngine.stats({})` (every
 * agency, every KPI (recognised learning too), courses and SDG coverage) and `breakdown(SDG)` are timed on PGlite and PostgreSQL.
 */

const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const AGENCIES = 28;

export interface KpiBenchRow {
  readonly backend: 'pglite' | 'postgres';
  readonly query: string;
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

interface GeneratedAgency {
  readonly code: string;
  readonly courses: ReturnType<typeof kpiData>['courses'];
  readonly cells: ReturnType<typeof aggregateAgency>;
  readonly enrolments: number;
}

/** Generates every agency's records and cube cells once (both stores get the same). */
function generate(quick: boolean): GeneratedAgency[] {
  const [learners, enrolments, courses] = quick ? [1_000, 20_000, 100] : [10_000, 200_000, 400];
  return Array.from({ length: AGENCIES }, (_, a) => {
    const code = `a${String(a + 1).padStart(2, '0')}`;
    const data = kpiData(a + 1, courses, learners, enrolments);
    const facts = new Map<string, CourseFacts>(
      data.courses.map((c) => [
        c.localId,
        { sdgs: c.sdgs, format: c.format, language: c.language, durationMinutes: c.durationMinutes },
      ]),
    );
    const cells = aggregateAgency(
      code,
      facts,
      data.enrollments.map((e) => ({
        learnerKey: e.learnerLocalId,
        courseId: e.courseLocalId,
        status: e.status,
        enrolledAt: e.enrolledAt,
        completedAt: e.completedAt,
      })),
      data.credentials.map((c) => ({ courseId: c.courseLocalId, issuedAt: c.issuedAt })),
      // Recognised external learning: one per 100 enrolments, every other one as a local course.
      Array.from({ length: enrolments / 100 }, (_, i) => ({
        courseId: i % 2 === 0 ? (data.courses[i % data.courses.length]?.localId ?? null) : null,
        hours: 1 + (i % 8),
        recordedAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 730) * 86_400_000),
      })),
    );
    return { code, courses: data.courses, cells, enrolments };
  });
}

async function load(store: InsightsStore, agencies: readonly GeneratedAgency[]): Promise<void> {
  for (const agency of agencies) {
    const run = await store.beginRun(agency.code, true);
    await store.upsertCourses(agency.code, run.runId as string, agency.courses);
    await store.replaceCells(agency.code, agency.cells);
    await store.sql.query(
      'UPDATE harvest_state SET run_id = NULL, last_success_at = now(), last_items = $2 WHERE agency = $1',
      [agency.code, agency.enrolments],
    );
  }
}

async function time(label: string, runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { query: label, p50: at(0.5), p95: at(0.95), runs };
}

async function measure(
  backend: StoreBackend,
  agencies: readonly GeneratedAgency[],
  quick: boolean,
): Promise<KpiBenchRow[]> {
  const store = await InsightsStore.open(backend, { learnerKeySecret: 'bench' });
  try {
    await load(store, agencies);
    const engine = new KpiEngine(store);
    const runs = quick ? 30 : 200;
    const rows = [
      await time('learningStats, system-wide (28 agencies)', runs, () => engine.stats({})),
      await time('learningBreakdown by SDG', runs, () => engine.breakdown('SDG', {})),
      await time('learningBreakdown by MONTH, SDG 4', runs, () => engine.breakdown('MONTH', { sdgs: [4] })),
    ];
    return rows.map((r) => ({ backend: backend.kind, ...r }));
  } finally {
    await store.close();
  }
}

export async function measureKpis(quick: boolean): Promise<KpiBenchRow[]> {
  const agencies = generate(quick);
  const rows = await measure({ kind: 'pglite' }, agencies, quick);
  if (!(await reachable(5432))) {
    console.log('PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL KPI rows are skipped');
    return rows;
  }
  const schema = `bench_kpis_${randomBytes(4).toString('hex')}`;
  try {
    rows.push(...(await measure({ kind: 'postgres', url: POSTGRES_URL, schema }, agencies, quick)));
  } finally {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return rows;
}

export function kpisTable(rows: readonly KpiBenchRow[]): string {
  const lines = ['| store | query | p50 ms | p95 ms | runs |', '| --- | --- | ---: | ---: | ---: |'];
  for (const r of rows)
    lines.push(`| ${r.backend} | ${r.query} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.runs} |`);
  return lines.join('\n');
}
