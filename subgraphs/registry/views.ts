import type { AgencyStatus } from './model.js';
import type { RegistrationRecord } from './store/registryStore.js';

/** What resolvers return for `Agency`: the public fields, plus the stored record for admin-only fields. */
export interface AgencyView {
  readonly code: string;
  readonly name: string;
  readonly lmsKind: RegistrationRecord['lmsKind'];
  readonly acronym: string | null;
  readonly status: AgencyStatus;
  readonly registeredAt: Date;
  readonly record: RegistrationRecord;
}

export function agencyView(record: RegistrationRecord): AgencyView {
  return {
    code: record.code,
    name: record.name,
    lmsKind: record.lmsKind,
    acronym: record.acronym,
    status: record.status as AgencyStatus,
    registeredAt: new Date(record.registeredAt),
    record,
  };
}
