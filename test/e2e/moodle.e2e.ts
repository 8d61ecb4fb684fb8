import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, HIDDEN_COURSE_ID, isActive, SHARED_PEOPLE } from '../../adapters/moodle/index.js';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { runRegistrationGate } from '../../subgraphs/registry/gate/index.js';
import { graphql, simulatorControl } from '../support/graphql.js';
import { LOOPBACK_GATE } from '../support/loopback.js';

/**
 * Issue 13 end to end: WHO's Moodle (the sandbox's seed 1, a PostgreSQL-like site) through the gateway,
 * as real processes: complete transcripts, mixed-case e-mails, a course's enrolments, statistics that count
 * every enrolment, the gate's count check, and a course that survives its failing enrolments.
 */
let sandbox: Sandbox;
const data = generateDataset(1, 'Convergence Moodle sandbox');
const amina = data.users.find((u) => u.email === SHARED_PEOPLE[0]!.email)!;
const who = () => sandbox.agencies.find((a) => a.code === 'who')!;
const as = async (email: string) => ({
  authorization: `Bearer ${await obtainAccessToken({ issuer: sandbox.identityProvider.url, email })}`,
});
const MANAGER = 'learning.manager@who.int';

beforeAll(async () => {
  sandbox = await startSandbox({ harvestOnStart: false, gatewayPort: 0 });
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('WHO Moodle through the gateway', () => {
  it('gives a learner her whole transcript: the hidden course and her inactive enrolments as WITHDRAWN', async () => {
    type Answer = {
      learners: {
        agency: { code: string };
        enrollments: { edges: { node: { id: string; status: string; course: { id: string } } }[] };
      }[];
    };
    const result = await graphql<Answer>(
      sandbox.gateway.url,
      `{ learners(match: { email: "${amina.email}" }) { agency { code }
          enrollments(first: 50) { edges { node { id status sourceStatus course { id } } } } } }`,
      {},
      await as(amina.email),
    );
    expect(result.errors).toBeUndefined();
    const mine = result.data!.learners.find((l) => l.agency.code === 'who')!.enrollments.edges.map((e) => e.node);
    const expected = data.enrolments.filter((e) => e.userId === amina.id);
    expect(mine.map((e) => e.id).sort()).toEqual(
      expected.map((e) => `who:enrollment:${e.userId}-${e.courseId}`).sort(),
    );
    expect(mine.map((e) => e.course.id)).toContain(`who:course:${HIDDEN_COURSE_ID}`);
    const withdrawn = mine.filter((e) => e.status === 'WITHDRAWN').length;
    expect(withdrawn).toBe(expected.filter((e) => !isActive(e)).length);
  });

  it("finds a person stored with capitals, and lists a hidden course's enrolments, for WHO's manager", async () => {
    const capitals = data.users.find((u) => !u.emailHidden && u.email !== u.email.toLowerCase())!;
    type Found = { learners: { id: string }[]; course: { enrollments: { totalCount: number } } };
    const result = await graphql<Found>(
      sandbox.gateway.url,
      `{ learners(match: { email: "${capitals.email.toLowerCase()}" }) { id }
         course(id: "who:course:${HIDDEN_COURSE_ID}") { enrollments(first: 0) { totalCount } } }`,
      {},
      await as(MANAGER),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.learners.map((l) => l.id)).toEqual([`who:learner:${capitals.id}`]);
    expect(result.data!.course.enrollments.totalCount).toBe(
      data.enrolments.filter((e) => e.courseId === HIDDEN_COURSE_ID).length,
    );
  });

  it('counts every enrolment in liveLearningStats, the inactive ones as withdrawn', async () => {
    const result = await graphql<{ liveLearningStats: { enrollmentCount: number; withdrawnCount: number } }>(
      sandbox.gateway.url,
      '{ liveLearningStats(filter: { agencies: ["who"] }) { enrollmentCount withdrawnCount } }',
      {},
      await as(MANAGER),
    );
    expect(result.data?.liveLearningStats).toEqual({
      enrollmentCount: data.enrolments.length,
      withdrawnCount: data.enrolments.filter((e) => !isActive(e)).length,
    });
  });

  it("passes the registration gate's count check: statistics and course lists agree", async () => {
    const report = await runRegistrationGate('who', who().subgraph.url, LOOPBACK_GATE);
    expect(report.checks.find((c) => c.step === 'counts')).toEqual({ step: 'counts', ok: true, problems: [] });
    expect(report.ok).toBe(true);
  });

  it('answers a course whose enrolments fail with an error at that path, the course itself intact', async () => {
    const headers = await as(MANAGER);
    const query = `{ course(id: "who:course:2") { id title enrollments(first: 5) { totalCount } } }`;
    const warm = await graphql<{ course: { title: string } }>(sandbox.gateway.url, query, {}, headers);
    expect(warm.errors).toBeUndefined();
    const moodle = simulatorControl(who().simulator.url);
    await moodle.fault({ mode: 'down' });
    try {
      const result = await graphql<{ course: { id: string; title: string; enrollments: unknown } }>(
        sandbox.gateway.url,
        query,
        {},
        headers,
      );
      expect(result.data?.course).toEqual({ id: 'who:course:2', title: warm.data!.course.title, enrollments: null });
      expect(result.errors?.map((e) => [e.path, e.extensions?.agency])).toEqual([[['course', 'enrollments'], 'who']]);
      expect(['AGENCY_UNAVAILABLE', 'LMS_UNAVAILABLE']).toContain(result.errors?.[0]?.extensions?.code);
    } finally {
      await moodle.fault({ mode: 'none' });
    }
  });
});
