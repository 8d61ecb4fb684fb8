import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

export interface SqliteStoreOptions {
  /** Database file; created with its directory's permissions when absent. */
  readonly path: string;
  /** @default 'keyv' */
  readonly table?: string;
}

interface Row {
  readonly value: string;
}

/**
 * A keyv store over one embedded SQLite file (better-sqlite3, synchronous and in-process).
 *
 * Durability: WAL journal with `synchronous=FULL`, so every committed write is fsynced to the WAL before
 * `set` resolves — a write the registry has acknowledged survives a SIGKILL or a power cut. Each `set` is
 * one `INSERT ... ON CONFLICT` statement, hence atomic. keyv has no SQLite store for Node 20 that we
 * trust with these settings (`@keyv/sqlite` opens its own connection without them), so this one is small
 * and ours.
 */
export class KeyvSqliteStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: SqliteStoreOptions;
  namespace?: string | undefined;
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], Row>;
  readonly #set: Database.Statement<[string, string]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #clear: Database.Statement<[string]>;

  constructor(options: SqliteStoreOptions) {
    super();
    this.opts = options;
    const table = options.table ?? 'keyv';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid SQLite table name: ${table}`);
    this.#db = new Database(options.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Several registry processes may share the file briefly (restart overlap): wait rather than fail.
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    this.#get = this.#db.prepare<[string], Row>(`SELECT value FROM ${table} WHERE key = ?`);
    this.#set = this.#db.prepare<[string, string]>(
      `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.#delete = this.#db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`);
    this.#clear = this.#db.prepare<[string]>(`DELETE FROM ${table} WHERE key LIKE ? ESCAPE '\\'`);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.#get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    // keyv hands stores its serialized string; anything else is stored as JSON.
    this.#set.run(key, typeof value === 'string' ? value : JSON.stringify(value));
  }

  async delete(key: string): Promise<boolean> {
    return this.#delete.run(key).changes > 0;
  }

  async has(key: string): Promise<boolean> {
    return this.#get.get(key) !== undefined;
  }

  async clear(): Promise<void> {
    const prefix = this.namespace ? `${this.namespace.replace(/[\\%_]/g, (c) => `\\${c}`)}:%` : '%';
    this.#clear.run(prefix);
  }

  async disconnect(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
