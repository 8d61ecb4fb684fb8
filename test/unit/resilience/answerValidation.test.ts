import { describe, expect, it } from 'vitest';
import { validateAnswer } from '../../../gateway/sharding/answerValidation.js';
import { tagError } from '../../../gateway/sharding/fanout.js';

const COURSES = {
  query:
    'query { courses(first: 5) { totalCount edges { node { id title } } } stats: liveLearningStats { courseCount } }',
  variables: {},
};
const course = (id: string) => ({ node: { id, title: `t ${id}` } });
const answer = (data: Record<string, unknown>) => ({ data, errors: [] });

describe('validateAnswer', () => {
  it('passes an honest answer through unchanged', () => {
    const honest = answer({ courses: { totalCount: 1, edges: [course('who:course:1')] }, stats: { courseCount: 3 } });
    const checked = validateAnswer('who', COURSES, honest);
    expect(checked.data).toEqual(honest.data);
    expect(checked.errors).toEqual([]);
  });

  it("drops items under another agency's ids, naming the agency", () => {
    const spoofing = answer({
      courses: { totalCount: 2, edges: [course('fao:course:1'), course('who:course:2')] },
      stats: { courseCount: 3 },
    });
    const checked = validateAnswer('fao', COURSES, spoofing);
    expect((checked.data?.courses as { edges: unknown[] } | undefined)?.edges).toEqual([course('fao:course:1')]);
    expect(checked.errors.map((e) => [e.extensions?.code, e.extensions?.agency, e.path])).toEqual([
      ['AGENCY_BAD_RESPONSE', 'fao', ['courses']],
    ]);
  });

  it('nulls only the root field with a mistyped or missing value, with an error naming the field', () => {
    const mistyped = answer({ courses: { totalCount: 'many', edges: [] }, stats: { courseCount: 3 } });
    const checked = validateAnswer('who', COURSES, mistyped);
    expect(checked.data).toEqual({ courses: null, stats: { courseCount: 3 } });
    expect(checked.errors[0]?.message).toMatch(/courses\.totalCount is not of type Int/);
    const missing = validateAnswer('who', COURSES, answer({ courses: { totalCount: 1, edges: [] } }));
    expect(missing.data?.stats).toBeNull();
    expect(missing.errors.map((e) => e.message)).toEqual([expect.stringMatching(/who.*stats is missing/)]);
    const noTitle = validateAnswer(
      'who',
      COURSES,
      answer({ courses: { totalCount: 1, edges: [{ node: { id: 'who:course:1' } }] }, stats: { courseCount: 1 } }),
    );
    expect(noTitle.errors[0]?.message).toMatch(/courses\.edges\[0\]\.node\.title is missing/);
  });
});

describe('tagError', () => {
  it("never forwards an agency's message; keeps its code in extensions.agencyCode", () => {
    const leaky = {
      message: `Error: connect ECONNREFUSED 10.0.0.7:5432\n    at TCPConnectWrap (node:net:1) https://lms.example/?wstoken=s3cret ${'x'.repeat(10_000)}`,
      path: ['courses'],
      extensions: {
        code: 'LMS_UNAVAILABLE',
        stacktrace: ['at x'],
        lms: { kind: 'MOODLE', retryable: true, url: 'http://10.0.0.7' },
      },
    };
    const tagged = tagError(leaky, 'who', ['courses']);
    expect(tagged.message).toBe('Agency who (or its learning system) is unavailable.');
    expect(tagged.extensions).toEqual({
      code: 'AGENCY_UNAVAILABLE',
      agency: 'who',
      agencyCode: 'LMS_UNAVAILABLE',
      lms: { kind: 'MOODLE', agency: 'who', retryable: true, code: 'LMS_UNAVAILABLE' },
    });
    const unknown = tagError(
      { message: 'boom at /srv/app.js:1', extensions: { code: 'WHATEVER_I_SAY' } },
      'who',
      undefined,
    );
    expect(unknown.message).not.toContain('boom');
    expect(unknown.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
