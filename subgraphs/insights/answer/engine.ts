import {
  aggregateAgency,
  type CourseFacts,
  type CubeCell,
  type CubeDim,
  type EnrolmentFacts,
  sdgsOfMask,
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
      const all: ReadonlyMap<string, CourseFacts> = facts.courses.get(agency) ?? new Map();
      const courses = wanted ? new Map([...all].filter(([, c]) => c.sdgs.some((s) => wanted.has(s)))) : all;
      const inScope = (courseId: string | null) => !wanted || (courseId !== null && courses.has(courseId));
      const enrolments = (facts.enrolments.get(agency) ?? []).filter((e: EnrolmentFacts) => inScope(e.courseId));
      const credentials = (facts.credentials.get(agency) ?? []).filter((c) => inScope(c.courseId));
      const recognitions = (facts.recognitions.get(agency) ?? []).filter((r) => inScope(r.courseId));
      for (const cell of aggregateAgency(agency, courses, enrolments, credentials, recognitions)) {
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

  async stats(filter: KpiFilter): Promise<KpiAnswer> {
    const { covered, missing } = await this.coverage(filter);
    const agencies = covered.map((c) => c.agency);
    const { cells, fromCube } = await this.#cells(filter, agencies, 'all', '*');
    const cellsByAgency = groupBy(cells, (c) => c.agency);
    const mask = cells.reduce((m, c) => m | c.sdgMask, 0);
    const sdgs = sdgsOfMask(mask).filter((s) => !filter.sdgs?.length || filter.sdgs.includes(s));
    const coursesOf = (group: readonly CubeCell[]) => group.reduce((n, c) => n + c.courses, 0);
    return {
      kpis: kpisOf(cells),
      // One SDG's cells count each course once; several SDGs come aggregated on the fly (`all` cells).
      courses: coursesOf(cells),
      sdgsCovered: sdgs.length,
      perAgency: agencies.map((agency) => ({
        key: agency,
        kpis: kpisOf(cellsByAgency.get(agency) ?? []),
        courses: coursesOf(cellsByAgency.get(agency) ?? []),
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
    const { cells, fromCube } = await this.#cells(filter, agencies, dim, period);
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
      rows = [...groupBy(cells, keyOf)].map(([key, group]) => ({
        key,
        kpis: kpisOf(group),
        courses: group.reduce((n, c) => n + c.courses, 0),
      }));
    }
    const numeric = by === 'SDG';
    rows.sort((a, b) => (numeric ? Number(a.key) - Number(b.key) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { rows, coverage: covered, missing, fromCube };
  }
}
