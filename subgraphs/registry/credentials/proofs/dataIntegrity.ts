import jsigs from 'jsonld-signatures';
import { idOf, isObject, type JsonObject, values } from '../../../../adapters/core/credentials/json.js';
import type { ContextMap } from '../../../../adapters/core/credentials/localContexts.js';
import { createVerificationLoader, type LoaderTrace } from '../jsonld/documentLoader.js';
import { normaliseDidKeyUrl } from '../keys/didKey.js';
import type { KeyResolverOptions } from '../keys/resolveKey.js';
import { notPassed, passed, skipped } from '../verdict.js';
import type { ProofOutcome } from './outcome.js';
import { isSupportedProof, verifyingSuites } from './suites.js';

export interface DataIntegrityDeps {
  readonly contexts: ContextMap;
  readonly keys: KeyResolverOptions;
}

const notReached = skipped('not checked: the signature could not be checked');

/** Each proof may name a key on another host: a credential must not make the verifier fetch without end. */
export const MAX_PROOFS = 4;

/**
 * Verifies every embedded proof (a proof set must verify in full, not "at least one" as jsigs reports),
 * then binds the keys to the issuer: the controller of each signing key must be the credential's issuer.
 * Binding is reported apart from the signature because a valid signature by someone else's key (the W3C
 * cryptosuite vectors, signed by a did:key that is not their issuer) is a different finding.
 */
export async function verifyDataIntegrity(credential: JsonObject, deps: DataIntegrityDeps): Promise<ProofOutcome> {
  const proofs = values(credential.proof);
  if (proofs.length === 0) {
    return {
      signature: notPassed('PROOF_MISSING', 'the credential has no proof and no JWS envelope'),
      issuer: notReached,
    };
  }
  if (proofs.length > MAX_PROOFS) {
    return { signature: notPassed('LIMIT_EXCEEDED', `more than ${MAX_PROOFS} proofs`), issuer: notReached };
  }
  const methods = new Set<string>();
  for (const proof of proofs) {
    if (!isObject(proof))
      return { signature: notPassed('JSONLD_MALFORMED', 'a proof is not an object'), issuer: notReached };
    if (!isSupportedProof(proof.type, proof.cryptosuite)) {
      const name = [proof.type, proof.cryptosuite].filter((v) => typeof v === 'string').join(' / ') || 'unnamed';
      return {
        signature: notPassed('CRYPTOSUITE_UNSUPPORTED', `proof type ${name} is not supported`),
        issuer: notReached,
      };
    }
    if (proof.previousProof !== undefined) {
      // jsonld-signatures 11.6 drops every other proof before verifying, so chained proofs cannot verify.
      return {
        signature: notPassed('CRYPTOSUITE_UNSUPPORTED', 'proof chains (previousProof) are not supported'),
        issuer: notReached,
      };
    }
    if (proof.proofPurpose !== 'assertionMethod') {
      return {
        signature: notPassed('SIGNATURE_INVALID', 'a proof is not made for assertionMethod'),
        issuer: notReached,
      };
    }
    const method = idOf(proof.verificationMethod);
    if (!method)
      return { signature: notPassed('SIGNATURE_INVALID', 'a proof names no verificationMethod'), issuer: notReached };
    methods.add(normaliseDidKeyUrl(method));
  }

  const { loader, trace } = createVerificationLoader(deps.contexts, methods, deps.keys);
  let result: Awaited<ReturnType<typeof jsigs.verify>>;
  try {
    result = await jsigs.verify(credential, {
      suite: verifyingSuites(),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: loader,
    });
  } catch (error) {
    result = { verified: false, error };
  }
  const signature = signatureOf(result, proofs.length, trace);
  if (signature.outcome !== 'PASSED') {
    const issuer = trace.keyProblem ? notPassed(trace.keyProblem.code, trace.keyProblem.message) : notReached;
    return { signature, issuer };
  }
  return { signature, issuer: bindIssuer(idOf(credential.issuer), trace) };
}

function signatureOf(result: Awaited<ReturnType<typeof jsigs.verify>>, proofCount: number, trace: LoaderTrace) {
  if (trace.keyProblem)
    return notPassed('KEY_UNAVAILABLE', `the signing key ${trace.keyProblem.url} could not be used`);
  if (trace.refused) return notPassed('CONTEXT_UNKNOWN', `the document ${trace.refused} is not available locally`);
  const results = result.results ?? [];
  if (results.length === proofCount && results.every((r) => r.verified)) {
    return passed(proofCount === 1 ? 'the proof verifies' : `all ${proofCount} proofs verify`);
  }
  const messages = [result.error, ...results.map((r) => r.error)].flatMap(errorNames);
  if (messages.some((m) => m.startsWith('jsonld.'))) {
    return notPassed('JSONLD_MALFORMED', 'the credential is not valid JSON-LD (undefined terms or a malformed shape)');
  }
  // jsigs validates the purpose only after the signature verified: a failed purpose means a good signature.
  if (results.some((r) => r.purposeResult && !r.purposeResult.valid)) {
    return notPassed('KEY_NOT_AUTHORISED', 'a signing key is not authorised for assertions by its controller');
  }
  return notPassed('SIGNATURE_INVALID', proofCount === 1 ? 'the proof does not verify' : 'a proof does not verify');
}

/** Error names and messages, flattened (jsigs reports an error, an array of them, or nested ones). */
function errorNames(error: unknown): string[] {
  if (Array.isArray(error)) return error.flatMap(errorNames);
  if (!isObject(error) && !(error instanceof Error)) return [];
  const named = error as { name?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  return [
    ...[named.name, named.message].filter((v): v is string => typeof v === 'string'),
    ...errorNames(named.errors),
    ...errorNames(named.cause),
  ];
}

function bindIssuer(issuerId: string | null, trace: LoaderTrace) {
  if (!issuerId) return notPassed('ISSUER_KEY_MISMATCH', 'the credential names no issuer id');
  const controllers = [...new Set([...trace.keys.values()].map((key) => key.controllerId))];
  const foreign = controllers.filter((controller) => controller !== issuerId);
  if (controllers.length === 0 || foreign.length > 0) {
    return notPassed(
      'ISSUER_KEY_MISMATCH',
      `signed by a key of ${foreign[0] ?? 'nobody'}, not of the issuer ${issuerId}`,
    );
  }
  return passed(`signed by a key that the issuer ${issuerId} controls`);
}
