import { z } from 'zod';

/**
 * Who is asking (DESIGN.md §6). The gateway builds a principal from a verified access token; agency
 * subgraphs and the registry receive it inside the gateway's signed assertion. Nothing else — no filter,
 * no argument — ever says who the caller is.
 */
export const ROLES = ['LEARNER', 'AGENCY_MANAGER', 'ANALYST', 'REGISTRY_ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface AnonymousPrincipal {
  readonly kind: 'anonymous';
}

export interface UserPrincipal {
  readonly kind: 'user';
  /** The token issuer, exactly as configured (subjects are unique per issuer only). */
  readonly issuer: string;
  readonly subject: string;
  /** Only when the issuer says it is verified; lowercase. */
  readonly email: string | null;
  /** UN index number, the cross-agency person key. */
  readonly indexNumber: string | null;
  /** The person's home agency code; the agency an AGENCY_MANAGER manages. */
  readonly agency: string | null;
  readonly roles: readonly Role[];
}

export type Principal = AnonymousPrincipal | UserPrincipal;

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

export const hasRole = (principal: Principal, role: Role): boolean =>
  principal.kind === 'user' && principal.roles.includes(role);

/** The agency this principal manages, if an AGENCY_MANAGER with an agency. */
export function managedAgency(principal: Principal): string | null {
  return principal.kind === 'user' && principal.roles.includes('AGENCY_MANAGER') ? principal.agency : null;
}

/** Whether the principal may read anything personal at all (their own records, or their agency's). */
export const readsPersonalData = (principal: Principal): boolean =>
  hasRole(principal, 'LEARNER') || managedAgency(principal) !== null;

/** A short, non-personal description for logs and the audit trail. */
export function describePrincipal(principal: Principal): Record<string, unknown> {
  if (principal.kind === 'anonymous') return { kind: 'anonymous' };
  return {
    kind: 'user',
    issuer: principal.issuer,
    subject: principal.subject,
    roles: principal.roles,
    agency: principal.agency,
  };
}

/** The header in which the gateway sends its signed assertion of the principal to every subgraph. */
export const PRINCIPAL_ASSERTION_HEADER = 'x-convergence-assertion';

/** `aud` of gateway assertions: only Convergence subgraphs accept them. */
export const ASSERTION_AUDIENCE = 'urn:convergence:subgraphs';

/** `iss` of gateway assertions unless configured. */
export const DEFAULT_ASSERTION_ISSUER = 'urn:convergence:gateway';

/** Assertions are short-lived: a leaked one is useless within a minute. */
export const ASSERTION_TTL_SECONDS = 60;

/** The `typ` header of assertions, so they can never be mistaken for an access token (RFC 8725 §3.11). */
export const ASSERTION_TYPE = 'convergence-assertion+jwt';

/** The algorithm of the gateway's assertion key (ECDSA P-256: small keys, fast, in every JOSE library). */
export const ASSERTION_ALGORITHM = 'ES256';

/** The `principal` claim of an assertion, checked field by field by the subgraphs that read it. */
export const principalClaimSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }).strict(),
  z
    .object({
      kind: z.literal('user'),
      issuer: z.string().min(1),
      subject: z.string().min(1),
      email: z.string().nullable(),
      indexNumber: z.string().nullable(),
      agency: z.string().nullable(),
      roles: z.array(z.enum(ROLES)),
    })
    .strict(),
]);

/** The principal as the assertion carries it (a plain JSON object). */
export function principalClaim(principal: Principal): Record<string, unknown> {
  if (principal.kind === 'anonymous') return { kind: 'anonymous' };
  const { issuer, subject, email, indexNumber, agency, roles } = principal;
  return { kind: 'user', issuer, subject, email, indexNumber, agency, roles: [...roles] };
}

/**
 * Response extension in which an agency subgraph tells the gateway whose records it returned (global
 * learner ids), only to callers holding a valid gateway assertion; the gateway writes the audit trail.
 */
export const PERSONAL_READS_EXTENSION = 'personalReads';
