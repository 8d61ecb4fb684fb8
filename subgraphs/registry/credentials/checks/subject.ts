import { idOf, isObject, type JsonObject, stringOf, values } from '../../../../adapters/core/credentials/json.js';
import { type Detected, isOpenBadges2 } from '../input/detectFormat.js';
import { type CheckResult, notPassed, passed, skipped } from '../verdict.js';
import { identityHashMatches } from './identityHash.js';

/** Who is presenting: what the registry knows about the signed-in person. */
export interface Presenter {
  /** Verified e-mail addresses. */
  readonly emails?: readonly string[];
  /** DIDs or URIs that identify the person (credentialSubject.id). */
  readonly ids?: readonly string[];
  /** Other identifiers, by OB 3.0 identityType (`sourcedId`, `studentId`, `ext:unIndexNumber`, ...). */
  readonly identifiers?: readonly { readonly identityType: string; readonly value: string }[];
}

/** One way the credential names its subject. */
interface SubjectIdentity {
  readonly kind: 'id' | 'email' | string;
  readonly hashed: boolean;
  readonly value: string;
  readonly salt: string;
}

/**
 * The subject is the presenter: `credentialSubject.id` is one of their ids, or an IdentityObject (OB 3.0
 * `identifier[]`, OB 2.0 `recipient`) matches one of their e-mails or identifiers, hashed with its salt as
 * OB defines. SUBJECT_MISMATCH needs at least one comparable pair that differs; when nothing is comparable
 * (a DID subject and only an e-mail known) the check is SUBJECT_UNIDENTIFIED instead.
 */
export function checkSubject(detected: Detected, presenter: Presenter | undefined): CheckResult {
  if (!presenter) return skipped('no presenter given');
  const identities = identitiesOf(detected);
  if (identities.length === 0) return notPassed('SUBJECT_UNIDENTIFIED', 'the credential does not identify its subject');
  let compared = false;
  for (const identity of identities) {
    for (const candidate of candidatesFor(identity.kind, presenter)) {
      const outcome = matches(identity, candidate);
      if (outcome === true) return passed(`issued to the presenter (matched by ${identity.kind})`);
      if (outcome === false) compared = true;
    }
  }
  return compared
    ? notPassed('SUBJECT_MISMATCH', 'the credential was issued to someone else')
    : notPassed(
        'SUBJECT_UNIDENTIFIED',
        'the credential names its subject in a way the presenter cannot be compared with',
      );
}

function candidatesFor(kind: string, presenter: Presenter): string[] {
  if (kind === 'id') return [...(presenter.ids ?? [])];
  // E-mail hashes are made over the address as the issuer had it; try it as given and lowercased.
  if (kind === 'email')
    return (presenter.emails ?? []).flatMap((e) => [...new Set([e.trim(), e.trim().toLowerCase()])]);
  return (presenter.identifiers ?? []).filter((i) => i.identityType === kind).map((i) => i.value);
}

function matches(identity: SubjectIdentity, candidate: string): boolean | null {
  if (!identity.hashed) {
    return identity.kind === 'email'
      ? identity.value.toLowerCase() === candidate.toLowerCase()
      : identity.value === candidate;
  }
  return identityHashMatches(identity.value, candidate, identity.salt);
}

function identitiesOf(detected: Detected): SubjectIdentity[] {
  const c = detected.credential;
  if (isOpenBadges2(detected)) {
    const recipient = isObject(c.recipient) ? c.recipient : null;
    const kind = recipient ? stringOf(recipient.type) : null;
    const value = recipient ? stringOf(recipient.identity) : null;
    if (!recipient || !kind || !value) return [];
    return [
      {
        kind: kind === 'email' ? 'email' : kind,
        hashed: recipient.hashed === true,
        value,
        salt: stringOf(recipient.salt) ?? '',
      },
    ];
  }
  return values(c.credentialSubject)
    .filter(isObject)
    .flatMap((subject) => ob3Identities(subject));
}

function ob3Identities(subject: JsonObject): SubjectIdentity[] {
  const out: SubjectIdentity[] = [];
  const id = idOf(subject);
  if (id) out.push({ kind: 'id', hashed: false, value: id, salt: '' });
  for (const entry of values(subject.identifier).filter(isObject)) {
    const type = stringOf(entry.identityType);
    const value = stringOf(entry.identityHash);
    if (!type || !value) continue;
    out.push({
      kind: type === 'emailAddress' ? 'email' : type,
      hashed: entry.hashed === true,
      value,
      salt: stringOf(entry.salt) ?? '',
    });
  }
  return out;
}
