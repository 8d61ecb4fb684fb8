import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { startGateway } from '../../gateway/server.js';

/**
 * The gateway calls no one but its agencies, its registry and what its config names: no usage data to
 * Apollo (`@apollo/gateway` sends some to usage-reporting.api.apollographql.com unless told not to) and no
 * cloud metadata services (169.254.169.254: its telemetry's resource detectors probe AWS, GCP, Azure).
 */
it('starts without opening a connection to anything but loopback', async () => {
  const remote: string[] = [];
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    socket.once('lookup', (_error, address: string | undefined, _family, host: string) => remote.push(address ?? host));
    socket.once('connect', () => remote.push(String(socket.remoteAddress)));
  };
  subscribe('net.client.socket', onSocket);
  try {
    const gateway = await startGateway({
      directory: new AgencyDirectory([]),
      agencyTimeoutMs: 1000,
      deadlineMs: 2000,
      cursorSecret: 'test-secret-offline-gateway',
    });
    await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await gateway.stop();
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  expect(remote.filter((address) => !/^(127\.|::1$|::ffff:127\.)/.test(address))).toEqual([]);
});
