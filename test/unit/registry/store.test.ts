import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistryKeyv, type RegistryBackend } from '../../../subgraphs/registry/store/backends.js';
import { type RegistrationRecord, RegistryStore } from '../../../subgraphs/registry/store/registryStore.js';
import { reachable } from '../../support/reachable.js';

const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = 'redis://127.0.0.1:6379';
const run = `t${process.pid}${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'registry-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (code: string): RegistrationRecord => ({
  code,
  name: code.toUpperCase(),
  acronym: null,
  lmsKind: 'custom',
  status: 'ACTIVE',
  subgraphUrl: `http://127.0.0.1:1/${code}`,
  contact: null,
  registeredAt: '2026-11-28T00:00:00.000Z',
  updatedAt: '2026-11-28T00:00:00.000Z',
});

/** The same suite for every backend (keyv's storage test-suite idea, STYLE.md B8.2). */
function registryStoreSuite(name: string, backend: () => RegistryBackend) {
  describe(`registry store: ${name}`, () => {
    const open = () => new RegistryStore(createRegistryKeyv(backend(), `registry-${run}`));

    it('stores, lists in code order, updates and removes', async () => {
      const store = open();
      await store.update('who', () => ({ next: record('who'), result: null }));
      await store.update('fao', () => ({ next: record('fao'), result: null }));
      expect((await store.list()).map((r) => r.code)).toEqual(['fao', 'who']);
      await store.update('who', (current) => ({ next: { ...current!, status: 'SUSPENDED' }, result: null }));
      expect((await store.get('who'))?.status).toBe('SUSPENDED');
      await store.update('fao', () => ({ next: undefined, result: null }));
      expect((await store.list()).map((r) => r.code)).toEqual(['who']);
      await store.update('who', () => ({ next: undefined, result: null }));
      await store.close();
    });

    it('serialises concurrent changes: none is lost', async () => {
      const store = open();
      const codes = Array.from({ length: 20 }, (_, i) => `a${String(i).padStart(2, '0')}`);
      await Promise.all(codes.map((code) => store.update(code, () => ({ next: record(code), result: null }))));
      expect((await store.list()).map((r) => r.code)).toEqual(codes);
      await Promise.all(codes.map((code) => store.update(code, () => ({ next: undefined, result: null }))));
      await store.close();
    });

    it('keeps what was written across a reopen', async () => {
      const first = open();
      await first.update('ilo', () => ({ next: record('ilo'), result: null }));
      await first.close();
      const second = open();
      expect(await second.get('ilo')).toEqual(record('ilo'));
      await second.update('ilo', () => ({ next: undefined, result: null }));
      await second.close();
    });

    it('does not store a change whose check throws', async () => {
      const store = open();
      await expect(
        store.update('bad', () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.get('bad')).toBeUndefined();
      await store.close();
    });
  });
}

registryStoreSuite('sqlite (WAL, synchronous=FULL)', () => ({ kind: 'sqlite', path: join(dir, 'registry.sqlite') }));

const postgresUp = await reachable(5432);
if (!postgresUp) console.warn(`SKIPPED PostgreSQL registry store tests: nothing listens at ${POSTGRES_URL}`);
describe.skipIf(!postgresUp)('postgres backend', () => {
  registryStoreSuite('postgres', () => ({ kind: 'postgres', url: POSTGRES_URL, table: 'registry_test' }));
});

const redisUp = await reachable(6379);
if (!redisUp) console.warn(`SKIPPED Redis registry store tests: nothing listens at ${REDIS_URL}`);
describe.skipIf(!redisUp)('redis backend', () => {
  registryStoreSuite('redis', () => ({ kind: 'redis', url: REDIS_URL }));
});

describe('registry store on a failing backend', () => {
  it('rejects the change instead of acknowledging it (keyv throwOnErrors)', async () => {
    const broken = new Map<string, unknown>();
    broken.set = () => {
      throw new Error('disk full');
    };
    const store = new RegistryStore(new Keyv({ store: broken, throwOnErrors: true }));
    await expect(store.update('who', () => ({ next: record('who'), result: null }))).rejects.toThrow('disk full');
  });
});
