import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * OB 3.0 IdentityHash / OB 2.0 `identity`: `"<alg>$" + hex(<alg>(identifier + salt))`. OB 3.0 defines
 * sha256; OB 2.0 also allows md5. Null when the hash names another algorithm or is not hex.
 */
export function identityHashMatches(hash: string, identifier: string, salt: string): boolean | null {
  const match = /^(sha256|md5)\$([0-9a-fA-F]+)$/.exec(hash);
  if (!match) return null;
  const [, algorithm = '', hex = ''] = match;
  const expected = createHash(algorithm)
    .update(identifier + salt, 'utf8')
    .digest();
  const actual = Buffer.from(hex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
