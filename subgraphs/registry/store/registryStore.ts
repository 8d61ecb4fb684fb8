import type { Keyv } from 'keyv';
import { HOME_GROWN_KIND, type LmsKind, parseLmsKind } from '../../../schema/lmsKind.js';

export type AgencyStatusValue = 'ACTIVE' | 'SUSPENDED';

/** One agency's registration, as stored. Timestamps are ISO 8601 UTC strings. */
export interface RegistrationRecord {
  readonly code: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly lmsKind: LmsKind;
  readonly status: AgencyStatusValue;
  readonly subgraphUrl: string;
  readonly contact: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

interface RegistryDocument {
  readonly version: 1;
  readonly agencies: Readonly<Record<string, RegistrationRecord>>;
}

const DOCUMENT_KEY = 'agencies';
const EMPTY: RegistryDocument = { version: 1, agencies: {} };

/**
 * The registrations, kept as ONE keyv document. The registry holds a few dozen agencies, so a single value
 * is small, and replacing it in one `set` makes every change atomic on every backend (SQLite, PostgreSQL,
 * Redis) without transactions keyv does not offer. Changes are serialised in this process; two registry
 * processes writing the same store at the same instant can lose one change (last writer wins) — run one
 * registry writer, or add compare-and-set when a backend needs it.
 */
export class RegistryStore {
  readonly #keyv: Keyv;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
  }

  async #read(): Promise<RegistryDocument> {
    const doc = (await this.#keyv.get(DOCUMENT_KEY)) as RegistryDocument | undefined;
    if (!doc) return EMPTY;
    // Records written before kinds had one spelling hold the GraphQL name (`MOODLE`): read them as kinds.
    const agencies = Object.fromEntries(
      Object.entries(doc.agencies).map(([code, r]) => [
        code,
        { ...r, lmsKind: parseLmsKind(r.lmsKind) ?? HOME_GROWN_KIND },
      ]),
    );
    return { version: 1, agencies };
  }

  async list(): Promise<RegistrationRecord[]> {
    const doc = await this.#read();
    return Object.values(doc.agencies).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async get(code: string): Promise<RegistrationRecord | undefined> {
    return (await this.#read()).agencies[code];
  }

  /**
   * Applies `change` to the current record of `code` (undefined when absent) and stores the result
   * (undefined deletes). Resolves only after the store acknowledged the write.
   */
  update<T>(
    code: string,
    change: (current: RegistrationRecord | undefined) => { next: RegistrationRecord | undefined; result: T },
  ): Promise<T> {
    const run = async () => {
      const doc = await this.#read();
      const { next, result } = change(doc.agencies[code]);
      const agencies = { ...doc.agencies };
      if (next) agencies[code] = next;
      else delete agencies[code];
      await this.#keyv.set(DOCUMENT_KEY, { version: 1, agencies } satisfies RegistryDocument);
      return result;
    };
    const queued = this.#queue.then(run, run);
    this.#queue = queued.catch(() => undefined);
    return queued;
  }

  async close(): Promise<void> {
    await this.#keyv.disconnect();
  }
}
