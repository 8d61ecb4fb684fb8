import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../schema/config/secret.js';
import { CourseVisibility } from '../../schema/model/enums.js';
import { type RunningCurriculum, startCurriculum } from '../../subgraphs/curriculum/index.js';
import { startRegistry } from '../../subgraphs/registry/server.js';
import { createRegistryKeyv } from '../../subgraphs/registry/store/backends.js';
import { RegistryStore } from '../../subgraphs/registry/store/registryStore.js';
import { type CorpusAgency, courseRecord, startCorpusAgencies } from '../support/curriculumCatalogues.js';
import { graphql } from '../support/graphql.js';
import { ALLOW_LOOPBACK } from '../support/loopback.js';
import { evaluationCorpus, type LabelledCourse, pairKey, truePairs } from '../support/similarityCorpus.js';

/**
 * The curriculum subgraph over real agency subgraphs (one per agency of the seeded evaluation catalogue:
 * translations, reworded near-duplicates, deliberate non-duplicates), read over HTTP as an anonymous
 * caller: precision and recall of `duplicateClusters` and `Course.similarCourses` as clients see them, SDG
 * coverage, bad input, and the incremental refresh (only a changed agency is re-indexed).
 */
const corpus = evaluationCorpus();
const byId = new Map(corpus.map((c) => [c.id, c]));
const truth = truePairs(corpus);
let agencies: CorpusAgency[];
let curriculum: RunningCurriculum;

beforeAll(async () => {
  agencies = await startCorpusAgencies(corpus, ['unesco']);
  // One INTERNAL course: anonymous readers never see it, so neither does the curriculum.
  const who = agencies.find((a) => a.code === 'who')!;
  const psea = corpus.find((c) => c.agency === 'unicef' && c.group === 'psea')!;
  who.courses.push(courseRecord({ ...psea, id: 'who:course:internal-psea', agency: 'who' }, CourseVisibility.INTERNAL));
  curriculum = await startCurriculum({
    agencies: agencies.map((a) => ({ code: a.code, name: a.code, lmsKind: 'custom', url: a.subgraph.url })),
    refreshIntervalMs: 3_600_000,
  });
});
afterAll(async () => {
  await curriculum?.stop();
  await Promise.all((agencies ?? []).map((a) => a.subgraph.stop()));
});

interface Measure {
  readonly precision: number;
  readonly recall: number;
  readonly truePositives: number;
  readonly predicted: number;
}
const measure = (predicted: ReadonlySet<string>): Measure => {
  const truePositives = [...predicted].filter((p) => truth.has(p)).length;
  return {
    precision: predicted.size === 0 ? 1 : truePositives / predicted.size,
    recall: truePositives / truth.size,
    truePositives,
    predicted: predicted.size,
  };
};
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const row = (name: string, m: Measure) =>
  `  ${name.padEnd(34)} precision ${pct(m.precision).padStart(6)}  recall ${pct(m.recall).padStart(6)}  (${m.truePositives}/${m.predicted} predicted, ${truth.size} true)`;

interface Clusters {
  duplicateClusters: {
    asOf: string | null;
    totalCount: number;
    clusters: {
      id: string;
      courseIds: string[];
      agencies: string[];
      languages: string[];
      sdgs: number[];
      score: number;
      minLink: number;
    }[];
  };
}
const CLUSTERS = `query($filter: DuplicateClusterFilter, $first: Int) {
  duplicateClusters(filter: $filter, first: $first) {
    asOf totalCount clusters { id courseIds agencies languages sdgs score minLink } } }`;

interface Similar {
  _entities: {
    id: string;
    similarCourses: { courseId: string; agency: string; score: number; crossLanguage: boolean }[] | null;
  }[];
}
const SIMILAR = `query($representations: [_Any!]!, $minScore: Float) {
  _entities(representations: $representations) {
    ... on Course { id similarCourses(first: 50, minScore: $minScore) { courseId agency score crossLanguage } } } }`;

