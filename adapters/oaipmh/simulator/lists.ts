import type { Granularity } from '../dto.js';
import type { SimRecord } from './dataset.js';
import type { ListState, RepositoryState } from './state.js';
import { header, recordXml, type SimFormat } from './xml.js';

type XmlObject = Record<string, unknown>;

/** Items a list covers right now: lists are live, so items changed mid-walk shift later pages (§3.5.1). */
export function matching(state: RepositoryState, list: ListState): SimRecord[] {
  const includeDeleted = (state.options.deletedRecord ?? 'persistent') !== 'no';
  return state
    .sorted()
    .filter(
      (r) =>
        (includeDeleted || !r.deleted) &&
        (list.from === null || r.datestamp >= list.from) &&
        (list.until === null || r.datestamp <= list.until) &&
        (list.set === null || r.sets.some((s) => s === list.set || s.startsWith(`${list.set}:`))),
    );
}

const FOREIGN_METADATA = {
  mods: {
    '@_xmlns': 'http://www.loc.gov/mods/v3',
    titleInfo: { title: 'A record in a schema nobody asked for' },
  },
};

/**
 * One page of a list and the resumption token element that follows it (§3.5): a fresh token with its
 * expirationDate, completeListSize and cursor while items remain; an empty token with the same counts
 * on the last page of a list that was split; nothing for a list that fits in one page. Injected faults
 * for ListRecords pages apply here.
 */
export function listPage(state: RepositoryState, list: ListState, items: readonly SimRecord[]): XmlObject {
  const pageSize = state.options.pageSize ?? 10;
  const granularity: Granularity = state.options.granularity ?? 'YYYY-MM-DDThh:mm:ssZ';
  const now = state.now();
  const page = items.slice(list.offset, list.offset + pageSize);
  const more = list.offset + pageSize < items.length;
  const counts = { '@_completeListSize': String(items.length), '@_cursor': String(list.offset) };

  let token: XmlObject | null = null;
  if (more) {
    const expiresAt = now + (state.options.tokenTtlMs ?? 600_000);
    const value = state.issueToken({ ...list, offset: list.offset + pageSize, expiresAt });
    token = {
      '#text': value,
      '@_expirationDate': new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...counts,
    };
  } else if (list.offset > 0) {
    token = counts;
  }

  const entries: XmlObject[] =
    list.verb === 'ListIdentifiers'
      ? page.map((r) => header(r, granularity))
      : page.map((r) => recordXml(r, list.metadataPrefix, granularity));
  if (list.verb === 'ListRecords') applyRecordFaults(state, page, entries, list.metadataPrefix, granularity);
  if (more && list.offset > 0 && state.take(['dropToken'], list.verb)) token = null;

  const key = list.verb === 'ListIdentifiers' ? 'header' : 'record';
  return { [list.verb]: { [key]: entries, ...(token ? { resumptionToken: token } : {}) } };
}

function applyRecordFaults(
  state: RepositoryState,
  page: readonly SimRecord[],
  entries: XmlObject[],
  format: SimFormat,
  granularity: Granularity,
): void {
  const target = page.findIndex((r) => !r.deleted);
  const record = page[target];
  if (!record) return;
  const huge = state.take(['hugeRecord'], 'ListRecords');
  if (huge) {
    entries[target] = recordXml({ ...record, description: 'x'.repeat(huge.chars ?? 300_000) }, format, granularity);
  }
  if (state.take(['foreignMetadata'], 'ListRecords')) {
    entries[target] = { header: header(record, granularity), metadata: FOREIGN_METADATA };
  }
}
