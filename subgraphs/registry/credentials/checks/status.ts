import { idOf, isObject, type JsonObject, typesOf, values } from '../../../../adapters/core/credentials/json.js';
import type { DocumentSource } from '../fetch/documentSource.js';
import type { Detected } from '../input/detectFormat.js';
import { type CheckResult, notPassed, passed, skipped, type Verdict } from '../verdict.js';
import { readStatusBit } from './bitstring.js';

export interface StatusDeps {
  readonly documents: DocumentSource;
  /** Verifies a status list credential fully (signature, issuer key, validity), without its own status. */
  readonly verifyList: (list: unknown) => Promise<Verdict>;
}

const PURPOSES = ['revocation', 'suspension'] as const;

/** Each entry may name a list on another host (and costs a list verification). */
export const MAX_STATUS_ENTRIES = 4;

/**
 * Revocation and suspension. VCDM credentials: every `BitstringStatusListEntry` (W3C Bitstring Status List
 * v1.0, the successor of StatusList2021 that most VC tooling emits). Open Badges 2.0: the issuer Profile's
 * `revocationList`. Other status types are reported as unsupported, not silently passed.
 */
export async function checkStatus(
  detected: Detected,
  issuerProfile: JsonObject | null,
  deps: StatusDeps,
): Promise<CheckResult> {
  if (detected.format === 'OB2_HOSTED') return skipped('read with the hosted assertion');
  if (detected.format === 'OB2_SIGNED') return checkOb2Revocation(detected.credential, issuerProfile, deps.documents);
  return checkStatusEntries(values(detected.credential.credentialStatus), deps);
}

/**
 * The Bitstring Status List entries of a VCDM credential: FAILED when any list marks it, UNVERIFIABLE when
 * any list is out of reach or untrustworthy. Also used on its own to re-check a credential verified earlier.
 */
export async function checkStatusEntries(entries: readonly unknown[], deps: StatusDeps): Promise<CheckResult> {
  if (entries.length === 0) return skipped('the credential has no credentialStatus');
  if (entries.length > MAX_STATUS_ENTRIES)
    return notPassed('LIMIT_EXCEEDED', `more than ${MAX_STATUS_ENTRIES} status entries`);
  const results: CheckResult[] = [];
  for (const entry of entries) results.push(await checkEntry(entry, deps));
  return (
    results.find((r) => r.outcome === 'FAILED') ?? results.find((r) => r.outcome === 'UNVERIFIABLE') ?? results[0]!
  );
}

async function checkEntry(entry: unknown, deps: StatusDeps): Promise<CheckResult> {
  if (!isObject(entry) || !typesOf(entry).includes('BitstringStatusListEntry')) {
    const type = isObject(entry) ? typesOf(entry).join(', ') || 'untyped' : 'malformed';
    return notPassed('STATUS_TYPE_UNSUPPORTED', `credentialStatus of type ${type} is not supported`);
  }
  const purpose = PURPOSES.find((p) => p === entry.statusPurpose);
  if (!purpose)
    return notPassed('STATUS_TYPE_UNSUPPORTED', `status purpose "${String(entry.statusPurpose)}" is not supported`);
  const index = Number(entry.statusListIndex);
  const listUrl = idOf(entry.statusListCredential);
  if (!Number.isSafeInteger(index) || index < 0 || !listUrl) {
    return notPassed('STATUS_LIST_INVALID', 'the status entry has no valid statusListIndex or statusListCredential');
  }
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1) {
    return notPassed(
      'STATUS_TYPE_UNSUPPORTED',
      'status entries wider than one bit (status messages) are not supported',
    );
  }
  const fetched = await deps.documents.load(listUrl, 'status');
  if (!fetched.ok)
    return notPassed('STATUS_UNAVAILABLE', `the status list could not be fetched: ${fetched.problem.message}`);
  const verdict = await deps.verifyList(fetched.document);
  if (verdict.status !== 'VERIFIED') {
    return notPassed(
      'STATUS_LIST_INVALID',
      `the status list credential is ${verdict.status} (${verdict.reasons.map((r) => r.code).join(', ')})`,
    );
  }
  const list = listCredentialOf(fetched.document);
  const subject = list ? values(list.credentialSubject).find(isObject) : undefined;
  if (!list || !typesOf(list).includes('BitstringStatusListCredential') || !subject) {
    return notPassed('STATUS_LIST_INVALID', 'the status list is not a BitstringStatusListCredential');
  }
  if (!values(subject.statusPurpose).includes(purpose)) {
    return notPassed('STATUS_LIST_INVALID', `the status list is not a ${purpose} list`);
  }
  const bit = readStatusBit(String(subject.encodedList ?? ''), index);
  if (!bit.ok) return notPassed('STATUS_LIST_INVALID', bit.message);
  if (bit.set)
    return notPassed(
      purpose === 'revocation' ? 'REVOKED' : 'SUSPENDED',
      `the issuer's ${purpose} list marks this credential`,
    );
  return passed(`not marked in the ${purpose} list`);
}

/** The list credential as JSON: fetched JSON as is, or the credential a VC-JWT list carries. */
function listCredentialOf(document: unknown): JsonObject | null {
  if (isObject(document)) return document;
  if (typeof document !== 'string') return null;
  try {
    const payload = JSON.parse(Buffer.from(document.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!isObject(payload)) return null;
    return isObject(payload.vc) ? payload.vc : payload;
  } catch {
    return null;
  }
}

/** OB 2.0: a signed assertion is revoked when its id is in the issuer's RevocationList (ob_v2p0 §RevocationList). */
async function checkOb2Revocation(
  assertion: JsonObject,
  profile: JsonObject | null,
  documents: DocumentSource,
): Promise<CheckResult> {
  if (!profile) return skipped('not checked: the issuer profile could not be read');
  const listUrl = idOf(profile.revocationList);
  if (!listUrl) return skipped('the issuer publishes no revocation list');
  const fetched = await documents.load(listUrl, 'status');
  if (!fetched.ok)
    return notPassed('STATUS_UNAVAILABLE', `the revocation list could not be fetched: ${fetched.problem.message}`);
  if (!isObject(fetched.document) || idOf(fetched.document) !== listUrl) {
    return notPassed('STATUS_LIST_INVALID', 'the revocation list document describes another id');
  }
  const assertionId = idOf(assertion);
  const revoked = values(fetched.document.revokedAssertions).some((entry) => idOf(entry) === assertionId);
  return revoked
    ? notPassed('REVOKED', 'the issuer revocation list names this assertion')
    : passed('not in the issuer revocation list');
}
