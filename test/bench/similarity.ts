import { performance } from 'node:perf_hooks';
import { createPrng } from '../../adapters/core/sandboxData.js';
import { catalogueFingerprint } from '../../subgraphs/curriculum/catalogueReader.js';
import { CurriculumIndex } from '../../subgraphs/curriculum/curriculumIndex.js';
import { type SimilarityCourse, SimilarityIndex } from '../../subgraphs/insights/similarity/index.js';
import {
  LEXICON_LANGUAGES,
  type LexiconLanguage,
  lexiconEntries,
} from '../../subgraphs/insights/similarity/lexicon.js';
import { evaluationCorpus, pairKey, truePairs } from '../support/similarityCorpus.js';

/*
 * Near-duplicate detection at catalogue scale: `npx tsx test/bench/similarity.ts [--courses=20000]`.
 *
 * A seeded synthetic catalogue: each course is about 2–5 lexicon concepts, written in one of the six UN
 * languages with words from a Zipf-distributed vocabulary of pseudo-words per language (real catalogues
 * have long tails of rare words); about a fifth of the courses are re-published by other agencies,
 * translated or reworded, in groups of two to four; the hand-written evaluation catalogue is planted too.
 * Measured: the full build (analysis, IDF, vectors, candidates, links), clustering, then incremental
 * updates — changed, added and removed courses one at a time — and clustering again; then the curriculum
 * subgraph's refresh (CurriculumIndex, catalogues handed over in memory, no HTTP): the first refresh of
 * every agency, a refresh where one agency changed some courses, and one where nothing changed. Ends by itself;
 * exits non-zero if build plus clustering exceeds the one-minute budget of issue 16.
 */
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const COURSES = Number(flag('courses') ?? 20_000);
const UPDATES = 200;
const BUDGET_MS = 60_000;

const random = createPrng(20_260_301);
const int = (max: number) => Math.floor(random() * max);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const ALPHABETS: Readonly<Record<LexiconLanguage, string>> = {
  en: 'abcdefghiklmnoprstuvw',
  fr: 'abcdeéfghilmnoprstuv',
  es: 'abcdefgilmnñoprstuv',
  ar: 'ابتثجحخدرزسشصطعفقكلمنهوي',
  zh: '',
  ru: 'абвгдежзиклмнопрстуфхцчшы',
};

/** A pseudo-word vocabulary per language, drawn with a Zipf-like bias towards frequent words. */
function vocabulary(language: LexiconLanguage, size: number): string[] {
  return Array.from({ length: size }, () => {
    if (language === 'zh') return String.fromCodePoint(0x4e00 + int(6_000), 0x4e00 + int(6_000));
    const letters = ALPHABETS[language];
    return Array.from({ length: 4 + int(6) }, () => letters[int(letters.length)]).join('');
  });
}
const VOCABULARY = Object.fromEntries(LEXICON_LANGUAGES.map((l) => [l, vocabulary(l, 8_000)])) as Record<
  LexiconLanguage,
  string[]
>;
const zipf = (words: readonly string[]) => words[Math.floor(words.length * random() ** 3)]!;

const CONCEPTS = lexiconEntries();
const AGENCIES = Array.from({ length: 30 }, (_, i) => `agency${i}`);

function write(
  concepts: readonly number[],
  language: LexiconLanguage,
  filler: number,
): { title: string; summary: string } {
  const wordOf = (c: number) => pick(CONCEPTS[c]!.words[language]);
  const join = (words: string[]) => words.join(language === 'zh' ? '' : ' ');
  const title = join([...concepts.slice(0, 3).map(wordOf), zipf(VOCABULARY[language])]);
  const summary = join([...concepts.map(wordOf), ...Array.from({ length: filler }, () => zipf(VOCABULARY[language]))]);
  return { title, summary };
}

function syntheticCatalogue(count: number): SimilarityCourse[] {
  const courses: SimilarityCourse[] = [];
  let id = 0;
  while (courses.length < count) {
    const concepts = Array.from({ length: 2 + int(4) }, () => int(CONCEPTS.length));
    const copies = random() < 0.08 ? 2 + int(3) : 1;
    const sdgs = [1 + int(17)];
    for (let copy = 0; copy < copies && courses.length < count; copy += 1) {
      const language = copy === 0 || random() < 0.6 ? pick(LEXICON_LANGUAGES) : 'en';
      id += 1;
      courses.push({
        id: `${pick(AGENCIES)}:course:s${id}`,
        agency: pick(AGENCIES),
        ...write(concepts, language, 8 + int(14)),
        language,
        sdgs,
        sourceKind: random() < 0.1 ? 'OER' : 'LMS',
      });
    }
  }
  return courses;
}

const ms = (start: number) => performance.now() - start;
const fmt = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const planted = evaluationCorpus();
const catalogue = [...syntheticCatalogue(COURSES - planted.length), ...planted];
const index = new SimilarityIndex();

let start = performance.now();
index.upsert(catalogue);
const buildMs = ms(start);
start = performance.now();
const clusters = index.duplicateClusters();
const clusterMs = ms(start);
const built = index.stats();

// The planted evaluation courses, judged inside the large catalogue: a pair counts as predicted when its
// two courses share a cluster (any synthetic course clustered with a planted one is a false positive).
const plantedIds = new Set(planted.map((c) => c.id));
const truth = truePairs(planted);
let predicted = 0;
let correct = 0;
for (const cluster of clusters) {
  const ids = cluster.courseIds;
  for (const a of ids) {
    for (const b of ids) {
      if (a >= b || !(plantedIds.has(a) || plantedIds.has(b))) continue;
      if (a.split(':')[0] === b.split(':')[0]) continue;
      predicted += 1;
      if (truth.has(pairKey(a, b))) correct += 1;
    }
  }
}

