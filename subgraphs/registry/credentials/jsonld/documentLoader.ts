import type { DocumentLoader } from 'jsonld-signatures';
import type { ContextMap } from '../../../../adapters/core/credentials/localContexts.js';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../keys/didKey.js';
import { type KeyResolverOptions, type ResolvedKey, resolveVerificationMethod } from '../keys/resolveKey.js';
import type { ReasonCode } from '../reasons.js';

/** What happened inside one verification's loader, read back afterwards to name the reason precisely. */
export interface LoaderTrace {
  /** The first key that could not be resolved, and why. */
  keyProblem: { readonly url: string; readonly code: ReasonCode; readonly message: string } | null;
  /** The first URL asked for that is neither a bundled context nor a key of this credential. */
  refused: string | null;
  /** Keys resolved, by verification method id (normalised). */
  readonly keys: Map<string, ResolvedKey>;
}

/**
 * The JSON-LD document loader for verifying one credential. It serves bundled contexts, and the
 * verification methods named by this credential's proofs (plus their controllers) through the hardened
 * key resolver. Anything else is refused: jsonld would otherwise fetch any context URL a credential names,
 * which is both an SSRF and a signature-substitution risk (credentials-and-platforms.md §1.8).
 */
export function createVerificationLoader(
  contexts: ContextMap,
  /** Verification method ids named by the proofs, bare did:keys normalised (`did:key:X#X`). */
  methodUrls: ReadonlySet<string>,
  keys: KeyResolverOptions,
): { readonly loader: DocumentLoader; readonly trace: LoaderTrace } {
  const trace: LoaderTrace = { keyProblem: null, refused: null, keys: new Map() };
  const controllers = new Map<string, ResolvedKey[]>();

  const loader: DocumentLoader = async (url) => {
    const context = contexts.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    // Controllers first: `did:key:X` is the controller of the method `did:key:X#X`, and the suites ask
    // for the method (always with its fragment, see proofs/suites.ts) before its controller.
    const controller = controllers.get(url);
    if (controller) return { contextUrl: null, documentUrl: url, document: asVerifiedController(controller) };
    if (methodUrls.has(url)) {
      const resolved = trace.keys.get(url) ?? (await resolve(url));
      return { contextUrl: null, documentUrl: url, document: asLoadedMethod(resolved.method) };
    }
    trace.refused ??= url;
    throw new Error(`document ${url} is not available to this verification`);
  };

  async function resolve(methodId: string): Promise<ResolvedKey> {
    const resolution = await resolveVerificationMethod(methodId, keys);
    if (!resolution.ok) {
      trace.keyProblem ??= { url: methodId, code: resolution.code, message: resolution.message };
      throw new Error(resolution.message);
    }
    trace.keys.set(methodId, resolution.key);
    const known = controllers.get(resolution.key.controllerId) ?? [];
    controllers.set(resolution.key.controllerId, [...known, resolution.key]);
    return resolution.key;
  }

  return { loader, trace };
}

/**
 * What jsigs' proof purpose reads of a controller: the relationship resolveKey.ts has already checked, in
 * the shape of a DID document. WHY not the document itself: jsigs JSON-LD-frames any controller document
 * that is not a DID document (an OB Profile, a bare JSON key list), which fails on documents without a
 * context and would run JSON-LD processing over a document nobody signed.
 */
function asVerifiedController(keys: readonly ResolvedKey[]): Record<string, unknown> {
  return {
    '@context': DID_V1_CONTEXT,
    id: keys[0]?.controllerId,
    verificationMethod: keys.map((key) => key.method),
    assertionMethod: keys.map((key) => key.method.id),
  };
}

/** Multikey verification methods must carry the Multikey context for the Ed25519 key classes to accept them. */
function asLoadedMethod(method: Record<string, unknown>): Record<string, unknown> {
  if (method.type === 'Multikey' && method['@context'] === undefined) {
    return { '@context': MULTIKEY_V1_CONTEXT, ...method };
  }
  return method;
}
