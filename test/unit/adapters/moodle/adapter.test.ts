import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import type { LmsError } from '../../../../adapters/core/errors.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  generateDataset,
  HIDDEN_COURSE_ID,
  MOODLE_REQUIRED_FUNCTIONS,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  moodleConfigSchema,
  POWER_LEARNER,
  SHARED_PEOPLE,
  startMoodleSimulator,
} from '../../../../adapters/moodle/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { CourseVisibility, EnrollmentStatus } from '../../../../schema/model/enums.js';

const SEED = 3;
const data = generateDataset(SEED, 'Convergence Moodle sandbox');
let sim: SimulatorHandle;
const adapters: LmsAdapter[] = [];

function fresh(url = sim.url, extra: Record<string, unknown> = {}): LmsAdapter {
  const config = validateConfig(moodleAdapter.configSchema, {
    kind: 'moodle',
    baseUrl: url,
    token: MOODLE_SANDBOX_TOKEN,
    ...extra,
  });
  const adapter = createAdapter(moodleAdapter, config, {
    agency: 'unssc',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  adapters.push(adapter);
  return adapter;
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as LmsError,
  );

beforeAll(async () => {
  sim = await startMoodleSimulator({ seed: SEED });
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.dispose()));
  await sim.close();
});

describe('Moodle adapter against the simulator', () => {
  it('reads 100+ enrolments with their course titles in at most 3 calls', async () => {
    const adapter = fresh();
    const [learner] = await adapter.findLearners({ email: POWER_LEARNER.email });
    const enrollments = await adapter.listEnrollments({ learnerLocalIds: [learner?.localId ?? ''] });
    expect(enrollments.length).toBeGreaterThanOrEqual(100);
    const courses = await adapter.getCourses(enrollments.slice(0, 100).map((e) => e.courseLocalId));
    expect(courses.every((c) => c !== null && c.title.length > 0)).toBe(true);
    expect(sim.stats.calls).toBeLessThanOrEqual(3);
    expect(sim.stats.byRoute).toEqual({
      'ws:core_user_get_users_by_field': 1,
      'ws:core_enrol_get_users_courses': 1,
      'ws:core_course_get_courses': 1,
    });
    expect(sim.stats.violations).toEqual([]);
  });

  it('answers course batch reads from a cached catalogue without calls', async () => {
    const adapter = fresh();
    await adapter.listCourses({});
    const before = sim.stats.calls;
    const courses = await adapter.getCourses(['2', '99999', '1', 'abc', String(HIDDEN_COURSE_ID)]);
    expect(sim.stats.calls).toBe(before);
    expect(courses.map((c) => c?.localId ?? null)).toEqual(['2', null, null, null, String(HIDDEN_COURSE_ID)]);
    expect(courses[4]?.visibility).toBe(CourseVisibility.HIDDEN);
  });

  it('lists the catalogue without the site course and with multilang titles resolved', async () => {
    const courses = await fresh().listCourses({});
    expect(courses).toHaveLength(data.courses.length);
    expect(courses.some((c) => c.localId === '1')).toBe(false);
    expect(courses.every((c) => !/multilang|\{mlang/.test(c.title))).toBe(true);
    const climate = await fresh().listCourses({ text: 'climate' });
    expect(climate.every((c) => /climate/i.test(`${c.title} ${c.summary} ${c.topics.join(' ')}`))).toBe(true);
  });

  it('finds a shared person by index number and by e-mail in any case, and the hidden-email user', async () => {
    const adapter = fresh();
    const [byIndex] = await adapter.findLearners({ indexNumber: SHARED_PEOPLE[1]!.idnumber });
    const [byEmail] = await adapter.findLearners({ email: SHARED_PEOPLE[1]!.email.toUpperCase() });
    expect(byIndex?.localId).toBe(byEmail?.localId);
    expect(byIndex).toMatchObject({ displayName: 'Kenji Sato', email: 'kenji.sato@un.org', indexNumber: 'UN-100002' });
    const hidden = data.users.find((u) => u.emailHidden);
    const found = await adapter.findLearners({ email: hidden?.email ?? '' });
    expect(found.map((l) => [l.localId, l.email])).toEqual([[String(hidden?.id), null]]);
    expect(await adapter.findLearners({ email: 'nobody@un.org' })).toEqual([]);
  });

  it('reads enrolments and credentials back by their ids', async () => {
    const adapter = fresh();
    const [amina] = await adapter.findLearners({ email: SHARED_PEOPLE[0]!.email });
    const id = amina?.localId ?? '';
    const enrollments = await adapter.listEnrollments({ learnerLocalIds: [id, '999999', 'x'] });
    expect(enrollments.some((e) => e.status === EnrollmentStatus.COMPLETED)).toBe(true);
    const again = await adapter.getEnrollments([enrollments[1]?.localId ?? '', `${id}-99999`, 'bad']);
    expect(again.map((e) => e?.localId ?? null)).toEqual([enrollments[1]?.localId, null, null]);
    const credentials = await adapter.listCredentials([id, '999999']);
    expect(credentials.length).toBeGreaterThan(0);
    const byId = await adapter.getCredentials([`${id}-nope`, credentials[0]?.localId ?? '']);
    expect(byId.map((c) => c?.localId ?? null)).toEqual([null, credentials[0]?.localId]);
  });

  it('refuses what Moodle cannot answer honestly: enrolments by course, stats for a date window', async () => {
    const adapter = fresh();
    expect(adapter.capabilities.has('enrollments.byCourse')).toBe(false);
    expect((await errorOf(adapter.listEnrollments({ courseLocalId: '2' })))?.code).toBe('LMS_UNSUPPORTED');
    expect((await errorOf(adapter.getStats({ from: new Date('2024-01-01') })))?.code).toBe('LMS_UNSUPPORTED');
  });

  it('names agency and LMS kind on errors, and fails a health check when the service lacks functions', async () => {
    const error = await errorOf(fresh(sim.url, { token: 'ffffffffffffffffffffffffffffffff' }).listCourses({}));
    expect(error).toMatchObject({ code: 'LMS_UNAUTHENTICATED', agency: 'unssc', lmsKind: 'moodle' });
    const partial = await startMoodleSimulator({ seed: SEED, functions: MOODLE_REQUIRED_FUNCTIONS.slice(0, 3) });
    try {
      const failed = await errorOf(fresh(partial.url).healthCheck());
      expect(failed?.code).toBe('LMS_FORBIDDEN');
      expect(failed?.message).toContain('core_enrol_get_users_courses');
    } finally {
      await partial.close();
    }
  });

  it('rejects invalid configuration with every problem listed', () => {
    const result = moodleConfigSchema.safeParse({ kind: 'moodle', baseUrl: 'ftp://x', token: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['baseUrl', 'token']);
  });
});