const timings = { changed: [] as number[], added: [] as number[], removed: [] as number[] };
for (let i = 0; i < UPDATES; i += 1) {
  const victim = catalogue[int(catalogue.length)]!;
  start = performance.now();
  index.upsert([{ ...victim, summary: `${victim.summary ?? ''} ${zipf(VOCABULARY.en)}` }]);
  timings.changed.push(ms(start));
}
const added = syntheticCatalogue(UPDATES).map((c, i) => ({ ...c, id: `${c.agency}:course:new${i}` }));
for (const course of added) {
  start = performance.now();
  index.upsert([course]);
  timings.added.push(ms(start));
}
for (const course of added) {
  start = performance.now();
  index.remove([course.id]);
  timings.removed.push(ms(start));
}
start = performance.now();
const after = index.duplicateClusters();
const reclusterMs = ms(start);
const heapMb = process.memoryUsage().heapUsed / 1_048_576;

// The curriculum's periodic refresh over the same catalogue, by agency: what one changed agency costs.
const byAgency = new Map<string, SimilarityCourse[]>();
for (const course of catalogue) byAgency.set(course.agency, [...(byAgency.get(course.agency) ?? []), course]);
const endpoints = [...byAgency.keys()]
  .sort()
  .map((code) => ({ code, name: code, lmsKind: 'custom' as const, url: '' }));
const curriculum = new CurriculumIndex({
  reader: async (agency) => {
    const courses = byAgency.get(agency.code) ?? [];
    return { courses, fingerprint: catalogueFingerprint(courses) };
  },
});
start = performance.now();
const firstRefresh = await curriculum.refresh(endpoints);
const firstRefreshMs = ms(start);
start = performance.now();
curriculum.similarity.duplicateClusters();
const firstClustersMs = ms(start);
start = performance.now();
const idle = await curriculum.refresh(endpoints);
const idleMs = ms(start);
const changedAgency = endpoints[0]!.code;
const own = byAgency.get(changedAgency)!;
const CHANGED = 20;
byAgency.set(changedAgency, [
  ...own.slice(CHANGED + 1),
  ...own.slice(0, CHANGED).map((c) => ({ ...c, summary: `${c.summary ?? ''} ${zipf(VOCABULARY.en)}` })),
  { ...own[0]!, id: `${changedAgency}:course:fresh`, title: `${own[0]!.title} ${zipf(VOCABULARY.en)}` },
]);
start = performance.now();
const oneChanged = await curriculum.refresh(endpoints);
const oneChangedMs = ms(start);
start = performance.now();
const clustersAfterRefresh = curriculum.similarity.duplicateClusters();
const clustersAfterRefreshMs = ms(start);

const row = (name: string, values: number[]) =>
  `  ${name.padEnd(26)} mean ${fmt(values.reduce((a, b) => a + b, 0) / values.length).padStart(9)}   p95 ${fmt(percentile(values, 0.95)).padStart(9)}`;
console.log(
  [
    `near-duplicate detection over ${catalogue.length} courses (${LEXICON_LANGUAGES.length} languages, ${AGENCIES.length} agencies)`,
    `  full build                 ${fmt(buildMs).padStart(9)}   (${built.pairsScored} pairs scored, ${built.links} links ≥ floor)`,
    `  duplicateClusters          ${fmt(clusterMs).padStart(9)}   (${clusters.length} clusters)`,
    `  build + clusters           ${fmt(buildMs + clusterMs).padStart(9)}   budget ${BUDGET_MS / 1000} s: ${buildMs + clusterMs <= BUDGET_MS ? 'within' : 'EXCEEDED'}`,
    `  planted evaluation pairs   precision ${((correct / Math.max(predicted, 1)) * 100).toFixed(1)}%  recall ${((correct / truth.size) * 100).toFixed(1)}%  (${correct}/${predicted} predicted, ${truth.size} true)`,
    `incremental refresh, one course at a time (${UPDATES} each):`,
    row('changed course', timings.changed),
    row('added course', timings.added),
    row('removed course', timings.removed),
    `  duplicateClusters after    ${fmt(reclusterMs).padStart(9)}   (${after.length} clusters; ${index.stats().rebuilds} rebuilds in total)`,
    `  speed-up of one update over a rebuild: ×${(buildMs / (timings.changed.reduce((a, b) => a + b, 0) / UPDATES)).toFixed(0)}`,
    `  heap used ${heapMb.toFixed(0)} MB`,
    `curriculum refresh (CurriculumIndex over ${endpoints.length} agencies, ${curriculum.similarity.size} courses; catalogues in memory):`,
    `  first refresh, every agency ${fmt(firstRefreshMs).padStart(9)}   + duplicateClusters ${fmt(firstClustersMs)}   (${firstRefresh.reindexed.length} agencies indexed)`,
    `  one agency changed          ${fmt(oneChangedMs).padStart(9)}   + duplicateClusters ${fmt(clustersAfterRefreshMs)}   (${oneChanged.reindexed.join(', ')} re-indexed: ${oneChanged.upserted} upserted, ${oneChanged.removed} removed; ${oneChanged.unchanged.length} unchanged; ${clustersAfterRefresh.length} clusters)`,
    `  nothing changed             ${fmt(idleMs).padStart(9)}   (${idle.unchanged.length} fingerprints equal, ${idle.reindexed.length} re-indexed)`,
    `  one changed agency vs the first refresh: ×${(firstRefreshMs / oneChangedMs).toFixed(0)} faster (${fmt(firstRefreshMs + firstClustersMs)} vs ${fmt(oneChangedMs + clustersAfterRefreshMs)} with clusters)`,
  ].join('\n'),
);
if (buildMs + clusterMs > BUDGET_MS) process.exitCode = 1;
