import type { GatewayMetrics } from '../observability/metrics.js';
import type { GatewayTracing } from '../observability/tracing.js';
import { AgencyFailure, sendToAgency } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';
import type { AnswerCache } from './answerCache.js';
import type { AgencyBreakers } from './breakers.js';
import { collapseInFlight } from './collapse.js';

/** Times every real agency fetch and counts its failures by code (AGENCY_TIMEOUT: the timeouts). */
function measured(send: AgencySender, metrics: GatewayMetrics): AgencySender {
  return async (agency, body, signal, headers) => {
    const end = metrics.agencySeconds.startTimer({ agency: agency.code });
    try {
      return await send(agency, body, signal, headers);
    } catch (error) {
      metrics.agencyErrors.inc({ agency: agency.code, code: error instanceof AgencyFailure ? error.code : 'UNKNOWN' });
      throw error;
    } finally {
      end();
    }
  };
}

export interface UpstreamParts {
  readonly metrics?: GatewayMetrics | undefined;
  readonly tracing?: GatewayTracing | undefined;
  readonly breakers?: AgencyBreakers | undefined;
  readonly cache?: AnswerCache | undefined;
  /** @default true */
  readonly collapse?: boolean | undefined;
}

/**
 * How the gateway reaches an agency, outermost first: the shared answer cache (a hit asks no one), then
 * collapsing of identical calls in flight, the agency's circuit breaker (a down agency costs nothing),
 * and around each real fetch a trace span and its metrics.
 */
export function upstreamSender(parts: UpstreamParts): AgencySender {
  let send: AgencySender = sendToAgency;
  if (parts.metrics) send = measured(send, parts.metrics);
  if (parts.tracing) send = parts.tracing.wrap(send);
  if (parts.breakers) send = parts.breakers.wrap(send);
  if (parts.collapse ?? true) send = collapseInFlight(send, (agency) => parts.metrics?.collapsed.inc({ agency }));
  if (parts.cache) send = parts.cache.wrap(send);
  return send;
}
