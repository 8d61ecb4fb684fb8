import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { type GraphQLResult, graphql } from '../support/graphql.js';

/**
 * Issue 14 end to end, every part a real process (sandbox: identity provider, platform simulator, LMS
 * simulators, agency subgraphs, registry, gateway): a learner presents an external platform's credential,
 * it verifies, an agreement of their agency applies, their manager records it, and it shows in their
 * Cornerstone transcript through the gateway; revoked by the platform, the same credential fails.
 */
let sandbox: Sandbox;
const tokens = new Map<string, string>();
async function ask<T>(email: string | null, query: string, variables: Record<string, unknown> = {}) {
  let token = email ? tokens.get(email) : undefined;
  if (email && !token) {
    token = await obtainAccessToken({ issuer: sandbox.identityProvider.url, email });
    tokens.set(email, token);
  }
  return graphql<T>(sandbox.gateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {});
}
const codes = (result: GraphQLResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);

// Kenji's home agency in the sandbox is UNICEF (Cornerstone); Lucia's is WFP (SuccessFactors).
const KENJI = 'kenji.sato@un.org';
const UNICEF_MANAGER = 'learning.manager@unicef.int';
const WFP_MANAGER = 'learning.manager@wfp.int';
const ANALYST = 'analyst@unssc.org';
const CLIMATE = 'https://www.coursera.org/learn/climate-action-foundations';

