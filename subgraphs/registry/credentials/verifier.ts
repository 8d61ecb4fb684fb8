import { Keyv } from 'keyv';
import type { JsonObject } from '../../../adapters/core/credentials/json.js';
import { type ContextMap, contextMap } from '../../../adapters/core/credentials/localContexts.js';
import { checkAchievement } from './checks/achievement.js';
import { checkStatus, checkStatusEntries } from './checks/status.js';
import { checkSubject } from './checks/subject.js';
import { checkValidity } from './checks/validity.js';
import { createDocumentSource, type DocumentSource } from './fetch/documentSource.js';
import { createSafeFetcher } from './fetch/safeFetch.js';
import { type Detected, detectFormat, isOpenBadges2 } from './input/detectFormat.js';
import { readInput } from './input/readInput.js';
import { contextReferences } from './jsonld/contextUrls.js';
import type { KeyResolverOptions } from './keys/resolveKey.js';
import { verifyDataIntegrity } from './proofs/dataIntegrity.js';
import { verifyOb2Hosted } from './proofs/ob2Hosted.js';
import { verifyOb2Jws } from './proofs/ob2Jws.js';
import type { ProofOutcome } from './proofs/outcome.js';
import { verifyVcJwt } from './proofs/vcJwt.js';
import {
  type CredentialVerifierSettings,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_CREDENTIAL_BYTES,
  type VerifyRequest,
} from './settings.js';
import { summarise } from './summary.js';
import {
  type CheckName,
  type CheckResult,
  type CredentialFormat,
  combine,
  notPassed,
  passed,
  skipped,
  type Verdict,
} from './verdict.js';

export interface CredentialVerifier {
  /** Verifies a presented credential. Never throws: bad input, bad keys and unreachable issuers are verdicts. */
  verify(presented: unknown, request?: VerifyRequest): Promise<Verdict>;
  /**
   * The status check alone, for a credential verified earlier whose `credentialStatus` entries were kept
   * (the registry keeps those, not the credential): has its issuer revoked or suspended it since? SKIPPED
   * when there are no entries. Never throws.
   */
  recheckStatus(entries: readonly unknown[], now?: Date): Promise<CheckResult>;
  /** Closes the fetcher's sockets. */
  dispose(): void;
}

interface Context {
  readonly contexts: ContextMap;
  readonly documents: DocumentSource;
  readonly keys: KeyResolverOptions;
  readonly maxBytes: number;
  readonly skewSeconds: number;
}

const FORMAT_NAMES: Record<CredentialFormat, string> = {
  VC_DATA_INTEGRITY: 'Data Integrity',
  VC_JWT: 'VC-JWT',
  OB2_SIGNED: 'Open Badges 2.0 signed',
  OB2_HOSTED: 'Open Badges 2.0 hosted',
};

/** A verifier with its own fetcher, cache and bundled contexts (read and hash-checked once, here). */
export function createCredentialVerifier(settings: CredentialVerifierSettings = {}): CredentialVerifier {
  const fetcher = createSafeFetcher(settings.fetch);
  const documents = createDocumentSource({
    fetcher,
    cache: settings.cache ?? new Keyv({ namespace: 'credentials' }),
    ...(settings.pinnedDocuments ? { pinned: settings.pinnedDocuments } : {}),
    ...(settings.keyTtlMs !== undefined ? { keyTtlMs: settings.keyTtlMs } : {}),
    ...(settings.statusTtlMs !== undefined ? { statusTtlMs: settings.statusTtlMs } : {}),
  });
  const context: Context = {
    contexts: contextMap(settings.extraContexts),
    documents,
    keys: { documents, allowHttp: settings.fetch?.allowHttp ?? false },
    maxBytes: settings.maxCredentialBytes ?? DEFAULT_MAX_CREDENTIAL_BYTES,
    skewSeconds: settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
  };
  return {
    async verify(presented, request = {}) {
      const now = request.now ?? new Date();
      try {
        return await verifyPresented(presented, request, now, context, true);
      } catch {
        // Every expected failure is a reason code already; this is a bug's last line of defence.
        return onlyFormat(notPassed('VERIFIER_ERROR', 'the verifier failed unexpectedly'), now);
      }
    },
    async recheckStatus(entries, now = new Date()) {
      try {
        return await checkStatusEntries(entries, {
          documents: context.documents,
          verifyList: (list) => verifyPresented(list, {}, now, context, false),
        });
      } catch {
        return notPassed('VERIFIER_ERROR', 'the status re-check failed unexpectedly');
      }
    },
    dispose: () => fetcher.dispose(),
  };
}

/** One-shot verification: builds a verifier for this call. Prefer one `createCredentialVerifier` per process. */
export async function verifyCredential(
  presented: unknown,
  options: CredentialVerifierSettings & VerifyRequest = {},
): Promise<Verdict> {
  const verifier = createCredentialVerifier(options);
  try {
    return await verifier.verify(presented, options);
  } finally {
    verifier.dispose();
  }
}

