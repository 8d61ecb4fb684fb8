import { Keyv } from 'keyv';
import { pino } from 'pino';
import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import { createAdapter } from '../../adapters/core/factory.js';
import { LEARNHUB_SANDBOX_API_KEY, learnhubAdapter, startLearnhubSimulator } from '../../adapters/example/index.js';
import { validateConfig } from '../../schema/config/load.js';

/** The example home-grown adapter passes the same conformance kit as the built-in ones. */
defineLmsAdapterContract('learnhub (example home-grown LMS)', async () => {
  const handle = await startLearnhubSimulator();
  const upstream = simulatorUpstream(handle, { valid: LEARNHUB_SANDBOX_API_KEY, rejected: 'not-the-learnhub-key' });
  let instance = 0;
  return {
    createAdapter() {
      instance += 1;
      const config = validateConfig(learnhubAdapter.configSchema, {
        baseUrl: handle.url,
        apiKey: upstream.credential(),
      });
      return createAdapter(learnhubAdapter, config, {
        agency: 'unhub',
        logger: pino({ level: 'silent' }),
        cache: new Keyv({ namespace: `unhub:learnhub:${instance}` }),
      });
    },
    known: {
      courseIds: ['100', '101', '105'],
      missingCourseId: '99999',
      learner: { localId: '1', email: 'amina.diallo@un.org' },
      missingLearnerId: '424242',
    },
    ...upstream,
  };
});
