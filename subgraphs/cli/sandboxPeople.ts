import { SANDBOX_PEOPLE } from '../../adapters/core/sandboxData.js';
import type { Role } from '../../schema/principal.js';

/** A person who can sign in at the sandbox identity provider, with the claims the gateway maps. */
export interface SandboxAccount {
  readonly email: string;
  readonly name: string;
  readonly indexNumber: string | null;
  /** Home agency; the agency an AGENCY_MANAGER manages. */
  readonly agency: string | null;
  readonly roles: readonly Role[];
}

/** The sandbox agencies' codes (subgraphs/cli/sandbox.ts); one learning manager each. */
const SANDBOX_AGENCY_CODES = ['ilo', 'unicef', 'wfp', 'who'] as const;

/**
 * The sandbox's people. The learners have records in every sandbox agency (adapters/core/sandboxData.ts;
 * the power learner has 100+ enrolments at WHO's Moodle); each agency has a learning manager; UNSSC has an
 * analyst; and one registry administrator.
 */
export const SANDBOX_ACCOUNTS: readonly SandboxAccount[] = [
  ...SANDBOX_PEOPLE.map((p, i) => ({
    email: p.email,
    name: `${p.firstName} ${p.lastName}`,
    indexNumber: p.indexNumber,
    agency: SANDBOX_AGENCY_CODES[i % SANDBOX_AGENCY_CODES.length]!,
    roles: ['LEARNER'] as const,
  })),
  { email: 'power.learner@un.org', name: 'Power Learner', indexNumber: 'UN-100099', agency: 'who', roles: ['LEARNER'] },
  ...SANDBOX_AGENCY_CODES.map((code) => ({
    email: `learning.manager@${code}.int`,
    name: `Learning manager, ${code.toUpperCase()}`,
    indexNumber: null,
    agency: code,
    roles: ['AGENCY_MANAGER'] as const,
  })),
  { email: 'analyst@unssc.org', name: 'UNSSC analyst', indexNumber: null, agency: 'unssc', roles: ['ANALYST'] },
  {
    email: 'registry.admin@un.org',
    name: 'Registry administrator',
    indexNumber: null,
    agency: null,
    roles: ['REGISTRY_ADMIN'],
  },
];

export const findSandboxAccount = (email: string): SandboxAccount | undefined =>
  SANDBOX_ACCOUNTS.find((account) => account.email === email.trim().toLowerCase());
