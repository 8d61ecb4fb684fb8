import { Keyv } from 'keyv';
import { pino } from 'pino';
import { createAdapter } from '../../adapters/core/factory.js';
import type { SimulatorCapacity } from '../../adapters/core/simulator.js';
import {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  generateDataset,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  startMoodleSimulator,
} from '../../adapters/moodle/index.js';
import { validateConfig } from '../../schema/config/load.js';

/*
 * Row 4 of `npm run bench` (alone: `--only=moodle`): learningStats of one Moodle site, at the simulator
 * with a realistic capacity, counting calls and measuring time. The gateway gives each agency 5 s.
 *
 * The capacity is modelled on the measurement of a real 4.4 site: 145 calls in 3–5 s with 8 PHP
 * workers, most of them per-learner course lists (heavy: completion is computed per course) and the rest
 * light roster pages. Per function, in ms, plus 0.02 ms per record answered:
 */
const LATENCY_MS: Readonly<Record<string, number>> = {
  'ws:core_enrol_get_users_courses': 200,
  'ws:core_badges_get_user_badges': 100,
  'ws:core_reportbuilder_retrieve_report': 300,
  'ws:core_course_get_courses': 150,
  'ws:core_completion_get_course_completion_status': 60,
  'ws:core_enrol_get_enrolled_users': 40,
};
export const MOODLE_CAPACITY: SimulatorCapacity = {
  workers: 8,
  latencyMs: (route) => LATENCY_MS[route] ?? 50,
  perItemMs: 0.02,
};

export interface MoodleStatsRow {
  readonly site: string;
  readonly path: 'reports' | 'per learner';
  readonly users: number;
  readonly courses: number;
  readonly enrolments: number;
  readonly calls: number;
  readonly byFunction: Record<string, number>;
  readonly seconds: number;
}

async function measure(users: number, courses: number, reports: boolean): Promise<MoodleStatsRow> {
  const data = generateDataset(11, 'Bench Moodle', { users, courses });
  const sim = await startMoodleSimulator({ data, capacity: MOODLE_CAPACITY });
  const config = validateConfig(moodleAdapter.configSchema, {
    kind: 'moodle',
    baseUrl: sim.url,
    token: MOODLE_SANDBOX_TOKEN,
    ...(reports ? { reports: { completions: COMPLETIONS_REPORT_ID, badges: BADGES_REPORT_ID } } : {}),
  });
  const adapter = createAdapter(moodleAdapter, config, {
    agency: 'bench',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  try {
    const started = performance.now();
    await adapter.getStats({});
    const seconds = (performance.now() - started) / 1000;
    return {
      site: `${users.toLocaleString('en')} users, ${courses} courses`,
      path: reports ? 'reports' : 'per learner',
      users,
      courses,
      enrolments: data.enrolments.length,
      calls: sim.stats.calls,
      byFunction: { ...sim.stats.byRoute },
      seconds,
    };
  } finally {
    await adapter.dispose();
    await sim.close();
  }
}

/** A 10,000-user site through the custom reports; the per-learner walk where it still fits (1,000 users). */
export async function measureMoodleStats(quick: boolean): Promise<MoodleStatsRow[]> {
  if (quick) return [await measure(1_000, 40, true)];
  return [await measure(1_000, 40, false), await measure(1_000, 40, true), await measure(10_000, 200, true)];
}

export function moodleStatsTable(rows: readonly MoodleStatsRow[]): string {
  const header = '   site                        path          enrolments   calls   seconds';
  const lines = rows.map(
    (r) =>
      `   ${r.site.padEnd(28)}${r.path.padEnd(14)}${String(r.enrolments).padStart(10)}${String(r.calls).padStart(8)}${r.seconds.toFixed(2).padStart(10)}`,
  );
  return [header, ...lines].join('\n');
}

export interface MoodleCallsRow {
  readonly operation: string;
  readonly calls: number;
  readonly byFunction: Record<string, number>;
}

/**
 * Calls per adapter operation, each on a fresh adapter (cold caches), on the sandbox-sized site (seed 1:
 * 120 courses, 156 people): the numbers of the README's Moodle section.
 */
export async function measureMoodleCalls(): Promise<MoodleCallsRow[]> {
  const data = generateDataset(1, 'Convergence Moodle sandbox');
  const sim = await startMoodleSimulator({ data });
  const rows: MoodleCallsRow[] = [];
  const amina = data.users.find((u) => u.email === 'amina.diallo@un.org')!;
  const power = data.users.find((u) => u.email === 'power.learner@un.org')!;
  const perCourse = new Map<number, number>();
  for (const e of data.enrolments) perCourse.set(e.courseId, (perCourse.get(e.courseId) ?? 0) + 1);
  const busiest = [...perCourse].sort((a, b) => b[1] - a[1])[0]!;
  const run = async (
    operation: string,
    extra: Record<string, unknown>,
    work: (a: ReturnType<typeof createAdapter>) => Promise<unknown>,
  ) => {
    const config = validateConfig(moodleAdapter.configSchema, {
      kind: 'moodle',
      baseUrl: sim.url,
      token: MOODLE_SANDBOX_TOKEN,
      ...extra,
    });
    const adapter = createAdapter(moodleAdapter, config, {
      agency: 'b',
      logger: pino({ level: 'silent' }),
      cache: new Keyv(),
    });
    sim.reset();
    await work(adapter);
    rows.push({ operation, calls: sim.stats.calls, byFunction: { ...sim.stats.byRoute } });
    await adapter.dispose();
  };
  const reports = { reports: { completions: COMPLETIONS_REPORT_ID, badges: BADGES_REPORT_ID } };
  try {
    await run('catalogue (SDGs from a custom field or the ID number)', {}, (a) => a.listCourses({}));
    await run('catalogue (SDGs from course tags)', { sdgSource: { from: 'tags' } }, (a) => a.listCourses({}));
    await run('learner by e-mail', {}, (a) => a.findLearners({ email: amina.email }));
    await run(`transcript (${data.enrolments.filter((e) => e.userId === amina.id).length} enrolments)`, {}, (a) =>
      a.listEnrollments({ learnerLocalIds: [String(amina.id)] }),
    );
    await run(`transcript (${data.enrolments.filter((e) => e.userId === power.id).length} enrolments)`, {}, (a) =>
      a.listEnrollments({ learnerLocalIds: [String(power.id)] }),
    );
    await run(`one course's enrolments (${busiest[1]} participants)`, {}, (a) =>
      a.listEnrollments({ courseLocalId: String(busiest[0]) }),
    );
    await run('one enrolment by id', {}, (a) =>
      a.getEnrollments([`${amina.id}-${data.enrolments.find((e) => e.userId === amina.id)!.courseId}`]),
    );
    await run("a learner's credentials", {}, (a) => a.listCredentials([String(amina.id)]));
    await run('learningStats, per learner', {}, (a) => a.getStats({}));
    await run('learningStats, custom reports', reports, (a) => a.getStats({}));
  } finally {
    await sim.close();
  }
  return rows;
}

export function moodleCallsTable(rows: readonly MoodleCallsRow[]): string {
  return rows.map((r) => `   ${r.operation.padEnd(58)}${String(r.calls).padStart(6)}`).join('\n');
}
