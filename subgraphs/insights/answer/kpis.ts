import { addHist, type CubeCell, histMedian } from '../store/aggregate.js';

/**
 * The KPIs of a set of cube cells (README "Learning KPIs" gives each formula). Rates are ratios of sums,
 * never averages of rates; the median comes from the summed day histograms.
 */
export interface Kpis {
  enrolments: number | null;
  completions: number | null;
  /** Completed enrolments of the cohort / enrolments of the cohort. */
  completionRate: number | null;
  medianDaysToCompletion: number | null;
  learningHoursCompleted: number | null;
  learners: number | null;
  learnersWithCompletion: number | null;
  /** learnersWithCompletion / learners. */
  staffCompletionShare: number | null;
  inProgress: number | null;
  failed: number | null;
  withdrawn: number | null;
  credentialsIssued: number | null;
  /** Recognitions of external learning recorded in the agencies (issue 14). */
  recognisedCount: number | null;
  /** Σ hours credited by those recognitions (those that state hours). */
  recognisedHours: number | null;
}

/** Sums cells; `learnerBase` (the learners of the same scope over every date) is the share's denominator. */
export function kpisOf(cells: readonly CubeCell[], learnerBase?: number): Kpis {
  let enrolments = 0;
  let cohortCompleted = 0;
  let completions = 0;
  let minutes = 0;
  let learners = 0;
  let completers = 0;
  let inProgress = 0;
  let failed = 0;
  let withdrawn = 0;
  let credentials = 0;
  let recognised = 0;
  let recognisedMinutes = 0;
  const hist: number[] = [];
  for (const c of cells) {
    enrolments += c.enrolments;
    cohortCompleted += c.cohortCompleted;
    completions += c.completions;
    minutes += c.minutes;
    learners += c.learners;
    completers += c.completers;
    inProgress += c.inProgress;
    failed += c.failed;
    withdrawn += c.withdrawn;
    credentials += c.credentials;
    recognised += c.recognised;
    recognisedMinutes += c.recognisedMinutes;
    addHist(hist, c.hist);
  }
  const base = learnerBase ?? learners;
  return {
    enrolments,
    completions,
    completionRate: enrolments > 0 ? cohortCompleted / enrolments : null,
    medianDaysToCompletion: histMedian(hist),
    learningHoursCompleted: Math.round((minutes / 60) * 10) / 10,
    learners,
    learnersWithCompletion: completers,
    staffCompletionShare: base > 0 ? completers / base : null,
    inProgress,
    failed,
    withdrawn,
    credentialsIssued: credentials,
    recognisedCount: recognised,
    recognisedHours: Math.round((recognisedMinutes / 60) * 10) / 10,
  };
}

/** Person counts under the threshold are withheld, with every figure computed from them (disclosure.ts). */
export function suppressKpis(kpis: Kpis, threshold: number): { kpis: Kpis; suppressed: string[] } {
  const small = (n: number | null) => n !== null && n < threshold;
  const out: Kpis = { ...kpis };
  const suppressed: string[] = [];
  const withhold = (field: keyof Kpis) => {
    if (out[field] === null) return;
    out[field] = null;
    suppressed.push(field);
  };
  for (const field of [
    'enrolments',
    'completions',
    'learners',
    'learnersWithCompletion',
    'inProgress',
    'failed',
    'withdrawn',
    'credentialsIssued',
    'recognisedCount',
  ] as const) {
    if (small(kpis[field])) withhold(field);
  }
  // Hours of a few recognitions are about as telling as their count.
  if (small(kpis.recognisedCount)) withhold('recognisedHours');
  if (small(kpis.enrolments)) withhold('completionRate');
  if (small(kpis.completions)) {
    // The rate's numerator (completed enrolments of the cohort) is about as small as the completions.
    withhold('completionRate');
    withhold('medianDaysToCompletion');
    withhold('learningHoursCompleted');
  }
  if (small(kpis.learners) || small(kpis.learnersWithCompletion)) withhold('staffCompletionShare');
  return { kpis: out, suppressed };
}
