import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { graphql } from '../support/graphql.js';

/**
 * The curriculum end to end, through the gateway (real processes: registry, an OER repository over the
 * OAI-PMH simulator and a LinkedIn Learning style catalogue over the platform simulator with their agency
 * subgraphs, the curriculum reading the registry's directory and both catalogues, and the gateway routing
 * `duplicateClusters`, `sdgCoverage` and `Course.similarCourses` to it like the registry's fields).
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ gatewayPort: 0, agencies: ['sdg-oer', 'linkedin'] });
});
afterAll(async () => {
  await sandbox?.stop();
});

const ask = <T>(query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(sandbox.gateway.url, query, variables);

interface ClusterAnswer {
  duplicateClusters: {
    asOf: string | null;
    totalCount: number;
    clusters: {
      courseIds: string[];
      agencies: string[];
      languages: string[];
      sdgs: number[];
      score: number;
      courses: ({ id: string; title: string; sourceKind: string; agency: { code: string } } | null)[];
    }[];
  };
}
const CLUSTERS = `query($filter: DuplicateClusterFilter) {
  duplicateClusters(filter: $filter, first: 50) {
    asOf totalCount
    clusters { courseIds agencies languages sdgs score courses { id title sourceKind agency { code } } } } }`;

describe('the curriculum through the gateway', () => {
  it('groups the OER repository’s and the platform’s courses on the same content, courses resolved by the agencies', async () => {
    const answer = await ask<ClusterAnswer>(CLUSTERS);
    expect(answer.errors).toBeUndefined();
    const { asOf, totalCount, clusters } = answer.data!.duplicateClusters;
    expect(asOf).not.toBeNull();
    expect(totalCount).toBeGreaterThan(0);
    for (const cluster of clusters) {
      expect(cluster.score).toBeGreaterThanOrEqual(0.55);
      expect(cluster.agencies).toEqual(['linkedin', 'sdg-oer']);
      expect(cluster.courses.map((c) => c?.id)).toEqual(cluster.courseIds);
      // Title and source kind come from the agencies (the learning subgraph), the group from the curriculum.
      for (const course of cluster.courses) {
        expect(course?.title).toBeTruthy();
        expect(course?.sourceKind).toBe(course?.agency.code === 'linkedin' ? 'EXTERNAL' : 'OER');
      }
    }
    // The repository holds each topic in six languages: translations join the platform's English course.
    expect(clusters.some((c) => c.languages.length > 2)).toBe(true);

    const goal = clusters[0]!.sdgs[0]!;
    const onGoal = await ask<ClusterAnswer>(CLUSTERS, { filter: { sdgs: [goal] } });
    expect(onGoal.data!.duplicateClusters.clusters.every((c) => c.sdgs.includes(goal))).toBe(true);
  });

  it('answers Course.similarCourses beside the agency’s own fields, on one course and on a page of them', async () => {
    const clusters = (await ask<ClusterAnswer>(CLUSTERS)).data!.duplicateClusters.clusters;
    const [first, ...others] = clusters[0]!.courseIds;
    const one = await ask<{
      course: {
        title: string;
        similarCourses: { score: number; crossLanguage: boolean; course: { id: string; title: string } | null }[];
      };
    }>(
      `query($id: ID!) { course(id: $id) { title similarCourses(first: 20, minScore: 0.55) {
          score crossLanguage course { id title } } } }`,
      { id: first },
    );
    expect(one.errors).toBeUndefined();
    const similar = one.data!.course.similarCourses;
    expect(similar.map((s) => s.course?.id)).toEqual(expect.arrayContaining(others));
    expect(similar.every((s) => s.score >= 0.55 && s.course?.title)).toBe(true);

    const page = await ask<{
      courses: { edges: { node: { id: string; similarCourses: { score: number }[] | null } }[] };
    }>(
      '{ courses(first: 10, filter: { agencies: ["linkedin"] }) { edges { node { id similarCourses(first: 3) { score } } } } }',
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.courses.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => Array.isArray(n.similarCourses))).toBe(true);
    expect(nodes.some((n) => (n.similarCourses?.length ?? 0) > 0)).toBe(true);
  });

  it('reports SDG coverage per goal by agency, source kind and language, and the goals missing in a language', async () => {
    const answer = await ask<{
      sdgCoverage: {
        courseCount: number;
        goals: {
          sdg: number;
          courseCount: number;
          agencies: { agency: string }[];
          sourceKinds: { sourceKind: string }[];
          languages: { language: string }[];
        }[];
        gaps: { language: string; goalsWithoutCourse: number[] }[];
      };
      courses: { totalCount: number };
    }>(
      `{ sdgCoverage(language: "ar") { courseCount goals { sdg courseCount agencies { agency } sourceKinds { sourceKind } languages { language } }
           gaps { language goalsWithoutCourse } }
         courses { totalCount } }`,
    );
    expect(answer.errors).toBeUndefined();
    const coverage = answer.data!.sdgCoverage;
    // Every public course of both agencies is in the index.
    expect(coverage.courseCount).toBe(answer.data!.courses.totalCount);
    expect(coverage.goals).toHaveLength(17);
    const covered = coverage.goals.filter((g) => g.courseCount > 0);
    expect(covered.length).toBeGreaterThan(0);
    expect(new Set(covered.flatMap((g) => g.agencies.map((a) => a.agency)))).toEqual(new Set(['linkedin', 'sdg-oer']));
    expect(new Set(covered.flatMap((g) => g.sourceKinds.map((k) => k.sourceKind)))).toEqual(
      new Set(['OER', 'EXTERNAL']),
    );
    const [gap] = coverage.gaps;
    expect(gap?.language).toBe('ar');
    for (const goal of coverage.goals) {
      const inArabic = goal.languages.some((l) => l.language === 'ar');
      expect(gap?.goalsWithoutCourse.includes(goal.sdg), `goal ${goal.sdg}`).toBe(!inArabic);
    }
    expect(gap?.goalsWithoutCourse.length).toBeLessThan(17);
  });

  it('passes the curriculum’s coded refusals through', async () => {
    const answer = await ask(CLUSTERS, { filter: { sdgs: [0] } });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves the agencies’ answers whole when the curriculum is down', async () => {
    await sandbox.curriculum.stop();
    const answer = await ask<{ courses: { totalCount: number }; sdgCoverage: unknown }>(
      '{ courses(first: 1) { totalCount } sdgCoverage { courseCount } }',
    );
    expect(answer.data?.courses.totalCount).toBeGreaterThan(0);
    expect(answer.data?.sdgCoverage).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.errors)).not.toMatch(/at .*\.ts:\d+/);
  });
});
