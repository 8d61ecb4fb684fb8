/** Small readers for untrusted JSON: a credential may put anything anywhere. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON-LD lets one value stand for a one-element array. */
export function values(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A node reference: a string id, or an object with a string `id`. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return isObject(value) ? stringOf(value.id) : null;
}

/** `type` as a list of strings (JSON-LD allows one string). */
export function typesOf(node: unknown): string[] {
  return isObject(node) ? values(node.type).filter((t): t is string => typeof t === 'string') : [];
}

/** Resolves a reference that may be relative to its document (`#key-1` in a DID document). */
export function absoluteId(reference: string, base: string): string {
  return reference.startsWith('#') ? `${base.split('#')[0]}${reference}` : reference;
}
