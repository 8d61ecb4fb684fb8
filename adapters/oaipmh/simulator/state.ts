import type { DeletedRecordPolicy, Granularity, OaiErrorCode } from '../dto.js';
import { generateOerDataset, type SimRecord } from './dataset.js';
import type { SimFormat } from './xml.js';

/**
 * Faults a test can inject, each for the next `times` matching requests (default 1). They are the bad
 * inputs a harvester meets in the wild: an error code, a truncated document, a list page without its
 * resumption token, an oversized record, a record in a schema nobody asked for, an HTTP failure.
 * `verb` limits a fault to one verb, `continuation` to requests that carry a resumption token (so that
 * a list can fail in its middle).
 */
interface Matching {
  readonly verb?: string;
  readonly continuation?: boolean;
  readonly times?: number;
}

export type OaiInjection =
  | ({ readonly kind: 'oaiError'; readonly code: OaiErrorCode } & Matching)
  | ({ readonly kind: 'badXml' } & Matching)
  /** The next continuation page that has items after it comes without its resumption token. */
  | { readonly kind: 'dropToken'; readonly times?: number }
  /** Before the next continuation page: the list's first item changes and its second is deleted. */
  | { readonly kind: 'changeMidWalk'; readonly times?: number }
  | { readonly kind: 'hugeRecord'; readonly chars?: number; readonly times?: number }
  | { readonly kind: 'foreignMetadata'; readonly times?: number }
  | ({ readonly kind: 'http'; readonly status: number; readonly retryAfterSeconds?: number } & Matching);

export interface OaiPmhSimulatorOptions {
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 1 */
  readonly seed?: number;
  /** Items in the seeded repository. @default 48 (8 topics × 6 languages) */
  readonly count?: number;
  /** Items per list page. @default 10 */
  readonly pageSize?: number;
  /** How long a resumption token is honoured, in ms. @default 600000 */
  readonly tokenTtlMs?: number;
  /** @default YYYY-MM-DDThh:mm:ssZ */
  readonly granularity?: Granularity;
  /** @default persistent */
  readonly deletedRecord?: DeletedRecordPolicy;
  /** Formats offered, in ListMetadataFormats order. @default ['oai_dc', 'lom'] */
  readonly formats?: readonly SimFormat[];
  /** HTTP Basic credentials the repository requires; none by default (most repositories are open). */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The repository's clock (epoch ms); `/__sim/oai/clock` moves it. @default Date.now */
  readonly now?: () => number;
}

/** A new item, or the fields of an existing one to change. */
export type RecordInput = { readonly identifier: string } & {
  readonly [K in Exclude<keyof SimRecord, 'identifier' | 'datestamp' | 'deleted'>]?: SimRecord[K] | undefined;
};

export interface ListState {
  readonly verb: 'ListRecords' | 'ListIdentifiers';
  readonly metadataPrefix: SimFormat;
  readonly from: number | null;
  readonly until: number | null;
  readonly set: string | null;
  readonly offset: number;
  readonly expiresAt: number;
}

/** Mutable state of one simulated repository. */
export class RepositoryState {
  readonly records = new Map<string, SimRecord>();
  readonly tokens = new Map<string, ListState>();
  injections: Array<OaiInjection & { remaining: number }> = [];
  clockOffsetMs = 0;
  private tokenCounter = 0;

  constructor(readonly options: OaiPmhSimulatorOptions) {
    this.reset();
  }

  now(): number {
    return (this.options.now ?? Date.now)() + this.clockOffsetMs;
  }

  reset(): void {
    this.records.clear();
    for (const record of generateOerDataset(this.options.seed ?? 1, this.options.count).records) {
      this.records.set(record.identifier, record);
    }
    this.tokens.clear();
    this.injections = [];
    this.clockOffsetMs = 0;
  }

  /** Items in datestamp order (then identifier), the order lists are served in. */
  sorted(): SimRecord[] {
    return [...this.records.values()].sort(
      (a, b) => a.datestamp - b.datestamp || a.identifier.localeCompare(b.identifier),
    );
  }

  issueToken(state: ListState): string {
    this.tokenCounter += 1;
    const token = `rt${this.options.seed ?? 1}x${this.tokenCounter.toString(36)}`;
    this.tokens.set(token, state);
    return token;
  }

  /** The list state behind a token, or null when it is unknown or expired (then it is forgotten). */
  redeem(token: string): ListState | null {
    const state = this.tokens.get(token);
    if (!state) return null;
    if (state.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return null;
    }
    return state;
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  /** Takes the first injection of these kinds that applies to this request, counting it down. */
  take<K extends OaiInjection['kind']>(
    kinds: readonly K[],
    verb: string,
    continuation = false,
  ): Extract<OaiInjection, { kind: K }> | null {
    const index = this.injections.findIndex(
      (i) =>
        (kinds as readonly string[]).includes(i.kind) &&
        (!('verb' in i) || !i.verb || i.verb === verb) &&
        (!('continuation' in i) || !i.continuation || continuation),
    );
    const found = this.injections[index];
    if (!found) return null;
    found.remaining -= 1;
    if (found.remaining <= 0) this.injections.splice(index, 1);
    return found as unknown as Extract<OaiInjection, { kind: K }>;
  }

  inject(injection: OaiInjection): void {
    this.injections.push({ ...injection, remaining: injection.times ?? 1 });
  }

  /** Adds an item or changes one (a change moves its datestamp to now, as a repository does). */
  upsert(input: RecordInput): SimRecord {
    const existing = this.records.get(input.identifier);
    const base: SimRecord = existing ?? {
      identifier: input.identifier,
      datestamp: this.now(),
      deleted: false,
      sets: [],
      language: 'en',
      title: input.identifier,
      description: '',
      subjects: [],
      sdgs: [],
      rights: 'https://creativecommons.org/licenses/by/4.0/',
      url: `https://oer.sandbox.unssc.org/resources/${encodeURIComponent(input.identifier)}`,
      durationMinutes: null,
      type: 'Course',
    };
    // Fields left out (or undefined) keep their current value.
    const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const record: SimRecord = { ...base, ...(given as Partial<SimRecord>), deleted: false, datestamp: this.now() };
    this.records.set(record.identifier, record);
    return record;
  }

  /** Marks an item deleted (kept as a tombstone: the repository's deletedRecord policy decides who sees it). */
  remove(identifier: string): boolean {
    const existing = this.records.get(identifier);
    if (!existing) return false;
    this.records.set(identifier, { ...existing, deleted: true, datestamp: this.now() });
    return true;
  }
}
