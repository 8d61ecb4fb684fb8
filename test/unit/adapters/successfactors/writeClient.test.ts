import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSuccessFactorsClient } from '../../../../adapters/successfactors/client.js';
import { successFactorsConfigSchema } from '../../../../adapters/successfactors/config.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';

/** The SuccessFactors client's learning-event writes on the wire (issue 14). */
const HOST = 'https://tenant.plateau.test';
const config = successFactorsConfigSchema.parse({
  kind: 'successfactors',
  baseUrl: HOST,
  clientId: 'WFP',
  clientSecret: 'sf-secret',
  companyId: 'WFP',
  userId: 'api_admin',
  minIntervalMs: 0,
});
const clients: Array<{ dispose(): void }> = [];
const newClient = () => {
  const client = createSuccessFactorsClient(config, 'wfp');
  clients.push(client);
  return client;
};
const withToken = (token = 'tok-1') =>
  nock(HOST)
    .post('/learning/oauth-api/rest/v1/token')
    .reply(200, { access_token: token, token_type: 'Bearer', expires_in: 1800 });
const OCN = '/learning/odatav4/public/admin/learningevent-service/v1/OCNLearningEvents';
const EXTERNAL = '/learning/odatav4/public/user/learningevent-service/v1/ExternalLearningEvents';

useNockHygiene();
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('successfactors client: learning events', () => {
  it("posts OCN completions with edx-enterprise's fields and reads the item key back", async () => {
    withToken();
    const event = {
      userID: '10002077',
      courseID: 'CLM-102',
      providerID: 'CONVERGENCE',
      courseCompleted: true,
      completedTimestamp: 1_770_796_800_000,
      totalHours: 6,
      creditHours: 6,
    };
    nock(HOST)
      .post(OCN, event)
      .matchHeader('authorization', 'Bearer tok-1')
      .matchHeader('content-type', /application\/json/)
      .reply(201, { componentTypeID: 'COURSE', componentID: 'CLM-102', revisionDate: 1_704_067_200_000 });
    const answer = await newClient().postOcnLearningEvent(event);
    expect(answer).toMatchObject({
      componentTypeID: 'COURSE',
      componentID: 'CLM-102',
      revisionDate: 1_704_067_200_000,
    });
  });

  it('renews an expired token (SF says so in a 400) and posts the external event again', async () => {
    withToken('old');
    nock(HOST)
      .post(EXTERNAL)
      .matchHeader('authorization', 'Bearer old')
      .reply(400, { error: 'invalid_token', error_description: 'The token has expired.' });
    withToken('new');
    nock(HOST)
      .post(EXTERNAL)
      .matchHeader('authorization', 'Bearer new')
      .reply(201, { componentTypeID: 'EXTERNAL', componentID: 'EXT-00001', revisionDate: 1_770_000_000_000 });
    const answer = await newClient().postExternalLearningEvent({
      studentID: '10002077',
      title: 'Data Literacy — edX',
      source: 'edX',
      completionDate: 1_770_796_800_000,
      totalHours: 4.5,
      creditHours: 4.5,
      comments: 'Recognised by Convergence (key k1).',
    });
    expect(answer.componentID).toBe('EXT-00001');
  });

  it('does not retry a write on 503, and an OData 400 is LMS_BAD_REQUEST without its text', async () => {
    withToken();
    nock(HOST)
      .post(OCN)
      .once()
      .reply(503, { error: { code: '503', message: 'busy' } });
    nock(HOST)
      .post(EXTERNAL)
      .reply(400, { error: { code: 'INVALID_INPUT', message: 'studentID does not name a user' } });
    const client = newClient();
    const event = {
      userID: 'u',
      courseID: 'c',
      providerID: 'p',
      courseCompleted: true,
      completedTimestamp: 1_770_796_800_000,
    };
    expect(await lmsRejection(client.postOcnLearningEvent(event))).toMatchObject({ code: 'LMS_UNAVAILABLE' });
    const invalid = await lmsRejection(
      client.postExternalLearningEvent({
        studentID: 'u',
        title: 't',
        source: 's',
        completionDate: 1_770_796_800_000,
        totalHours: 1,
        creditHours: 1,
      }),
    );
    expect(invalid).toMatchObject({ code: 'LMS_BAD_REQUEST', upstream: { vendorCode: 'INVALID_INPUT' } });
    expect(invalid.message).not.toMatch(/studentID/);
  });
});
