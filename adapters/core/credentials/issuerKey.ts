import { randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { importJWK, type JWK } from 'jose';

/** An Ed25519 signing key of an issuer, usable for both securing mechanisms. */
export interface IssuerKey {
  /** The verification method id, `<controller>#<name>`. */
  readonly methodId: string;
  readonly controller: string;
  /** The public verification method, as published in the controller's DID document / profile. */
  readonly method: Record<string, unknown>;
  readonly keyPair: Ed25519Multikey.Ed25519KeyPair;
  /** The private key as a JWK, for JOSE signing (EdDSA). */
  readonly privateJwk: JWK;
}

/**
 * Makes an Ed25519 key for `controller` (a DID or profile URL). With a 32-byte `seed` the key is the
 * same on every run (the simulator's seeded issuers); without, it is random.
 */
export async function createIssuerKey(controller: string, name = 'key-1', seed?: Uint8Array): Promise<IssuerKey> {
  const methodId = `${controller}#${name}`;
  const keyPair = await Ed25519Multikey.generate({ id: methodId, controller, ...(seed ? { seed } : {}) });
  const method = await keyPair.export({ publicKey: true, includeContext: false });
  // toJwk would put the 64-byte secret (seed + public key) into `d`; JOSE wants the 32-byte seed.
  const raw = (await keyPair.export({ publicKey: true, secretKey: true, raw: true, canonicalize: true })) as {
    secretKey: Uint8Array;
  };
  const publicJwk = (await Ed25519Multikey.toJwk({ keyPair })) as JWK;
  const privateJwk: JWK = { ...publicJwk, d: Buffer.from(raw.secretKey).toString('base64url') };
  return { methodId, controller, method, keyPair, privateJwk };
}

/** An issuer that is its own did:key (`did:key:z6Mk…`, key `did:key:z6Mk…#z6Mk…`): nothing to publish. */
export async function createDidKeyIssuer(seed: Uint8Array = randomBytes(32)): Promise<IssuerKey> {
  const { publicKeyMultibase } = await Ed25519Multikey.generate({ seed });
  return createIssuerKey(`did:key:${publicKeyMultibase}`, publicKeyMultibase, seed);
}

/** The DID document / controller document that publishes `keys` for assertions. */
export function controllerDocument(controller: string, keys: readonly IssuerKey[]): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: controller,
    verificationMethod: keys.map((key) => key.method),
    assertionMethod: keys.map((key) => key.methodId),
  };
}

export async function signingKeyOf(key: IssuerKey) {
  return importJWK(key.privateJwk, 'EdDSA');
}
