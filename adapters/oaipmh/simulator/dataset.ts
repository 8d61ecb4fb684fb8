import { createPrng } from '../../core/sandboxData.js';
import { OER_LANGUAGES, OER_TOPICS, type OerLanguage, SDG_SUBJECT } from './topics.js';

/** One item of the simulated repository, independent of the metadata format it is disseminated in. */
export interface SimRecord {
  readonly identifier: string;
  /** Last change (or deletion), epoch ms. */
  readonly datestamp: number;
  readonly deleted: boolean;
  readonly sets: readonly string[];
  readonly language: string;
  readonly title: string;
  readonly description: string;
  /** dc:subject / LOM keywords, SDG subjects included, as the repository writes them. */
  readonly subjects: readonly string[];
  /** The goal numbers, also disseminated as LOM classification taxons with UN SDG IRIs. */
  readonly sdgs: readonly number[];
  /** As written in dc:rights: a URI or words. */
  readonly rights: string;
  readonly url: string;
  readonly durationMinutes: number | null;
  readonly type: string;
}

export interface OerDataset {
  readonly repositoryName: string;
  readonly records: readonly SimRecord[];
}

export const OAI_IDENTIFIER_PREFIX = 'oai:oer.sandbox.unssc.org:';
/** Everything in the seeded data happens after this instant; simulated edits use the simulator clock. */
export const DATASET_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Licence statements in the forms repositories use (URIs with deed/legalcode suffixes, words, IGO ports). */
const RIGHTS = [
  'https://creativecommons.org/licenses/by/4.0/',
  'http://creativecommons.org/licenses/by-sa/4.0/deed.fr',
  'CC BY-NC-SA 4.0',
  'https://creativecommons.org/licenses/by-nc/4.0/legalcode',
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'Creative Commons Attribution-ShareAlike 3.0 IGO',
  'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/',
] as const;

/** The SDG subject in one of the notations seen in repositories, chosen by the PRNG. */
function sdgSubject(goal: number, language: OerLanguage, roll: number): string {
  if (roll < 0.5) return SDG_SUBJECT[language](goal);
  if (roll < 0.75) return `http://metadata.un.org/sdg/${goal}`;
  const name = OER_TOPICS.find((t) => t.sdg === goal)?.keyword.en ?? 'partnerships for the goals';
  return language === 'en' ? `Goal ${goal}: ${name}` : `SDG ${goal}`;
}

/**
 * A deterministic repository: by default every topic in every language (48 items), each with a CC
 * licence, one or two SDG subjects and a topic keyword; datestamps a few hours apart from DATASET_EPOCH.
 * Larger counts repeat the topics as numbered parts.
 */
export function generateOerDataset(seed = 1, count = OER_TOPICS.length * OER_LANGUAGES.length): OerDataset {
  const next = createPrng(seed);
  const records: SimRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const topic = OER_TOPICS[Math.floor(i / OER_LANGUAGES.length) % OER_TOPICS.length]!;
    const language = OER_LANGUAGES[i % OER_LANGUAGES.length]!;
    const part = Math.floor(i / (OER_TOPICS.length * OER_LANGUAGES.length));
    const extraGoal = next() < 0.3 ? 17 : null;
    const sdgs = extraGoal ? [topic.sdg, extraGoal] : [topic.sdg];
    records.push({
      identifier: `${OAI_IDENTIFIER_PREFIX}${1000 + i}`,
      datestamp: DATASET_EPOCH + i * 3_600_000 + Math.floor(next() * 3_000_000),
      deleted: false,
      sets: ['sdg', ...sdgs.map((g) => `sdg:${g}`)],
      language,
      title: part === 0 ? topic.title[language] : `${topic.title[language]} (${part + 1})`,
      description: topic.description[language],
      subjects: [...sdgs.map((g) => sdgSubject(g, language, next())), topic.keyword[language]],
      sdgs,
      rights: RIGHTS[Math.floor(next() * RIGHTS.length)]!,
      url: `https://oer.sandbox.unssc.org/resources/${1000 + i}`,
      durationMinutes: next() < 0.2 ? null : 30 * (1 + Math.floor(next() * 8)),
      type: next() < 0.25 ? 'MovingImage' : 'Course',
    });
  }
  records.sort((a, b) => a.datestamp - b.datestamp || a.identifier.localeCompare(b.identifier));
  return { repositoryName: `Convergence OER sandbox (seed ${seed})`, records };
}
