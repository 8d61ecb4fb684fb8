import { z } from 'zod';
import type { SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import { OAI_ERROR_CODES } from '../dto.js';
import type { OaiInjection, RepositoryState } from './state.js';

/**
 * `/__sim/oai/…`: what tests (in this process or another) use to change the repository under a harvester.
 * - `GET    /__sim/oai/records`              → `{ records }` (tombstones included)
 * - `POST   /__sim/oai/records`              ← a record (`identifier` + fields): adds it or changes it; its
 *                                              datestamp becomes the repository's now
 * - `DELETE /__sim/oai/records/<identifier>` → the item is deleted (a tombstone dated now)
 * - `POST   /__sim/oai/inject`               ← an `OaiInjection` (state.ts)
 * - `POST   /__sim/oai/expire-tokens`        → every resumption token issued so far is refused from now on
 * - `POST   /__sim/oai/clock`                ← `{ advanceMs }`: moves the repository's clock forward
 */
const matching = {
  verb: z.string().optional(),
  continuation: z.boolean().optional(),
  times: z.number().int().positive().optional(),
};

const injectionSchema: z.ZodType<OaiInjection> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('oaiError'),
    code: z.enum(OAI_ERROR_CODES),
    verb: z.string().optional(),
    times: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('badXml'), verb: z.string().optional(), times: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('dropToken'), times: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('changeMidWalk'), times: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('hugeRecord'),
    chars: z.number().int().positive().optional(),
    times: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('foreignMetadata'), times: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('http'),
    status: z.number().int().min(400).max(599),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    ...matching,
  }),
]) as z.ZodType<OaiInjection>;

const recordSchema = z
  .object({
    identifier: z.string().min(1),
    language: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    subjects: z.array(z.string()).optional(),
    sdgs: z.array(z.number().int().min(1).max(17)).optional(),
    sets: z.array(z.string()).optional(),
    rights: z.string().optional(),
    url: z.string().optional(),
    durationMinutes: z.number().int().positive().nullable().optional(),
    type: z.string().optional(),
  })
  .strict();

const PREFIX = '/__sim/oai/';

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const invalid = (error: z.ZodError): SimulatorResponse => ({
  status: 400,
  body: { error: error.issues.map((i) => i.message) },
});

export function handleControl(state: RepositoryState, request: SimulatorRequest): SimulatorResponse | undefined {
  const path = request.url.pathname;
  if (!path.startsWith(PREFIX)) return undefined;
  const rest = path.slice(PREFIX.length);
  if (rest === 'records' && request.method === 'GET') return { status: 200, body: { records: state.sorted() } };
  if (rest === 'records' && request.method === 'POST') {
    const parsed = recordSchema.safeParse(json(request.body));
    if (!parsed.success) return invalid(parsed.error);
    return { status: 200, body: { record: state.upsert(parsed.data) } };
  }
  if (rest.startsWith('records/') && request.method === 'DELETE') {
    return state.remove(decodeURIComponent(rest.slice('records/'.length))) ? { status: 204 } : { status: 404 };
  }
  if (rest === 'inject' && request.method === 'POST') {
    const parsed = injectionSchema.safeParse(json(request.body));
    if (!parsed.success) return invalid(parsed.error);
    state.inject(parsed.data);
    return { status: 204 };
  }
  if (rest === 'expire-tokens' && request.method === 'POST') {
    state.expireTokens();
    return { status: 204 };
  }
  if (rest === 'clock' && request.method === 'POST') {
    const parsed = z.object({ advanceMs: z.number().int().nonnegative() }).safeParse(json(request.body));
    if (!parsed.success) return invalid(parsed.error);
    state.clockOffsetMs += parsed.data.advanceMs;
    return { status: 204 };
  }
  return undefined;
}
