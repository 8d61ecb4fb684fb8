import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialVerifier } from '../../../subgraphs/registry/credentials/index.js';
import { notPassed } from '../../../subgraphs/registry/credentials/verdict.js';
import { loopbackVerifier } from '../credentials/support/issuer.js';
import {
  AMINA,
  agreementDraft,
  analyst,
  createHarness,
  type Harness,
  learner,
  manager,
  principal,
  via,
} from './support.js';

/**
 * Presenting and recording recognised learning: one recognition per credential and agreement, recorded in
 * the LMS once whatever happens (double submit, a crash between the LMS write and the registry's own
 * write, a failed LMS call), and a state a retry completes.
 */
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
});
afterEach(async () => {
  await h.close();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as { extensions?: Record<string, unknown>; message: string },
  );

async function presented() {
  const presentation = await h.service.present(learner('unicef'), await h.credential());
  expect(presentation.verdict.status).toBe('VERIFIED');
  expect(presentation.recognitions).toHaveLength(1);
  return presentation.recognitions[0]!;
}

describe('presenting a credential', () => {
  it('verifies it as the learner’s, finds the agreement of their agency, and keeps one recognition however often it is presented', async () => {
    const credential = await h.credential();
    const first = await h.service.present(learner('unicef'), credential);
    expect(first.verdict.checks.subject.outcome).toBe('PASSED');
    expect(first.applicable.map((a) => a.recognisingAgency)).toEqual(['unicef']);
    expect(first.recognitions[0]).toMatchObject({
      agency: 'unicef',
      status: 'PENDING',
      hours: 8,
      countsAs: { kind: 'CREDIT_HOURS', hours: 8 },
      person: AMINA,
      credential: { achievementName: 'Data Protection Essentials', issuerName: 'Test Academy' },
    });
    const again = await h.service.present(learner('unicef'), credential);
    expect(again.recognitions.map((r) => r.id)).toEqual(first.recognitions.map((r) => r.id));
    expect(await h.store.recognitionsOfAgency('unicef')).toHaveLength(1);
  });

  it('keeps nothing for a credential issued to someone else, or one no agreement recognises', async () => {
    const someoneElse = await h.service.present(
      via(principal(['LEARNER'], { email: 'other.person@un.org', agency: 'unicef', subject: 'other' })),
      await h.credential(),
    );
    expect(someoneElse.verdict).toMatchObject({
      status: 'FAILED',
      reasons: [expect.objectContaining({ code: 'SUBJECT_MISMATCH' })],
    });
    expect(someoneElse.recognitions).toEqual([]);
    const elsewhere = await h.service.present(learner('wfp'), await h.credential());
    expect(elsewhere.applicable).toHaveLength(1);
    expect(elsewhere.recognitions).toEqual([]);
    expect(await h.store.agenciesWithRecognitions()).toEqual([]);
  });

  it('is for learners only; the presenter is the signed-in person, never an argument', async () => {
    const error = await rejection(h.service.present(manager('unicef'), await h.credential()));
    expect(error?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('recording a recognition', () => {
  it("writes it into the agency's LMS with the manager's assertion, and a second record changes nothing", async () => {
    const recognition = await presented();
    const recorded = await h.service.record(manager('unicef'), recognition.id);
    expect(recorded).toMatchObject({
      status: 'RECORDED',
      recordedInLms: true,
      enrollmentId: 'unicef:enrollment:rec-1',
    });
    expect(h.lms.calls).toEqual([
      {
        url: 'http://127.0.0.1:9/unicef',
        assertion: 'assertion-of-sub-agency_manager-unicef',
        call: expect.objectContaining({
          agency: 'unicef',
          learner: { indexNumber: AMINA.indexNumber, email: AMINA.email },
          idempotencyKey: recognition.id,
          hours: 8,
          courseId: null,
          completedAt: '2024-01-01T00:00:00Z',
        }),
      },
    ]);
    const again = await h.service.record(manager('unicef'), recognition.id);
    expect(again).toEqual(recorded);
    expect(h.lms.calls).toHaveLength(1);
  });

  it('records once when the manager submits twice at the same time', async () => {
    const recognition = await presented();
    const [a, b] = await Promise.all([
      h.service.record(manager('unicef'), recognition.id),
      h.service.record(manager('unicef'), recognition.id),
    ]);
    expect(a.status).toBe('RECORDED');
    expect(b).toEqual(a);
    expect(h.lms.writes).toBe(1);
    expect(h.lms.calls).toHaveLength(1);
  });

  it('after a crash between the LMS write and its own, a retry completes without writing twice', async () => {
    const recognition = await presented();
    h.lms.afterWrite = () => {
      h.flaky.failWrites = true;
    };
    const crashed = await rejection(h.service.record(manager('unicef'), recognition.id));
    expect(crashed?.message).toMatch(/store is unavailable/);
    h.flaky.failWrites = false;
    h.lms.afterWrite = null;
    // What survived: the attempt was written down before the LMS was called.
    expect((await h.store.recognition(recognition.id))?.status).toBe('RECORDING');

    const retried = await h.service.record(manager('unicef'), recognition.id);
    expect(retried).toMatchObject({ status: 'RECORDED', recordedInLms: true, enrollmentId: 'unicef:enrollment:rec-1' });
    expect(h.lms.writes).toBe(1);
    expect(h.lms.calls).toHaveLength(2);
  });

  it('after the LMS failed, it stays RECORDING with the failure noted, and recording again completes it', async () => {
    const recognition = await presented();
    h.lms.next = {
      ok: false,
      code: 'LMS_UNAVAILABLE',
      message: 'The LMS could not be reached.',
      lms: { retryable: true },
    };
    const failed = await rejection(h.service.record(manager('unicef'), recognition.id));
    expect(failed?.extensions).toMatchObject({ code: 'LMS_UNAVAILABLE', agency: 'unicef', lms: { retryable: true } });
    const stored = await h.store.recognition(recognition.id);
    expect(stored?.status).toBe('RECORDING');
    expect(stored?.attempts.map((a) => [a.outcome, a.code])).toEqual([
      ['STARTED', null],
      ['FAILED', 'LMS_UNAVAILABLE'],
    ]);
    const completed = await h.service.record(manager('unicef'), recognition.id);
    expect(completed.status).toBe('RECORDED');
    expect(completed.attempts.map((a) => a.outcome)).toEqual(['STARTED', 'FAILED', 'STARTED', 'RECORDED']);
    expect(h.lms.writes).toBe(1);
  });

  it('keeps it in Convergence, with the LMS’s reason, where the LMS cannot record external learning', async () => {
    await h.service.book.create(manager('who'), agreementDraft('who'));
    const [recognition] = (await h.service.present(learner('who'), await h.credential())).recognitions;
    const reason = "Moodle's web services have no function that records learning done elsewhere.";
    h.lms.next = { ok: false, code: 'LMS_UNSUPPORTED', message: reason, lms: { kind: 'MOODLE', agency: 'who' } };
    const kept = await h.service.record(manager('who'), recognition!.id);
    expect(kept).toMatchObject({
      status: 'RECORDED',
      recordedInLms: false,
      notRecordedReason: reason,
      enrollmentId: null,
    });
  });

  it('is for managers of the recognising agency only', async () => {
    const recognition = await presented();
    for (const access of [manager('wfp'), learner('unicef'), analyst()]) {
      expect((await rejection(h.service.record(access, recognition.id)))?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(h.lms.calls).toEqual([]);
    expect((await rejection(h.service.record(manager('unicef'), 'rcg_missing')))?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a credential revoked since it was presented, and remembers it as REVOKED', async () => {
    const real = loopbackVerifier();
    const revoking: CredentialVerifier = {
      verify: (presented, request) => real.verify(presented, request),
      recheckStatus: async () => notPassed('REVOKED', "the issuer's revocation list marks this credential"),
      dispose: () => real.dispose(),
    };
    await h.close();
    h = await createHarness({ verifier: revoking });
    await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
    const recognition = await presented();
    const refused = await rejection(h.service.record(manager('unicef'), recognition.id));
    expect(refused?.extensions).toMatchObject({
      code: 'CREDENTIAL_NOT_VERIFIED',
      reasons: ['REVOKED'],
      retryable: false,
    });
    expect((await h.store.recognition(recognition.id))?.status).toBe('REVOKED');
    expect(h.lms.calls).toEqual([]);
    real.dispose();
  });

  it('refuses when the agreement is no longer in force (CONFLICT)', async () => {
    const recognition = await presented();
    await h.service.book.setStatus(manager('unicef'), recognition.agreementId, 'SUSPENDED');
    expect((await rejection(h.service.record(manager('unicef'), recognition.id)))?.extensions?.code).toBe('CONFLICT');
  });
});

describe('reading recognitions by role', () => {
  it("gives learners their own, managers their agency's, analysts counts with small ones withheld", async () => {
    const recognition = await presented();
    const mine = await h.service.recognitions(learner('unicef'), {});
    expect(mine.items?.map((r) => r.id)).toEqual([recognition.id]);
    const agency = await h.service.recognitions(manager('unicef'), {});
    expect(agency.items?.map((r) => r.id)).toEqual([recognition.id]);
    expect(agency.counts).toEqual([{ agency: 'unicef', status: 'PENDING', count: 1, suppressed: false }]);
    expect((await h.service.recognitions(manager('wfp'), {})).items).toEqual([]);
    const counts = await h.service.recognitions(analyst(), {});
    expect(counts).toMatchObject({ items: null, total: null, totalSuppressed: true });
    expect(counts.counts).toEqual([{ agency: 'unicef', status: 'PENDING', count: null, suppressed: true }]);
  });
});
