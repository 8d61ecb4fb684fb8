import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import type { ExternalLearningRequest } from '../../../../adapters/core/records.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS as CREDS,
  type SuccessFactorsSimulatorHandle,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
} from '../../../../adapters/successfactors/index.js';
import { courseLocalId } from '../../../../adapters/successfactors/mapper.js';
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
/** Recording recognised learning in SuccessFactors learning history, against the simulator (issue 14). */
const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(settings: Record<string, unknown> = {}) {
  const simulator = await startSuccessFactorsSimulator({ seed: 4, minIntervalMs: 0 });
  open.push(simulator);
  const config = successFactorsAdapter.configSchema.parse({
    kind: 'successfactors',
    baseUrl: simulator.url,
    ...CREDS,
    minIntervalMs: 0,
    ...settings,
  });
  const adapter = createAdapter(successFactorsAdapter, config, {
    agency: 'wfp',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  open.push({ close: () => adapter.dispose() });
  return { simulator, adapter };
}

function fixture(simulator: SuccessFactorsSimulatorHandle) {
  const student = simulator.dataset.students[0]!;
  const done = new Set(
    simulator.dataset.history.filter((r) => r.userID === student.studentID).map((r) => r.componentID),
  );
  const items = simulator.dataset.items;
  // An item with one revision: an OCN completion applies to the latest revision of an item.
  const item = items.find(
    (i) =>
      i.active &&
      i.componentTypeID === 'COURSE' &&
      !done.has(i.componentID) &&
      items.filter((other) => other.componentID === i.componentID).length === 1,
  )!;
  return { student, item, courseId: courseLocalId(item.componentTypeID, item.componentID, item.revisionDate) };
}

const request = (
  learnerLocalId: string,
  overrides: Partial<ExternalLearningRequest> = {},
): ExternalLearningRequest => ({
  learnerLocalId,
  idempotencyKey: 'rec-sf-1',
  title: 'Data Literacy — edX',
  provider: 'edX',
  completedAt: new Date('2026-02-11T08:00:00Z'),
  recognisedAs: { kind: 'CREDIT_HOURS', hours: 4.5 },
  hours: 4.5,
  ...overrides,
});

const history = (adapter: LmsAdapter, learner: string) => adapter.listEnrollments({ learnerLocalIds: [learner] });

describe('SuccessFactors: recording recognised learning', () => {
  it('posts one OCN learning event completing the equivalent course; a retry finds it in the history', async () => {
    const { simulator, adapter } = await setup();
    const { student, courseId } = fixture(simulator);
    const ask = request(student.studentID, { recognisedAs: { kind: 'COURSE', courseLocalId: courseId } });

    const first = await adapter.recordExternalLearning(ask);
    const again = await adapter.recordExternalLearning(ask);
    expect(first.created).toBe(true);
    expect(again).toEqual({ enrollmentLocalId: first.enrollmentLocalId, created: false });
    expect(simulator.stats.byRoute['learningevent-service/OCNLearningEvents']).toBe(1);

    const enrolment = (await history(adapter, student.studentID)).find((e) => e.localId === first.enrollmentLocalId);
    expect(enrolment).toMatchObject({
      courseLocalId: courseId,
      status: EnrollmentStatus.COMPLETED,
      completedAt: ask.completedAt,
    });
  });

  it('posts one external learning event for credit hours, its key in the comments; a retry writes nothing', async () => {
    const { simulator, adapter } = await setup();
    const { student } = fixture(simulator);
    const before = (await history(adapter, student.studentID)).length;

    const first = await adapter.recordExternalLearning(request(student.studentID));
    const again = await adapter.recordExternalLearning(request(student.studentID));
    expect(again).toEqual({ enrollmentLocalId: first.enrollmentLocalId, created: false });
    expect(simulator.stats.byRoute['learningevent-service/ExternalLearningEvents']).toBe(1);
    const after = await history(adapter, student.studentID);
    expect(after).toHaveLength(before + 1);
    expect(after.find((e) => e.localId === first.enrollmentLocalId)?.status).toBe(EnrollmentStatus.COMPLETED);
  });

  it('an OCN provider the tenant does not know is refused (LMS_BAD_REQUEST), nothing recorded', async () => {
    const { simulator, adapter } = await setup({ ocnProviderId: 'NOT-SET-UP' });
    const { student, courseId } = fixture(simulator);
    const before = (await history(adapter, student.studentID)).length;
    const error = await adapter
      .recordExternalLearning(request(student.studentID, { recognisedAs: { kind: 'COURSE', courseLocalId: courseId } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LMS_BAD_REQUEST', agency: 'wfp', lmsKind: 'successfactors' });
    expect(await history(adapter, student.studentID)).toHaveLength(before);
  });
});

describe('SuccessFactors simulator: learning events', () => {
  async function post(simulator: SuccessFactorsSimulatorHandle, path: string, body: unknown, userType = 'admin') {
    const token = await fetch(`${simulator.url}/learning/oauth-api/rest/v1/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CREDS.clientId}:${CREDS.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        scope: { userId: CREDS.userId, companyId: CREDS.companyId, userType, resourceType: 'learning_public_api' },
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const response = await fetch(`${simulator.url}/learning/odatav4/public/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as WireAnswer };
  }

  it('refuses epoch seconds, future dates and bad JSON with OData errors', async () => {
    const { simulator } = await setup();
    const { student, item } = fixture(simulator);
    const ocn = {
      userID: student.studentID,
      courseID: item.componentID,
      providerID: 'CONVERGENCE',
      courseCompleted: true,
    };
    const path = 'admin/learningevent-service/v1/OCNLearningEvents';
    const seconds = await post(simulator, path, { ...ocn, completedTimestamp: 1_770_000_000 });
    expect(seconds).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    const future = await post(simulator, path, { ...ocn, completedTimestamp: Date.now() + 86_400_000 });
    expect(future.status).toBe(400);
    expect((await post(simulator, path, '{"userID":')).status).toBe(400);
  });

  it('admin services need an admin token', async () => {
    const { simulator } = await setup();
    const answer = await post(simulator, 'admin/learningevent-service/v1/OCNLearningEvents', {}, 'user');
    expect(answer.status).toBe(403);
  });
});
