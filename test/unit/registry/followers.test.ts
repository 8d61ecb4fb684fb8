import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../../../gateway/config.js';
import { AgencyDirectory } from '../../../gateway/directory.js';
import { RegistryDirectorySource } from '../../../gateway/registrySource.js';
import { ConfigError } from '../../../schema/config/configError.js';
import { validateConfig } from '../../../schema/config/load.js';
import { Secret } from '../../../schema/config/secret.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../../subgraphs/agency/server.js';
import { registryConfigSchema } from '../../../subgraphs/registry/config.js';
import { type RunningRegistry, startRegistry } from '../../../subgraphs/registry/server.js';
import { createRegistryKeyv } from '../../../subgraphs/registry/store/backends.js';
import { RegistryStore } from '../../../subgraphs/registry/store/registryStore.js';
import { ALLOW_LOOPBACK } from '../../support/loopback.js';
import { createMemoryAdapter } from '../../support/memoryAdapter.js';
import { memoryData } from '../../support/memoryData.js';

const TOKEN = 'followers-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'registry-followers-'));
let registry: RunningRegistry;
let agency: RunningAgencySubgraph;

beforeAll(async () => {
  agency = await startAgencySubgraph({
    agency: { code: 'ilo', name: 'ILO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, 4)),
  });
  registry = await startRegistry({
    ...ALLOW_LOOPBACK,
    store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r.sqlite') })),
    adminToken: new Secret(TOKEN),
    health: { intervalMs: 60_000 },
  });
  await registry.service.register({
    code: 'ilo',
    name: 'ILO',
    acronym: null,
    lmsKind: 'custom',
    subgraphUrl: agency.url,
    contact: null,
  });
});
afterAll(async () => {
  await agency?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway directory source', () => {
  it('follows the registry, and keeps the last good directory when the registry is unreachable', async () => {
    const directory = new AgencyDirectory();
    const source = new RegistryDirectorySource(directory, { url: registry.url, token: TOKEN });
    expect(await source.refresh()).toBe(true);
    expect(directory.active()).toEqual([{ code: 'ilo', name: 'ILO', lmsKind: 'custom', url: agency.url }]);
    await registry.stop();
    expect(await source.refresh()).toBe(false);
    expect(directory.active().map((a) => a.code)).toEqual(['ilo']);
  });

  it('reads the directory with the read-only token, which cannot change anything', async () => {
    const readOnly = 'directory-token-0123456789abcdef';
    const other = await startRegistry({
      ...ALLOW_LOOPBACK,
      store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r3.sqlite') })),
      adminToken: new Secret(TOKEN),
      directoryToken: new Secret(readOnly),
    });
    await other.service.register({
      code: 'ilo',
      name: 'ILO',
      acronym: null,
      lmsKind: 'custom',
      subgraphUrl: agency.url,
      contact: 'x@ilo.org',
    });
    const directory = new AgencyDirectory();
    const source = new RegistryDirectorySource(directory, { url: other.url, token: readOnly });
    expect(await source.refresh()).toBe(true);
    expect(directory.active().map((a) => a.url)).toEqual([agency.url]);
    const post = async (query: string) =>
      (await (
        await fetch(other.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${readOnly}` },
          body: JSON.stringify({ query }),
        })
      ).json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
    expect((await post('mutation { removeAgency(code: "ilo") { code } }')).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await post('{ registeredAgency(code: "ilo") { registration { contact } } }')).data).toEqual({
      registeredAgency: { registration: { contact: null } },
    });
    await other.stop();
  });

  it('does not take the directory from a registry that refuses its token', async () => {
    const other = await startRegistry({
      ...ALLOW_LOOPBACK,
      store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r2.sqlite') })),
      adminToken: new Secret(TOKEN),
    });
    const directory = new AgencyDirectory([
      { code: 'who', name: 'WHO', lmsKind: 'moodle', url: 'http://127.0.0.1:1/' },
    ]);
    const source = new RegistryDirectorySource(directory, { url: other.url, token: 'wrong-token-wrong-token' });
    expect(await source.refresh()).toBe(false);
    expect(directory.active().map((a) => a.code)).toEqual(['who']);
    await other.stop();
  });
});

describe('health monitor', () => {
  it('reports UP with latency, then DOWN with the last error when the subgraph stops', async () => {
    const store = new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'h.sqlite') }));
    const running = await startRegistry({
      ...ALLOW_LOOPBACK,
      store,
      adminToken: new Secret(TOKEN),
      health: { intervalMs: 100 },
    });
    const down = await startAgencySubgraph({
      agency: { code: 'wfp', name: 'WFP', lmsKind: 'custom' },
      adapter: createMemoryAdapter(memoryData(2, 3)),
    });
    await running.service.register({
      code: 'wfp',
      name: 'WFP',
      acronym: null,
      lmsKind: 'custom',
      subgraphUrl: down.url,
      contact: null,
    });
    const health = async () => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ registeredAgency(code: "wfp") { health { status lastError latencyMs } } }' }),
      });
      const body = (await response.json()) as {
        data: { registeredAgency: { health: { status: string; lastError: string | null; latencyMs: number } } };
      };
      return body.data.registeredAgency.health;
    };
    const waitFor = async (status: string) => {
      for (let i = 0; i < 100; i++) {
        const h = await health();
        if (h.status === status) return h;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`never ${status}`);
    };
    expect((await waitFor('UP')).latencyMs).toBeGreaterThanOrEqual(0);
    await down.stop();
    // A probe in flight when the subgraph stops sees its socket closed (UND_ERR_SOCKET); later ones are
    // refused (ECONNREFUSED). Either way the reason is the code alone: no URL, host or port.
    // A check racing the stop sees its keep-alive socket reset rather than refused: the same "unreachable".
    expect((await waitFor('DOWN')).lastError).toMatch(
      /^subgraph is unreachable \((ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)\)$/,
    );
    await running.stop();
  });
});

describe('configuration', () => {
  it('refuses a gateway config with both a static directory and a registry', () => {
    const config = {
      agencies: [{ code: 'who', name: 'WHO', lmsKind: 'MOODLE', url: 'http://127.0.0.1:1/' }],
      registry: { url: 'http://127.0.0.1:2/', token: 'x' },
    };
    expect(() => validateConfig(gatewayConfigSchema, config)).toThrow(/either a static agencies list or a registry/);
  });

  it('defaults the registry poll to 2 s and lists every registry config problem at once', () => {
    const gateway = validateConfig(gatewayConfigSchema, { registry: { url: 'http://127.0.0.1:2/', token: 't' } });
    expect(gateway.registry?.pollIntervalMs).toBe(2000);
    const error = (() => {
      try {
        validateConfig(registryConfigSchema, { adminToken: 'short', store: { kind: 'postgres', url: 'mysql://x' } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'adminToken: must be at least 16 characters',
      'store.url: must be a postgresql:// URL',
    ]);
  });
});