const similarOf = async (ids: readonly string[], minScore = 0.55) => {
  const answer = await graphql<Similar>(curriculum.url, SIMILAR, {
    representations: ids.map((id) => ({ __typename: 'Course', id })),
    minScore,
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!._entities;
};

describe('the curriculum subgraph over the seeded evaluation catalogue', () => {
  it('indexes every public course of every agency, and no INTERNAL one', async () => {
    const status = await graphql<{
      curriculumStatus: {
        asOf: string | null;
        courseCount: number;
        agencies: { code: string; courseCount: number; readable: boolean }[];
      };
    }>(curriculum.url, '{ curriculumStatus { asOf courseCount agencies { code courseCount readable } } }');
    expect(status.errors).toBeUndefined();
    expect(status.data?.curriculumStatus.asOf).not.toBeNull();
    expect(status.data?.curriculumStatus.courseCount).toBe(corpus.length);
    expect(status.data?.curriculumStatus.agencies).toHaveLength(agencies.length);
    expect(status.data?.curriculumStatus.agencies.every((a) => a.readable)).toBe(true);
    const [internal] = await similarOf(['who:course:internal-psea']);
    expect(internal?.similarCourses).toBeNull();
  });

  it('reports precision and recall of duplicateClusters and similarCourses, as clients read them', async () => {
    const answer = await graphql<Clusters>(curriculum.url, CLUSTERS, { first: 100 });
    expect(answer.errors).toBeUndefined();
    const clusters = answer.data!.duplicateClusters.clusters;
    expect(answer.data!.duplicateClusters.totalCount).toBe(clusters.length);
    const clustered = new Set<string>();
    for (const cluster of clusters) {
      expect(cluster.agencies.length).toBeGreaterThan(1);
      expect(cluster.score).toBeGreaterThanOrEqual(0.55);
      for (const a of cluster.courseIds) {
        for (const b of cluster.courseIds) {
          if (a < b && byId.get(a)?.agency !== byId.get(b)?.agency) clustered.add(pairKey(a, b));
        }
      }
    }
    const similar = new Set<string>();
    for (const entity of await similarOf(corpus.map((c) => c.id))) {
      for (const s of entity.similarCourses ?? []) similar.add(pairKey(entity.id, s.courseId));
    }
    const crossLanguage = (pairs: Set<string>) =>
      new Set(
        [...pairs].filter((p) => {
          const [a, b] = p.split('|').map((id) => byId.get(id));
          return a?.language !== b?.language;
        }),
      );
    const translations = measure(crossLanguage(clustered));
    const c = measure(clustered);
    const s = measure(similar);
    console.log(
      [
        `curriculum subgraph, ${corpus.length} courses of ${agencies.length} agency subgraphs (${truth.size} true cross-agency duplicate pairs):`,
        row('duplicateClusters (pairs grouped)', c),
        row('Course.similarCourses ≥ 0.55', s),
        `  translations grouped: ${translations.truePositives}/${crossLanguage(truth).size} true cross-language pairs`,
      ].join('\n'),
    );
    expect(c.precision).toBeGreaterThanOrEqual(0.95);
    expect(c.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps deliberate non-duplicates out of every cluster', async () => {
    const answer = await graphql<Clusters>(curriculum.url, CLUSTERS, { first: 100 });
    const clustered = new Set(answer.data!.duplicateClusters.clusters.flatMap((c) => c.courseIds));
    const loners = corpus.filter((c: LabelledCourse) => c.group === null);
    expect(loners.length).toBeGreaterThan(10);
    expect(loners.filter((c) => clustered.has(c.id)).map((c) => c.title)).toEqual([]);
  });

  it('filters clusters by goals, languages and a stricter score', async () => {
    const all = (await graphql<Clusters>(curriculum.url, CLUSTERS, { first: 100 })).data!.duplicateClusters;
    const onHealth = (await graphql<Clusters>(curriculum.url, CLUSTERS, { filter: { sdgs: [3] }, first: 100 })).data!
      .duplicateClusters;
    expect(onHealth.totalCount).toBeGreaterThan(0);
    expect(onHealth.totalCount).toBeLessThan(all.totalCount);
    expect(onHealth.clusters.every((c) => c.sdgs.includes(3))).toBe(true);
    const arabic = (await graphql<Clusters>(curriculum.url, CLUSTERS, { filter: { languages: ['ar'] }, first: 100 }))
      .data!.duplicateClusters;
    expect(arabic.totalCount).toBeGreaterThan(0);
    expect(arabic.clusters.every((c) => c.languages.includes('ar'))).toBe(true);
    const strict = (await graphql<Clusters>(curriculum.url, CLUSTERS, { filter: { minScore: 0.8 }, first: 100 })).data!
      .duplicateClusters;
    expect(strict.clusters.every((c) => c.score >= 0.8)).toBe(true);
    expect(strict.totalCount).toBeLessThanOrEqual(all.totalCount);
    const two = (await graphql<Clusters>(curriculum.url, CLUSTERS, { first: 2 })).data!.duplicateClusters;
    expect(two.clusters).toHaveLength(2);
    expect(two.totalCount).toBe(all.totalCount);
  });

  it('reports SDG coverage per goal, and the goals without a course in a language', async () => {
    const answer = await graphql<{
      sdgCoverage: {
        courseCount: number;
        goals: {
          sdg: number;
          courseCount: number;
          agencies: { agency: string; courseCount: number }[];
          sourceKinds: { sourceKind: string; courseCount: number }[];
          languages: { language: string; courseCount: number }[];
        }[];
        gaps: { language: string; goalsWithoutCourse: number[] }[];
      };
    }>(
      curriculum.url,
      `{ sdgCoverage(language: "ru") { courseCount goals { sdg courseCount agencies { agency courseCount }
          sourceKinds { sourceKind courseCount } languages { language courseCount } } gaps { language goalsWithoutCourse } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const coverage = answer.data!.sdgCoverage;
    expect(coverage.goals.map((g) => g.sdg)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    for (const goal of coverage.goals) {
      const expected = corpus.filter((c) => c.sdgs.includes(goal.sdg));
      expect(goal.courseCount, `goal ${goal.sdg}`).toBe(expected.length);
      expect(goal.agencies.reduce((sum, a) => sum + a.courseCount, 0)).toBe(expected.length);
    }
    // unesco is an OER repository: its courses count as OER.
    const unescoGoal = corpus.find((c) => c.agency === 'unesco')!.sdgs[0]!;
    expect(coverage.goals[unescoGoal - 1]?.sourceKinds.map((k) => k.sourceKind)).toContain('OER');
    const russianGoals = new Set(corpus.filter((c) => c.language === 'ru').flatMap((c) => c.sdgs));
    const missing = Array.from({ length: 17 }, (_, i) => i + 1).filter((g) => !russianGoals.has(g));
    expect(coverage.gaps).toEqual([{ language: 'ru', goalsWithoutCourse: missing }]);
  });

  it('refuses bad input with BAD_USER_INPUT', async () => {
    for (const [query, variables] of [
      [CLUSTERS, { filter: { sdgs: [18] } }],
      [CLUSTERS, { filter: { minScore: 0.2 } }],
      [CLUSTERS, { filter: { languages: ['not a language'] } }],
      [CLUSTERS, { first: 1000 }],
      ['{ sdgCoverage(language: "123") { courseCount } }', {}],
      [SIMILAR, { representations: [{ __typename: 'Course', id: corpus[0]!.id }], minScore: 1.5 }],
    ] as const) {
      const answer = await graphql(curriculum.url, query, variables);
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('incremental refresh', () => {
  it('re-indexes only the agency whose catalogue changed, and only its changed courses', async () => {
    const before = new Map(curriculum.index.agencies().map((a) => [a.code, a]));
    const unchanged = await curriculum.refresh();
    expect(unchanged.reindexed).toEqual([]);
    expect(unchanged.unchanged).toHaveLength(agencies.length);
    // Nothing changed: one probe per agency (count and newest update), no catalogue read.
    expect(unchanged.probedOnly).toHaveLength(agencies.length);

    // ILO rewords one course (its LMS dates the change), publishes a copy of WHO's vaccination course, and
    // withdraws another.
    const ilo = agencies.find((a) => a.code === 'ilo')!;
    const vaccination = corpus.find((c) => c.agency === 'who' && c.group === 'vaccination')!;
    const [first, second] = ilo.courses;
    ilo.courses.splice(0, 2, {
      ...first!,
      title: `${first!.title} (2026 edition)`,
      updatedAt: new Date(Date.UTC(2026, 5, 1)),
    });
    ilo.courses.push(courseRecord({ ...vaccination, id: 'ilo:course:vaccination-copy', agency: 'ilo' }));
    const report = await curriculum.refresh();
    console.log(
      `incremental refresh: ${report.reindexed.length} of ${agencies.length} agencies re-indexed (${report.reindexed.join(', ')}), ` +
        `${report.upserted} courses upserted, ${report.removed} removed, ${report.durationMs} ms`,
    );
    expect(report.reindexed).toEqual(['ilo']);
    expect(report.unchanged).toHaveLength(agencies.length - 1);
    expect(report.probedOnly).toHaveLength(agencies.length - 1);
    expect(report).toMatchObject({ upserted: 2, removed: 1, failed: [], dropped: [] });
    const after = new Map(curriculum.index.agencies().map((a) => [a.code, a]));
    for (const [code, state] of after) {
      expect(state.reindexCount, code).toBe((before.get(code)?.reindexCount ?? 0) + (code === 'ilo' ? 1 : 0));
      if (code !== 'ilo') expect(state.fingerprint).toBe(before.get(code)?.fingerprint);
    }
    expect(after.get('ilo')?.fingerprint).not.toBe(before.get('ilo')?.fingerprint);
    const [copy] = await similarOf([vaccination.id]);
    expect(copy?.similarCourses?.map((s) => s.courseId)).toContain('ilo:course:vaccination-copy');
    const [gone] = await similarOf([`ilo:course:${second!.localId}`]);
    expect(gone?.similarCourses).toBeNull();
  });

  it('keeps an unreadable agency’s courses and drops an agency that left the directory', async () => {
    const unfpa = agencies.find((a) => a.code === 'unfpa')!;
    const count = curriculum.index.similarity.size;
    await unfpa.subgraph.stop();
    const failed = await curriculum.refresh();
    expect(failed.failed.map((f) => f.agency)).toEqual(['unfpa']);
    expect(curriculum.index.similarity.size).toBe(count);
    curriculum.directory.replace(curriculum.directory.active().filter((a) => a.code !== 'unfpa'));
    const dropped = await curriculum.refresh();
    expect(dropped.dropped).toEqual(['unfpa']);
    expect(curriculum.index.similarity.size).toBe(count - unfpa.courses.length);
  });
});

describe('following the registry', () => {
  it('indexes an agency once it is registered and drops it once suspended, within a directory poll', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curriculum-registry-'));
    const token = 'curriculum-test-admin-token';
    const registry = await startRegistry({
      ...ALLOW_LOOPBACK,
      store: new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path: join(dir, 'r.sqlite') })),
      adminToken: new Secret(token),
      health: { intervalMs: 60_000 },
    });
    const following = await startCurriculum({
      registry: { url: registry.url, token, pollIntervalMs: 100 },
      refreshIntervalMs: 3_600_000,
    });
    const admin = (query: string, variables: Record<string, unknown> = {}) =>
      graphql(registry.url, query, variables, { authorization: `Bearer ${token}` });
    const until = async (check: () => boolean) => {
      for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 50))) {
        if (Date.now() - started > 10_000) throw new Error('the curriculum did not follow the registry in time');
      }
    };
    try {
      expect(following.index.similarity.size).toBe(0);
      const iom = agencies.find((a) => a.code === 'iom')!;
      const registered = await admin(
        'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { status } }',
        { input: { code: 'iom', name: 'IOM', lmsKind: 'CUSTOM', subgraphUrl: iom.subgraph.url, contact: 'l@iom.int' } },
      );
      expect(registered.errors).toBeUndefined();
      await until(() => following.index.similarity.size === iom.courses.length);
      expect(following.index.agencies().map((a) => a.code)).toEqual(['iom']);
      await admin('mutation { suspendAgency(code: "iom") { status } }');
      await until(() => following.index.similarity.size === 0);
    } finally {
      await following.stop();
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
