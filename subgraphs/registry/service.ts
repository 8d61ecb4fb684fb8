import type { Logger } from 'pino';
import { type LmsKind, lmsKindName } from '../../schema/lmsKind.js';
import { notRegistered, registrationRefused, registryError } from './errors.js';
import { type GateReport, runRegistrationGate } from './gate/index.js';
import { codeProblems, redactUrl } from './gate/url.js';
import type { RegistrationRecord, RegistryStore } from './store/registryStore.js';

export interface RegisterRequest {
  readonly code: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly lmsKind: LmsKind;
  readonly subgraphUrl: string;
  readonly contact: string | null;
}

export type UpdateRequest = Partial<Omit<RegisterRequest, 'code'>>;

export type Gate = (code: string, url: string) => Promise<GateReport>;

/** Registration rules on top of the store: the gate before any activation, conflicts, not-founds. */
export class RegistryService {
  constructor(
    readonly store: RegistryStore,
    private readonly gate: Gate = (code, url) => runRegistrationGate(code, url),
    private readonly logger?: Logger,
    /** Called after every acknowledged change (the health monitor re-checks at once). */
    private readonly onChange: (record: RegistrationRecord | undefined, code: string) => void = () => {},
  ) {}

  /** The gate alone, as registration runs it (same timeouts, same allowed destinations), registering nothing. */
  check(code: string, url: string): Promise<GateReport> {
    return this.gate(code, url);
  }

  /**
   * The gate, plus agreement on the @shareable fields: `name` and `lmsKind` are served by both the registry
   * and the agency subgraph, and the query planner may ask either, so they must say the same thing.
   */
  async #mustPass(code: string, url: string, expected: Pick<RegisterRequest, 'name' | 'lmsKind'>): Promise<void> {
    const report = await this.gate(code, url);
    const reasons = [...report.reasons];
    const observed = report.observed;
    if (report.ok && observed && observed.name !== expected.name) {
      reasons.push(
        `the subgraph names the agency "${observed.name}", the registration "${expected.name}"; they must match`,
      );
    }
    if (report.ok && observed && observed.lmsKind !== expected.lmsKind) {
      reasons.push(
        `the subgraph says its LMS is ${lmsKindName(observed.lmsKind)}, the registration ${lmsKindName(expected.lmsKind)}; they must match`,
      );
    }
    if (reasons.length > 0) {
      this.logger?.info({ code, url: redactUrl(url), reasons }, 'registration refused');
      throw registrationRefused(code, reasons, report.warnings);
    }
  }

  async register(request: RegisterRequest): Promise<RegistrationRecord> {
    const problems = [...codeProblems(request.code), ...(request.name.trim() ? [] : ['name must not be empty'])];
    // Malformed input is the caller's mistake (BAD_USER_INPUT); the gate's refusals are about the subgraph.
    if (problems.length) throw registryError('BAD_USER_INPUT', problems.join('; '), { reasons: problems });
    if (await this.store.get(request.code)) throw conflict(request.code);
    await this.#mustPass(request.code, request.subgraphUrl, { name: request.name.trim(), lmsKind: request.lmsKind });
    const now = new Date().toISOString();
    const record = await this.store.update(request.code, (current) => {
      // Checked again inside the serialised write: another registration may have won meanwhile.
      if (current) throw conflict(request.code);
      const next: RegistrationRecord = {
        ...request,
        name: request.name.trim(),
        status: 'ACTIVE',
        registeredAt: now,
        updatedAt: now,
      };
      return { next, result: next };
    });
    this.logger?.info({ code: record.code }, 'agency registered');
    this.onChange(record, record.code);
    return record;
  }

  async update(code: string, changes: UpdateRequest): Promise<RegistrationRecord> {
    const existing = await this.store.get(code);
    if (!existing) throw notRegistered(code);
    if (changes.name !== undefined && !changes.name.trim()) {
      throw registryError('BAD_USER_INPUT', 'name must not be empty', { reasons: ['name must not be empty'] });
    }
    const next = { ...existing, ...changes };
    const changesServing = (['subgraphUrl', 'name', 'lmsKind'] as const).some((k) => next[k] !== existing[k]);
    if (changesServing) await this.#mustPass(code, next.subgraphUrl, next);
    return this.#change(code, (current) => ({ ...current, ...changes }));
  }

  async suspend(code: string): Promise<RegistrationRecord> {
    return this.#change(code, (current) => ({ ...current, status: 'SUSPENDED' }));
  }

  /** Back to ACTIVE, after the gate passes again: the subgraph may have changed while suspended. */
  async activate(code: string): Promise<RegistrationRecord> {
    const existing = await this.store.get(code);
    if (!existing) throw notRegistered(code);
    await this.#mustPass(code, existing.subgraphUrl, existing);
    return this.#change(code, (current) => ({ ...current, status: 'ACTIVE' }));
  }

  async remove(code: string): Promise<RegistrationRecord> {
    const removed = await this.store.update(code, (current) => {
      if (!current) throw notRegistered(code);
      return { next: undefined, result: current };
    });
    this.logger?.info({ code }, 'agency removed');
    this.onChange(undefined, code);
    return removed;
  }

  async #change(code: string, apply: (current: RegistrationRecord) => RegistrationRecord): Promise<RegistrationRecord> {
    const record = await this.store.update(code, (current) => {
      if (!current) throw notRegistered(code);
      const next = { ...apply(current), updatedAt: new Date().toISOString() };
      return { next, result: next };
    });
    this.logger?.info({ code, status: record.status }, 'agency updated');
    this.onChange(record, code);
    return record;
  }
}

const conflict = (code: string) =>
  registryError('CONFLICT', `An agency with code "${code}" is already registered; choose another code or update it.`);
