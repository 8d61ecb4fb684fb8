import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import { LEARNHUB_SANDBOX_API_KEY, learnhubAdapter, startLearnhubSimulator } from '../../adapters/example/index.js';

/** The example home-grown adapter passes the same conformance kit as the built-in ones. */
defineLmsAdapterContract(learnhubAdapter, async () => {
  const handle = await startLearnhubSimulator();
  const upstream = simulatorUpstream(handle, { valid: LEARNHUB_SANDBOX_API_KEY, rejected: 'not-the-learnhub-key' });
  return {
    settings: () => ({ baseUrl: handle.url, apiKey: upstream.credential() }),
    known: {
      courseIds: ['100', '101', '105'],
      missingCourseId: '99999',
      learner: { localId: '1', email: 'amina.diallo@un.org' },
      missingLearnerId: '424242',
    },
    ...upstream,
  };
});
