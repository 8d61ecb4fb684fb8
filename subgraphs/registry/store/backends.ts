import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { z } from 'zod';
import { KeyvSqliteStore } from './sqliteStore.js';

/**
 * Where registrations live. SQLite (one file) for a single registry; PostgreSQL or Redis when several
 * registry or gateway instances share one registry. For Redis, "nothing acknowledged is lost" holds only
 * when the server runs with `appendonly yes` and `appendfsync always`; that is the server's setting.
 */
export type RegistryBackend =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly table: string }
  | { readonly kind: 'redis'; readonly url: string };

export const registryBackendSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), path: z.string().min(1, 'must name the database file') }).strict(),
    z
      .object({
        kind: z.literal('postgres'),
        url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
        /** @default registry */
        table: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/, 'must be a plain lowercase SQL identifier')
          .default('registry'),
      })
      .strict(),
    z.object({ kind: z.literal('redis'), url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL') }).strict(),
  ])
  .default({ kind: 'sqlite', path: '.data/registry.sqlite' });

/** A Keyv that throws on store errors: a registration is only acknowledged once the store has it. */
export function createRegistryKeyv(backend: RegistryBackend, namespace = 'registry'): Keyv {
  const options = { namespace, throwOnErrors: true } as const;
  switch (backend.kind) {
    case 'sqlite':
      mkdirSync(dirname(backend.path), { recursive: true });
      return new Keyv({ ...options, store: new KeyvSqliteStore({ path: backend.path }) });
    case 'postgres':
      return new Keyv({ ...options, store: new KeyvPostgres({ uri: backend.url, table: backend.table }) });
    case 'redis':
      return new Keyv({ ...options, store: new KeyvRedis(backend.url) });
  }
}
