import {
  type ConformanceHarness,
  defineLmsAdapterContract,
  simulatorUpstream,
} from '../../adapters/core/conformance/index.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
} from '../../adapters/successfactors/index.js';
import { courseLocalId } from '../../adapters/successfactors/mapper.js';

/** Short spacing on both sides keeps the suite fast while the limits stay enforced. */
const MIN_INTERVAL_MS = 20;

async function setup(): Promise<ConformanceHarness> {
  const simulator = await startSuccessFactorsSimulator({ seed: 7, minIntervalMs: MIN_INTERVAL_MS });
  const upstream = simulatorUpstream(simulator, {
    valid: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientSecret,
    rejected: 'wrong-secret',
  });
  const active = simulator.dataset.items.filter((item) => item.active);
  const amina = simulator.dataset.students[0]!;
  const key = (item: (typeof active)[number]) =>
    courseLocalId(item.componentTypeID, item.componentID, item.revisionDate);
  return {
    settings: () => ({
      kind: 'successfactors',
      baseUrl: simulator.url,
      clientId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientId,
      clientSecret: upstream.credential(),
      companyId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.companyId,
      userId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.userId,
      minIntervalMs: MIN_INTERVAL_MS,
      timeoutMs: 5_000,
    }),
    known: {
      courseIds: [key(active[0]!), key(active[1]!)],
      missingCourseId: 'COURSE~NO-SUCH-ITEM~1704067200000',
      learner: { localId: amina.studentID, email: amina.emailAddr },
      missingLearnerId: '00000000',
    },
    ...upstream,
  };
}

defineLmsAdapterContract(successFactorsAdapter, setup);
