import { type Principal, type Role, readsPersonalData } from './principal.js';

/**
 * The authorization rules of the contract, as data (STYLE.md B9). Fields and types carry federation's own
 * directives — `@authenticated`, `@requiresScopes`, `@policy` — so schema readers and tools see the rules;
 * the gateway enforces them (the stock `@apollo/gateway` does not), and the subgraphs enforce the
 * row-level part (whose records) themselves.
 *
 * - `@requiresScopes` names roles: `[["REGISTRY_ADMIN"]]` means "has the REGISTRY_ADMIN role".
 * - `@policy` names a predicate of this table.
 */
export const POLICIES = {
  /** Reads personal records at all: learners (their own) and agency managers (their agency's). */
  personal_data: readsPersonalData,
} as const satisfies Readonly<Record<string, (principal: Principal) => boolean>>;

export type PolicyName = keyof typeof POLICIES;

/** The directives that mark personal data (types Learner, Enrollment, Credential and the fields listing them). */
export const AUTHENTICATED = '@authenticated';
export const PERSONAL_DATA_POLICY = '@policy(policies: [["personal_data"]])';

export const requiresRole = (role: Role) => `@requiresScopes(scopes: [["${role}"]])`;

/** Any one of `roles` (OR): `@requiresScopes(scopes: [["A"], ["B"]])`. */
export const requiresAnyRole = (...roles: readonly Role[]) =>
  `@requiresScopes(scopes: [${roles.map((role) => `["${role}"]`).join(', ')}])`;

/** The federation spec imports the learning and registry subgraphs declare. */
export const AUTHORIZATION_DIRECTIVES = ['@authenticated', '@requiresScopes', '@policy'] as const;

/** The scopes a principal holds for `@requiresScopes`: its roles. */
export function scopesOf(principal: Principal): ReadonlySet<string> {
  return new Set(principal.kind === 'user' ? principal.roles : []);
}

/** Types whose every field is personal data (reads of them are audited). */
export const PERSONAL_TYPES: ReadonlySet<string> = new Set(['Learner', 'Enrollment', 'Credential']);
