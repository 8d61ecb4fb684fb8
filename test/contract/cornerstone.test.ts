import { Keyv } from 'keyv';
import { pino } from 'pino';
import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import { createAdapter } from '../../adapters/core/factory.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  cornerstoneAdapter,
  cornerstoneConfigSchema,
  startCornerstoneSimulator,
} from '../../adapters/cornerstone/index.js';
import { validateConfig } from '../../schema/config/load.js';

defineLmsAdapterContract('cornerstone', async () => {
  const simulator = await startCornerstoneSimulator({ seed: 7, limits: { windowMs: 1000 } });
  const amina = simulator.dataset.users.find((u) => u.externalId === 'UN-100001')!;
  const upstream = simulatorUpstream(simulator, {
    valid: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    rejected: 'wrong-secret',
  });
  return {
    createAdapter: () =>
      createAdapter(
        cornerstoneAdapter,
        validateConfig(cornerstoneConfigSchema, {
          kind: 'cornerstone',
          baseUrl: simulator.url,
          clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
          clientSecret: upstream.credential(),
          rateWindowMs: 1000,
        }),
        { agency: 'unicef', logger: pino({ level: 'silent' }), cache: new Keyv() },
      ),
    known: {
      courseIds: simulator.dataset.learningObjects.slice(0, 3).map((lo) => lo.id),
      missingCourseId: '00000000-0000-4000-8000-000000000000',
      learner: { localId: String(amina.id), email: amina.email },
      missingLearnerId: '999999999',
    },
    ...upstream,
  };
});
