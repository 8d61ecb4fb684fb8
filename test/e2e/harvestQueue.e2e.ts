import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { reachable } from '../support/reachable.js';

/**
 * Issue 15: two harvester processes (`convergence harvest worker`) against one real PostgreSQL share a
 * cycle through pg-boss: each agency is harvested exactly once, whichever worker takes it.
 */
const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const available = await reachable(5432);
if (!available) console.warn('PostgreSQL is not reachable on 127.0.0.1:5432: the harvest queue test is skipped');

const FIXTURE = fileURLToPath(new URL('../support/insightsFixtureAdapter.ts', import.meta.url));
const AGENCIES = ['fao', 'ilo', 'unep', 'unicef', 'wfp', 'who'];
const schema = `insights_q_${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'convergence-harvest-queue-'));
const workers: ProcessHandle[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  if (available) {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
    await client.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('harvest workers sharing a cycle through pg-boss', () => {
  it('harvests each agency once per cycle with two worker processes', async () => {
    const agencyFiles = AGENCIES.map((code, i) => {
      const file = join(dir, `agency-${code}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          agency: { code, name: code.toUpperCase() },
          lms: { module: FIXTURE, seed: i + 1, courses: 12, learners: 40, enrolments: 300, delayMs: 100 },
        }),
      );
      return file;
    });
    const config = join(dir, 'insights.json');
    writeFileSync(
      config,
      JSON.stringify({
        logLevel: 'warn',
        store: { kind: 'postgres', url: POSTGRES_URL, schema },
        learnerKeySecret: 'queue-test-secret',
        agencies: agencyFiles,
        harvest: { intervalMs: 3_600_000 },
      }),
    );
    workers.push(
      ...(await Promise.all(
        ['worker-a', 'worker-b'].map((name) =>
          startCliProcess(name, ['harvest', 'worker', '--config', config], { echo: false }),
        ),
      )),
    );
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const deadline = Date.now() + 90_000;
      let done = 0;
      while (done < AGENCIES.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        done = (await client.query(`SELECT count(DISTINCT agency)::int AS n FROM ${schema}.harvest_log`)).rows[0].n;
      }
      // Give a duplicate (if the queue let one through) time to finish too, then count the runs.
      await new Promise((r) => setTimeout(r, 2_000));
      const runs = await client.query(
        `SELECT agency, count(*)::int AS n FROM ${schema}.harvest_log GROUP BY agency ORDER BY agency`,
      );
      expect(runs.rows).toEqual(AGENCIES.map((agency) => ({ agency, n: 1 })));
      const enrolments = await client.query(`SELECT count(*)::int AS n FROM ${schema}.enrolments`);
      expect(enrolments.rows[0].n).toBe(AGENCIES.length * 300);
      const byWorker = await client.query(
        `SELECT worker, count(*)::int AS n FROM ${schema}.harvest_log GROUP BY worker`,
      );
      console.info('agencies harvested per worker:', byWorker.rows);
      const jobs = await client.query(
        `SELECT count(*)::int AS n FROM ${schema}_boss.job WHERE name = 'insights-harvest'`,
      );
      expect(jobs.rows[0].n).toBe(AGENCIES.length);
    } finally {
      await client.end();
    }
  });
});
