/**
 * Builds the cube rows of one agency from its harvested records, in one pass: for every enrolment, the
 * cells it counts in (every breakdown value it has × the whole period, its month and its quarter). Counts
 * are additive across agencies; distinct learners are exact per cell (accounts are per agency, so summing
 * cells of different agencies stays exact), which is why cells are stored per period rather than summed
 * from months. The same code aggregates base rows on the fly for queries the cube cannot answer (windows).
 */

export interface CourseFacts {
  readonly sdgs: readonly number[];
  readonly format: string;
  readonly language: string | null;
  readonly durationMinutes: number | null;
}

export interface EnrolmentFacts {
  readonly learnerKey: string;
  readonly courseId: string;
  readonly status: string;
  readonly enrolledAt: Date | null;
  readonly completedAt: Date | null;
}

export interface CredentialFacts {
  readonly courseId: string | null;
  readonly issuedAt: Date | null;
}

/** A recognition recorded in the agency (store/recognitions.ts): counted by the day it was recorded. */
export interface RecognitionFacts {
  /** The local course it counts as (its breakdown values), else null (credit hours: `all` cells only). */
  readonly courseId: string | null;
  readonly hours: number | null;
  readonly recordedAt: Date | null;
}

/** Breakdown dimensions stored in the cube; `all` has the one value `*`. */
export type CubeDim = 'all' | 'sdg' | 'format' | 'language';

/** Days from enrolment to completion, one bucket per day; the last bucket holds a year or more. */
export const HIST_DAYS = 366;

export interface CubeCell {
  readonly agency: string;
  readonly dim: CubeDim;
  readonly value: string;
  /** `*` (every date), `YYYY-MM` or `YYYY-Qn`. */
  readonly period: string;
  enrolments: number;
  /** Enrolments of this period's cohort that are completed now. */
  cohortCompleted: number;
  inProgress: number;
  failed: number;
  withdrawn: number;
  /** Distinct learners enrolled (cohort). */
  learners: number;
  /** Completions dated in this period. */
  completions: number;
  /** Distinct learners with a completion dated in this period. */
  completers: number;
  /** Learning minutes of the completions (course duration). */
  minutes: number;
  credentials: number;
  hist: number[];
  /** Courses with this value (period `*` cells only; courses have no date). */
  courses: number;
  /** Bit n set: a course of this cell serves SDG n (period `*` cells only), for SDG coverage. */
  sdgMask: number;
  /** Recognised learning recorded in this period (issue 14's recognitions) and its credited minutes. */
  recognised: number;
  recognisedMinutes: number;
}

export const UNKNOWN_LANGUAGE = 'und';

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);
export const quarterOf = (d: Date): string => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
const periodsOf = (d: Date | null): string[] => (d ? ['*', monthOf(d), quarterOf(d)] : ['*']);

function dimsOf(course: CourseFacts | undefined): Array<[CubeDim, string]> {
  const dims: Array<[CubeDim, string]> = [['all', '*']];
  if (!course) return dims;
  dims.push(['format', course.format], ['language', course.language ?? UNKNOWN_LANGUAGE]);
  for (const sdg of new Set(course.sdgs)) dims.push(['sdg', String(sdg)]);
  return dims;
}

export const histBucket = (enrolledAt: Date, completedAt: Date): number =>
  Math.min(HIST_DAYS - 1, Math.max(0, Math.floor((completedAt.getTime() - enrolledAt.getTime()) / 86_400_000)));

interface Accumulator {
  cell: CubeCell;
  learners: Set<string>;
  completers: Set<string>;
}

