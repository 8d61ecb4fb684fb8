import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import {
  generateDataset,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  SHARED_PEOPLE,
  startMoodleSimulator,
} from '../../adapters/moodle/index.js';

const SEED = 42;

defineLmsAdapterContract(moodleAdapter, async () => {
  const handle = await startMoodleSimulator({ seed: SEED });
  // The simulator's own dataset tells the kit which rows exist (same seed, same data).
  const data = generateDataset(SEED, 'Convergence Moodle sandbox');
  const amina = data.users.find((u) => u.email === SHARED_PEOPLE[0]!.email);
  if (!amina) throw new Error('the seeded dataset lost Amina Diallo');
  const upstream = simulatorUpstream(handle, { valid: MOODLE_SANDBOX_TOKEN, rejected: 'f'.repeat(32) });
  return {
    settings: () => ({ kind: 'moodle', baseUrl: handle.url, token: upstream.credential() }),
    known: {
      courseIds: ['2', '3', '10'],
      missingCourseId: '99999',
      learner: { localId: String(amina.id), email: amina.email },
      missingLearnerId: '999999',
    },
    ...upstream,
  };
});
