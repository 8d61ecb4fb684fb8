import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, isActive } from '../../adapters/moodle/index.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { errorCodes, graphql, simulatorControl } from '../support/graphql.js';

/**
 * Issue 2 end to end: simulators, agency subgraphs and the gateway as real processes on ports the OS
 * assigns, queried over HTTP as a client would.
 */
let sandbox: Sandbox;
const agency = (code: string) => sandbox.agencies.find((a) => a.code === code)!;
/** Personal data is read as its owner: an access token from the sandbox identity provider. */
const signedInAs = async (email: string) => ({
  authorization: `Bearer ${await obtainAccessToken({ issuer: sandbox.identityProvider.url, email })}`,
});

beforeAll(async () => {
  sandbox = await startSandbox({
    harvestOnStart: false,
    gatewayPort: 0,
    gateway: { agencyTimeoutMs: 3000, deadlineMs: 6000 },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

const TRANSCRIPT = `query Transcript($email: String!) {
  learners(match: { email: $email }) {
    id displayName agency { code lmsKind }
    enrollments(first: 50) { totalCount edges { node { status sourceStatus course { title agency { name } } credentials { title kind } } } }
    credentials(first: 50) { totalCount edges { node { title issuer issuedAt } } }
  }
}`;

describe('the gateway over real processes', () => {
  it('serves courses with their agency, and learners with enrollments and credentials, from seeded data', async () => {
    const courses = await graphql<{
      courses: { totalCount: number; edges: { node: { title: string; agency: { code: string } } }[] };
    }>(sandbox.gateway.url, '{ courses(first: 10) { totalCount edges { node { title agency { code } } } } }');
    expect(courses.errors).toBeUndefined();
    expect(courses.data?.courses.totalCount).toBeGreaterThan(100);
    expect(courses.data?.courses.edges).toHaveLength(10);

    type Learner = {
      agency: { code: string; lmsKind: string };
      enrollments: { totalCount: number; edges: { node: { status: string; course: { title: string } } }[] };
      credentials: { totalCount: number };
    };
    const transcript = await graphql<{ learners: Learner[] }>(
      sandbox.gateway.url,
      TRANSCRIPT,
      { email: 'amina.diallo@un.org' },
      await signedInAs('amina.diallo@un.org'),
    );
    expect(transcript.errors).toBeUndefined();
    const learners = transcript.data?.learners ?? [];
    expect(new Set(learners.map((l) => l.agency.lmsKind))).toEqual(
      new Set(['MOODLE', 'CORNERSTONE', 'SUCCESSFACTORS']),
    );
    for (const learner of learners) {
      expect(learner.enrollments.totalCount).toBeGreaterThan(0);
      expect(learner.enrollments.edges.every((e) => e.node.course.title.length > 0)).toBe(true);
      expect(learner.credentials.totalCount).toBeGreaterThan(0);
    }
  });

  it('answers 100 enrollments with their course titles at the documented Moodle cost (README, Moodle section)', async () => {
    const moodle = simulatorControl(agency('who').simulator.url);
    await moodle.reset();
    const result = await graphql<{ enrollments: { edges: { node: { course: { title: string } } }[] } }>(
      sandbox.gateway.url,
      `{ enrollments(filter: { agencies: ["who"], learner: { email: "power.learner@un.org" } }, first: 100) {
          edges { node { id course { title } } } } }`,
      {},
      await signedInAs('power.learner@un.org'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.enrollments.edges).toHaveLength(100);
    expect(result.data?.enrollments.edges.every((e) => e.node.course.title)).toBe(true);
    // Her own course list once; one roster per course it lacks (two for a hidden course); one completion
    // status per completion and per hidden-course enrolment; the catalogue at most once (then cached).
    const data = generateDataset(1, 'Convergence Moodle sandbox');
    const power = data.users.find((u) => u.email === 'power.learner@un.org')!;
    const mine = data.enrolments.filter((e) => e.userId === power.id);
    const course = (id: number) => data.courses.find((c) => c.id === id)!;
    const visible = (id: number) => course(id).visible === 1;
    const listed = new Set(mine.filter((e) => isActive(e) && visible(e.courseId)).map((e) => e.courseId));
    const rosters = data.courses.filter((c) => !listed.has(c.id)).reduce((n, c) => n + (c.visible ? 1 : 2), 0);
    const statuses = mine.filter(
      (e) => isActive(e) && (visible(e.courseId) ? e.completed : course(e.courseId).enablecompletion),
    ).length;
    const { byRoute } = await moodle.stats();
    expect(byRoute['ws:core_enrol_get_users_courses']).toBe(1);
    expect(byRoute['ws:core_enrol_get_enrolled_users']).toBe(rosters);
    expect(byRoute['ws:core_completion_get_course_completion_status']).toBe(statuses);
    expect(byRoute['ws:core_course_get_courses'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('gives bad input a clear coded error and keeps serving', async () => {
    const url = sandbox.gateway.url;
    expect(errorCodes(await graphql(url, '{ course(id: "who:course:999999") { title } }'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql(url, '{ course(id: "no-such-id") { title } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await graphql(url, '{ course(id: "zzz:course:1") { title } }'))).toEqual(['NOT_FOUND']);
    const tooMany = await graphql(url, '{ courses(first: 1000) { totalCount } }');
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toMatch(/between 0 and 100/);
    const tampered = await graphql(url, '{ courses(first: 2, after: "c1.AAAA.BBBB.CCCC") { totalCount } }');
    expect(errorCodes(tampered)).toEqual(['INVALID_CURSOR']);
    const junk = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(junk.status).toBe(400);
    expect(JSON.stringify(await junk.json())).not.toMatch(/at .*\.ts:\d+/);
    expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
    expect((await graphql(url, '{ agencies { code } }')).data).toBeTruthy();
  });

  it('reports an LMS that is down as that agency unavailable, with every other agency answering', async () => {
    const moodle = simulatorControl(agency('who').simulator.url);
    await moodle.fault({ mode: 'down' });
    try {
      const result = await graphql<{ learners: { agency: { code: string } }[] }>(
        sandbox.gateway.url,
        TRANSCRIPT,
        { email: 'kenji.sato@un.org' },
        await signedInAs('kenji.sato@un.org'),
      );
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
        ['AGENCY_UNAVAILABLE', 'who'],
      ]);
      const codes = new Set(result.data?.learners.map((l) => l.agency.code));
      expect(codes).toEqual(new Set(['ilo', 'unicef', 'wfp']));
      expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|wstoken|stack/);
    } finally {
      await moodle.fault({ mode: 'none' });
    }
  });
});

describe('an agency whose LMS rejects its token', () => {
  const started: ProcessHandle[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    const dir = tmpdir();
    const who = agency('who');
    const badPath = join(dir, `bad-token-agency-${process.pid}.json`);
    writeFileSync(
      badPath,
      JSON.stringify({
        agency: { code: 'unhcr', name: 'UNHCR' },
        logLevel: 'warn',
        lms: { kind: 'moodle', baseUrl: who.simulator.url, token: 'not-the-right-token' },
      }),
    );
    const bad = await startCliProcess('bad-token-agency', ['agency', '--config', badPath]);
    started.push(bad);
    const gatewayPath = join(dir, `bad-token-gateway-${process.pid}.json`);
    writeFileSync(
      gatewayPath,
      JSON.stringify({
        port: 0,
        logLevel: 'warn',
        agencies: [
          { code: 'unhcr', name: 'UNHCR', lmsKind: 'MOODLE', url: bad.url },
          { code: 'who', name: 'WHO', lmsKind: 'MOODLE', url: who.subgraph.url },
        ],
        // A second gateway instance: the same assertion key as the sandbox's, or WHO refuses its calls.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference the gateway resolves
        auth: { assertion: { privateKey: '${GATEWAY_ASSERTION_KEY}' } },
      }),
    );
    const gateway = await startCliProcess('bad-token-gateway', ['gateway', '--config', gatewayPath], {
      env: { GATEWAY_ASSERTION_KEY: sandbox.gatewayAssertionKey },
    });
    started.push(gateway);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
  });

  it('answers with the other agencies and one LMS_UNAUTHENTICATED error naming it, leaking no token', async () => {
    const result = await graphql<{ courses: { totalCount: number } }>(
      gatewayUrl,
      '{ courses(first: 3) { totalCount } }',
    );
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
      ['LMS_UNAUTHENTICATED', 'unhcr'],
    ]);
    expect(result.data?.courses.totalCount).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toMatch(/not-the-right-token/);
    const again = await graphql(gatewayUrl, '{ agencies { code } }');
    expect(again.errors).toBeUndefined();
  });
});
