import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CORNERSTONE_TEST_PORTAL, useCornerstoneClients } from '../../../support/cornerstoneClients.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';

/** The Cornerstone client's transcript writes on the wire (issue 14): paths, bodies, auth, one attempt. */
const PORTAL = CORNERSTONE_TEST_PORTAL;
const newClient = useCornerstoneClients();
const withToken = () =>
  nock(PORTAL)
    .post('/services/api/oauth2/token')
    .reply(200, { access_token: 'tok-1', expires_in: 3600, scope: 'all', token_type: 'Bearer' });
const envelope = (status: number, extra: Record<string, unknown> = {}) => ({
  status: String(status),
  timeStamp: '2026-03-02T10:00:00+0000',
  error: { errorId: 'e1', message: 'refused', code: String(status), description: null, details: null, ...extra },
});
const LO = '7ad38cb9-04e1-47be-8334-09a4484f82ad';

useNockHygiene();

describe('cornerstone client: transcript writes', () => {
  it('assigns with the documented body, then completes, with the bearer token', async () => {
    withToken();
    nock(PORTAL)
      .post('/services/api/v1/transcripts/assign', {
        externalId: 'UN-100001',
        learningObjectId: LO,
        assignment: 'registered',
      })
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(201, { data: { learningObjectId: LO, externalId: 'UN-100001', status: 'Registered' } });
    nock(PORTAL)
      .post('/services/api/v1/transcripts/complete', {
        externalId: 'UN-100001',
        learningObjectId: LO,
        completionDate: '2026-03-02T10:15:00Z',
        comments: 'recognised',
      })
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(200, { data: { learningObjectId: LO, status: 'Completed' } });
    const client = newClient();
    await client.assignTraining({ externalId: 'UN-100001', learningObjectId: LO, assignment: 'registered' });
    const done = await client.completeTraining({
      externalId: 'UN-100001',
      learningObjectId: LO,
      completionDate: '2026-03-02T10:15:00Z',
      comments: 'recognised',
    });
    expect(done.data?.status).toBe('Completed');
  });

  it('sends an external training record once: a 503 is not retried (a write may have happened)', async () => {
    withToken();
    const scope = nock(PORTAL).post('/services/api/v1/transcripts/external-training').once().reply(503, envelope(503));
    const error = await lmsRejection(
      newClient().recordExternalTraining({
        externalId: 'UN-100001',
        trainingTitle: 'Climate Action Foundations — Coursera',
        provider: 'Coursera',
        startDateTime: '2026-03-02T10:15:00Z',
        completionDateTime: '2026-03-02T10:15:00Z',
        transcriptStatus: 'Completed',
        trainingHours: 6,
      }),
    );
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({ code: 'LMS_UNAVAILABLE', retryable: true });
  });

  it('maps validation failures (400 with field errors) to LMS_BAD_REQUEST and a 409 keeps its status', async () => {
    withToken();
    nock(PORTAL)
      .post('/services/api/v1/transcripts/complete')
      .reply(400, envelope(400, { fields: [{ field: 'completionDate', errors: ['cannot be in the future'] }] }));
    nock(PORTAL).post('/services/api/v1/transcripts/assign').reply(409, envelope(409));
    const client = newClient();
    const invalid = await lmsRejection(
      client.completeTraining({ externalId: 'x', learningObjectId: LO, completionDate: '2999-01-01T00:00:00Z' }),
    );
    expect(invalid).toMatchObject({ code: 'LMS_BAD_REQUEST', retryable: false });
    expect(invalid.message).not.toMatch(/future|completionDate/);
    const conflict = await lmsRejection(
      client.assignTraining({ externalId: 'x', learningObjectId: LO, assignment: 'registered' }),
    );
    expect(conflict.upstream?.status).toBe(409);
  });

  it('renews an expired token once and sends the write again (the first was refused, not applied)', async () => {
    withToken();
    nock(PORTAL)
      .post('/services/api/v1/transcripts/assign')
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(401, envelope(401));
    nock(PORTAL)
      .post('/services/api/oauth2/token')
      .reply(200, { access_token: 'tok-2', expires_in: 3600, scope: 'all', token_type: 'Bearer' });
    nock(PORTAL)
      .post('/services/api/v1/transcripts/assign')
      .matchHeader('authorization', 'Bearer tok-2')
      .reply(201, { data: { learningObjectId: LO } });
    const answer = await newClient().assignTraining({
      externalId: 'x',
      learningObjectId: LO,
      assignment: 'registered',
    });
    expect(answer.data?.learningObjectId).toBe(LO);
  });
});
