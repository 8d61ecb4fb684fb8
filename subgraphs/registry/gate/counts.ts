import type { GraphQLAnswer } from './fetch.js';

/**
 * The count check: the candidate's own verdict on whether learningStats counts every enrolment its
 * courses list (`Agency.enrollmentCountCheck`). Totals and a verdict only, so it needs no access to
 * personal data: it works anonymously, like the rest of the gate.
 */
export const COUNTS_QUERY =
  '{ agencies { code enrollmentCountCheck { checked agree reason courseCount statisticsCount courseListsCount } } }';

export interface CountsResult {
  /** Reasons to refuse: the counts were made and disagree. */
  readonly problems: string[];
  /** The check could not be made (an LMS without the capabilities, a large catalogue, a failure). */
  readonly warnings: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Refuses only a definite disagreement: statistics that count fewer (or more) enrolments than the
 * courses list lose records the way issue 13 found (hidden courses, suspended or ended enrolments).
 * Anything else — not checked, an error, an answer of the wrong shape — is a warning.
 */
export function checkCountsAnswer(body: GraphQLAnswer, code: string): CountsResult {
  const agencies = isObject(body.data) ? body.data.agencies : undefined;
  const own = Array.isArray(agencies) ? agencies.filter(isObject).find((a) => a.code === code) : undefined;
  const answer = own?.enrollmentCountCheck;
  if (!isObject(answer) || typeof answer.checked !== 'boolean') {
    return { problems: [], warnings: ['counts not checked: the subgraph gave no enrollmentCountCheck'] };
  }
  if (!answer.checked) {
    const reason = typeof answer.reason === 'string' ? answer.reason.slice(0, 200) : 'no reason given';
    return { problems: [], warnings: [`counts not checked: ${reason}`] };
  }
  if (answer.agree === true) return { problems: [], warnings: [] };
  const counted = typeof answer.statisticsCount === 'number' ? String(answer.statisticsCount) : 'a different number of';
  const listed = typeof answer.courseListsCount === 'number' ? String(answer.courseListsCount) : 'another number of';
  return {
    problems: [
      `counts: learningStats counts ${counted} enrolments but the courses' own lists hold ${listed}: the statistics lose or invent enrolments (hidden courses? suspended or ended enrolments?)`,
    ],
    warnings: [],
  };
}
