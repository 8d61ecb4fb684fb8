import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SortKey } from '../../schema/ordering.js';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '../../schema/ordering.js';

/** Signatures and fingerprints remembered per process; past this many the memory starts over. */
const MAX_REMEMBERED = 10_000;
const fingerprints = new Map<string, string>();

/**
 * Cross-agency cursors: the sort key of the last item served, bound to the query it came from (a
 * fingerprint of the field and its arguments) and signed, so a tampered cursor or one from another query
 * is refused with INVALID_CURSOR instead of silently skipping items. Every agency resumes strictly after the
 * key (schema/ordering.ts), which makes the merge exact even when agencies join between pages.
 */
export class CursorCodec {
  readonly #secret: Buffer;
  /** Signatures already computed: the same pages are served again and again (one HMAC per edge otherwise). */
  readonly #macs = new Map<string, string>();

  constructor(secret: string) {
    this.#secret = Buffer.from(secret, 'utf8');
  }

  #mac(payload: string): string {
    let mac = this.#macs.get(payload);
    if (mac === undefined) {
      mac = createHmac('sha256', this.#secret).update(payload).digest('base64url').slice(0, 22);
      if (this.#macs.size >= MAX_REMEMBERED) this.#macs.clear();
      this.#macs.set(payload, mac);
    }
    return mac;
  }

  encode(key: SortKey, fingerprint: string): string {
    const payload = `${fingerprint}.${encodeSortKeyCursor(key)}`;
    return `c1.${payload}.${this.#mac(payload)}`;
  }

  /** The key inside a cursor, or null when it is malformed, tampered, or from another query. */
  decode(cursor: string, fingerprint: string): SortKey | null {
    const parts = cursor.split('.');
    if (parts.length !== 4 || parts[0] !== 'c1' || parts[1] !== fingerprint) return null;
    const payload = `${parts[1]}.${parts[2]}`;
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(parts[3] ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return decodeSortKeyCursor(parts[2] ?? '');
  }
}

/** A short stable hash of a field name and its arguments other than paging. */
export function queryFingerprint(fieldName: string, args: Readonly<Record<string, unknown>>): string {
  const { first: _first, after: _after, ...rest } = args;
  const text = `${fieldName}:${stableJson(rest)}`;
  let fingerprint = fingerprints.get(text);
  if (fingerprint === undefined) {
    fingerprint = createHmac('sha256', 'fingerprint').update(text).digest('base64url').slice(0, 12);
    if (fingerprints.size >= MAX_REMEMBERED) fingerprints.clear();
    fingerprints.set(text, fingerprint);
  }
  return fingerprint;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
