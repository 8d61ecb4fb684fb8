import { badUserInput } from '../../schema/errors.js';
import { type EntityType, parseGlobalId } from '../../schema/globalId.js';
import type { AgencyContext } from './context.js';

/**
 * The local id behind a global id of this agency; null when another agency owns it. A malformed id or one
 * of another type is a BAD_USER_INPUT error.
 */
export function ownLocalId(ctx: AgencyContext, id: string, type: EntityType): string | null {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.type !== type) {
    throw badUserInput(`\`${id}\` is not a ${type} id; ids look like \`<agency>:${type}:<localId>\`.`);
  }
  return parsed.agency === ctx.agency.code ? parsed.localId : null;
}

/** Whether an `agencies` filter lets this agency answer. */
export function agencyIncluded(ctx: AgencyContext, agencies: readonly string[] | undefined | null): boolean {
  return !agencies || agencies.includes(ctx.agency.code);
}
