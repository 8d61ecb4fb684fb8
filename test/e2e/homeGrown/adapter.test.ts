import { defineLmsAdapterContract, simulatorUpstream } from 'convergence/sdk/conformance';
import { faoCampusAdapter } from './adapter.js';
import { FAO_CAMPUS_KEY, startFaoCampus } from './simulator.js';

/** The home-grown adapter's own conformance run, as the agency would keep it in its own repository. */
defineLmsAdapterContract(faoCampusAdapter, async () => {
  const campus = await startFaoCampus();
  const upstream = simulatorUpstream(campus, { valid: FAO_CAMPUS_KEY, rejected: 'not-the-campus-key' });
  return {
    settings: () => ({ baseUrl: campus.url, apiKey: upstream.credential() }),
    known: {
      courseIds: ['FAO-100', 'FAO-103'],
      missingCourseId: 'FAO-999',
      learner: { localId: 'p1', email: 'amina.diallo@un.org' },
      missingLearnerId: 'p404',
    },
    ...upstream,
  };
});
