import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The one SQL interface of the insights store: PGlite (embedded PostgreSQL, the default: the sandbox and
 * tests need no server) and a real PostgreSQL (`pg`) behind it, running the same SQL text. Parameters are
 * `$1…`; arrays are passed as JS arrays and cast in SQL (`$1::text[]`).
 */
export interface SqlClient {
  readonly kind: 'pglite' | 'postgres';
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreBackend =
  | { readonly kind: 'pglite' /** Directory of the database; absent: in memory. */; readonly path?: string | undefined }
  | {
      readonly kind: 'postgres';
      readonly url: string /** Schema holding the tables. @default insights */;
      readonly schema?: string;
    };

export const DEFAULT_PGLITE_PATH = '.data/insights';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

class PgliteClient implements SqlClient {
  readonly kind = 'pglite' as const;
  constructor(private readonly db: Pick<PGlite, 'query' | 'exec'> & Partial<Pick<PGlite, 'transaction' | 'close'>>) {}

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params as unknown[])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!this.db.transaction) return fn(this);
    return this.db.transaction((tx) => fn(new PgliteClient(tx)));
  }

  async close(): Promise<void> {
    await this.db.close?.();
  }
}

class PostgresClient implements SqlClient {
  readonly kind = 'postgres' as const;
  constructor(private readonly db: pg.Pool | pg.PoolClient) {}

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params as unknown[])).rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.db.query(sql);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!('connect' in this.db) || typeof this.db.connect !== 'function' || !('totalCount' in this.db)) {
      return fn(this);
    }
    const client = await (this.db as pg.Pool).connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if ('end' in this.db && 'totalCount' in this.db) await (this.db as pg.Pool).end();
  }
}

// Counts come back as bigint text from pg (int8); the store casts what it sums to int or float8 in SQL.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Opens the store's database: PGlite in a directory (created) or in memory, or a PostgreSQL schema. */
export async function openSqlClient(backend: StoreBackend): Promise<SqlClient> {
  if (backend.kind === 'pglite') {
    if (backend.path) mkdirSync(backend.path, { recursive: true });
    const db = backend.path ? new PGlite(backend.path) : new PGlite();
    await db.waitReady;
    return new PgliteClient(db);
  }
  const schema = backend.schema ?? 'insights';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`insights store: schema name "${schema}" is not a plain identifier`);
  const bootstrap = new pg.Client({ connectionString: backend.url });
  await bootstrap.connect();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({ connectionString: backend.url, max: 4, options: `-c search_path=${schema}` });
  return new PostgresClient(pool);
}
