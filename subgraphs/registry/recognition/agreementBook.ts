import { randomUUID } from 'node:crypto';
import { apiError } from '../../../schema/errors.js';
import type { RegistryStore } from '../store/registryStore.js';
import { actorOf, type RegistryAccess, requireAgreementWriter, requireProviderWriter } from './access.js';
import { type AgreementDraft, checkAgreement, inForce } from './agreements.js';
import {
  type AgreementRecord,
  type AgreementStatus,
  type ProviderKind,
  type ProviderRecord,
  QUALITY_CRITERIA,
  type QualityCriterion,
} from './records.js';
import type { RecognitionStore } from './store.js';

export interface ProviderDraft {
  readonly name?: string | null;
  readonly kind?: ProviderKind | null;
  readonly agency?: string | null;
  readonly url?: string | null;
  readonly issuerIds?: readonly string[] | null;
  readonly acceptedCredentialTypes?: readonly string[] | null;
  readonly qualityCriteria?: readonly QualityCriterion[] | null;
}

export interface AgreementFilter {
  readonly recognisingAgency?: string | null;
  readonly provider?: string | null;
  readonly status?: AgreementStatus | null;
  /** Only agreements in force now (ACTIVE and within their validity period). */
  readonly inForce?: boolean | null;
}

/** Provider codes are slugs like agency codes, a little longer (`linkedin-learning`). */
const PROVIDER_CODE = /^[a-z][a-z0-9-]{1,31}$/;

const invalid = (problems: readonly string[]) =>
  apiError('BAD_USER_INPUT', `The agreement is not valid: ${problems.join('; ')}.`, { reasons: problems });

const strings = (values: readonly string[] | null | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim()).filter(Boolean)),
];

/** Which fields of `next` differ from `previous` (for the history). */
function changedFields<T extends object>(previous: T, next: T, fields: readonly (keyof T)[]): string[] {
  return fields.filter((f) => JSON.stringify(previous[f]) !== JSON.stringify(next[f])).map(String);
}

/**
 * Provider profiles (curation facts, JIU recommendation 6) and inter-agency recognition agreements
 * (recommendation 7): durable, each change kept in the record's history with who made it and when.
 * Agreements of an agency are changed by its managers or registry admins; providers by registry admins.
 */
export class AgreementBook {
  constructor(
    private readonly store: RecognitionStore,
    private readonly registrations: RegistryStore,
    private readonly now: () => Date,
  ) {}

  providers(): Promise<ProviderRecord[]> {
    return this.store.providers();
  }

  async provider(code: string): Promise<ProviderRecord | undefined> {
    return this.store.provider(code);
  }

  /** The agencies that accept a provider: those with an agreement in force naming it. */
  async acceptedBy(code: string): Promise<string[]> {
    const now = this.now();
    const agencies = (await this.store.agreements())
      .filter((a) => a.provider === code && inForce(a, now))
      .map((a) => a.recognisingAgency);
    return [...new Set(agencies)].sort();
  }

  async saveProvider(
    access: RegistryAccess,
    code: string,
    draft: ProviderDraft,
    creating: boolean,
  ): Promise<ProviderRecord> {
    requireProviderWriter(access);
    const problems: string[] = [];
    if (!PROVIDER_CODE.test(code)) problems.push('code must be a lowercase slug of 2 to 32 characters');
    if (draft.agency && !(await this.registrations.get(draft.agency)))
      problems.push(`no agency "${draft.agency}" is registered`);
    const unknown = (draft.qualityCriteria ?? []).filter((c) => !QUALITY_CRITERIA.includes(c));
    if (unknown.length) problems.push(`unknown quality criteria: ${unknown.join(', ')}`);
    if (problems.length)
      throw apiError('BAD_USER_INPUT', `The provider is not valid: ${problems.join('; ')}.`, { reasons: problems });
    const at = this.now().toISOString();
    const by = actorOf(access);
    return this.store.updateProvider(code, (current) => {
      if (creating && current) throw apiError('CONFLICT', `A provider "${code}" is already registered.`);
      if (!creating && !current) throw apiError('NOT_FOUND', `No provider "${code}" is registered.`);
      const kind = draft.kind ?? current?.kind ?? 'EXTERNAL_PLATFORM';
      const next: ProviderRecord = {
        code,
        name: draft.name?.trim() || current?.name || code,
        kind,
        agency: draft.agency !== undefined ? draft.agency || null : (current?.agency ?? null),
        url: draft.url !== undefined ? draft.url || null : (current?.url ?? null),
        issuerIds: draft.issuerIds ? strings(draft.issuerIds) : (current?.issuerIds ?? []),
        acceptedCredentialTypes: draft.acceptedCredentialTypes
          ? strings(draft.acceptedCredentialTypes)
          : (current?.acceptedCredentialTypes ?? []),
        qualityCriteria: draft.qualityCriteria ? [...new Set(draft.qualityCriteria)] : (current?.qualityCriteria ?? []),
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
        history: current?.history ?? [],
      };
      if (next.kind === 'AGENCY' && !next.agency) {
        throw apiError('BAD_USER_INPUT', 'A provider of kind AGENCY names its agency.');
      }
      const fields = current
        ? changedFields(current, next, [
            'name',
            'kind',
            'agency',
            'url',
            'issuerIds',
            'acceptedCredentialTypes',
            'qualityCriteria',
          ])
        : ['name', 'kind', 'issuerIds', 'acceptedCredentialTypes', 'qualityCriteria'];
      const entry = { at, by, action: current ? ('UPDATED' as const) : ('REGISTERED' as const), fields };
      const saved = { ...next, history: [...next.history, entry] };
      return { next: saved, result: saved };
    });
  }

