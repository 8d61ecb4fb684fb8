import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader, Suite } from 'jsonld-signatures';
import { normaliseDidKeyUrl } from '../keys/didKey.js';

/** Proof types this verifier checks: `[type, cryptosuite | null]`. Anything else is CRYPTOSUITE_UNSUPPORTED. */
export const SUPPORTED_PROOFS: readonly (readonly [string, string | null])[] = [
  ['DataIntegrityProof', 'eddsa-rdfc-2022'],
  // Legacy suite that OB 3.0 verifiers "should consider supporting" (impl/recommended-practices.md).
  ['Ed25519Signature2020', null],
];

export function isSupportedProof(type: unknown, cryptosuite: unknown): boolean {
  return SUPPORTED_PROOFS.some(([t, suite]) => t === type && (suite === null || suite === cryptosuite));
}

type VerificationMethodGetter = (options: {
  proof: Record<string, unknown>;
  documentLoader: DocumentLoader;
}) => Promise<unknown>;

/**
 * A proof may name a bare `did:key:X` as its verificationMethod (1EdTech vector simple-did-key-method.json);
 * did:key defines that as its one key `did:key:X#X`. The suites would load the DID document itself and find
 * no key material, so the URL is normalised before loading; the signed proof is not touched.
 */
function acceptingBareDidKey(getVerificationMethod: VerificationMethodGetter): VerificationMethodGetter {
  return ({ proof, documentLoader }) => {
    const method = proof.verificationMethod;
    const normalised = typeof method === 'string' ? normaliseDidKeyUrl(method) : method;
    return getVerificationMethod({ proof: { ...proof, verificationMethod: normalised }, documentLoader });
  };
}

/** Fresh verifying suites (they hold no keys; cheap to build). */
export function verifyingSuites(): Suite[] {
  const dataIntegrity = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const legacy = new Ed25519Signature2020();
  for (const suite of [dataIntegrity, legacy]) {
    suite.getVerificationMethod = acceptingBareDidKey(suite.getVerificationMethod.bind(suite));
  }
  return [dataIntegrity, legacy];
}
