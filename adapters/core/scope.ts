import { AsyncLocalStorage } from 'node:async_hooks';
import { LmsError } from './errors.js';

/**
 * What one GraphQL request at an agency may still spend, carried to every LMS call it causes without
 * threading parameters through each adapter: the agency subgraph runs its resolvers inside `runInScope`,
 * and the HTTP layer (http.ts) reads `currentScope()` for the abort signal, the caller it queues under
 * and the call budget it charges.
 */
export interface RequestScope {
  /** Aborts when the request's time budget is spent or its client went away. */
  readonly signal: AbortSignal;
  /** Epoch ms after which nothing for this request should start. */
  readonly deadline: number;
  /** Fair-sharing key of the caller (the gateway's `x-convergence-caller`, else the client address). */
  readonly caller: string;
  /** LMS calls this request may still make (`maxLmsCallsPerRequest`). */
  readonly budget: LmsCallBudget;
}

export class LmsCallBudget {
  #used = 0;
  constructor(readonly max: number) {}

  get used(): number {
    return this.#used;
  }

  /** Counts one more upstream call; throws LMS_BUDGET_EXCEEDED past the maximum. */
  charge(): void {
    this.#used++;
    if (this.#used > this.max) {
      throw new LmsError(
        'LMS_BUDGET_EXCEEDED',
        `This request would cost the LMS more than ${this.max} calls; ask for less (fewer nested levels or aliases).`,
      );
    }
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/**
 * Runs work shared by many requests (a catalogue read once for all of them) outside any request's scope:
 * one request ending must not cancel what the others wait for, nor be charged for it.
 */
export function outsideScope<T>(work: () => T): T {
  return storage.exit(work);
}

/** The scope of the request being served, if any (none in CLI tools, kit runs and unit tests). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
