import { afterEach } from 'vitest';
import { type CornerstoneClient, createCornerstoneClient } from '../../adapters/cornerstone/client.js';
import { type CornerstoneConfig, cornerstoneConfigSchema } from '../../adapters/cornerstone/config.js';
import { validateConfig } from '../../schema/config/load.js';

/** The portal the Cornerstone client unit tests answer with nock (never reached: net connect is off). */
export const CORNERSTONE_TEST_PORTAL = 'https://portal.csod.test';

export const cornerstoneTestConfig: CornerstoneConfig = validateConfig(cornerstoneConfigSchema, {
  kind: 'cornerstone',
  baseUrl: CORNERSTONE_TEST_PORTAL,
  clientId: 'client-1',
  clientSecret: 's3cr3t-value',
});

/** A maker of Cornerstone clients for the test file (no backoff wait), each disposed after its test. */
export function useCornerstoneClients(): () => CornerstoneClient {
  const clients: CornerstoneClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });
  return () => {
    const client = createCornerstoneClient(cornerstoneTestConfig, { agency: 'unicef', backoffBaseMs: 1 });
    clients.push(client);
    return client;
  };
}
