import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  cornerstoneAdapter,
  startCornerstoneSimulator,
} from '../../adapters/cornerstone/index.js';

defineLmsAdapterContract(cornerstoneAdapter, async () => {
  const simulator = await startCornerstoneSimulator({ seed: 7, limits: { windowMs: 1000 } });
  const amina = simulator.dataset.users.find((u) => u.externalId === 'UN-100001')!;
  const upstream = simulatorUpstream(simulator, {
    valid: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    rejected: 'wrong-secret',
  });
  // Courses that have transcripts, so the enrolments-by-course group has rows to check.
  const withTranscripts = [...new Set(simulator.dataset.transcripts.map((t) => t.loId))];
  return {
    settings: () => ({
      kind: 'cornerstone',
      baseUrl: simulator.url,
      clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
      clientSecret: upstream.credential(),
      rateWindowMs: 1000,
    }),
    known: {
      courseIds: withTranscripts.slice(0, 3),
      missingCourseId: '00000000-0000-4000-8000-000000000000',
      learner: { localId: String(amina.id), email: amina.email },
      missingLearnerId: '999999999',
    },
    ...upstream,
  };
});
