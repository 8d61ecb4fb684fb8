import { createHash } from 'node:crypto';

/**
 * The OB 3.0 IdentityHash an issuer writes for `identifier` with `salt`: `"sha256$" +
 * hex(sha256(identifier + salt))` (OB 3.0 §B.1.3 IdentityObject). The verifier compares with it.
 */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(identifier + salt, 'utf8')
    .digest('hex')}`;
}
