import type { Keyv } from 'keyv';
import type { CurationStatus } from '../../../schema/model/enums.js';

/** One review of a course: the state it left the course's curation in, who did it and when. */
export interface CurationEntry {
  readonly status: CurationStatus;
  readonly criteriaMet: readonly string[];
  /** Agency codes recommending the course after this review, sorted. */
  readonly recommendedBy: readonly string[];
  /** Who reviewed: the principal's e-mail (else subject), or `registry-admin-token`. */
  readonly reviewer: string;
  /** The reviewer's agency, when acting as an agency's manager. */
  readonly reviewerAgency: string | null;
  /** ISO 8601 UTC. */
  readonly reviewedAt: string;
  readonly note: string | null;
}

/** A course's curation: every review, oldest first; the last is the current state. */
export interface CurationRecord {
  /** The course's global id. */
  readonly courseId: string;
  readonly history: readonly CurationEntry[];
}

interface AgencyDocument {
  readonly version: 1;
  readonly courses: Readonly<Record<string, CurationRecord>>;
}

const INDEX_KEY = 'agencies';
const documentKey = (agency: string) => `courses:${agency}`;

/**
 * Curation records, durable in the registry's store (SQLite, PostgreSQL or Redis through keyv). Records
 * are grouped in one document per owning agency (the agency in the course id): a review rewrites only its
 * agency's document, in one `set`, so it is atomic on every backend. An index document lists the agencies
 * that have one; it is written (idempotently) before the agency document, so a crash between the two
 * leaves an index entry without records, never records out of reach. Writes are serialised in this
 * process; like the registrations, run one registry writer.
 */
export class CurationStore {
  readonly #keyv: Keyv;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
  }

  async #agencies(): Promise<string[]> {
    return ((await this.#keyv.get(INDEX_KEY)) as string[] | undefined) ?? [];
  }

  async #document(agency: string): Promise<AgencyDocument> {
    return ((await this.#keyv.get(documentKey(agency))) as AgencyDocument | undefined) ?? { version: 1, courses: {} };
  }

  async get(agency: string, courseId: string): Promise<CurationRecord | undefined> {
    return (await this.#document(agency)).courses[courseId];
  }

  /** The records of some agencies' courses (one read per agency). */
  async ofAgencies(agencies: readonly string[]): Promise<Map<string, CurationRecord>> {
    const documents = await Promise.all([...new Set(agencies)].map((agency) => this.#document(agency)));
    return new Map(documents.flatMap((doc) => Object.entries(doc.courses)));
  }

  /** Every record, agency by agency. */
  async all(): Promise<CurationRecord[]> {
    return [...(await this.ofAgencies(await this.#agencies())).values()];
  }

  /**
   * Appends a review to a course's record after `decide` saw the current one (undefined when new) and
   * returned the entry; resolves once the store acknowledged the write. `decide` may throw to refuse.
   */
  review(
    agency: string,
    courseId: string,
    decide: (current: CurationRecord | undefined) => CurationEntry,
  ): Promise<CurationRecord> {
    const run = async () => {
      const index = await this.#agencies();
      const doc = await this.#document(agency);
      const current = doc.courses[courseId];
      const entry = decide(current);
      const next: CurationRecord = { courseId, history: [...(current?.history ?? []), entry] };
      if (!index.includes(agency)) await this.#keyv.set(INDEX_KEY, [...index, agency].sort());
      await this.#keyv.set(documentKey(agency), {
        version: 1,
        courses: { ...doc.courses, [courseId]: next },
      } satisfies AgencyDocument);
      return next;
    };
    const queued = this.#queue.then(run, run);
    this.#queue = queued.catch(() => undefined);
    return queued;
  }

  async close(): Promise<void> {
    await this.#keyv.disconnect();
  }
}

export const currentEntry = (record: CurationRecord): CurationEntry => record.history[record.history.length - 1]!;
