import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import { OAIPMH_SANDBOX_CREDENTIALS, oaipmhAdapter, startOaiPmhSimulator } from '../../adapters/oaipmh/index.js';

/**
 * The OAI-PMH source passes the conformance kit for what it declares (courses; errors and health for all).
 * The simulator is started behind HTTP Basic auth so that rejected credentials can be tested too.
 */
defineLmsAdapterContract(oaipmhAdapter, async () => {
  const handle = await startOaiPmhSimulator({ seed: 11, credentials: OAIPMH_SANDBOX_CREDENTIALS });
  const upstream = simulatorUpstream(handle, {
    valid: OAIPMH_SANDBOX_CREDENTIALS.password,
    rejected: 'not-the-password',
  });
  return {
    settings: () => ({
      kind: 'oaipmh',
      baseUrl: handle.baseUrl,
      auth: { kind: 'basic', username: OAIPMH_SANDBOX_CREDENTIALS.username, password: upstream.credential() },
      retries: 0,
    }),
    known: {
      courseIds: ['oai:oer.sandbox.unssc.org:1000', 'oai:oer.sandbox.unssc.org:1001', 'oai:oer.sandbox.unssc.org:1030'],
      missingCourseId: 'oai:oer.sandbox.unssc.org:9999',
      // An OER repository has no learners: the kit skips the groups that use these.
      learner: { localId: 'no-learners', email: 'no-learners@oer.invalid' },
      missingLearnerId: 'no-learners-either',
    },
    ...upstream,
  };
});
