import type { SimulatorFault, SimulatorStats } from '../../adapters/core/simulator.js';

export interface GraphQLErrorShape {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

export interface GraphQLResult<T> {
  readonly data?: T | null;
  readonly errors?: readonly GraphQLErrorShape[];
  readonly extensions?: Record<string, unknown>;
}

/** POSTs one GraphQL operation; a real HTTP call, as a client would make it. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

/** Drives a simulator running in another process through its `/__sim/` control endpoints. */
export const simulatorControl = (baseUrl: string) => ({
  async stats(): Promise<SimulatorStats> {
    return (await (await fetch(`${baseUrl}/__sim/stats`)).json()) as SimulatorStats;
  },
  async fault(fault: SimulatorFault): Promise<void> {
    await fetch(`${baseUrl}/__sim/fault`, { method: 'POST', body: JSON.stringify(fault) });
  },
  async reset(): Promise<void> {
    await fetch(`${baseUrl}/__sim/reset`, { method: 'POST' });
  },
});

/** Codes of the errors of a result, for compact assertions. */
export const errorCodes = (result: GraphQLResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);
