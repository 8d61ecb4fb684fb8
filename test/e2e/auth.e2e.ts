import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssertionSigner } from '../../gateway/auth/assertion.js';
import { DEFAULT_ASSERTION_ISSUER, PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import { SANDBOX_OTHER_AUDIENCE } from '../../subgraphs/cli/identityProvider.js';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { type GraphQLResult, graphql } from '../support/graphql.js';
import { unsecuredToken } from '../support/testIssuer.js';

/**
 * Issue 10 end to end: the sandbox (real identity provider, registry, four agencies, gateway — all real
 * processes), tokens obtained through the provider's authorization-code + PKCE flow, and every role
 * against every root field and personal field, plus bad tokens and direct calls to the subgraphs.
 */
let sandbox: Sandbox;
const tokens = new Map<string, string>();
const token = async (email: string) => {
  let value = tokens.get(email);
  if (!value) {
    value = await obtainAccessToken({ issuer: sandbox.identityProvider.url, email });
    tokens.set(email, value);
  }
  return value;
};
const as = async (email: string | null) => (email ? { authorization: `Bearer ${await token(email)}` } : {});
const ask = async <T = Record<string, unknown>>(email: string | null, query: string, variables = {}) =>
  graphql<T>(sandbox.gateway.url, query, variables, await as(email));
const codes = (result: GraphQLResult<unknown>) =>
  (result.errors ?? []).map((e) => [e.extensions?.code, (e.path ?? []).join('.')]);

const PORTAL = 'https://portal.example.org';
const AMINA = 'amina.diallo@un.org';
const KENJI = 'kenji.sato@un.org';
const WHO_MANAGER = 'learning.manager@who.int';
const ANALYST = 'analyst@unssc.org';
const ADMIN = 'registry.admin@un.org';

beforeAll(async () => {
  sandbox = await startSandbox({
    harvestOnStart: false,
    gatewayPort: 0,
    gateway: { auth: { jwksRefetchFloorMs: 0, cors: { allowedOrigins: [PORTAL] } } },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

const TRANSCRIPT = `query($email: String!) {
  learners(match: { email: $email }) { id email indexNumber agency { code } }
  enrollments(filter: { learner: { email: $email } }, first: 100) { totalCount edges { node { id learner { email } } } }
  credentials(filter: { learner: { email: $email } }, first: 100) { totalCount edges { node { id } } }
}`;
type Transcript = {
  learners: { id: string; email: string; indexNumber: string; agency: { code: string } }[] | null;
  enrollments: { totalCount: number; edges: { node: { id: string; learner: { email: string } } }[] } | null;
  credentials: { totalCount: number } | null;
};
const agenciesOf = (ids: readonly string[]) => new Set(ids.map((id) => id.split(':')[0]));

describe('who may read whose records (root fields)', () => {
  it('anonymous: public fields answer, personal ones are null with one UNAUTHENTICATED each', async () => {
    const result = await ask<Transcript & { courses: { totalCount: number } }>(
      null,
      `query($email: String!) { courses(first: 1) { totalCount } ${TRANSCRIPT.slice(TRANSCRIPT.indexOf('{') + 1)}`,
      { email: AMINA },
    );
    expect(result.data?.courses.totalCount).toBeGreaterThan(0);
    expect(result.data?.learners).toBeNull();
    expect(result.data?.enrollments).toBeNull();
    expect(result.data?.credentials).toBeNull();
    expect(codes(result)).toEqual([
      ['UNAUTHENTICATED', 'learners'],
      ['UNAUTHENTICATED', 'enrollments'],
      ['UNAUTHENTICATED', 'credentials'],
    ]);
  });

  it('a learner reads their own records in every agency, and nobody else’s whatever the filter says', async () => {
    const own = await ask<Transcript>(AMINA, TRANSCRIPT, { email: AMINA });
    expect(own.errors).toBeUndefined();
    expect(new Set(own.data?.learners?.map((l) => l.agency.code))).toEqual(new Set(['ilo', 'unicef', 'wfp', 'who']));
    expect(own.data?.learners?.every((l) => l.email === AMINA && l.indexNumber === 'UN-100001')).toBe(true);
    expect(own.data!.enrollments!.totalCount).toBeGreaterThan(0);
    expect(own.data!.enrollments!.edges.every((e) => e.node.learner.email === AMINA)).toBe(true);
    expect(own.data!.credentials!.totalCount).toBeGreaterThan(0);
    const someoneElse = await ask<Transcript>(AMINA, TRANSCRIPT, { email: KENJI });
    expect(someoneElse.errors).toBeUndefined();
    expect(someoneElse.data?.learners).toEqual([]);
    expect(someoneElse.data?.enrollments).toEqual({ totalCount: 0, edges: [] });
    expect(someoneElse.data?.credentials?.totalCount).toBe(0);
  });

  it('a manager reads the learners of their agency only', async () => {
    const result = await ask<Transcript>(WHO_MANAGER, TRANSCRIPT, { email: KENJI });
    expect(result.errors).toBeUndefined();
    expect(result.data?.learners?.map((l) => [l.agency.code, l.email])).toEqual([['who', KENJI]]);
    expect(agenciesOf(result.data!.enrollments!.edges.map((e) => e.node.id))).toEqual(new Set(['who']));
  });

  it.each([ANALYST, ADMIN])('%s never reads a person’s record: FORBIDDEN', async (email) => {
    const result = await ask<Transcript>(email, TRANSCRIPT, { email: AMINA });
    expect(result.data).toEqual({ learners: null, enrollments: null, credentials: null });
    expect(codes(result)).toEqual([
      ['FORBIDDEN', 'learners'],
      ['FORBIDDEN', 'enrollments'],
      ['FORBIDDEN', 'credentials'],
    ]);
  });

  it.each([null, AMINA, WHO_MANAGER, ANALYST, ADMIN])('public fields answer the same for %s', async (email) => {
    const result = await ask<{ agencies: { code: string }[]; course: { id: string } }>(
      email,
      '{ agencies { code } courses(first: 3, filter: { agencies: ["who"] }) { edges { node { id visibility } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.agencies.map((a) => a.code).sort()).toEqual([
      'ilo',
      'linkedin',
      'sdg-oer',
      'unicef',
      'wfp',
      'who',
    ]);
  });
});

describe('through entity references', () => {
  const COURSE_ROSTER = `query($id: ID!) { course(id: $id) { title enrollments(first: 100) { totalCount edges { node { learner { email } } } } } }`;
  let courseId: string;
  beforeAll(async () => {
    // A course Amina is enrolled in at UNICEF (Cornerstone lists a course's enrolments; Moodle's web
    // services used here do not), found through her own transcript.
    const own = await ask<{ enrollments: { edges: { node: { course: { id: string; visibility: string } } }[] } }>(
      AMINA,
      `{ enrollments(filter: { agencies: ["unicef"], learner: { email: "${AMINA}" } }, first: 100) { edges { node { course { id visibility } } } } }`,
    );
    courseId = own.data!.enrollments.edges.find((e) => e.node.course.visibility === 'PUBLIC')!.node.course.id;
  });

  it('course { enrollments { learner { email } } }: anonymous and analyst get null and one error', async () => {
    const anonymous = await ask<{ course: { title: string; enrollments: unknown } }>(null, COURSE_ROSTER, {
      id: courseId,
    });
    expect(anonymous.data?.course.title).toBeTruthy();
    expect(anonymous.data?.course.enrollments).toBeNull();
    expect(codes(anonymous)).toEqual([['UNAUTHENTICATED', 'course.enrollments']]);
    const analyst = await ask(ANALYST, COURSE_ROSTER, { id: courseId });
    expect(codes(analyst)).toEqual([['FORBIDDEN', 'course.enrollments']]);
  });

  it('a learner sees only their own enrolment in the course; the manager of its agency sees everyone', async () => {
    type Roster = {
      course: { enrollments: { totalCount: number; edges: { node: { learner: { email: string } } }[] } };
    };
    const learner = await ask<Roster>(AMINA, COURSE_ROSTER, { id: courseId });
    expect(learner.errors).toBeUndefined();
    expect(learner.data!.course.enrollments.edges.map((e) => e.node.learner.email)).toEqual([AMINA]);
    const manager = await ask<Roster>('learning.manager@unicef.int', COURSE_ROSTER, { id: courseId });
    expect(manager.data!.course.enrollments.totalCount).toBeGreaterThan(1);
    const otherManager = await ask<Roster>('learning.manager@ilo.int', COURSE_ROSTER, { id: courseId });
    expect(otherManager.data!.course.enrollments.totalCount).toBe(0);
  });
});

describe('aggregates', () => {
  it('withhold small counts from anonymous and ANALYST callers, not from the agency’s own manager', async () => {
    const query =
      '{ liveLearningStats(filter: { agencies: ["who"], sdgs: [17] }) { courseCount enrollmentCount failedCount withdrawnCount completionRate } }';
    const manager = await ask<{ liveLearningStats: Record<string, number | null> }>(WHO_MANAGER, query);
    expect(manager.errors).toBeUndefined();
    expect(manager.extensions?.disclosure).toBeUndefined();
    const raw = manager.data!.liveLearningStats;
    for (const caller of [null, ANALYST]) {
      const answer = await ask<{ liveLearningStats: Record<string, number | null> }>(caller, query);
      const stats = answer.data!.liveLearningStats;
      const small = Object.entries(raw).filter(
        ([key, value]) => key !== 'courseCount' && key !== 'completionRate' && typeof value === 'number' && value < 5,
      );
      for (const [key] of small) expect(stats[key], key).toBeNull();
      for (const [key, value] of Object.entries(raw))
        if (typeof value === 'number' && value >= 5) expect(stats[key]).toBe(value);
      expect(stats.courseCount).toBe(raw.courseCount);
      const withheld =
        (answer.extensions?.disclosure as { suppressed: { path: string[] }[] } | undefined)?.suppressed ?? [];
      expect(
        withheld
          .map((s) => s.path.at(-1))
          .filter((k) => k !== 'completionRate')
          .sort(),
      ).toEqual(small.map(([k]) => k).sort());
    }
  });
});

describe('bad tokens: HTTP 401 with WWW-Authenticate: Bearer, nothing answered', () => {
  const post = (authorization: string) =>
    fetch(sandbox.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ agencies { code } }' }),
    });
  const providerKey = async () => {
    const { keys } = JSON.parse(readFileSync(sandbox.identityKeysFile, 'utf8')) as { keys: (JWK & { kid: string })[] };
    return { kid: keys[0]!.kid, key: await importJWK(keys[0]!, 'RS256') };
  };
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    iss: sandbox.identityProvider.url,
    aud: 'urn:convergence:gateway',
    sub: AMINA,
    email: AMINA,
    email_verified: true,
    roles: ['LEARNER'],
    iat: now(),
    exp: now() + 300,
  });
  const signed = async (overrides: Record<string, unknown>) => {
    const { kid, key } = await providerKey();
    return new SignJWT({ ...claims(), ...overrides }).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  };

  it.each([
    ['expired', () => signed({ exp: now() - 600, iat: now() - 1200 })],
    ['wrong audience (signed by the provider)', () => signed({ aud: 'urn:convergence:other-api' })],
    [
      'wrong audience (issued by the provider)',
      () => obtainAccessToken({ issuer: sandbox.identityProvider.url, email: AMINA, resource: SANDBOX_OTHER_AUDIENCE }),
    ],
    ['wrong issuer', () => signed({ iss: 'https://login.example.org' })],
    [
      'forged (own key)',
      async () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const { kid } = await providerKey();
        return new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
      },
    ],
    [
      'tampered',
      async () => {
        const [h, , s] = (await token(AMINA)).split('.');
        return `${h}.${Buffer.from(JSON.stringify({ ...claims(), roles: ['REGISTRY_ADMIN'] })).toString('base64url')}.${s}`;
      },
    ],
    ['alg none', async () => unsecuredToken(claims())],
    [
      'HMAC keyed with the public key',
      async () => {
        const { keys } = JSON.parse(readFileSync(sandbox.identityKeysFile, 'utf8')) as { keys: JWK[] };
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = keys[0]!;
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        const input = `${part({ alg: 'HS256', kid: publicJwk.kid })}.${part(claims())}`;
        return `${input}.${createHmac('sha256', JSON.stringify(publicJwk)).update(input).digest('base64url')}`;
      },
    ],
    ['malformed', async () => 'not.a.jwt'],
  ])('%s', async (_name, make) => {
    const response = await post(`Bearer ${await make()}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await response.json()) as GraphQLResult<unknown>;
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a valid token from the provider, signed with its real key, is accepted', async () => {
    expect((await post(`Bearer ${await signed({})}`)).status).toBe(200);
  });
});

describe('the provider rotates its signing key while the gateway runs', () => {
  it('accepts tokens signed with the new key without a restart', async () => {
    const before = await token(AMINA);
    const rotated = (await (
      await fetch(`${sandbox.identityProvider.url}/__sandbox/rotate-keys`, { method: 'POST' })
    ).json()) as { kid: string };
    const after = await obtainAccessToken({ issuer: sandbox.identityProvider.url, email: AMINA });
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(rotated.kid);
    for (const value of [after, before]) {
      const result = await graphql<Transcript>(
        sandbox.gateway.url,
        TRANSCRIPT,
        { email: AMINA },
        { authorization: `Bearer ${value}` },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.learners?.length).toBe(4);
    }
  });
});

describe('subgraphs called directly', () => {
  const who = () => sandbox.agencies.find((a) => a.code === 'who')!.subgraph.url;
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Learner { email } ... on Enrollment { id } ... on Credential { id } } }`;
  let learnerId: string;
  beforeAll(async () => {
    const own = await ask<Transcript>(AMINA, TRANSCRIPT, { email: AMINA });
    learnerId = own.data!.learners!.find((l) => l.agency.code === 'who')!.id;
  });

  it('without an assertion: public data, but no personal record (root fields or _entities)', async () => {
    expect((await graphql(who(), '{ agencies { code } }')).data).toEqual({ agencies: [{ code: 'who' }] });
    const learners = await graphql(who(), `{ learners(match: { email: "${AMINA}" }) { email } }`);
    expect(learners.data).toEqual({ learners: null });
    expect(learners.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const entities = await graphql<{ _entities: unknown[] }>(who(), ENTITIES, {
      r: [{ __typename: 'Learner', id: learnerId }],
    });
    expect(entities.data?._entities).toEqual([null]);
    expect(entities.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('with another learner’s gateway assertion: none of Amina’s enrolments or credentials by reference', async () => {
    const own = await ask<{
      enrollments: { edges: { node: { id: string } }[] };
      credentials: { edges: { node: { id: string } }[] };
    }>(AMINA, TRANSCRIPT, { email: AMINA });
    const inWho = (edges: { node: { id: string } }[]) =>
      edges.map((e) => e.node.id).filter((id) => id.startsWith('who:'));
    const enrollmentIds = inWho(own.data!.enrollments.edges);
    const credentialIds = inWho(own.data!.credentials.edges);
    expect(enrollmentIds.length).toBeGreaterThan(0);
    expect(credentialIds.length).toBeGreaterThan(0);
    const representations = [
      ...enrollmentIds.map((id) => ({ __typename: 'Enrollment', id })),
      ...credentialIds.map((id) => ({ __typename: 'Credential', id })),
    ];
    const signer = await AssertionSigner.create({
      privateKeyPem: sandbox.gatewayAssertionKey,
      issuer: DEFAULT_ASSERTION_ISSUER,
    });
    const asKenji = await signer.assertionFor({
      kind: 'user',
      issuer: sandbox.identityProvider.url,
      subject: KENJI,
      email: KENJI,
      indexNumber: 'UN-100002',
      agency: 'who',
      roles: ['LEARNER'],
    });
    const asAmina = await signer.assertionFor({
      kind: 'user',
      issuer: sandbox.identityProvider.url,
      subject: AMINA,
      email: AMINA,
      indexNumber: 'UN-100001',
      agency: 'ilo',
      roles: ['LEARNER'],
    });
    const byReference = (assertion: string) =>
      graphql<{ _entities: ({ id: string } | null)[] }>(
        who(),
        ENTITIES,
        { r: representations },
        {
          [PRINCIPAL_ASSERTION_HEADER]: assertion,
        },
      );
    // The control: the same references with Amina's own assertion resolve, so the refusal below is about
    // who asks, not about the references.
    const mine = await byReference(asAmina);
    expect(mine.data?._entities.map((e) => e?.id)).toEqual(representations.map((r) => r.id));
    const theirs = await byReference(asKenji);
    expect(theirs.data?._entities).toEqual(representations.map(() => null));
    expect(JSON.stringify(theirs)).not.toContain(AMINA);
  });

  it('with a forged assertion (another key): refused with 401', async () => {
    const forger = await AssertionSigner.create({ issuer: 'urn:convergence:gateway' });
    const forged = await forger.assertionFor({
      kind: 'user',
      issuer: 'x',
      subject: 'x',
      email: AMINA,
      indexNumber: 'UN-100001',
      agency: 'who',
      roles: ['AGENCY_MANAGER'],
    });
    for (const url of [who(), sandbox.registry.url]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PRINCIPAL_ASSERTION_HEADER]: forged },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
    }
  });

  it('the registry serves no registration (URLs, contacts) without the admin credential or assertion', async () => {
    const result = await graphql(
      sandbox.registry.url,
      '{ registeredAgencies { code registration { subgraphUrl contact } } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const health = await ask<{ registeredAgencies: { health: { lastError: string | null } }[] }>(
      null,
      '{ registeredAgencies { code health { status lastError } } }',
    );
    expect(JSON.stringify(health)).not.toMatch(/127\.0\.0\.1|localhost|http:/);
  });
});

describe('registry administration through the gateway', () => {
  it('is for REGISTRY_ADMIN only', async () => {
    const query = '{ registeredAgency(code: "who") { code registration { subgraphUrl } } }';
    const admin = await ask<{ registeredAgency: { registration: { subgraphUrl: string } } }>(ADMIN, query);
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.registeredAgency.registration.subgraphUrl).toMatch(/^http/);
    const manager = await ask(WHO_MANAGER, query);
    expect(manager.data).toEqual({ registeredAgency: { code: 'who', registration: null } });
    expect(codes(manager)).toEqual([['FORBIDDEN', 'registeredAgency.registration']]);
  });
});

describe('the audit trail', () => {
  it('records each personal read — who, whose, agencies, fields, request id — and nothing else', async () => {
    const lines = () =>
      readFileSync(sandbox.auditLogFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const before = lines().length;
    const headers = { ...(await as(KENJI)), 'x-request-id': 'audit-test-1' };
    await graphql(sandbox.gateway.url, TRANSCRIPT, { email: KENJI }, headers);
    await ask(KENJI, '{ courses(first: 2) { totalCount } }');
    await ask(null, TRANSCRIPT, { email: KENJI });
    await ask(AMINA, TRANSCRIPT, { email: KENJI });
    const added = lines().slice(before);
    expect(added).toHaveLength(1);
    const entry = added[0]!;
    expect(entry).toMatchObject({
      event: 'personal_data_read',
      requestId: 'audit-test-1',
      who: { kind: 'user', subject: KENJI, roles: ['LEARNER'] },
      agencies: ['ilo', 'unicef', 'wfp', 'who'],
      fields: expect.arrayContaining(['Learner.email', 'Learner.indexNumber', 'Enrollment.id']),
    });
    expect((entry.whose as string[]).every((id) => /^[a-z]+:learner:/.test(id))).toBe(true);
    expect(JSON.stringify(entry)).not.toMatch(/UN-100002|"title"|"status"|"email"/);
  });
});

describe('a browser page', () => {
  const preflight = (origin: string) =>
    fetch(sandbox.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('on an allowed origin gets its preflight answered and calls with a token; other origins do not', async () => {
    const ok = await preflight(PORTAL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect((await preflight('https://elsewhere.example')).status).toBe(403);
    const call = await fetch(sandbox.gateway.url, {
      method: 'POST',
      headers: { origin: PORTAL, 'content-type': 'application/json', ...(await as(AMINA)) },
      body: JSON.stringify({ query: `{ learners(match: { email: "${AMINA}" }) { id } }` }),
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('access-control-allow-origin')).toBe(PORTAL);
  });

  it('cannot send a simple cross-site request (CSRF prevention stays on)', async () => {
    const forged = await fetch(`${sandbox.gateway.url}?query=${encodeURIComponent('{ agencies { code } }')}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(forged.status).toBe(400);
  });
});
