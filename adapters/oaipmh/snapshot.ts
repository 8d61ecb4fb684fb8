import { randomUUID } from 'node:crypto';
import type { ListRecordsArgs } from './client.js';
import type { DeletedRecordPolicy, Granularity, ListRecordsPageDto, MetadataFormatKind, RecordDto } from './dto.js';
import type { ListPosition } from './walk.js';

/** What Identify and ListMetadataFormats said, kept between harvests. */
export interface RepositoryInfo {
  readonly granularity: Granularity;
  readonly deletedRecord: DeletedRecordPolicy;
  readonly metadataPrefix: string;
  readonly format: MetadataFormatKind;
}

/** A list walk that stopped before its end, to be continued by the next harvest. */
export interface PendingWalk {
  readonly full: boolean;
  readonly args: ListRecordsArgs;
  readonly position: ListPosition;
  /** Identifiers seen so far by an interrupted full harvest (it removes the others when it completes). */
  readonly seenIds: readonly string[];
}

export type HarvestMode = 'full' | 'incremental';

/** The last harvest, as counted. */
export interface HarvestReport {
  readonly mode: HarvestMode;
  readonly resumed: boolean;
  readonly pages: number;
  readonly upserted: number;
  readonly deleted: number;
  readonly skipped: number;
  readonly shifted: boolean;
  readonly restarts: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/**
 * The harvested copy of the repository, JSON-safe so that it can live in Redis. Pages are applied as they
 * arrive; `watermark` only moves when a whole list has been read, so an interrupted harvest repeats
 * rather than loses changes.
 */
export interface Snapshot {
  readonly version: 1;
  /** Changes on every write: mapped courses are memoised per revision. */
  readonly revision: string;
  readonly repository: RepositoryInfo | null;
  readonly records: Readonly<Record<string, RecordDto>>;
  /** Records that could not be used, by identifier, with why. */
  readonly skipped: Readonly<Record<string, string>>;
  /** `from` of the next incremental harvest: the first responseDate of the last complete list. */
  readonly watermark: string | null;
  /** A full harvest has completed at least once: the snapshot is the whole repository. */
  readonly complete: boolean;
  /** Epoch ms of the last complete harvest of either kind. */
  readonly harvestedAt: number | null;
  readonly fullHarvestedAt: number | null;
  /** The last full harvest saw the list move: the next harvest is full again. */
  readonly fullDue: boolean;
  readonly pending: PendingWalk | null;
  readonly lastHarvest: HarvestReport | null;
}

export function emptySnapshot(): Snapshot {
  return {
    version: 1,
    revision: randomUUID(),
    repository: null,
    records: {},
    skipped: {},
    watermark: null,
    complete: false,
    harvestedAt: null,
    fullHarvestedAt: null,
    fullDue: false,
    pending: null,
    lastHarvest: null,
  };
}

/** Counts of what one page changed. */
export interface PageEffect {
  readonly upserted: number;
  readonly deleted: number;
  readonly skipped: readonly { readonly identifier: string | null; readonly reason: string }[];
}

/**
 * Applies one page to mutable copies of the record and skip tables: deleted headers remove the item, a
 * record replaces an older copy (a list that moved may deliver an item twice: the later datestamp wins),
 * a skipped record leaves the table with its reason.
 */
export function applyPage(
  records: Record<string, RecordDto>,
  skipped: Record<string, string>,
  page: ListRecordsPageDto,
  seenIds: Set<string>,
): PageEffect {
  let upserted = 0;
  let deleted = 0;
  for (const record of page.records) {
    seenIds.add(record.identifier);
    const existing = records[record.identifier];
    if (existing && Date.parse(existing.datestamp) > Date.parse(record.datestamp)) continue;
    if (record.deleted) {
      if (existing) deleted += 1;
      delete records[record.identifier];
      delete skipped[record.identifier];
      continue;
    }
    records[record.identifier] = record;
    delete skipped[record.identifier];
    upserted += 1;
  }
  for (const skip of page.skipped) {
    if (skip.identifier === null) continue;
    seenIds.add(skip.identifier);
    delete records[skip.identifier];
    skipped[skip.identifier] = skip.reason;
  }
  return { upserted, deleted, skipped: page.skipped };
}
