import { Keyv } from 'keyv';
import { createDidKeyIssuer, type IssuerKey, signDataIntegrity } from '../../../adapters/core/credentials/index.js';
import type { Role, UserPrincipal } from '../../../schema/principal.js';
import type { CredentialVerifier } from '../../../subgraphs/registry/credentials/index.js';
import type { RegistryAccess } from '../../../subgraphs/registry/recognition/access.js';
import type {
  AgencyWriteOutcome,
  AgencyWriter,
  ExternalLearningCall,
} from '../../../subgraphs/registry/recognition/agencyWriter.js';
import { RecognitionService } from '../../../subgraphs/registry/recognition/service.js';
import { RecognitionStore } from '../../../subgraphs/registry/recognition/store.js';
import { RegistryStore } from '../../../subgraphs/registry/store/registryStore.js';
import { loopbackVerifier, openBadge } from '../credentials/support/issuer.js';

/** A Map store that can be made to fail its next writes: a registry whose disk goes away mid-way. */
export class FlakyMap extends Map<string, unknown> {
  failWrites = false;
  override set(key: string, value: unknown): this {
    if (this.failWrites) throw new Error('the store is unavailable');
    return super.set(key, value);
  }
}

export const AMINA = { email: 'amina.diallo@un.org', indexNumber: 'UN-100001' };

export function principal(roles: Role[], overrides: Partial<UserPrincipal> = {}): UserPrincipal {
  return {
    kind: 'user',
    issuer: 'https://idp.test',
    subject: `sub-${roles.join('-').toLowerCase()}-${overrides.agency ?? 'none'}`,
    email: null,
    indexNumber: null,
    agency: null,
    roles,
    ...overrides,
  };
}

/** A caller through the gateway (a valid assertion vouched for them). */
export const via = (p: UserPrincipal): RegistryAccess => ({
  principal: p,
  viaGateway: true,
  assertion: `assertion-of-${p.subject}`,
  caller: { kind: 'anonymous' },
});

export const learner = (agency = 'unicef') => via(principal(['LEARNER'], { ...AMINA, agency, subject: 'amina' }));
export const manager = (agency: string) =>
  via(principal(['AGENCY_MANAGER'], { agency, email: `learning.manager@${agency}.int` }));
export const analyst = () => via(principal(['ANALYST'], { agency: 'unssc' }));
export const admin = () => via(principal(['REGISTRY_ADMIN'], { email: 'registry.admin@un.org' }));
export const anonymous: RegistryAccess = {
  principal: { kind: 'anonymous' },
  viaGateway: false,
  assertion: undefined,
  caller: { kind: 'anonymous' },
};

/**
 * An LMS behind the agency writer: records by idempotency key like the real adapters (which look for the
 * record before writing), counts writes, and fails on demand.
 */
export class FakeLms {
  readonly records = new Map<string, string>();
  writes = 0;
  calls: Array<{ url: string; call: ExternalLearningCall; assertion: string }> = [];
  next: AgencyWriteOutcome | null = null;
  /** Runs after a record was written (a crash right after the LMS wrote, for instance). */
  afterWrite: (() => void) | null = null;

  readonly writer: AgencyWriter = async (url, call, assertion) => {
    this.calls.push({ url, call, assertion });
    if (this.next) {
      const outcome = this.next;
      this.next = null;
      return outcome;
    }
    const known = this.records.get(call.idempotencyKey);
    if (known) return { ok: true, enrollmentId: known, created: false };
    this.writes += 1;
    const id = `${call.agency}:enrollment:rec-${this.writes}`;
    this.records.set(call.idempotencyKey, id);
    this.afterWrite?.();
    return { ok: true, enrollmentId: id, created: true };
  };
}

export interface Harness {
  readonly service: RecognitionService;
  readonly store: RecognitionStore;
  readonly flaky: FlakyMap;
  readonly lms: FakeLms;
  readonly verifier: CredentialVerifier;
  readonly issuer: IssuerKey;
  /** A signed OB 3.0 credential for Amina from the test provider (did:key: nothing fetched). */
  credential(overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

const registration = (code: string, lmsKind: 'moodle' | 'cornerstone' | 'successfactors') => ({
  code,
  name: code.toUpperCase(),
  acronym: null,
  lmsKind,
  status: 'ACTIVE' as const,
  subgraphUrl: `http://127.0.0.1:9/${code}`,
  contact: null,
  registeredAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

export const NOW = new Date('2026-03-01T12:00:00Z');

/** A recognition service over in-memory stores, the agencies ilo/unicef/wfp/who registered, and a test provider. */
export async function createHarness(
  options: { verifier?: CredentialVerifier; now?: () => Date } = {},
): Promise<Harness> {
  const flaky = new FlakyMap();
  const store = new RecognitionStore(new Keyv({ store: flaky, throwOnErrors: true }));
  const registrations = new RegistryStore(new Keyv({ throwOnErrors: true }));
  for (const [code, kind] of [
    ['ilo', 'moodle'],
    ['unicef', 'cornerstone'],
    ['wfp', 'successfactors'],
    ['who', 'moodle'],
  ] as const) {
    await registrations.update(code, () => ({ next: registration(code, kind), result: undefined }));
  }
  const lms = new FakeLms();
  const verifier = options.verifier ?? loopbackVerifier();
  const service = new RecognitionService({
    store,
    registrations,
    verifier,
    writer: lms.writer,
    now: options.now ?? (() => NOW),
  });
  const issuer = await createDidKeyIssuer();
  await service.book.saveProvider(
    admin(),
    'academy',
    {
      name: 'Test Academy',
      kind: 'EXTERNAL_PLATFORM',
      issuerIds: [issuer.controller],
      acceptedCredentialTypes: ['OpenBadgeCredential'],
      qualityCriteria: ['ASSESSED_COMPLETION', 'VERIFIABLE_CREDENTIALS'],
    },
    true,
  );
  return {
    service,
    store,
    flaky,
    lms,
    verifier,
    issuer,
    async credential(overrides = {}) {
      return JSON.stringify(await signDataIntegrity(openBadge(issuer.controller, overrides), issuer));
    },
    async close() {
      if (!options.verifier) verifier.dispose();
      await store.close();
      await registrations.close();
    },
  };
}

/** An agreement of `agency` recognising the test academy's data-protection certificate. */
export const agreementDraft = (agency = 'unicef', overrides: Record<string, unknown> = {}) => ({
  recognisingAgency: agency,
  provider: 'academy',
  recognises: { achievementIds: ['https://academy.example/achievements/data-protection'] },
  countsAs: { hours: 8 },
  validFrom: new Date('2025-01-01T00:00:00Z'),
  validUntil: new Date('2027-01-01T00:00:00Z'),
  ...overrides,
});
