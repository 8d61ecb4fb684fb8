import {
  aggregateAgency,
  type CourseFacts,
  type CubeCell,
  type CubeDim,
  type EnrolmentFacts,
} from '../store/aggregate.js';
import type { InsightsStore } from '../store/insightsStore.js';
import { type Kpis, kpisOf } from './kpis.js';

export const BREAKDOWNS = ['AGENCY', 'SDG', 'FORMAT', 'LANGUAGE', 'MONTH', 'QUARTER'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

export interface KpiFilter {
  readonly agencies?: readonly string[] | undefined;
  /** Courses serving any of these goals. */
  readonly sdgs?: readonly number[] | undefined;
  readonly enrolledFrom?: Date | undefined;
  readonly enrolledTo?: Date | undefined;
  readonly completedFrom?: Date | undefined;
  readonly completedTo?: Date | undefined;
}

export interface AgencyCoverage {
  readonly agency: string;
  /** When the snapshot the figures come from was taken. */
  readonly asOf: Date;
}

export interface KpiRow {
  readonly key: string;
  readonly kpis: Kpis;
  /** Courses in scope with this key (null for periods: courses have no date). */
  readonly courses: number | null;
}

export interface KpiAnswer {
  readonly kpis: Kpis;
  readonly courses: number;
  /** Goals with at least one course in scope. */
  readonly sdgsCovered: number;
  readonly perAgency: readonly KpiRow[];
  readonly coverage: readonly AgencyCoverage[];
  /** Agencies asked for that have no snapshot yet. */
  readonly missing: readonly string[];
  /** Answered from the cube (true) or by aggregating records on the fly (date windows, SDG crossings). */
  readonly fromCube: boolean;
}

const hasWindow = (f: KpiFilter) => Boolean(f.enrolledFrom || f.enrolledTo || f.completedFrom || f.completedTo);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Answers KPI questions from the latest snapshots: from the cube when it holds the cells (no date window;
 * at most one SDG unless broken down by SDG), else by aggregating the stored records on the fly with the
 * same code that builds the cube, so both paths give the same numbers.
 */
export class KpiEngine {
  constructor(private readonly store: InsightsStore) {}

  /** Agencies in scope that have a snapshot, with its time. */
  async coverage(filter: KpiFilter): Promise<{ covered: AgencyCoverage[]; missing: string[] }> {
    const states = await this.store.states(filter.agencies);
    const covered = states
      .filter((s) => s.lastSuccessAt)
      .map((s) => ({ agency: s.agency, asOf: s.lastSuccessAt as Date }));
    const known = new Set(covered.map((c) => c.agency));
    return { covered, missing: (filter.agencies ?? []).filter((a) => !known.has(a)) };
  }

  async #cells(
    filter: KpiFilter,
    agencies: readonly string[],
    dim: CubeDim,
    period: '*' | 'month' | 'quarter',
  ): Promise<{ cells: CubeCell[]; fromCube: boolean }> {
    const sdgs = filter.sdgs?.length ? filter.sdgs.map(String) : undefined;
    const cubeable = !hasWindow(filter) && (!sdgs || dim === 'sdg' || (sdgs.length === 1 && dim === 'all'));
    if (cubeable) {
      const cubeDim: CubeDim = sdgs && dim === 'all' ? 'sdg' : dim;
      return { cells: await this.store.cells({ agencies, dim: cubeDim, values: sdgs, period }), fromCube: true };
    }
    const facts = await this.store.facts({ ...filter, agencies });
    const wanted = filter.sdgs?.length ? new Set(filter.sdgs) : undefined;
    const cells: CubeCell[] = [];
    for (const agency of agencies) {
      const courses: ReadonlyMap<string, CourseFacts> = facts.courses.get(agency) ?? new Map();
      const inScope = (courseId: string | null) =>
        !wanted || (courseId !== null && (courses.get(courseId)?.sdgs.some((s) => wanted.has(s)) ?? false));
      const enrolments = (facts.enrolments.get(agency) ?? []).filter((e: EnrolmentFacts) => inScope(e.courseId));
      const credentials = (facts.credentials.get(agency) ?? []).filter((c) => inScope(c.courseId));
      for (const cell of aggregateAgency(agency, courses, enrolments, credentials)) {
        if (cell.dim !== dim) continue;
        if (dim === 'sdg' && sdgs && !sdgs.includes(cell.value)) continue;
        const isQuarter = cell.period.includes('Q');
        if (period === '*' ? cell.period !== '*' : cell.period === '*' || isQuarter !== (period === 'quarter'))
          continue;
        cells.push(cell);
      }
    }
    return { cells, fromCube: false };
  }

  async #courseCounts(filter: KpiFilter, agencies: readonly string[]) {
    const wanted = filter.sdgs?.length ? new Set(filter.sdgs) : undefined;
    return (await this.store.courses(agencies)).filter((c) => !wanted || c.sdgs.some((s) => wanted.has(s)));
  }

  async stats(filter: KpiFilter): Promise<KpiAnswer> {
    const { covered, missing } = await this.coverage(filter);
    const agencies = covered.map((c) => c.agency);
    const [{ cells, fromCube }, courses] = await Promise.all([
      this.#cells(filter, agencies, 'all', '*'),
      this.#courseCounts(filter, agencies),
    ]);
    const cellsByAgency = groupBy(cells, (c) => c.agency);
    const coursesByAgency = groupBy(courses, (c) => c.agency);
    const sdgs = new Set(courses.flatMap((c) => c.sdgs).filter((s) => !filter.sdgs?.length || filter.sdgs.includes(s)));
    return {
      kpis: kpisOf(cells),
      courses: courses.length,
      sdgsCovered: sdgs.size,
      perAgency: agencies.map((agency) => ({
        key: agency,
        kpis: kpisOf(cellsByAgency.get(agency) ?? []),
        courses: coursesByAgency.get(agency)?.length ?? 0,
      })),
      coverage: covered,
      missing,
      fromCube,
    };
  }

  async breakdown(
    by: BreakdownBy,
    filter: KpiFilter,
  ): Promise<{ rows: KpiRow[]; coverage: AgencyCoverage[]; missing: string[]; fromCube: boolean }> {
    const { covered, missing } = await this.coverage(filter);
    const agencies = covered.map((c) => c.agency);
    const dim: CubeDim = by === 'SDG' ? 'sdg' : by === 'FORMAT' ? 'format' : by === 'LANGUAGE' ? 'language' : 'all';
    const period = by === 'MONTH' ? 'month' : by === 'QUARTER' ? 'quarter' : '*';
    const [{ cells, fromCube }, courses] = await Promise.all([
      this.#cells(filter, agencies, dim, period),
      this.#courseCounts(filter, agencies),
    ]);
    let rows: KpiRow[];
    if (period !== '*') {
      // A period's share of staff is over every learner in scope, not only those who enrolled in it.
      const { cells: base } = await this.#cells(filter, agencies, 'all', '*');
      const learnerBase = base.reduce((n, c) => n + c.learners, 0);
      rows = [...groupBy(cells, (c) => c.period)].map(([key, group]) => ({
        key,
        kpis: kpisOf(group, learnerBase),
        courses: null,
      }));
    } else {
      const keyOf = by === 'AGENCY' ? (c: CubeCell) => c.agency : (c: CubeCell) => c.value;
      const courseKeys = (c: { agency: string; sdgs: number[]; format: string; language: string | null }) =>
        by === 'AGENCY'
          ? [c.agency]
          : by === 'SDG'
            ? c.sdgs.map(String)
            : by === 'FORMAT'
              ? [c.format]
              : [c.language ?? 'und'];
      const courseCount = new Map<string, number>();
      for (const course of courses) {
        for (const key of courseKeys(course)) courseCount.set(key, (courseCount.get(key) ?? 0) + 1);
      }
      rows = [...groupBy(cells, keyOf)].map(([key, group]) => ({
        key,
        kpis: kpisOf(group),
        courses: courseCount.get(key) ?? 0,
      }));
    }
    const numeric = by === 'SDG';
    rows.sort((a, b) => (numeric ? Number(a.key) - Number(b.key) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { rows, coverage: covered, missing, fromCube };
  }
}
