import { randomUUID } from 'node:crypto';
import type { Principal } from '../../schema/principal.js';

/** Whose records the agencies returned during one request (reported by each agency subgraph). */
export class PersonalReadsCollector {
  readonly learners = new Set<string>();
  readonly agencies = new Set<string>();

  add(agency: string, learners: readonly unknown[]): void {
    const ids = learners.filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return;
    this.agencies.add(agency);
    for (const id of ids) this.learners.add(id);
  }
}

/** What every gateway request carries about its caller (the Apollo Server context). */
export interface AuthContext {
  readonly principal: Principal;
  readonly requestId: string;
  /** The gateway's signed assertion of `principal`, for the `x-convergence-assertion` header of every subgraph call. */
  readonly assertion: string;
  readonly personalReads: PersonalReadsCollector;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The client's `x-request-id` when it is a sane token, else a fresh one. */
export const requestIdFrom = (header: string | undefined): string =>
  header && REQUEST_ID.test(header) ? header : randomUUID();
