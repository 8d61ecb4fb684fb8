/*
 * Types for Digital Bazaar's JavaScript-only packages: just the surface this library calls. They ship no
 * declarations (checked for the versions pinned in package.json), so these are ours; keep them narrow.
 */

declare module 'jsonld-signatures' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface ProofResult {
    proof: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    purposeResult?: { valid: boolean; controller?: Record<string, unknown>; error?: unknown };
    error?: unknown;
  }
  export interface VerifyResult {
    verified: boolean;
    results?: ProofResult[];
    error?: unknown;
  }
  export class ProofPurpose {}
  export class AssertionProofPurpose extends ProofPurpose {
    constructor(options?: { date?: Date; maxTimestampDelta?: number });
  }
  export interface Suite {
    getVerificationMethod(options: {
      proof: Record<string, unknown>;
      documentLoader: DocumentLoader;
    }): Promise<unknown>;
  }
  const jsigs: {
    verify(
      document: unknown,
      options: { suite: Suite | Suite[]; purpose: ProofPurpose; documentLoader: DocumentLoader },
    ): Promise<VerifyResult>;
    sign(
      document: unknown,
      options: { suite: Suite; purpose: ProofPurpose; documentLoader: DocumentLoader },
    ): Promise<Record<string, unknown>>;
    purposes: { AssertionProofPurpose: typeof AssertionProofPurpose };
  };
  // biome-ignore lint/style/noDefaultExport: the package is CommonJS; its module.exports is the default import.
  export default jsigs;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, unknown>>;
    signer(): Signer;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function toJwk(options: { keyPair: Ed25519KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}

declare module '@digitalbazaar/data-integrity' {
  import type { Signer } from '@digitalbazaar/ed25519-multikey';
  import type { Suite } from 'jsonld-signatures';
  export class DataIntegrityProof implements Suite {
    constructor(options: { cryptosuite: unknown; signer?: Signer; date?: Date | string });
    getVerificationMethod(options: {
      proof: Record<string, unknown>;
      documentLoader: import('jsonld-signatures').DocumentLoader;
    }): Promise<unknown>;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { readonly name: string };
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  import type { DocumentLoader, Suite } from 'jsonld-signatures';
  export class Ed25519Signature2020 implements Suite {
    constructor(options?: Record<string, unknown>);
    getVerificationMethod(options: {
      proof: Record<string, unknown>;
      documentLoader: DocumentLoader;
    }): Promise<unknown>;
  }
}
