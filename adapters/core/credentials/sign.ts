import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { CompactSign } from 'jose';
import jsigs from 'jsonld-signatures';
import { type IssuerKey, signingKeyOf } from './issuerKey.js';
import { idOf, isObject, values } from './json.js';
import { type ContextMap, contextMap, createContextLoader } from './localContexts.js';

type Credential = Record<string, unknown>;

/**
 * Secures a credential with an embedded `DataIntegrityProof` / `eddsa-rdfc-2022` proof. Canonicalisation
 * reads only the bundled contexts (the credential's contexts must be among them, as for verification).
 */
export async function signDataIntegrity(
  credential: Credential,
  key: IssuerKey,
  contexts: ContextMap = contextMap(),
): Promise<Credential> {
  const suite = new DataIntegrityProof({ signer: key.keyPair.signer(), cryptosuite: eddsaRdfc2022 });
  return jsigs.sign(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: createContextLoader(contexts),
  });
}

const epoch = (iso: unknown) => (typeof iso === 'string' ? Math.floor(Date.parse(iso) / 1000) : undefined);

/**
 * Secures a VCDM 2.0 credential as VC-JOSE (`typ: vc+jwt`): the payload is the credential itself plus the
 * registered claims OB 3.0 asks for (iss, jti, sub, nbf, exp mirroring the credential; integrity.md).
 */
export async function signVcJwt(credential: Credential, key: IssuerKey): Promise<string> {
  const subject = values(credential.credentialSubject).find(isObject);
  const claims: Credential = {
    ...credential,
    iss: idOf(credential.issuer) ?? undefined,
    jti: typeof credential.id === 'string' ? credential.id : undefined,
    sub: subject ? (idOf(subject) ?? undefined) : undefined,
    nbf: epoch(credential.validFrom),
    exp: epoch(credential.validUntil),
  };
  // JSON.stringify leaves out the claims that are undefined.
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.methodId, typ: 'vc+jwt' })
    .sign(await signingKeyOf(key));
}
