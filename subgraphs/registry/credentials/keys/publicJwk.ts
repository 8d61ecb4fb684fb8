import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { JWK } from 'jose';
import { isObject, type JsonObject } from '../../../../adapters/core/credentials/json.js';

/**
 * The public key of a verification method as a JWK, for JOSE: `publicKeyJwk` (JsonWebKey, JsonWebKey2020)
 * as it is, or an Ed25519 `publicKeyMultibase` (Multikey, Ed25519VerificationKey2020) converted. Null when
 * the method has neither, or when its JWK carries private material (`d`): a published private key is
 * a compromised key, not a verification method.
 */
export async function publicJwkOf(method: JsonObject): Promise<JWK | null> {
  if (isObject(method.publicKeyJwk)) {
    const jwk = method.publicKeyJwk as JWK;
    return 'd' in jwk ? null : jwk;
  }
  if (typeof method.publicKeyMultibase === 'string') {
    try {
      const keyPair = await Ed25519Multikey.from({ ...method, type: 'Multikey' });
      return (await Ed25519Multikey.toJwk({ keyPair })) as JWK;
    } catch {
      return null;
    }
  }
  return null;
}
