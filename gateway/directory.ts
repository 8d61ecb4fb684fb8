import type { LmsKind } from '../schema/lmsKind.js';

/** Where one agency's subgraph answers. */
export interface AgencyEndpoint {
  readonly code: string;
  readonly name: string;
  readonly lmsKind: LmsKind;
  readonly url: string;
}

/**
 * The agencies the gateway routes to, replaceable while running (DESIGN.md §2.3): a new directory
 * changes routing for the next request, with no restart and no recomposition, because the schema is the
 * same for every agency.
 */
export class AgencyDirectory {
  #byCode: ReadonlyMap<string, AgencyEndpoint>;

  constructor(endpoints: readonly AgencyEndpoint[] = []) {
    this.#byCode = AgencyDirectory.#index(endpoints);
  }

  static #index(endpoints: readonly AgencyEndpoint[]): ReadonlyMap<string, AgencyEndpoint> {
    const sorted = [...endpoints].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return new Map(sorted.map((e) => [e.code, e]));
  }

  /** Active agencies in code order (the stable order of LIST merges). */
  active(): readonly AgencyEndpoint[] {
    return [...this.#byCode.values()];
  }

  get(code: string): AgencyEndpoint | undefined {
    return this.#byCode.get(code);
  }

  replace(endpoints: readonly AgencyEndpoint[]): void {
    this.#byCode = AgencyDirectory.#index(endpoints);
  }
}