/**
 * The verdict for a credential record that carries nothing verifiable (a Cornerstone or SuccessFactors
 * certificate, a PDF): UNVERIFIABLE with NO_VERIFIABLE_FORM, so such records are reported like the rest.
 */
export function verdictWithoutVerifiableForm(message: string, now: Date = new Date()): Verdict {
  return onlyFormat(notPassed('NO_VERIFIABLE_FORM', message), now);
}

function onlyFormat(format: CheckResult, now: Date): Verdict {
  const rest = skipped('not checked: the input is not a credential this verifier can read');
  return combine(
    { format, signature: rest, issuer: rest, validity: rest, status: rest, achievement: rest, subject: rest },
    null,
    null,
    now,
  );
}

/** An Open Badges 2.0 hosted assertion given by its URL (how LMSs such as Moodle publish badges). */
const HOSTED_REFERENCE = /^https?:\/\/[^\s]+$/;

async function verifyPresented(
  presented: unknown,
  request: VerifyRequest,
  now: Date,
  context: Context,
  withStatus: boolean,
): Promise<Verdict> {
  if (typeof presented === 'string' && HOSTED_REFERENCE.test(presented.trim()) && presented.length <= 2048) {
    // Fetched through the hardened fetcher like any issuer document; the hosted check then compares it with
    // the copy at its id (the same URL, so from the short status cache) and reads its `revoked` flag.
    const fetched = await context.documents.load(presented.trim(), 'status');
    if (!fetched.ok) return onlyFormat(notPassed(fetched.problem.code, fetched.problem.message), now);
    if (typeof fetched.document !== 'object' || fetched.document === null) {
      return onlyFormat(notPassed('FORMAT_UNRECOGNISED', 'the URL does not serve an Open Badges assertion'), now);
    }
    return verifyPresented(fetched.document, request, now, context, withStatus);
  }
  const input = readInput(presented, context.maxBytes);
  if (!input.ok) return onlyFormat(notPassed(input.reason, input.message), now);
  const detection = detectFormat(input);
  if (!detection.ok) return onlyFormat(notPassed(detection.reason, detection.message), now);
  const { detected } = detection;
  const contextProblem = checkContexts(detected.credential, context.contexts);
  if (contextProblem) return onlyFormat(contextProblem, now);
  const format = passed(`${FORMAT_NAMES[detected.format]}${isOpenBadges2(detected) ? '' : `, VCDM ${detected.vcdm}`}`);

  const proof = await verifyProof(detected, context);
  const checks: Record<CheckName, CheckResult> = {
    format,
    signature: proof.signature,
    issuer: proof.issuer,
    validity: checkValidity(detected, now, context.skewSeconds),
    status: skipped('not checked'),
    achievement: skipped('not checked'),
    subject: checkSubject(detected, request.presenter),
  };
  const summary = summarise(detected, proof.badge, proof.issuerProfile);
  checks.achievement = checkAchievement(detected, summary, request.claimed);
  if (!withStatus) checks.status = skipped('not checked for a status list itself');
  else if (proof.signature.outcome !== 'PASSED') {
    // Never fetch URLs named by a credential whose signature did not verify.
    checks.status = skipped('not checked: the signature did not verify');
  } else if (proof.hostedStatus) {
    checks.status = proof.hostedStatus;
  } else {
    checks.status = await checkStatus(detected, proof.issuerProfile, {
      documents: context.documents,
      verifyList: (list) => verifyPresented(list, {}, now, context, false),
    });
  }
  return combine(checks, detected.format, summary, now);
}

type AnyProofOutcome = ProofOutcome & {
  readonly badge: JsonObject | null;
  readonly issuerProfile: JsonObject | null;
  readonly hostedStatus?: CheckResult;
};

async function verifyProof(detected: Detected, context: Context): Promise<AnyProofOutcome> {
  switch (detected.format) {
    case 'VC_DATA_INTEGRITY':
      return { ...(await verifyDataIntegrity(detected.credential, context)), badge: null, issuerProfile: null };
    case 'VC_JWT':
      return { ...(await verifyVcJwt(detected, context.keys)), badge: null, issuerProfile: null };
    case 'OB2_SIGNED':
      return verifyOb2Jws(detected.jws, detected.header, detected.credential, context.documents);
    case 'OB2_HOSTED':
      return verifyOb2Hosted(detected.credential, context.documents);
    default:
      return unreachable(detected);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled credential format ${JSON.stringify(value)}`);
}

/** Every @context must be a bundled one: JSON-LD contexts are never fetched. */
function checkContexts(credential: JsonObject, contexts: ContextMap): CheckResult | null {
  const { urls, malformed } = contextReferences(credential);
  if (malformed) return notPassed('JSONLD_MALFORMED', 'an @context is neither a URL nor a context object');
  const unknown = urls.find((url) => !contexts.has(url));
  if (unknown) return notPassed('CONTEXT_UNKNOWN', `the context ${unknown.slice(0, 200)} is not available locally`);
  return null;
}
