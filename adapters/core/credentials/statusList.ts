import { gzipSync } from 'node:zlib';

/** Bitstring Status List v1.0 §4.2: lists are at least 16 KiB (131,072 entries) so one entry hides in a crowd. */
export const MINIMUM_LIST_BITS = 131_072;

/**
 * Encodes a bitstring whose set entries are `indices`: multibase base64url (prefix `u`) of its GZIP, the
 * first entry being the left-most bit of the first byte (§4.2, §3.2). For issuers: the platform simulator,
 * an LMS publishing the status of its own credentials, tests.
 */
export function encodeStatusList(indices: Iterable<number>, length = MINIMUM_LIST_BITS): string {
  const bits = Buffer.alloc(Math.ceil(length / 8));
  for (const index of indices) {
    const at = index >> 3;
    bits[at] = (bits[at] ?? 0) | (1 << (7 - (index & 7)));
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}
