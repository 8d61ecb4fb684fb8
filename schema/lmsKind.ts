import { LMS_KINDS } from './lmsKinds.generated.js';

export { LMS_KINDS };

/**
 * The family of system behind an agency subgraph, spelled one way everywhere in code and config:
 * `moodle`, `cornerstone`, `successfactors`, ... and `custom` for home-grown adapters. The list is derived
 * from the registry of kinds (adapters/kinds.ts) by `npm run schema:print`; a drift test keeps it equal.
 * GraphQL shows each kind as its enum value (`MOODLE`), the only other spelling, made by `lmsKindName`.
 */
export type LmsKind = (typeof LMS_KINDS)[number];

/** The kind of every adapter loaded from a module named in an agency's config (a home-grown LMS). */
export const HOME_GROWN_KIND = 'custom' satisfies LmsKind;

export const isLmsKind = (value: unknown): value is LmsKind =>
  typeof value === 'string' && (LMS_KINDS as readonly string[]).includes(value);

/** The GraphQL enum value of a kind: `moodle` → `MOODLE`. */
export const lmsKindName = (kind: LmsKind): Uppercase<LmsKind> => kind.toUpperCase() as Uppercase<LmsKind>;

/** A kind from either spelling (`moodle` or the GraphQL `MOODLE`); undefined when it is none. */
export function parseLmsKind(value: unknown): LmsKind | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return isLmsKind(lower) ? lower : undefined;
}
