import { z } from 'zod';

/** One criterion a curator checks a course against. */
export interface CurationCriterion {
  /** Stable id, lowercase: what `criteriaMet` lists. */
  readonly id: string;
  readonly description: string;
}

/**
 * The default set: JIU/REP/2020/2 recommendation 6 asks for criteria for the judicious use of external
 * platforms and recommendation 3 for quality assurance of 2030-Agenda courses; these are the criteria
 * the review names. A registry config may replace them (`curation.criteria`).
 */
export const DEFAULT_CURATION_CRITERIA: readonly CurationCriterion[] = [
  { id: 'relevance', description: 'Relevant to the mandates and work of the UN system (the 2030 Agenda).' },
  { id: 'quality', description: 'Content quality reviewed: accurate, current, well designed.' },
  { id: 'accessibility', description: 'Accessible to learners with disabilities and on low bandwidth.' },
  { id: 'language-availability', description: 'Available in the languages the learners need (UN official languages).' },
  { id: 'cost', description: 'Cost justified: free, or priced reasonably for what it offers.' },
  { id: 'learning-objectives', description: 'Learning objectives are stated.' },
];

export const curationCriteriaSchema = z
  .array(
    z
      .object({
        id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase slug, e.g. "quality"'),
        description: z.string().min(1),
      })
      .strict(),
  )
  .min(1)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'criterion ids must be unique')
  .default([...DEFAULT_CURATION_CRITERIA]);
