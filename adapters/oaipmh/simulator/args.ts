import type { Granularity, OaiErrorCode } from '../dto.js';

/** Arguments each verb accepts (§4): required, optional, and the exclusive resumptionToken. */
const VERBS = {
  Identify: { required: [], optional: [], exclusive: false },
  ListMetadataFormats: { required: [], optional: ['identifier'], exclusive: false },
  ListSets: { required: [], optional: [], exclusive: true },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: true },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: true },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [], exclusive: false },
} as const;
export type Verb = keyof typeof VERBS;

export type ParsedArgs =
  | { readonly ok: true; readonly verb: Verb; readonly args: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly code: Extract<OaiErrorCode, 'badVerb' | 'badArgument'> };

const isVerb = (value: string): value is Verb => Object.hasOwn(VERBS, value);

/**
 * Validates a request's arguments as §3.1.1 and §4 prescribe: exactly one known verb; no argument twice;
 * only the verb's arguments; its required ones present; resumptionToken alone when given.
 */
export function parseArgs(params: URLSearchParams): ParsedArgs {
  const verbs = params.getAll('verb');
  const verb = verbs[0];
  if (verbs.length !== 1 || verb === undefined || !isVerb(verb)) return { ok: false, code: 'badVerb' };
  const spec = VERBS[verb];
  const args: Record<string, string> = {};
  for (const name of new Set(params.keys())) {
    if (name === 'verb') continue;
    const values = params.getAll(name);
    if (values.length !== 1) return { ok: false, code: 'badArgument' };
    const allowed =
      (spec.required as readonly string[]).includes(name) ||
      (spec.optional as readonly string[]).includes(name) ||
      (spec.exclusive && name === 'resumptionToken');
    if (!allowed) return { ok: false, code: 'badArgument' };
    args[name] = values[0] ?? '';
  }
  if ('resumptionToken' in args) {
    if (Object.keys(args).length !== 1) return { ok: false, code: 'badArgument' };
    return { ok: true, verb, args };
  }
  if (spec.required.some((name) => !(name in args))) return { ok: false, code: 'badArgument' };
  return { ok: true, verb, args };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * `from`/`until` (§3.3.1, §4.3): a day or a second in UTC, never finer than the repository's granularity,
 * both of the same granularity, and from ≤ until. `until` covers its whole day or second. Returns epoch ms
 * bounds, or 'badArgument'.
 */
export function parseRange(
  from: string | undefined,
  until: string | undefined,
  granularity: Granularity,
): { readonly from: number | null; readonly until: number | null } | 'badArgument' {
  const parse = (value: string, end: boolean): { ms: number; day: boolean } | null => {
    const day = DAY.exec(value);
    if (day) {
      const ms = Date.parse(`${value}T00:00:00Z`);
      return Number.isNaN(ms) ? null : { ms: end ? ms + 86_399_999 : ms, day: true };
    }
    if (granularity === 'YYYY-MM-DD' || !SECOND.test(value)) return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : { ms: end ? ms + 999 : ms, day: false };
  };
  const start = from === undefined ? null : parse(from, false);
  const end = until === undefined ? null : parse(until, true);
  if ((from !== undefined && !start) || (until !== undefined && !end)) return 'badArgument';
  if (start && end && (start.day !== end.day || start.ms > end.ms)) return 'badArgument';
  return { from: start?.ms ?? null, until: end?.ms ?? null };
}
