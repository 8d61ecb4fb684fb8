import { CALLER_HEADER } from '../../schema/callHeaders.js';
import { AgencyFailure, type SubgraphAnswer } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';

/**
 * Identical agency calls in flight at the same time (same agency, same operation and variables, same
 * caller visibility) share one upstream request (issue 12): under many clients loading the same catalogue
 * page, the agency sees one call instead of N. Calls of different callers never share: the caller key is
 * part of the identity, so one person's answer never reaches another. The first call's signal governs
 * the shared request; each caller still stops waiting at its own deadline.
 */
export function collapseInFlight(send: AgencySender, onCollapsed: (agency: string) => void = () => {}): AgencySender {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (agency, body, signal, headers) => {
    const key = `${agency.code}\n${agency.url}\n${headers?.[CALLER_HEADER] ?? ''}\n${body}`;
    const shared = inFlight.get(key);
    if (shared) {
      onCollapsed(agency.code);
      return waitWithin(shared, signal, agency.code);
    }
    const call = send(agency, body, signal, headers).finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}

/** The shared answer, or this caller's own abort when it comes first. */
function waitWithin<T>(shared: Promise<T>, signal: AbortSignal, agency: string): Promise<T> {
  const timeout = () => new AgencyFailure('AGENCY_TIMEOUT', agency, `Agency ${agency} did not answer in time.`);
  if (signal.aborted) return Promise.reject(timeout());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(timeout());
    signal.addEventListener('abort', abort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
