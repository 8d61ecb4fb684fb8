import type { Logger } from 'pino';
import type { ChangeWindow, EnrollmentRecord } from '../core/records.js';
import type { CornerstoneClient } from './client.js';
import type { CsodReportUserDto, CsodTranscriptSearchItemDto } from './dto.js';
import { mapSearchTranscript } from './mapper.js';
import { walkReport, walkTranscriptSearch } from './paging.js';

/** Transcript Search answers a modification window of 24 h at most (§2.4.2c). */
export const SEARCH_WINDOW_MS = 86_400_000;
/** User IDs per `vw_rpt_user` look-up: `(user_ref eq … or …)` keeps the URL far under ~2083 chars (§2.5). */
const REFS_PER_CALL = 20;

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** `[since, until)` cut into consecutive windows of at most `size` ms, in time order. */
export function splitWindow(window: ChangeWindow, size = SEARCH_WINDOW_MS): Array<{ start: Date; end: Date }> {
  const windows: Array<{ start: Date; end: Date }> = [];
  for (let at = window.since.getTime(); at < window.until.getTime(); at += size) {
    windows.push({ start: new Date(at), end: new Date(Math.min(at + size, window.until.getTime())) });
  }
  return windows;
}

/**
 * Enrolments modified in a window, through Transcript Search (§2.4.2c): one walk per 24 h window (one
 * after the other: the portal's per-URI rate limit applies), then the users' internal ids, which the
 * enrolment local ids use, from the reporting user view (`user_ref` → `user_id`), 20 users a call.
 * Transcript Search lists active users only: what changes for a deactivated user waits for a full harvest.
 */
export async function listTranscriptChanges(
  client: CornerstoneClient,
  window: ChangeWindow,
  logger: Logger,
): Promise<EnrollmentRecord[]> {
  const items: CsodTranscriptSearchItemDto[] = [];
  for (const part of splitWindow(window)) items.push(...(await walkTranscriptSearch(client, part)));
  const refs = [...new Set(items.map((item) => item.UserId).filter((ref) => typeof ref === 'string' && ref !== ''))];
  const idOf = new Map<string, string>();
  for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
    const chunk = refs.slice(i, i + REFS_PER_CALL);
    const rows = await walkReport<CsodReportUserDto>(
      client,
      'vw_rpt_user',
      {
        $filter: `(${chunk.map((ref) => `user_ref eq ${quote(ref)}`).join(' or ')})`,
        $select: 'user_id,user_ref',
      },
      (row) => String(row.user_id),
    );
    for (const row of rows) if (row.user_ref) idOf.set(row.user_ref.toLowerCase(), String(row.user_id));
  }
  const records: EnrollmentRecord[] = [];
  let unreadable = 0;
  for (const item of items) {
    const userId = idOf.get(item.UserId?.toLowerCase() ?? '');
    const record = userId ? mapSearchTranscript(userId, item) : null;
    if (record) records.push(record);
    else unreadable += 1;
  }
  if (unreadable > 0) logger.warn({ unreadable }, 'transcript search items with an unknown user or status group');
  return records;
}
