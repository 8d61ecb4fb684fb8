import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** `did:key:X` names its one key: `did:key:X#X`. A bare `did:key:X` as verificationMethod means that key. */
export function normaliseDidKeyUrl(url: string): string {
  if (!url.startsWith('did:key:') || url.includes('#')) return url;
  return `${url}#${url.slice('did:key:'.length)}`;
}

/**
 * The DID document of a `did:key`, derived locally (did:key is self-describing; nothing is fetched).
 * Only Ed25519 keys (`z6Mk...`, multicodec 0xed01) are usable by the suites this verifier runs; any other
 * key type answers null and is reported as unsupported.
 */
export async function didKeyDocument(did: string): Promise<Record<string, unknown> | null> {
  const fingerprint = did.slice('did:key:'.length);
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(fingerprint)) return null;
  const id = `${did}#${fingerprint}`;
  try {
    // Decodes and length-checks the key; throws on anything that is not an Ed25519 public key.
    await Ed25519Multikey.from({ id, controller: did, type: 'Multikey', publicKeyMultibase: fingerprint });
  } catch {
    return null;
  }
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: fingerprint }],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}