/** The cube cells of one agency (only cells with something in them). */
export function aggregateAgency(
  agency: string,
  courses: ReadonlyMap<string, CourseFacts>,
  enrolments: Iterable<EnrolmentFacts>,
  credentials: Iterable<CredentialFacts>,
  recognitions: Iterable<RecognitionFacts> = [],
): CubeCell[] {
  const cells = new Map<string, Accumulator>();
  const at = (dim: CubeDim, value: string, period: string): Accumulator => {
    const key = `${dim}\u0000${value}\u0000${period}`;
    let acc = cells.get(key);
    if (!acc) {
      acc = {
        cell: {
          agency,
          dim,
          value,
          period,
          enrolments: 0,
          cohortCompleted: 0,
          inProgress: 0,
          failed: 0,
          withdrawn: 0,
          learners: 0,
          completions: 0,
          completers: 0,
          minutes: 0,
          credentials: 0,
          hist: [],
          courses: 0,
          sdgMask: 0,
          recognised: 0,
          recognisedMinutes: 0,
        },
        learners: new Set(),
        completers: new Set(),
      };
      cells.set(key, acc);
    }
    return acc;
  };
  // Every course counts in its `*` cells, enrolled or not: course counts and SDG coverage answer from the cube.
  for (const course of courses.values()) {
    const mask = course.sdgs.reduce((m, sdg) => m | (sdg >= 1 && sdg <= 30 ? 1 << sdg : 0), 0);
    for (const [dim, value] of dimsOf(course)) {
      const cell = at(dim, value, '*').cell;
      cell.courses++;
      cell.sdgMask |= dim === 'sdg' ? 1 << Number(value) : mask;
    }
  }
  for (const e of enrolments) {
    const course = courses.get(e.courseId);
    const dims = dimsOf(course);
    const completed = e.status === 'COMPLETED';
    for (const [dim, value] of dims) {
      for (const period of periodsOf(e.enrolledAt)) {
        const acc = at(dim, value, period);
        const c = acc.cell;
        c.enrolments++;
        acc.learners.add(e.learnerKey);
        if (completed) c.cohortCompleted++;
        else if (e.status === 'FAILED') c.failed++;
        else if (e.status === 'WITHDRAWN') c.withdrawn++;
        else c.inProgress++;
      }
      if (!completed) continue;
      const bucket = e.enrolledAt && e.completedAt ? histBucket(e.enrolledAt, e.completedAt) : -1;
      for (const period of periodsOf(e.completedAt)) {
        const acc = at(dim, value, period);
        const c = acc.cell;
        c.completions++;
        acc.completers.add(e.learnerKey);
        c.minutes += course?.durationMinutes ?? 0;
        if (bucket >= 0) {
          while (c.hist.length <= bucket) c.hist.push(0);
          c.hist[bucket] = (c.hist[bucket] ?? 0) + 1;
        }
      }
    }
  }
  for (const credential of credentials) {
    const course = credential.courseId ? courses.get(credential.courseId) : undefined;
    for (const [dim, value] of dimsOf(course)) {
      for (const period of periodsOf(credential.issuedAt)) at(dim, value, period).cell.credentials++;
    }
  }
  for (const recognition of recognitions) {
    const course = recognition.courseId ? courses.get(recognition.courseId) : undefined;
    for (const [dim, value] of dimsOf(course)) {
      for (const period of periodsOf(recognition.recordedAt)) {
        const cell = at(dim, value, period).cell;
        cell.recognised++;
        cell.recognisedMinutes += (recognition.hours ?? 0) * 60;
      }
    }
  }
  return [...cells.values()].map(({ cell, learners, completers }) => {
    cell.learners = learners.size;
    cell.completers = completers.size;
    return cell;
  });
}

/** Goals set in an SDG bit mask. */
export function sdgsOfMask(mask: number): number[] {
  const sdgs: number[] = [];
  for (let sdg = 1; sdg <= 17; sdg++) if (mask & (1 << sdg)) sdgs.push(sdg);
  return sdgs;
}

/** Adds histograms of different lengths. */
export function addHist(into: number[], hist: readonly number[]): void {
  for (let i = 0; i < hist.length; i++) into[i] = (into[i] ?? 0) + (hist[i] ?? 0);
}

/** The median of a day histogram (the lower median, in whole days); null when it is empty. */
export function histMedian(hist: readonly number[]): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = Math.ceil(total / 2);
  let seen = 0;
  for (let day = 0; day < hist.length; day++) {
    seen += hist[day] ?? 0;
    if (seen >= half) return day;
  }
  return hist.length - 1;
}