  async agreements(filter: AgreementFilter = {}): Promise<AgreementRecord[]> {
    const now = this.now();
    return (await this.store.agreements()).filter(
      (a) =>
        (!filter.recognisingAgency || a.recognisingAgency === filter.recognisingAgency) &&
        (!filter.provider || a.provider === filter.provider) &&
        (!filter.status || a.status === filter.status) &&
        (!filter.inForce || inForce(a, now)),
    );
  }

  agreement(id: string): Promise<AgreementRecord | undefined> {
    return this.store.agreement(id);
  }

  /** The agency must be registered and the provider known; an agency does not recognise its own credentials. */
  async #mustExist(draft: AgreementDraft): Promise<void> {
    const problems: string[] = [];
    if (!(await this.registrations.get(draft.recognisingAgency))) {
      problems.push(`no agency "${draft.recognisingAgency}" is registered`);
    }
    const provider = await this.store.provider(draft.provider);
    if (!provider) problems.push(`no provider "${draft.provider}" is registered`);
    if (provider?.agency === draft.recognisingAgency) problems.push('an agency does not recognise its own credentials');
    if (problems.length) throw invalid(problems);
  }

  async create(access: RegistryAccess, draft: AgreementDraft): Promise<AgreementRecord> {
    requireAgreementWriter(access, draft.recognisingAgency);
    const { agreement, problems } = checkAgreement(draft);
    if (problems.length) throw invalid(problems);
    await this.#mustExist(draft);
    const at = this.now().toISOString();
    const id = `agr_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    return this.store.updateAgreement(id, () => {
      const next: AgreementRecord = {
        id,
        ...agreement,
        status: 'ACTIVE',
        version: 1,
        createdAt: at,
        updatedAt: at,
        history: [{ at, by: actorOf(access), action: 'CREATED', fields: [] }],
      };
      return { next, result: next };
    });
  }

  async update(
    access: RegistryAccess,
    id: string,
    draft: AgreementDraft,
    expectedVersion?: number | null,
  ): Promise<AgreementRecord> {
    const existing = await this.store.agreement(id);
    if (!existing) throw apiError('NOT_FOUND', `No agreement has the id \`${id}\`.`);
    // The writer must manage the agency the agreement belongs to, and the one it would belong to.
    requireAgreementWriter(access, existing.recognisingAgency);
    requireAgreementWriter(access, draft.recognisingAgency);
    const { agreement, problems } = checkAgreement(draft);
    if (problems.length) throw invalid(problems);
    await this.#mustExist(draft);
    const at = this.now().toISOString();
    return this.store.updateAgreement(id, (current) => {
      if (!current) throw apiError('NOT_FOUND', `No agreement has the id \`${id}\`.`);
      if (expectedVersion != null && expectedVersion !== current.version) {
        throw apiError(
          'CONFLICT',
          `The agreement changed since version ${expectedVersion} (now ${current.version}); read it again.`,
        );
      }
      const changed = { ...current, ...agreement };
      const fields = changedFields(current, changed, [
        'recognisingAgency',
        'provider',
        'recognises',
        'countsAs',
        'validFrom',
        'validUntil',
      ]);
      if (fields.length === 0) return { next: current, result: current };
      const next: AgreementRecord = {
        ...changed,
        version: current.version + 1,
        updatedAt: at,
        history: [...current.history, { at, by: actorOf(access), action: 'UPDATED', fields }],
      };
      return { next, result: next };
    });
  }

  async setStatus(access: RegistryAccess, id: string, status: AgreementStatus): Promise<AgreementRecord> {
    const existing = await this.store.agreement(id);
    if (!existing) throw apiError('NOT_FOUND', `No agreement has the id \`${id}\`.`);
    requireAgreementWriter(access, existing.recognisingAgency);
    const at = this.now().toISOString();
    return this.store.updateAgreement(id, (current) => {
      if (!current) throw apiError('NOT_FOUND', `No agreement has the id \`${id}\`.`);
      if (current.status === status) return { next: current, result: current };
      if (current.status === 'ENDED') throw apiError('CONFLICT', 'An ended agreement stays ended; create a new one.');
      const next: AgreementRecord = {
        ...current,
        status,
        version: current.version + 1,
        updatedAt: at,
        history: [...current.history, { at, by: actorOf(access), action: status, fields: ['status'] }],
      };
      return { next, result: next };
    });
  }
}
