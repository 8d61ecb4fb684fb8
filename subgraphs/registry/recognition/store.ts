import type { Keyv } from 'keyv';
import type { AgreementRecord, ProviderRecord, RecognitionRecord } from './records.js';

const PROVIDERS = 'providers';
const AGREEMENTS = 'agreements';
const AGENCIES = 'index:agencies';
const recognitionKey = (id: string) => `recognition:${id}`;
const agencyIndex = (agency: string) => `index:agency:${agency}`;
const personIndex = (personKey: string) => `index:person:${personKey}`;

type Collection<T> = Readonly<Record<string, T>>;

/**
 * The durable side of recognition (issue 14), in the registry's store (keyv over SQLite, PostgreSQL or
 * Redis; a Keyv that throws on store errors, so nothing is acknowledged before the store has it).
 *
 * - Providers and agreements: one document each. They number in the dozens to hundreds, and replacing a
 *   document in one `set` makes every change atomic on every backend (as the registrations are kept).
 * - Recognitions grow with learners: one key each, found through two index keys (by recognising agency and
 *   by person). A recognition is written before its indexes, so an index never names a missing record;
 *   a crash between the two leaves a record that its next write indexes again.
 *
 * Changes are serialised in this process (one registry writer per store, as for registrations).
 */
export class RecognitionStore {
  readonly #keyv: Keyv;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
  }

  /** Runs `work` after every change queued before it, and makes later changes wait for it. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const queued = this.#queue.then(work, work);
    this.#queue = queued.catch(() => undefined);
    return queued;
  }

  async #collection<T>(key: string): Promise<Collection<T>> {
    return ((await this.#keyv.get(key)) as Collection<T> | undefined) ?? {};
  }

  /** Applies `change` to the current value of one item of a document and stores the document. */
  #updateIn<T, R>(key: string, id: string, change: (current: T | undefined) => { next: T; result: R }): Promise<R> {
    return this.#serial(async () => {
      const all = await this.#collection<T>(key);
      const { next, result } = change(all[id]);
      await this.#keyv.set(key, { ...all, [id]: next });
      return result;
    });
  }

  async providers(): Promise<ProviderRecord[]> {
    return Object.values(await this.#collection<ProviderRecord>(PROVIDERS)).sort((a, b) =>
      a.code.localeCompare(b.code),
    );
  }

  async provider(code: string): Promise<ProviderRecord | undefined> {
    return (await this.#collection<ProviderRecord>(PROVIDERS))[code];
  }

  updateProvider<R>(
    code: string,
    change: (current: ProviderRecord | undefined) => { next: ProviderRecord; result: R },
  ) {
    return this.#updateIn(PROVIDERS, code, change);
  }

  async agreements(): Promise<AgreementRecord[]> {
    return Object.values(await this.#collection<AgreementRecord>(AGREEMENTS)).sort((a, b) =>
      a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
    );
  }

  async agreement(id: string): Promise<AgreementRecord | undefined> {
    return (await this.#collection<AgreementRecord>(AGREEMENTS))[id];
  }

  updateAgreement<R>(
    id: string,
    change: (current: AgreementRecord | undefined) => { next: AgreementRecord; result: R },
  ) {
    return this.#updateIn(AGREEMENTS, id, change);
  }

  async recognition(id: string): Promise<RecognitionRecord | undefined> {
    return (await this.#keyv.get(recognitionKey(id))) as RecognitionRecord | undefined;
  }

  async #ids(key: string): Promise<string[]> {
    return ((await this.#keyv.get(key)) as string[] | undefined) ?? [];
  }

  async #load(ids: readonly string[]): Promise<RecognitionRecord[]> {
    const records = await Promise.all(ids.map((id) => this.recognition(id)));
    return records.filter((r): r is RecognitionRecord => r !== undefined);
  }

  async recognitionsOfAgency(agency: string): Promise<RecognitionRecord[]> {
    return this.#load(await this.#ids(agencyIndex(agency)));
  }

  async recognitionsOfPerson(personKey: string): Promise<RecognitionRecord[]> {
    return this.#load(await this.#ids(personIndex(personKey)));
  }

  /** Agencies with at least one recognition (for counts across the system). */
  async agenciesWithRecognitions(): Promise<string[]> {
    return this.#ids(AGENCIES);
  }

  /**
   * Applies `change` to the current recognition `id` (undefined when absent) and stores the result, then
   * makes sure the indexes name it. Resolves once the store acknowledged every write.
   */
  updateRecognition<R>(
    id: string,
    change: (current: RecognitionRecord | undefined) => { next: RecognitionRecord | undefined; result: R },
  ): Promise<R> {
    return this.#serial(async () => {
      const { next, result } = change(await this.recognition(id));
      if (!next) return result;
      await this.#keyv.set(recognitionKey(id), next);
      await this.#addTo(agencyIndex(next.agency), id);
      await this.#addTo(personIndex(next.personKey), id);
      await this.#addTo(AGENCIES, next.agency);
      return result;
    });
  }

  async #addTo(key: string, value: string): Promise<void> {
    const values = await this.#ids(key);
    if (!values.includes(value)) await this.#keyv.set(key, [...values, value]);
  }

  async close(): Promise<void> {
    await this.#keyv.disconnect();
  }
}
