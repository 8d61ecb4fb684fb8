import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import { LmsError } from '../../../../adapters/core/errors.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import type { ExternalLearningRequest } from '../../../../adapters/core/records.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  cornerstoneAdapter,
  cornerstoneConfigSchema,
  startCornerstoneSimulator,
} from '../../../../adapters/cornerstone/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';

/** What the simulators answer to a write: a CSOD envelope or an OData error, as far as the tests read it. */
interface WireAnswer {
  readonly status?: string;
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly fields?: ReadonlyArray<{ field: string }>;
  };
}
/** Recording recognised learning on a Cornerstone transcript, against the simulator (issue 14). */
const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(scope = 'all') {
  const simulator = await startCornerstoneSimulator({ seed: 3 });
  open.push(simulator);
  const adapter = createAdapter(
    cornerstoneAdapter,
    validateConfig(cornerstoneConfigSchema, {
      kind: 'cornerstone',
      baseUrl: simulator.url,
      clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
      clientSecret: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
      scope,
    }),
    { agency: 'unicef', logger: pino({ level: 'silent' }), cache: new Keyv() },
  );
  open.push({ close: () => adapter.dispose() });
  return { simulator, adapter };
}

/** A shared person and an active catalogue course that is not on their transcript yet. */
function fixture(simulator: CornerstoneSimulatorHandle) {
  const user = simulator.dataset.users[0]!;
  const taken = new Set(simulator.dataset.transcripts.filter((t) => t.userId === user.id).map((t) => t.loId));
  const course = simulator.dataset.learningObjects.find((lo) => lo.active && !taken.has(lo.id))!;
  return { user, course };
}

const request = (
  learnerLocalId: string,
  overrides: Partial<ExternalLearningRequest> = {},
): ExternalLearningRequest => ({
  learnerLocalId,
  idempotencyKey: 'rec-0001',
  title: 'Climate Action Foundations — Coursera',
  provider: 'Coursera',
  completedAt: new Date('2026-03-02T10:15:00Z'),
  recognisedAs: { kind: 'CREDIT_HOURS', hours: 6 },
  hours: 6,
  ...overrides,
});

async function transcriptOf(adapter: LmsAdapter, learnerLocalId: string) {
  return adapter.listEnrollments({ learnerLocalIds: [learnerLocalId] });
}

