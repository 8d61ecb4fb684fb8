import 'reflect-metadata';
import type dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryConfigSchema } from '../../../subgraphs/registry/config.js';
import { DestinationPolicy, LOOPBACK_DESTINATIONS } from '../../../subgraphs/registry/gate/destination.js';
import { postGraphQL } from '../../../subgraphs/registry/gate/fetch.js';
import { HealthMonitor } from '../../../subgraphs/registry/health.js';
import { HealthStatus } from '../../../subgraphs/registry/model.js';
import type { RegistrationRecord } from '../../../subgraphs/registry/store/registryStore.js';
import { type FakeSubgraph, goodSmokeData, startFakeSubgraph } from '../../support/fakeSubgraph.js';

const publicOnly = new DestinationPolicy();
const loopback = new DestinationPolicy(LOOPBACK_DESTINATIONS);

let agency: FakeSubgraph;
beforeAll(async () => {
  agency = await startFakeSubgraph({ data: () => goodSmokeData('fao') });
});
afterAll(() => agency?.close());

/** A resolver that answers `address` for every name, as a hostile DNS record would. */
const resolvingTo = (address: string, family: 4 | 6 = 4) =>
  ((_host: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) =>
    callback(null, [{ address, family }])) as unknown as typeof dns.lookup;

describe('destination policy (SSRF guard)', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['192.168.1.20', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses %s (%s) by default', (address, range) => {
    const problem = publicOnly.problem(address);
    expect(problem).toContain('DESTINATION_NOT_ALLOWED');
    expect(problem).toContain(range === 'private' ? 'private' : range);
  });

  it('allows public addresses', () => {
    expect(publicOnly.problem('8.8.8.8')).toBeUndefined();
    expect(publicOnly.problem('2001:4860:4860::8888')).toBeUndefined();
  });

  it('allows exactly what allowedDestinations lists', () => {
    expect(loopback.problem('127.0.0.1')).toBeUndefined();
    expect(loopback.problem('::1')).toBeUndefined();
    expect(loopback.problem('10.0.0.1')).toContain('DESTINATION_NOT_ALLOWED');
    expect(loopback.problem('169.254.169.254')).toContain('DESTINATION_NOT_ALLOWED');
    const internal = new DestinationPolicy(['10.20.0.0/16', '192.168.1.7']);
    expect(internal.problem('10.20.3.4')).toBeUndefined();
    expect(internal.problem('10.21.0.1')).toContain('DESTINATION_NOT_ALLOWED');
    expect(internal.problem('192.168.1.7')).toBeUndefined();
    expect(internal.problem('192.168.1.8')).toContain('DESTINATION_NOT_ALLOWED');
  });

  it('is configured as allowedDestinations, public only by default, entries validated', () => {
    const base = { adminToken: 'a-very-long-admin-token' };
    expect(registryConfigSchema.parse(base).allowedDestinations).toEqual([]);
    expect(
      registryConfigSchema.parse({ ...base, allowedDestinations: ['127.0.0.0/8', '::1'] }).allowedDestinations,
    ).toHaveLength(2);
    expect(registryConfigSchema.safeParse({ ...base, allowedDestinations: ['internal.example'] }).success).toBe(false);
  });
});

describe('guarded GraphQL POST', () => {
  const query = '{ agencies { code } }';

  it('refuses IP-literal URLs before connecting, with the code and no credentials', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/graphql', 'http://[::1]:1/']) {
      const outcome = await postGraphQL(url, query, undefined, 1_000, publicOnly);
      expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('DESTINATION_NOT_ALLOWED') });
    }
  });

  it('refuses a loopback agency unless loopback is allowed', async () => {
    const refused = await postGraphQL(agency.url, query, undefined, 2_000, publicOnly);
    expect(refused.ok).toBe(false);
    expect(agency.url).toContain('127.0.0.1');
    const allowed = await postGraphQL(agency.url, query, undefined, 2_000, loopback);
    expect(allowed.ok).toBe(true);
  });

  it('checks the resolved address of a host name, and connects to the address it checked', async () => {
    const port = new URL(agency.url).port;
    // localhost really resolves to loopback: refused by default, reached when loopback is allowed.
    const viaLocalhost = await postGraphQL(`http://localhost:${port}/`, query, undefined, 2_000, publicOnly);
    expect(viaLocalhost).toEqual({ ok: false, reason: expect.stringContaining('DESTINATION_NOT_ALLOWED') });
    // A public-looking name whose DNS answer is private (DNS rebinding, an internal record).
    const privateName = new DestinationPolicy(LOOPBACK_DESTINATIONS, resolvingTo('10.1.2.3'));
    const rebound = await postGraphQL(`http://agency.example:${port}/`, query, undefined, 2_000, privateName);
    expect(rebound).toEqual({ ok: false, reason: expect.stringContaining('its address is private') });
    // The pinned address is the one used: a name resolving to allowed loopback reaches the agency.
    const pinned = new DestinationPolicy(LOOPBACK_DESTINATIONS, resolvingTo('127.0.0.1'));
    expect((await postGraphQL(`http://agency.example:${port}/`, query, undefined, 2_000, pinned)).ok).toBe(true);
  });

  it('marks a refused agency DOWN in health checks, without its address', async () => {
    const monitor = new HealthMonitor(async () => [], {
      intervalMs: 60_000,
      degradedAfterMs: 1_000,
      timeoutMs: 2_000,
      destinations: publicOnly,
    });
    const record = { code: 'fao', status: 'ACTIVE', subgraphUrl: 'http://169.254.169.254/' } as RegistrationRecord;
    const snapshot = await monitor.check(record);
    expect(snapshot.status).toBe(HealthStatus.DOWN);
    expect(snapshot.lastError).toContain('DESTINATION_NOT_ALLOWED');
    expect(snapshot.lastError).not.toContain('169.254');
  });
});
