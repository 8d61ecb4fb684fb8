/**
 * Issuing verifiable credentials (part of the SDK, `convergence/sdk/credentials`): Ed25519 issuer keys
 * for did:key, did:web or https controllers, Open Badges 3.0 / VCDM 2.0 secured by Data Integrity
 * (eddsa-rdfc-2022) or VC-JWT, Bitstring Status Lists and OB IdentityHashes, and the bundled JSON-LD
 * contexts both signing and the registry's verifier read (never fetched at run time). An LMS or platform
 * that issues credentials Convergence can verify uses these; the verifier itself lives in the registry.
 */
export { identityHash } from './identityHash.js';
export { controllerDocument, createDidKeyIssuer, createIssuerKey, type IssuerKey } from './issuerKey.js';
export type { JsonObject } from './json.js';
export { type ContextMap, contextMap, createContextLoader, loadBundledContexts } from './localContexts.js';
export { signDataIntegrity, signVcJwt } from './sign.js';
export { encodeStatusList, MINIMUM_LIST_BITS } from './statusList.js';