describe('Cornerstone: recording recognised learning', () => {
  it('completes the equivalent local course on the transcript, once, however often it is asked', async () => {
    const { simulator, adapter } = await setup();
    const { user, course } = fixture(simulator);
    const ask = request(String(user.id), { recognisedAs: { kind: 'COURSE', courseLocalId: course.id } });

    const first = await adapter.recordExternalLearning(ask);
    const again = await adapter.recordExternalLearning(ask);
    expect(first).toEqual({ enrollmentLocalId: `${user.id}:${course.id}`, created: true });
    expect(again).toEqual({ enrollmentLocalId: first.enrollmentLocalId, created: false });

    const records = (await transcriptOf(adapter, String(user.id))).filter((e) => e.courseLocalId === course.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: EnrollmentStatus.COMPLETED, completedAt: ask.completedAt });
    // One assign and one complete reached the portal; the second attempt only read.
    expect(simulator.stats.byRoute['POST /services/api/v1/transcripts/assign']).toBe(1);
    expect(simulator.stats.byRoute['POST /services/api/v1/transcripts/complete']).toBe(1);
  });

  it('finishes a half-done attempt: a course assigned but not completed is completed, not assigned again', async () => {
    const { simulator, adapter } = await setup();
    const { user, course } = fixture(simulator);
    const token = await fetch(`${simulator.url}/services/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...CORNERSTONE_SANDBOX_CREDENTIALS, grantType: 'client_credentials', scope: 'all' }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    // The first attempt got as far as the assign before it died.
    const assigned = await fetch(`${simulator.url}/services/api/v1/transcripts/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ externalId: user.externalId, learningObjectId: course.id, assignment: 'registered' }),
    });
    expect(assigned.status).toBe(201);

    const retried = await adapter.recordExternalLearning(
      request(String(user.id), { recognisedAs: { kind: 'COURSE', courseLocalId: course.id } }),
    );
    expect(retried.created).toBe(true);
    expect(simulator.stats.byRoute['POST /services/api/v1/transcripts/assign']).toBe(1);
    const record = (await transcriptOf(adapter, String(user.id))).find((e) => e.courseLocalId === course.id);
    expect(record?.status).toBe(EnrollmentStatus.COMPLETED);
  });

  it('writes credit hours as one external training record, found again on a retry', async () => {
    const { simulator, adapter } = await setup();
    const { user } = fixture(simulator);
    const before = (await transcriptOf(adapter, String(user.id))).length;

    const first = await adapter.recordExternalLearning(request(String(user.id)));
    const again = await adapter.recordExternalLearning(request(String(user.id)));
    expect(first.created).toBe(true);
    expect(again).toEqual({ enrollmentLocalId: first.enrollmentLocalId, created: false });

    const transcript = await transcriptOf(adapter, String(user.id));
    expect(transcript).toHaveLength(before + 1);
    expect(transcript.find((e) => e.localId === first.enrollmentLocalId)).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      completedAt: new Date('2026-03-02T10:15:00Z'),
    });
    expect(simulator.stats.byRoute['POST /services/api/v1/transcripts/external-training']).toBe(1);
  });

  it('a token without a write scope is refused by the portal (LMS_FORBIDDEN), nothing written', async () => {
    const { simulator, adapter } = await setup('transcript:read employee:read');
    const { user } = fixture(simulator);
    const error = await adapter.recordExternalLearning(request(String(user.id))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LmsError);
    expect(error).toMatchObject({ code: 'LMS_FORBIDDEN', agency: 'unicef', lmsKind: 'cornerstone' });
  });

  it('an unknown learner is LMS_NOT_FOUND before anything is written', async () => {
    const { simulator, adapter } = await setup();
    const error = await adapter.recordExternalLearning(request('999999999')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LMS_NOT_FOUND' });
    const writes = Object.keys(simulator.stats.byRoute).filter((route) => /^POST .*\/transcripts\//.test(route));
    expect(writes).toEqual([]);
  });
});

describe('Cornerstone simulator: transcript writes', () => {
  const post = async (
    simulator: CornerstoneSimulatorHandle,
    path: string,
    body: unknown,
    type = 'application/json',
  ) => {
    const token = await fetch(`${simulator.url}/services/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...CORNERSTONE_SANDBOX_CREDENTIALS, grantType: 'client_credentials' }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const response = await fetch(`${simulator.url}/services/api/v1/transcripts/${path}`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${token.access_token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as WireAnswer };
  };

  it('lists every invalid field of an external training record in the error envelope', async () => {
    const { simulator } = await setup();
    const answer = await post(simulator, 'external-training', {
      externalId: simulator.dataset.users[0]!.externalId,
      trainingTitle: '',
      startDateTime: 'yesterday',
      completionDateTime: '2999-01-01T00:00:00Z',
      transcriptStatus: 'Done',
      trainingHours: -1,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: '400', error: { code: '400' } });
    expect((answer.body.error?.fields ?? []).map((f) => f.field).sort()).toEqual([
      'completionDateTime',
      'startDateTime',
      'trainingHours',
      'trainingTitle',
      'transcriptStatus',
    ]);
  });

  it('refuses a body that is not JSON, and requests without a token', async () => {
    const { simulator } = await setup();
    expect((await post(simulator, 'assign', '{not json')).status).toBe(400);
    expect((await post(simulator, 'assign', 'a=b', 'application/x-www-form-urlencoded')).status).toBe(415);
    const anonymous = await fetch(`${simulator.url}/services/api/v1/transcripts/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers 409 for an assign of a course already on the transcript and 404 for an unknown one', async () => {
    const { simulator } = await setup();
    const user = simulator.dataset.users[0]!;
    const onTranscript = simulator.dataset.transcripts.find((t) => t.userId === user.id)!;
    const base = { externalId: user.externalId, assignment: 'registered' };
    expect((await post(simulator, 'assign', { ...base, learningObjectId: onTranscript.loId })).status).toBe(409);
    const unknown = await post(simulator, 'assign', {
      ...base,
      learningObjectId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { message: 'LO is not available to the user' } } });
  });
});
