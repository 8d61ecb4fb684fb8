import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { AgencyFailure } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';

export interface BreakerSettings {
  /** Consecutive failures (down or too slow) that open an agency's circuit. @default 3 */
  readonly failures: number;
  /** How long an open circuit refuses calls before one half-open trial call. @default 5000 */
  readonly halfOpenAfterMs: number;
}

/** Only an agency being down or too slow opens its circuit; its answers with errors do not. */
const tripsBreaker = handleWhen(
  (error) => error instanceof AgencyFailure && (error.code === 'AGENCY_UNAVAILABLE' || error.code === 'AGENCY_TIMEOUT'),
);

/**
 * One circuit breaker per agency (cockatiel): after `failures` consecutive failures an agency is not
 * called for `halfOpenAfterMs` (its fields answer AGENCY_UNAVAILABLE at once instead of after the
 * timeout), then one trial call decides. The registry's health feeds it too: an agency the registry
 * reports DOWN is held open (isolated) until it is reported up again.
 */
export class AgencyBreakers {
  readonly #policies = new Map<string, CircuitBreakerPolicy>();
  readonly #isolated = new Map<string, { dispose(): void }>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onState: (agency: string, state: CircuitState) => void = () => {},
    private readonly onRefused: (agency: string) => void = () => {},
  ) {}

  #policy(agency: string): CircuitBreakerPolicy {
    let policy = this.#policies.get(agency);
    if (!policy) {
      policy = circuitBreaker(tripsBreaker, {
        halfOpenAfter: this.settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.failures),
      });
      policy.onStateChange((state) => this.onState(agency, state));
      this.onState(agency, CircuitState.Closed);
      this.#policies.set(agency, policy);
    }
    return policy;
  }

  state(agency: string): CircuitState {
    return this.#policies.get(agency)?.state ?? CircuitState.Closed;
  }

  /** The registry's view: DOWN holds the circuit open; anything else releases it. */
  reportHealth(agency: string, down: boolean): void {
    const held = this.#isolated.get(agency);
    if (down && !held) this.#isolated.set(agency, this.#policy(agency).isolate());
    if (!down && held) {
      held.dispose();
      this.#isolated.delete(agency);
    }
  }

  /** Wraps a sender: calls go through the agency's circuit; a refused call is AGENCY_UNAVAILABLE at once. */
  wrap(send: AgencySender): AgencySender {
    return async (agency, body, signal, headers) => {
      try {
        return await this.#policy(agency.code).execute(() => send(agency, body, signal, headers));
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          this.onRefused(agency.code);
          throw new AgencyFailure(
            'AGENCY_UNAVAILABLE',
            agency.code,
            `Agency ${agency.code} is unavailable (it failed recently; retried shortly).`,
          );
        }
        throw error;
      }
    };
  }
}
