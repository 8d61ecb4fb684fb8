import { matchesCourseQuery } from '../../adapters/core/query.js';
import type { CourseQuery, CourseRecord } from '../../adapters/core/records.js';
import { badUserInput } from '../../schema/errors.js';
import { LICENCE_FILTER_HELP, licenceMatches, parseLicenceFilter } from '../../schema/licence.js';
import type { CourseFilter } from '../../schema/model/inputs.js';
import type { AgencyContext } from './context.js';
import { ownLocalId } from './ids.js';

/**
 * The catalogue rows a course filter selects in this agency. Everything but `curation` is answered here
 * (pushed down): `sourceKinds` against this source's family, `ids` as an allow-list of this agency's
 * courses (read by batch, not by listing the catalogue), `licence` against each course's licence, and the
 * rest by the adapter. `curation` lives in the registry: the gateway turns it into `ids` before agencies
 * see the query (schema/sharding.ts), so an agency that receives it was called some other way.
 */
export async function selectCourses(ctx: AgencyContext, filter: CourseFilter | undefined): Promise<CourseRecord[]> {
  if (filter?.curation != null) {
    throw badUserInput(
      '`filter.curation` is answered by the gateway (from the registry), on `courses` and `Agency.courses`; agencies cannot answer it.',
    );
  }
  const licence = filter?.licence != null ? parseLicenceFilter(filter.licence) : undefined;
  if (licence === null) throw badUserInput(LICENCE_FILTER_HELP);
  if (filter?.sourceKinds?.length && !filter.sourceKinds.includes(ctx.adapter.category)) return [];
  const query: CourseQuery = {
    ...(filter?.text ? { text: filter.text } : {}),
    ...(filter?.sdgs ? { sdgs: filter.sdgs } : {}),
    ...(filter?.languages ? { languages: filter.languages } : {}),
    ...(filter?.updatedSince ? { updatedSince: filter.updatedSince } : {}),
  };
  let records: readonly CourseRecord[];
  if (filter?.ids) {
    const own = [...new Set(filter.ids.map((id) => ownLocalId(ctx, id, 'course')))].filter((id) => id !== null);
    if (own.length === 0) return [];
    const found = await ctx.adapter.getCourses(own);
    records = found.filter((r): r is CourseRecord => r !== null && matchesCourseQuery(r, query));
  } else {
    records = await ctx.adapter.listCourses(query);
  }
  return licence ? records.filter((r) => licenceMatches(r.licence, licence)) : [...records];
}
