import { LMS_KINDS, type LmsKind, lmsKindName, parseLmsKind } from '../../../schema/lmsKind.js';
import type { GraphQLAnswer } from './fetch.js';

/** The smoke query: the agency names itself and shows a first page of its catalogue. */
export const SMOKE_QUERY =
  '{ agencies { code name lmsKind } courses(first: 2) { totalCount edges { cursor node { id title } } } }';

/** Reads one course back through `_entities`, the way the gateway resolves references. */
export const ENTITY_QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { id title } } }';

export interface SmokeResult {
  readonly problems: string[];
  readonly agency?: { readonly name: string; readonly lmsKind: LmsKind };
  readonly courseIds: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : `${typeof v} ${JSON.stringify(v)}`;

function checkAgencies(value: unknown, code: string, problems: string[]): SmokeResult['agency'] {
  if (!Array.isArray(value)) {
    problems.push(`smoke query: agencies is ${describe(value)}, expected a list`);
    return undefined;
  }
  const own = value.filter(isObject).find((a) => a.code === code);
  if (!own) {
    const codes = value.filter(isObject).map((a) => String(a.code));
    problems.push(`smoke query: agencies names [${codes.join(', ')}], not the agency being registered ("${code}")`);
    return undefined;
  }
  if (typeof own.name !== 'string' || own.name.length === 0) {
    problems.push(`smoke query: agencies[].name is ${describe(own.name)}, expected a non-empty string`);
  }
  // GraphQL answers the enum's names (MOODLE); `parseLmsKind` turns them into kinds (moodle).
  const lmsKind = parseLmsKind(own.lmsKind);
  if (!lmsKind) {
    const names = LMS_KINDS.map(lmsKindName).join(', ');
    problems.push(`smoke query: agencies[].lmsKind is ${describe(own.lmsKind)}, expected one of ${names}`);
  }
  return typeof own.name === 'string' && lmsKind ? { name: own.name, lmsKind } : undefined;
}

function checkCourses(value: unknown, code: string, problems: string[]): string[] {
  if (!isObject(value)) {
    problems.push(`smoke query: courses is ${describe(value)}, expected a CourseConnection object`);
    return [];
  }
  if (!Number.isInteger(value.totalCount) || (value.totalCount as number) < 0) {
    problems.push(`smoke query: courses.totalCount is ${describe(value.totalCount)}, expected a non-negative Int`);
  }
  if (!Array.isArray(value.edges)) {
    problems.push(`smoke query: courses.edges is ${describe(value.edges)}, expected a list`);
    return [];
  }
  if (value.edges.length > 2) problems.push(`smoke query: courses(first: 2) returned ${value.edges.length} edges`);
  const ids: string[] = [];
  for (const [i, edge] of (value.edges as unknown[]).entries()) {
    const at = `courses.edges[${i}]`;
    if (!isObject(edge) || !isObject(edge.node)) {
      problems.push(`smoke query: ${at} has no node object`);
      continue;
    }
    if (typeof edge.cursor !== 'string' || !edge.cursor) {
      problems.push(`smoke query: ${at}.cursor is ${describe(edge.cursor)}, expected a String`);
    }
    const { id, title } = edge.node;
    if (typeof id !== 'string') problems.push(`smoke query: ${at}.node.id is ${describe(id)}, expected an ID string`);
    else if (!id.startsWith(`${code}:course:`)) {
      problems.push(
        `smoke query: ${at}.node.id "${id}" does not belong to agency "${code}" (expected "${code}:course:<localId>")`,
      );
    } else ids.push(id);
    if (typeof title !== 'string' || !title) {
      problems.push(`smoke query: ${at}.node.title is ${describe(title)}, expected a non-empty String`);
    }
  }
  return ids;
}

/** Checks the smoke answer's shape and ownership by hand: a lying server can serve any JSON. */
export function checkSmokeAnswer(body: GraphQLAnswer, code: string): SmokeResult {
  const problems: string[] = [];
  if (!isObject(body.data)) return { problems: ['smoke query: the answer has no data object'], courseIds: [] };
  const agency = checkAgencies(body.data.agencies, code, problems);
  const courseIds = checkCourses(body.data.courses, code, problems);
  return agency ? { problems, agency, courseIds } : { problems, courseIds };
}

/** Checks that `_entities` gives the course back under the same id. */
export function checkEntityAnswer(body: GraphQLAnswer, id: string): string[] {
  const entities = isObject(body.data) ? body.data._entities : undefined;
  const first = Array.isArray(entities) ? (entities[0] as unknown) : undefined;
  if (!isObject(first) || first.id !== id) {
    return [`reference resolution: _entities for Course "${id}" answered ${describe(first)}, expected the same course`];
  }
  return [];
}