async function issue(email: string, achievementId = CLIMATE, provider = 'coursera', format = 'data-integrity') {
  const response = await fetch(`${sandbox.upstreams.platform!.url}/__sim/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider, achievementId, recipient: { email }, format }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; credential: unknown };
}
const text = (credential: unknown) => (typeof credential === 'string' ? credential : JSON.stringify(credential));

const PRESENT = `mutation($credential: String!) {
  presentCredential(credential: $credential) {
    verification { status reasons { check code } issuerName achievementName }
    applicableAgreements { id recognisingAgency countsAs { kind courseId } provider { code } }
    recognitions { id agency status title countsAs { kind courseId } recordedInLms }
  }
}`;
type Presentation = {
  presentCredential: {
    verification: { status: string; reasons: { check: string; code: string }[]; issuerName: string | null };
    applicableAgreements: {
      id: string;
      recognisingAgency: string;
      countsAs: { kind: string; courseId: string | null };
    }[];
    recognitions: { id: string; agency: string; status: string; recordedInLms: boolean | null }[];
  };
};
const RECORD = `mutation($id: ID!) {
  recordRecognition(id: $id) { id status recordedInLms notRecordedReason enrollmentId attempts { outcome } }
}`;
type Recorded = {
  recordRecognition: { status: string; recordedInLms: boolean; notRecordedReason: string | null; enrollmentId: string };
};

beforeAll(async () => {
  sandbox = await startSandbox({ harvestOnStart: false, gatewayPort: 0 });
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('recognised credentials, end to end', () => {
  let presented: Presentation['presentCredential'];
  let issued: { id: string; credential: unknown };

  it('a learner presents a Coursera credential: VERIFIED, and the agreement of their agency applies', async () => {
    issued = await issue(KENJI);
    const result = await ask<Presentation>(KENJI, PRESENT, { credential: text(issued.credential) });
    expect(result.errors).toBeUndefined();
    presented = result.data!.presentCredential;
    expect(presented.verification).toMatchObject({
      status: 'VERIFIED',
      reasons: [],
      issuerName: 'Coursera (simulated)',
    });
    expect(presented.applicableAgreements).toEqual([
      expect.objectContaining({
        id: sandbox.recognition.agreements.unicef,
        recognisingAgency: 'unicef',
        countsAs: { kind: 'COURSE', courseId: sandbox.recognition.unicefCourse.id },
        provider: { code: 'coursera' },
      }),
    ]);
    expect(presented.recognitions).toEqual([
      expect.objectContaining({ agency: 'unicef', status: 'PENDING', recordedInLms: null }),
    ]);
  });

  it('only a manager of the recognising agency may record it', async () => {
    const id = presented.recognitions[0]!.id;
    expect(codes(await ask(KENJI, RECORD, { id }))).toEqual(['FORBIDDEN']);
    expect(codes(await ask(WFP_MANAGER, RECORD, { id }))).toEqual(['FORBIDDEN']);
    expect(codes(await ask(null, RECORD, { id }))).toEqual(['UNAUTHENTICATED']);
  });

  it("the manager records it, twice at once: it is written once into the learner's Cornerstone transcript", async () => {
    const id = presented.recognitions[0]!.id;
    const [a, b] = await Promise.all([
      ask<Recorded>(UNICEF_MANAGER, RECORD, { id }),
      ask<Recorded>(UNICEF_MANAGER, RECORD, { id }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    const recorded = a.data!.recordRecognition;
    const courseLocalId = sandbox.recognition.unicefCourse.id.split(':')[2]!;
    expect(recorded).toMatchObject({ status: 'RECORDED', recordedInLms: true, notRecordedReason: null });
    expect(recorded.enrollmentId).toMatch(new RegExp(`^unicef:enrollment:\\d+:${courseLocalId}$`));

    // Through the gateway, like any other enrolment of the learner.
    const transcript = await ask<{
      enrollments: {
        edges: {
          node: { id: string; status: string; completedAt: string; course: { id: string; title: string } | null };
        }[];
      };
    }>(
      KENJI,
      `{ enrollments(filter: { learner: { email: "${KENJI}" }, agencies: ["unicef"] }, first: 50) {
          edges { node { id status completedAt course { id title } } } } }`,
    );
    expect(transcript.errors).toBeUndefined();
    const records = transcript.data!.enrollments.edges.filter((e) => e.node.id === recorded.enrollmentId);
    expect(records).toHaveLength(1);
    expect(records[0]!.node).toMatchObject({
      status: 'COMPLETED',
      course: { id: sandbox.recognition.unicefCourse.id, title: sandbox.recognition.unicefCourse.title },
    });
  });

  it('the learner sees it among their recognitions; the manager among the agency’s; the analyst only withheld counts', async () => {
    const QUERY = `{ recognitions { total counts { agency status count suppressed } items { id agency status } } }`;
    type Result = { recognitions: { total: number | null; counts: unknown[]; items: { id: string }[] | null } };
    const mine = await ask<Result>(KENJI, QUERY);
    expect(mine.data?.recognitions.items?.map((r) => r.id)).toContain(presented.recognitions[0]!.id);
    const agency = await ask<Result>(UNICEF_MANAGER, QUERY);
    expect(agency.data?.recognitions.items?.map((r) => r.id)).toContain(presented.recognitions[0]!.id);
    const analyst = await ask<Result>(ANALYST, QUERY);
    expect(analyst.data?.recognitions).toMatchObject({ total: null, items: null });
    expect(analyst.data?.recognitions.counts).toContainEqual({
      agency: 'unicef',
      status: 'RECORDED',
      count: null,
      suppressed: true,
    });
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
  });

  it('after the platform revokes it, the same credential is FAILED (revoked)', async () => {
    const revoke = await fetch(`${sandbox.upstreams.platform!.url}/__sim/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credentialId: issued.id }),
    });
    expect(revoke.status).toBe(204);
    const result = await ask<Presentation>(KENJI, PRESENT, { credential: text(issued.credential) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.presentCredential.verification).toMatchObject({
      status: 'FAILED',
      reasons: [{ check: 'status', code: 'REVOKED' }],
    });
    expect(result.data!.presentCredential.recognitions).toEqual([]);
  });

  it('a recognition of a credential revoked before it was recorded is refused: CREDENTIAL_NOT_VERIFIED', async () => {
    const lucia = 'lucia.fernandez@un.org';
    const edx = await issue(
      lucia,
      'https://courses.edx.org/courses/course-v1:SDGAcademyX+WATER101+2024_T1/about',
      'edx',
      'vc-jwt',
    );
    const result = await ask<Presentation>(lucia, PRESENT, { credential: text(edx.credential) });
    const recognition = result.data!.presentCredential.recognitions[0]!;
    expect(recognition).toMatchObject({ agency: 'wfp', status: 'PENDING' });
    await fetch(`${sandbox.upstreams.platform!.url}/__sim/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credentialId: edx.id }),
    });
    const refused = await ask(WFP_MANAGER, RECORD, { id: recognition.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_NOT_VERIFIED', reasons: ['REVOKED'] });
  });
});

describe('the other LMSs', () => {
  it('Moodle cannot record external learning: the recognition is kept in Convergence with that reason', async () => {
    const amina = 'amina.diallo@un.org'; // home agency: ILO (Moodle)
    const issuedDp = await issue(amina, 'https://www.coursera.org/learn/data-protection-essentials');
    const result = await ask<Presentation>(amina, PRESENT, { credential: text(issuedDp.credential) });
    const recognition = result.data!.presentCredential.recognitions[0]!;
    expect(recognition).toMatchObject({ agency: 'ilo', status: 'PENDING' });
    const recorded = await ask<Recorded>('learning.manager@ilo.int', RECORD, { id: recognition.id });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordRecognition).toMatchObject({
      status: 'RECORDED',
      recordedInLms: false,
      enrollmentId: null,
    });
    expect(recorded.data!.recordRecognition.notRecordedReason).toMatch(/Moodle's web services have no function/);
  });

  it("a SuccessFactors manager records credit hours through the gateway's routed mutation; it shows in the learning history", async () => {
    const lucia = 'lucia.fernandez@un.org'; // home agency: WFP (SuccessFactors)
    const input = {
      agency: 'wfp',
      learner: { email: lucia },
      idempotencyKey: 'e2e-direct-0001',
      title: 'Humanitarian Logistics — external course',
      provider: 'An external provider',
      completedAt: '2026-01-20T08:00:00Z',
      hours: 6,
    };
    const MUTATION = `mutation($input: ExternalLearningInput!) { recordExternalLearning(input: $input) { enrollmentId created } }`;
    const first = await ask<{ recordExternalLearning: { enrollmentId: string; created: boolean } }>(
      WFP_MANAGER,
      MUTATION,
      { input },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordExternalLearning.created).toBe(true);
    const again = await ask<{ recordExternalLearning: { enrollmentId: string; created: boolean } }>(
      WFP_MANAGER,
      MUTATION,
      { input },
    );
    expect(again.data!.recordExternalLearning).toEqual({ ...first.data!.recordExternalLearning, created: false });
    expect(codes(await ask(UNICEF_MANAGER, MUTATION, { input }))).toEqual(['FORBIDDEN']);
    const history = await ask<{ enrollments: { edges: { node: { id: string; status: string } }[] } }>(
      lucia,
      `{ enrollments(filter: { learner: { email: "${lucia}" }, agencies: ["wfp"] }, first: 50) { edges { node { id status } } } }`,
    );
    expect(
      history.data!.enrollments.edges.filter((e) => e.node.id === first.data!.recordExternalLearning.enrollmentId),
    ).toEqual([{ node: { id: first.data!.recordExternalLearning.enrollmentId, status: 'COMPLETED' } }]);
  });
});

describe('credentials already in the LMSs get a verdict', () => {
  it('Moodle badges verify as hosted Open Badges; Cornerstone certificates have nothing to verify', async () => {
    type Verification = { status: string; reasons: { code: string }[]; checks: { name: string; outcome: string }[] };
    const result = await ask<{
      credentials: {
        edges: {
          node: {
            kind: string;
            agency: { code: string };
            verification: Verification;
          };
        }[];
      };
    }>(
      'amina.diallo@un.org',
      `{ credentials(filter: { learner: { email: "amina.diallo@un.org" }, agencies: ["who", "unicef"] }, first: 50) {
          edges { node { kind agency { code } verification { status reasons { code } checks { name outcome } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.credentials.edges.map((e) => e.node);
    const badges = nodes.filter((n) => n.agency.code === 'who');
    const certificates = nodes.filter((n) => n.agency.code === 'unicef');
    expect(badges.length).toBeGreaterThan(0);
    expect(certificates.length).toBeGreaterThan(0);
    const outcome = (v: Verification, check: string) => v.checks.find((c) => c.name === check)?.outcome;
    for (const { verification } of badges) {
      // Hosted by Moodle on its own host, not revoked; a badge past its expiry date is FAILED (EXPIRED) as it should.
      expect([
        outcome(verification, 'signature'),
        outcome(verification, 'issuer'),
        outcome(verification, 'status'),
      ]).toEqual(['PASSED', 'PASSED', 'PASSED']);
      expect(verification.reasons.filter((r) => r.code !== 'EXPIRED')).toEqual([]);
    }
    expect(badges.some((b) => b.verification.status === 'VERIFIED')).toBe(true);
    for (const certificate of certificates) {
      expect(certificate.verification).toMatchObject({
        status: 'UNVERIFIABLE',
        reasons: [{ code: 'NO_VERIFIABLE_FORM' }],
      });
    }
  });
});

describe('bad credentials get their own reason, never a server error', () => {
  const verdictOf = async (credential: string) => {
    const result = await ask<Presentation>(KENJI, PRESENT, { credential });
    expect(result.errors).toBeUndefined();
    return result.data!.presentCredential.verification;
  };

  it('tampered, malformed, not a credential, too large', async () => {
    const good = (await issue(KENJI)).credential as Record<string, unknown>;
    const tampered = { ...good, name: `${String(good.name)} (with honours)` };
    expect((await verdictOf(JSON.stringify(tampered))).reasons).toContainEqual({
      check: 'signature',
      code: 'SIGNATURE_INVALID',
    });
    expect(await verdictOf('{"@context": ')).toMatchObject({
      status: 'FAILED',
      reasons: [{ code: 'INPUT_MALFORMED' }],
    });
    expect(await verdictOf('{"hello": "world"}')).toMatchObject({
      status: 'FAILED',
      reasons: [{ code: 'FORMAT_UNRECOGNISED' }],
    });
    const padded = JSON.stringify({ ...good, description: 'x'.repeat(600_000) });
    expect(await verdictOf(padded)).toMatchObject({ status: 'UNVERIFIABLE', reasons: [{ code: 'INPUT_TOO_LARGE' }] });
    const unknownContext = {
      ...good,
      '@context': [...(good['@context'] as string[]), 'https://example.org/unknown-context.json'],
    };
    expect(await verdictOf(JSON.stringify(unknownContext))).toMatchObject({ reasons: [{ code: 'CONTEXT_UNKNOWN' }] });
  });

  it('a presentation over the request size limit is refused by the gateway (413 REQUEST_TOO_LARGE), not a server error', async () => {
    const result = await ask(KENJI, PRESENT, { credential: 'x'.repeat(1_100_000) });
    expect(codes(result)).toEqual(['REQUEST_TOO_LARGE']);
  });
});
