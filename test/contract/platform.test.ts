import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import {
  generateCatalogues,
  keyOf,
  PLATFORM_SANDBOX_CREDENTIALS,
  platformAdapter,
  type SimPlatform,
  startCatalogueSimulator,
} from '../../adapters/platform/index.js';

const SEED = 7;

/**
 * The external-platform source passes the conformance kit for what it declares (courses and their
 * counts; errors and health for all), once per catalogue API. Coursera's public catalogue takes no
 * credential, so its "rejected credentials" case cannot happen; the LinkedIn and edX runs use a
 * credential the simulator's token endpoint refuses.
 */
const localIdOf = (api: SimPlatform, key: string) =>
  api === 'linkedin-learning' ? key.slice(key.lastIndexOf(':') + 1) : key;

for (const api of ['coursera', 'edx', 'linkedin-learning'] as const) {
  defineLmsAdapterContract(platformAdapter, async () => {
    const handle = await startCatalogueSimulator({ seed: SEED, edxThrottle: { requests: 10_000, windowMs: 60_000 } });
    const upstream = simulatorUpstream(handle, {
      valid: PLATFORM_SANDBOX_CREDENTIALS.clientSecret,
      rejected: 'not-the-secret',
    });
    const keys = generateCatalogues(SEED)
      [api].filter(
        (e) => api !== 'linkedin-learning' || (e.title as { locale: { language: string } }).locale.language === 'en',
      )
      .map((e) => localIdOf(api, keyOf(api, e)));
    return {
      settings: () => {
        const current = { clientId: PLATFORM_SANDBOX_CREDENTIALS.clientId, clientSecret: upstream.credential() };
        const common = { kind: 'platform', api, baseUrl: handle.url, retries: 0, pageSize: 5 };
        if (api === 'linkedin-learning')
          return { ...common, tokenUrl: `${handle.url}/oauth/v2/accessToken`, ...current };
        if (api === 'edx') return { ...common, credentials: current };
        return common;
      },
      known: {
        courseIds: [keys[0]!, keys[1]!, keys[6]!],
        missingCourseId: localIdOf(api, api === 'linkedin-learning' ? 'urn:li:lyndaCourse:1' : 'no-such-course'),
        // A catalogue has no learners: the kit skips the groups that use these.
        learner: { localId: 'no-learners', email: 'no-learners@platform.invalid' },
        missingLearnerId: 'no-learners-either',
      },
      ...upstream,
      // Coursera's catalogue is public: there is no credential to reject.
      credentialless: api === 'coursera',
    };
  });
}
