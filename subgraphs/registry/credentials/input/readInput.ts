import type { ReasonCode } from '../reasons.js';

/** The presented credential, read: parsed JSON, or the text of a compact JWS. */
export type ReadInput =
  | { readonly ok: true; readonly kind: 'json'; readonly value: unknown }
  | { readonly ok: true; readonly kind: 'jws'; readonly text: string }
  | { readonly ok: false; readonly reason: ReasonCode; readonly message: string };

export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Reads what a learner presented — a JSON string, a compact JWS, or an already parsed object — after
 * checking its size against `maxBytes`, before any parsing or cryptography: a cap that is applied after
 * the work protects nothing.
 */
export function readInput(presented: unknown, maxBytes: number): ReadInput {
  if (typeof presented === 'string') {
    const bytes = Buffer.byteLength(presented, 'utf8');
    if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
    return readText(presented.trim());
  }
  if (typeof presented === 'object' && presented !== null) {
    let text: string;
    try {
      text = JSON.stringify(presented);
    } catch {
      return { ok: false, reason: 'INPUT_MALFORMED', message: 'the credential cannot be serialised as JSON' };
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
    // Round-tripped so that nothing but plain JSON (no getters, prototypes or class instances) goes on.
    return { ok: true, kind: 'json', value: JSON.parse(text) as unknown };
  }
  return { ok: false, reason: 'INPUT_MALFORMED', message: 'the credential must be a JSON object or a string' };
}

function readText(text: string): ReadInput {
  if (COMPACT_JWS.test(text)) return { ok: true, kind: 'jws', text };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'INPUT_MALFORMED', message: 'the credential is neither JSON nor a compact JWS' };
  }
  // A JWS sent as a JSON string literal.
  if (typeof value === 'string' && COMPACT_JWS.test(value.trim())) return { ok: true, kind: 'jws', text: value.trim() };
  return { ok: true, kind: 'json', value };
}

function tooLarge(bytes: number, maxBytes: number): ReadInput {
  return {
    ok: false,
    reason: 'INPUT_TOO_LARGE',
    message: `the credential is ${bytes} bytes; at most ${maxBytes} are accepted`,
  };
}
