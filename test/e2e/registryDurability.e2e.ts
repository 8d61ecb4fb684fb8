import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { startRegistryProcess, writeRegistryConfig } from '../support/cliRun.js';
import { graphql } from '../support/graphql.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';
import { reachable } from '../support/reachable.js';

/**
 * Issue 6: SIGKILL the registry process right after a change is acknowledged; after a restart the change
 * is there. Repeated, on the default SQLite store and on PostgreSQL (skipped with a message if absent).
 * Redis is not in this test: its durability is a server setting (`appendfsync always`), not ours.
 */
const TOKEN = 'durability-admin-token-0123456789';
const ROUNDS = 5;
const CODES = Array.from({ length: ROUNDS }, (_, i) => `dur${i}`);
const dir = mkdtempSync(join(tmpdir(), 'registry-durability-'));
const subgraphs = new Map<string, RunningAgencySubgraph>();

beforeAll(async () => {
  for (const [i, code] of CODES.entries()) {
    const adapter = createMemoryAdapter(memoryData(10 + i, 5));
    subgraphs.set(
      code,
      await startAgencySubgraph({ agency: { code, name: `Agency ${code}`, lmsKind: 'custom' }, adapter }),
    );
  }
});
afterAll(async () => {
  await Promise.all([...subgraphs.values()].map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const admin = { authorization: `Bearer ${TOKEN}` };
const REGISTER = 'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { code status } }';
type Listed = { registeredAgencies: { code: string; status: string }[] };

async function crashRounds(store: Record<string, unknown>, label: string) {
  const configPath = writeRegistryConfig(join(dir, `${label}.json`), store, { health: { intervalMs: 60_000 } });
  const expected = new Map<string, string>();
  let registry = await startRegistryProcess(configPath, TOKEN);
  try {
    for (const [i, code] of CODES.entries()) {
      const input = { code, name: `Agency ${code}`, lmsKind: 'CUSTOM', subgraphUrl: subgraphs.get(code)!.url };
      const ack = await graphql(registry.url, REGISTER, { input }, admin);
      expect(ack.errors).toBeUndefined();
      expected.set(code, 'ACTIVE');
      if (i % 2 === 1) {
        // A second kind of change acknowledged just before the crash: a suspension of the previous agency.
        const previous = CODES[i - 1]!;
        const suspended = await graphql(
          registry.url,
          `mutation { suspendAgency(code: "${previous}") { status } }`,
          {},
          admin,
        );
        expect(suspended.errors).toBeUndefined();
        expected.set(previous, 'SUSPENDED');
      }
      await registry.kill(); // SIGKILL, the moment the acknowledgement arrived
      expect(registry.child.signalCode).toBe('SIGKILL');
      registry = await startRegistryProcess(configPath, TOKEN);
      const listed = await graphql<Listed>(registry.url, '{ registeredAgencies { code status } }');
      const found = new Map(listed.data?.registeredAgencies.map((a) => [a.code, a.status]));
      expect(found).toEqual(expected);
    }
  } finally {
    for (const code of expected.keys()) {
      await graphql(registry.url, `mutation { removeAgency(code: "${code}") { code } }`, {}, admin);
    }
    await registry.stop();
  }
}

describe('registry durability under SIGKILL', () => {
  it(`loses nothing acknowledged on the SQLite store (${ROUNDS} crashes)`, async () => {
    await crashRounds({ kind: 'sqlite', path: join(dir, 'registry.sqlite') }, 'sqlite');
  }, 180_000);

  it(`loses nothing acknowledged on PostgreSQL (${ROUNDS} crashes)`, async (ctx) => {
    if (!(await reachable(5432))) {
      console.warn('SKIPPED PostgreSQL durability test: nothing listens at 127.0.0.1:5432');
      ctx.skip();
    }
    // One fixed table: its rows are removed at the end, so runs do not pile up tables.
    const table = 'registry_e2e';
    await crashRounds({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/test', table }, 'postgres');
  }, 180_000);
});
