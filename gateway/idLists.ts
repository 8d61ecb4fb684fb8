import { ID_LISTS_POLL_OPERATION } from '../schema/directoryPolls.js';
import { REGISTRY_ID_LISTS, type RegistryIdList } from '../schema/sharding.js';

/**
 * The public id lists the gateway follows from the registry with its directory (schema/sharding.ts
 * `REGISTRY_ID_LISTS`): e.g. the course ids whose curation is RECOMMENDED. Replaced whole on every
 * successful poll; kept as they were when the registry cannot be read; unknown until the first read.
 */
export class RegistryIdLists {
  #lists: ReadonlyMap<string, ReadonlySet<string>> | null = null;
  /** When the lists were last read (ms since epoch); 0 before the first read. */
  readAt = 0;

  static key = (list: RegistryIdList, value: string) => `${list}:${value}`;

  /** The ids of one list for one value, or undefined when the registry has not been read yet. */
  get(list: RegistryIdList, value: string): ReadonlySet<string> | undefined {
    if (!this.#lists) return undefined;
    return this.#lists.get(RegistryIdLists.key(list, value)) ?? new Set();
  }

  replace(lists: ReadonlyMap<string, readonly string[]>): void {
    this.#lists = new Map([...lists].map(([key, ids]) => [key, new Set(ids)]));
    this.readAt = Date.now();
  }
}

/** The GraphQL query that reads every list for every value in one request (aliased `<list>_<value>`). */
export function idListsQuery(): { readonly query: string; readonly keys: ReadonlyMap<string, string> } {
  const keys = new Map<string, string>();
  const fields: string[] = [];
  for (const [list, { argument, values }] of Object.entries(REGISTRY_ID_LISTS)) {
    for (const value of values) {
      const alias = `${list}_${value}`;
      keys.set(alias, RegistryIdLists.key(list as RegistryIdList, value));
      fields.push(`${alias}: ${list}(${argument}: ${value})`);
    }
  }
  return { query: `query ${ID_LISTS_POLL_OPERATION} { ${fields.join(' ')} }`, keys };
}
