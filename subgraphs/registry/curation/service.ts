import { parseGlobalId } from '../../../schema/globalId.js';
import { CurationStatus } from '../../../schema/model/enums.js';
import { registryError } from '../errors.js';
import type { CurationCriterion } from './criteria.js';
import type { Curator } from './curator.js';
import { type CurationEntry, type CurationRecord, type CurationStore, currentEntry } from './store.js';

export interface CurationInput {
  readonly courseId: string;
  readonly status: CurationStatus;
  readonly criteriaMet: readonly string[];
  /** Agencies recommending the course after this review; omitted: see `CurationService.review`. */
  readonly recommendedBy?: readonly string[] | null | undefined;
  readonly note?: string | null | undefined;
}

const MAX_NOTE = 2_000;
const bad = (message: string) => registryError('BAD_USER_INPUT', message);
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

/** Curation rules on top of the store: validation, who may change what, and the history. */
export class CurationService {
  constructor(
    readonly store: CurationStore,
    readonly criteria: readonly CurationCriterion[],
    /** Whether an agency code is registered (recommending agencies must be). */
    private readonly isRegistered: (code: string) => Promise<boolean>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The owning agency of a course id; BAD_USER_INPUT when it is not a course id. */
  static ownerOf(courseId: string): string {
    const parsed = parseGlobalId(courseId);
    if (parsed?.type !== 'course') {
      throw bad(`\`${courseId}\` is not a course id; ids look like \`<agency>:course:<localId>\`.`);
    }
    return parsed.agency;
  }

  async get(courseId: string): Promise<CurationRecord | undefined> {
    return this.store.get(CurationService.ownerOf(courseId), courseId);
  }

  /** Course ids by their current status, each list sorted: what gateways follow for `filter.curation`. */
  async idsByStatus(): Promise<Readonly<Record<CurationStatus, string[]>>> {
    const lists: Record<CurationStatus, string[]> = { PROPOSED: [], RECOMMENDED: [], RETIRED: [] };
    for (const record of await this.store.all()) lists[currentEntry(record).status].push(record.courseId);
    for (const list of Object.values(lists)) list.sort();
    return lists;
  }

  /**
   * Records a review. The recommending agencies after it are `input.recommendedBy` when given; otherwise
   * the current ones, plus the curator's own agency when the status is RECOMMENDED, and none when it is
   * RETIRED. RECOMMENDED needs at least one recommending agency; RETIRED none.
   *
   * Who may: a registry admin, anything. An agency manager only for a course its agency recommends (before
   * or after the review), and may add or withdraw only its own agency's recommendation — it cannot speak
   * for another agency, so it cannot retire a course another agency still recommends.
   */
  async review(curator: Curator, input: CurationInput): Promise<CurationRecord> {
    const owner = CurationService.ownerOf(input.courseId);
    const known = new Set(this.criteria.map((c) => c.id));
    const unknown = input.criteriaMet.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw bad(`Unknown curation criteria: ${unknown.join(', ')}; the criteria are ${[...known].join(', ')}.`);
    }
    const note = input.note?.trim() || null;
    if (note && note.length > MAX_NOTE) throw bad(`The note is longer than ${MAX_NOTE} characters.`);
    const named = input.recommendedBy ? sorted(input.recommendedBy) : null;
    for (const code of named ?? []) {
      if (!(await this.isRegistered(code)))
        throw bad(`No agency "${code}" is registered; it cannot recommend a course.`);
    }
    return this.store.review(owner, input.courseId, (current) => {
      const before = current ? currentEntry(current).recommendedBy : [];
      const after = named ?? defaultRecommenders(input.status, before, curator);
      if (input.status === CurationStatus.RECOMMENDED && after.length === 0) {
        throw bad('A RECOMMENDED course needs at least one recommending agency (`recommendedBy`).');
      }
      if (input.status === CurationStatus.RETIRED && after.length > 0) {
        throw bad('A RETIRED course has no recommending agency; leave `recommendedBy` out or empty.');
      }
      if (curator.kind === 'manager') mayManagerWrite(curator.agency, before, after);
      return {
        status: input.status,
        criteriaMet: sorted(input.criteriaMet),
        recommendedBy: after,
        reviewer: curator.reviewer,
        reviewerAgency: curator.kind === 'manager' ? curator.agency : null,
        reviewedAt: this.now().toISOString(),
        note,
      } satisfies CurationEntry;
    });
  }
}

function defaultRecommenders(status: CurationStatus, before: readonly string[], curator: Curator): string[] {
  if (status === CurationStatus.RETIRED) return [];
  if (status === CurationStatus.RECOMMENDED && curator.kind === 'manager') return sorted([...before, curator.agency]);
  return [...before];
}

function mayManagerWrite(agency: string, before: readonly string[], after: readonly string[]): void {
  if (!before.includes(agency) && !after.includes(agency)) {
    throw registryError(
      'FORBIDDEN',
      `Only curators of an agency recommending this course may review it; ${agency} does not recommend it.`,
    );
  }
  const changed = [...before.filter((c) => !after.includes(c)), ...after.filter((c) => !before.includes(c))];
  const others = changed.filter((code) => code !== agency);
  if (others.length > 0) {
    throw registryError(
      'FORBIDDEN',
      `A learning manager of ${agency} cannot add or withdraw the recommendation of ${others.join(', ')}.`,
    );
  }
}
