import { gunzipSync } from 'node:zlib';
import { MINIMUM_LIST_BITS } from '../../../../adapters/core/credentials/statusList.js';

/**
 * The largest uncompressed list read: 16 MiB, 134 million entries. WHY a cap: `encodedList` is GZIP, and a
 * few kilobytes of GZIP can inflate to gigabytes; zlib stops at `maxOutputLength` instead.
 */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

export type StatusBit = { readonly ok: true; readonly set: boolean } | { readonly ok: false; readonly message: string };

/**
 * Reads entry `index` of an `encodedList`: multibase base64url (prefix `u`, no padding) of the GZIP of the
 * bitstring, whose first entry is the left-most (most significant) bit of the first byte (§4.2, §3.2).
 */
export function readStatusBit(encodedList: string, index: number): StatusBit {
  if (!encodedList.startsWith('u'))
    return { ok: false, message: 'encodedList is not multibase base64url (prefix "u")' };
  let bits: Buffer;
  try {
    bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_LIST_BYTES });
  } catch {
    return { ok: false, message: 'encodedList is not a GZIP stream within the size cap' };
  }
  if (bits.length * 8 < MINIMUM_LIST_BITS) return { ok: false, message: 'the status list is shorter than 16 KiB' };
  if (index >= bits.length * 8) return { ok: false, message: `index ${index} is beyond the status list` };
  const byte = bits[index >> 3] ?? 0;
  return { ok: true, set: ((byte >> (7 - (index & 7))) & 1) === 1 };
}
