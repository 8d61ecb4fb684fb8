import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../../gateway/directory.js';
import { CursorCodec, queryFingerprint } from '../../../gateway/sharding/cursor.js';
import { planRootFields } from '../../../gateway/sharding/plan.js';
import { operationOf } from '../../support/operations.js';

const directory = new AgencyDirectory(
  ['who', 'ilo', 'fao'].map((code) => ({
    code,
    name: code,
    lmsKind: 'custom' as const,
    url: `http://${code}.invalid/`,
  })),
);
const codec = new CursorCodec('plan-test-secret-0123');

function plan(query: string, variables: Record<string, unknown> = {}) {
  return planRootFields({ directory, codec }, { ...operationOf(query), variables });
}
const targets = (outcome: ReturnType<typeof plan>) =>
  outcome.plans.map((p) => [p.key, p.strategy?.kind ?? null, p.targets.map((t) => t.code)]);
const errors = (outcome: ReturnType<typeof plan>) => outcome.errors.map((e) => [e.path, e.extensions?.code]);

describe('planning root fields', () => {
  it('targets every active agency, an agencies filter, or the owner named by an id', () => {
    const outcome = plan(`{
      all: courses(first: 5) { totalCount }
      some: courses(filter: { agencies: ["who", "fao"] }) { totalCount }
      course(id: "ilo:course:7") { title }
      agencies { code }
      __typename
    }`);
    expect(outcome.errors).toEqual([]);
    expect(targets(outcome)).toEqual([
      ['all', 'CONNECTION', ['fao', 'ilo', 'who']],
      ['some', 'CONNECTION', ['fao', 'who']],
      ['course', 'ROUTE', ['ilo']],
      ['agencies', 'LIST', ['fao', 'ilo', 'who']],
    ]);
  });

  it('validates paging once, at the gateway, and reads a resume key from a valid cursor', () => {
    const args = { orderBy: { field: 'TITLE', direction: 'DESC' } };
    const cursor = codec.encode(['ethics', 'who:course:3'], queryFingerprint('courses', args));
    const outcome = plan(
      'query($after: String) { courses(first: 3, after: $after, orderBy: { field: TITLE, direction: DESC }) { totalCount } }',
      {
        after: cursor,
      },
    );
    const [courses] = outcome.plans;
    expect(courses?.resumes).toBe(true);
    expect(courses?.strategy).toMatchObject({
      kind: 'CONNECTION',
      paging: { first: 3, descending: true, resumeKey: ['ethics', 'who:course:3'] },
    });
  });

  it('leaves out fields it cannot answer, with one coded error each, as values', () => {
    const outcome = plan(`{
      big: courses(first: 500) { totalCount }
      tampered: courses(after: "c1.abc.def.ghi") { totalCount }
      bad: course(id: "not-an-id") { title }
      gone: course(id: "unhcr:course:1") { title }
      unknown: courses(filter: { agencies: ["zzz"] }) { totalCount }
      noId: course { title }
      ok: courses { totalCount }
    }`);
    expect(errors(outcome)).toEqual([
      [['big'], 'BAD_USER_INPUT'],
      [['tampered'], 'INVALID_CURSOR'],
      [['bad'], 'BAD_USER_INPUT'],
      [['gone'], 'NOT_FOUND'],
      [['unknown'], 'BAD_USER_INPUT'],
      [['noId'], 'BAD_USER_INPUT'],
    ]);
    expect(outcome.plans.map((p) => p.key)).toEqual(['ok']);
  });

  it('routes mutations only by id, and sends fields outside the contract to one agency', () => {
    const mutation = plan('mutation { courses { totalCount } }');
    expect(errors(mutation)).toEqual([[['courses'], 'BAD_USER_INPUT']]);
    expect(mutation.plans).toEqual([]);
    expect(targets(plan('{ _service { sdl } }'))).toEqual([['_service', null, ['fao']]]);
  });
});
