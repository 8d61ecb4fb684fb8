/**
 * Global ids name their owner: `<agency>:<type>:<localId>` (DESIGN.md §3). The agency code routes a
 * request to the agency subgraph that owns the entity; the local id is the LMS's own key.
 */
export const ENTITY_TYPES = ['course', 'learner', 'enrollment', 'credential'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Agency codes are lowercase slugs. */
export const AGENCY_CODE_PATTERN = /^[a-z][a-z0-9-]{1,15}$/;

export interface GlobalId {
  readonly agency: string;
  readonly type: EntityType;
  readonly localId: string;
}

export function formatGlobalId(agency: string, type: EntityType, localId: string): string {
  return `${agency}:${type}:${localId}`;
}

/** Parses a global id; returns null when it is malformed (callers turn that into BAD_USER_INPUT). */
export function parseGlobalId(id: string): GlobalId | null {
  const first = id.indexOf(':');
  const second = id.indexOf(':', first + 1);
  if (first < 0 || second < 0) return null;
  const agency = id.slice(0, first);
  const type = id.slice(first + 1, second);
  const localId = id.slice(second + 1);
  if (!AGENCY_CODE_PATTERN.test(agency) || localId.length === 0 || localId.length > 200) return null;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) return null;
  return { agency, type: type as EntityType, localId };
}
