import type { Keyv } from 'keyv';
import type { LearnerRecord } from '../core/records.js';
import { outsideScope } from '../core/scope.js';
import type { CornerstoneClient } from './client.js';
import type { CsodEmployeeDto } from './dto.js';
import { mapEmployee } from './mapper.js';
import { walkEmployees } from './paging.js';

/**
 * Personal data is cached only briefly and per learner: an employee record (the id → externalId link every
 * transcript call needs) lives `EMPLOYEE_TTL_MS` under `employee:<id>`, so a burst of queries about the same
 * people does not spend the Employee API's 75/min (§2.3) on identical lookups.
 */
const EMPLOYEE_TTL_MS = 60_000;
/** Ids per Employee v2 request; the `ids` filter is a comma list (§2.4.3). */
const IDS_PER_CALL = 100;

export interface LearnerReader {
  /** Employee records in input order, null for unknown or malformed ids. */
  employees(ids: readonly string[]): Promise<Array<CsodEmployeeDto | null>>;
  byExternalId(externalId: string): Promise<LearnerRecord[]>;
  map(employee: CsodEmployeeDto): LearnerRecord;
}

export function createLearnerReader(client: CornerstoneClient, cache: Keyv): LearnerReader {
  const inFlight = new Map<string, Promise<CsodEmployeeDto | null>>();

  async function load(ids: readonly string[]): Promise<Map<string, CsodEmployeeDto>> {
    const found = new Map<string, CsodEmployeeDto>();
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
      const chunk = ids.slice(i, i + IDS_PER_CALL);
      for (const employee of await walkEmployees(client, { ids: chunk.join(','), pageSize: 50 })) {
        found.set(String(employee.id), employee);
      }
    }
    await Promise.all(
      [...found].map(([id, employee]) => cache.set(`employee:${id}`, employee, EMPLOYEE_TTL_MS).catch(() => undefined)),
    );
    return found;
  }

  /**
   * Lookups requested within one turn of the event loop go out as one `ids=a,b,c` call: a burst of
   * transcript queries about 100 people then costs one Employee API call, not 100 of its 75 a minute.
   */
  let queued: { ids: Set<string>; done: Promise<Map<string, CsodEmployeeDto>> } | undefined;
  function enqueue(id: string): Promise<CsodEmployeeDto | null> {
    if (!queued) {
      const batch = { ids: new Set<string>(), done: Promise.resolve(new Map<string, CsodEmployeeDto>()) };
      // Shared by every request of this tick: it belongs to none of them (scope.ts).
      batch.done = outsideScope(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => {
        queued = undefined;
        return outsideScope(() => load([...batch.ids])).finally(() => {
          for (const done of batch.ids) inFlight.delete(done);
        });
      });
      queued = batch;
    }
    queued.ids.add(id);
    return queued.done.then((found) => found.get(id) ?? null);
  }

  return {
    async employees(ids) {
      const valid = [...new Set(ids.filter((id) => /^\d{1,12}$/.test(id)))];
      const known = new Map<string, CsodEmployeeDto | null>();
      await Promise.all(
        valid.map(async (id) => {
          const hit = (await cache.get(`employee:${id}`).catch(() => undefined)) as CsodEmployeeDto | undefined;
          if (hit) known.set(id, hit);
        }),
      );
      // Concurrent callers share one upstream lookup per id (single flight), batched per tick.
      const pending = new Map<string, Promise<CsodEmployeeDto | null>>();
      for (const id of valid) if (!known.has(id) && !inFlight.has(id)) inFlight.set(id, enqueue(id));
      for (const id of valid) {
        const promise = known.has(id) ? undefined : inFlight.get(id);
        if (promise) pending.set(id, promise);
      }
      // Promise.all observes every rejection (a sequential await would leave the rest unhandled).
      const loaded = await Promise.all([...pending].map(async ([id, promise]) => [id, await promise] as const));
      for (const [id, employee] of loaded) known.set(id, employee);
      return ids.map((id) => known.get(id) ?? null);
    },
    async byExternalId(externalId) {
      const employees = await walkEmployees(client, { externalId });
      return employees.filter((e) => e.externalId === externalId).map(mapEmployee);
    },
    map: mapEmployee,
  };
}
