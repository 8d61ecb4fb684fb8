import type { CourseRecord } from '../../adapters/core/records.js';
import { CourseFormat, CourseVisibility, type SourceKind } from '../../schema/model/enums.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from './memoryAdapter.js';
import type { LabelledCourse } from './similarityCorpus.js';

/** A course of the evaluation corpus as an agency's catalogue row. */
export function courseRecord(course: LabelledCourse, visibility = CourseVisibility.PUBLIC): CourseRecord {
  const localId = course.id.slice(`${course.agency}:course:`.length);
  return {
    localId,
    sourceId: localId,
    title: course.title,
    summary: course.summary,
    language: course.language,
    sdgs: course.sdgs,
    topics: [],
    format: CourseFormat.SELF_PACED,
    durationMinutes: 60,
    url: null,
    startsAt: null,
    endsAt: null,
    updatedAt: new Date(Date.UTC(2026, 0, 1)),
    visibility,
  };
}

export interface CorpusAgency {
  readonly code: string;
  /** The catalogue the agency's memory adapter serves: change it in place to change the catalogue. */
  readonly courses: CourseRecord[];
  readonly subgraph: RunningAgencySubgraph;
}

/**
 * One real agency subgraph (in process, on loopback) per agency of a corpus, each over a memory adapter
 * holding that agency's courses. Agencies named in `oer` are OER repositories (source kind OER).
 */
export async function startCorpusAgencies(
  corpus: readonly LabelledCourse[],
  oer: readonly string[] = [],
): Promise<CorpusAgency[]> {
  const byAgency = new Map<string, CourseRecord[]>();
  for (const course of corpus)
    byAgency.set(course.agency, [...(byAgency.get(course.agency) ?? []), courseRecord(course)]);
  return Promise.all(
    [...byAgency].map(async ([code, courses]) => {
      const category: SourceKind = oer.includes(code) ? 'OER' : 'LMS';
      const adapter = createMemoryAdapter({ courses, learners: [], enrollments: [], credentials: [] }, category);
      const subgraph = await startAgencySubgraph({
        agency: { code, name: code.toUpperCase(), lmsKind: 'custom' },
        adapter,
        // The tests change these catalogues in place and expect the next refresh to see it at once (an
        // LMS adapter's own cache delays a change by minutes anyway).
        catalogueCacheMs: 0,
      });
      return { code, courses, subgraph };
    }),
  );
}
