import { createHash } from 'node:crypto';
import { apiError } from '../../../schema/errors.js';
import { ANONYMOUS, hasRole, managedAgency, type Principal } from '../../../schema/principal.js';
import type { Caller } from '../auth.js';
import type { Actor, PersonRecord } from './records.js';

/**
 * Who is calling the registry, for recognition: the principal the gateway's assertion vouches for (the only
 * source of "who"), the raw assertion (forwarded to agency subgraphs when a manager records learning in
 * their LMS), and the registry credential of direct callers (the admin token counts as REGISTRY_ADMIN).
 */
export interface RegistryAccess {
  readonly principal: Principal;
  readonly viaGateway: boolean;
  readonly assertion: string | undefined;
  readonly caller: Caller;
}

export const DIRECT_ACCESS: RegistryAccess = {
  principal: ANONYMOUS,
  viaGateway: false,
  assertion: undefined,
  caller: { kind: 'anonymous' },
};

export const isRegistryAdmin = (access: RegistryAccess): boolean =>
  access.caller.kind === 'admin' || hasRole(access.principal, 'REGISTRY_ADMIN');

const signedIn = (access: RegistryAccess) => access.viaGateway && access.principal.kind === 'user';

const unauthenticated = (what: string) => apiError('UNAUTHENTICATED', `Sign in to ${what}.`);
const forbidden = (message: string) => apiError('FORBIDDEN', message);

/** Provider profiles are curated by registry admins. */
export function requireProviderWriter(access: RegistryAccess): void {
  if (isRegistryAdmin(access)) return;
  if (!signedIn(access)) throw unauthenticated('change provider profiles');
  throw forbidden('Only registry admins curate provider profiles.');
}

/** An agreement of `agency` is created and changed by that agency's manager, or a registry admin. */
export function requireAgreementWriter(access: RegistryAccess, agency: string): void {
  if (isRegistryAdmin(access)) return;
  if (!signedIn(access)) throw unauthenticated('change recognition agreements');
  if (managedAgency(access.principal) === agency) return;
  throw forbidden(`Only managers of ${agency} and registry admins may change ${agency}'s agreements.`);
}

/** Presenting a credential is for signed-in learners; who they are comes from their principal only. */
export function requireLearner(access: RegistryAccess): PersonRecord {
  if (!signedIn(access)) throw unauthenticated('present a credential');
  if (!hasRole(access.principal, 'LEARNER')) throw forbidden('Only learners present their own credentials.');
  const person = personOf(access.principal);
  if (!person)
    throw forbidden('Your sign-in carries neither a verified e-mail nor an index number to match credentials with.');
  return person;
}

/** Recording a recognition in an LMS is for the recognising agency's managers (their assertion is forwarded). */
export function requireManagerOf(access: RegistryAccess, agency: string): string {
  if (!signedIn(access) || !access.assertion) throw unauthenticated('record a recognition');
  if (managedAgency(access.principal) !== agency) {
    throw forbidden(`Only managers of ${agency} may record its recognitions.`);
  }
  return access.assertion;
}

/** The person a principal is: index number and verified e-mail, or null when it has neither. */
export function personOf(principal: Principal): PersonRecord | null {
  if (principal.kind !== 'user' || (!principal.indexNumber && !principal.email)) return null;
  return { indexNumber: principal.indexNumber, email: principal.email };
}

/**
 * The key recognitions of a person are found by: their UN index number where known, else their e-mail
 * (DESIGN.md §3), hashed so that index keys in the store name nobody.
 */
export function personKeyOf(person: PersonRecord): string {
  const key = person.indexNumber
    ? `idx:${person.indexNumber.trim()}`
    : `email:${(person.email ?? '').trim().toLowerCase()}`;
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Who made a change, for the history of agreements, providers and recognitions. */
export function actorOf(access: RegistryAccess): Actor {
  const { principal } = access;
  if (principal.kind === 'user') {
    return {
      issuer: principal.issuer,
      subject: principal.subject,
      email: principal.email,
      roles: [...principal.roles],
      agency: principal.agency,
    };
  }
  // The registry's admin token (CLI, sandbox seeding): an admin without a personal identity.
  return { issuer: null, subject: 'registry-admin-token', email: null, roles: ['REGISTRY_ADMIN'], agency: null };
}

/** What a caller may see of recognitions. */
export type RecognitionScope =
  /** One by one: their own (learner) and their agency's (manager). */
  | { readonly kind: 'personal'; readonly personKey: string | null; readonly agency: string | null }
  /** Counts only, small ones withheld: analysts and registry admins. */
  | { readonly kind: 'aggregate' };

export function recognitionScope(access: RegistryAccess): RecognitionScope {
  if (!signedIn(access) && access.caller.kind !== 'admin') throw unauthenticated('read recognitions');
  const { principal } = access;
  const person = hasRole(principal, 'LEARNER') ? personOf(principal) : null;
  const agency = managedAgency(principal);
  if (person || agency) return { kind: 'personal', personKey: person ? personKeyOf(person) : null, agency };
  if (hasRole(principal, 'ANALYST') || isRegistryAdmin(access)) return { kind: 'aggregate' };
  throw forbidden('Your role does not allow reading recognitions.');
}
