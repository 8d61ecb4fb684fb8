import type { SiteContext } from '../site.js';

/** A web-service exception; the protocol answers it as HTTP 200 JSON (lms-apis.md §1.2). */
export class SimException extends Error {
  constructor(
    readonly exception: string,
    readonly errorcode: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, unknown>;
export type Handler = (params: Params, site: SiteContext) => unknown;

export const invalidParameter = (detail = 'Invalid parameter value detected') =>
  new SimException('invalid_parameter_exception', 'invalidparameter', detail);
export const invalidUser = () =>
  new SimException('dml_missing_record_exception', 'invaliduser', 'Can not find data record in database table user.');
export const invalidRecord = (table: string) =>
  new SimException(
    'dml_missing_record_exception',
    'invalidrecord',
    `Can not find data record in database table ${table}.`,
  );

/** PARAM_INT: digits only, else `invalidparameter` (§1.4a: non-numeric userid). */
export function int(params: Params, name: string, fallback?: number): number {
  const raw = params[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw invalidParameter();
  return Number(raw);
}

/** PARAM_BOOL as the REST server reads it: "1"/"true" are true. */
export function bool(params: Params, name: string, fallback: boolean): boolean {
  const raw = params[name];
  if (raw === undefined) return fallback;
  return raw === '1' || raw === 'true';
}

/** qs gives arrays, or objects keyed by index when indices are sparse. */
export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];

/** `options[i][name]` / `options[i][value]` pairs, as get_enrolled_users reads them (enrol/externallib.php). */
export function namedOptions(value: unknown): Map<string, string> {
  const options = new Map<string, string>();
  for (const option of list(value) as { name?: unknown; value?: unknown }[]) {
    if (typeof option?.name === 'string') options.set(option.name, String(option.value ?? ''));
  }
  return options;
}
