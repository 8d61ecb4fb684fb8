import type { DuplicateCluster, SimilarityCourse } from './types.js';

/** Undirected weighted links between courses: id → (id → score). Pairs not linked score below the floor. */
export type LinkGraph = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface ClusterRules {
  /** Average similarity two groups need to merge, and the least a single link must have to start one. */
  readonly threshold: number;
  /** Pairs of one agency are never compared (cross-agency detection): they do not count in averages. */
  readonly crossAgencyOnly: boolean;
}

/**
 * Groups of likely duplicates by average linkage over the links: links at or above the threshold are
 * taken strongest first, and each merges its two groups only if the average similarity over all pairs
 * between them (unlinked pairs count 0) still reaches the threshold. Plain connected components would
 * chain A≈B≈C into one group although A and C differ; average linkage keeps a group about one content.
 */
export function averageLinkageClusters(
  links: LinkGraph,
  courses: ReadonlyMap<string, SimilarityCourse>,
  rules: ClusterRules,
): DuplicateCluster[] {
  const parent = new Map<string, string>();
  const members = new Map<string, string[]>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const agencyOf = (id: string) => courses.get(id)?.agency ?? '';
  const comparable = (a: string, b: string) => !rules.crossAgencyOnly || agencyOf(a) !== agencyOf(b);

  const edges: Array<readonly [string, string, number]> = [];
  for (const [a, list] of links) {
    for (const [b, score] of list) if (a < b && score >= rules.threshold) edges.push([a, b, score]);
  }
  edges.sort((x, y) => y[2] - x[2] || (x[0] < y[0] ? -1 : 1));
  for (const [a, b] of edges) {
    for (const id of [a, b]) {
      if (!parent.has(id)) {
        parent.set(id, id);
        members.set(id, [id]);
      }
    }
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const [small, large] = (members.get(ra)?.length ?? 0) <= (members.get(rb)?.length ?? 0) ? [ra, rb] : [rb, ra];
    const smallMembers = members.get(small) ?? [];
    const largeMembers = members.get(large) ?? [];
    let sum = 0;
    let pairs = 0;
    for (const x of smallMembers) {
      for (const y of largeMembers) {
        if (!comparable(x, y)) continue;
        pairs += 1;
        sum += links.get(x)?.get(y) ?? 0;
      }
    }
    if (pairs > 0 && sum / pairs < rules.threshold) continue;
    parent.set(small, large);
    largeMembers.push(...smallMembers);
    members.delete(small);
  }

  const clusters: DuplicateCluster[] = [];
  for (const [root, ids] of members) {
    if (find(root) !== root || ids.length < 2) continue;
    clusters.push(describe(ids, links, courses, comparable));
  }
  return clusters.sort(
    (a, b) => b.score - a.score || b.courseIds.length - a.courseIds.length || (a.id < b.id ? -1 : 1),
  );
}

function describe(
  ids: string[],
  links: LinkGraph,
  courses: ReadonlyMap<string, SimilarityCourse>,
  comparable: (a: string, b: string) => boolean,
): DuplicateCluster {
  const sorted = [...ids].sort();
  let sum = 0;
  let pairs = 0;
  let minLink = 1;
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      if (!comparable(sorted[i]!, sorted[j]!)) continue;
      const score = links.get(sorted[i]!)?.get(sorted[j]!) ?? 0;
      sum += score;
      pairs += 1;
      minLink = Math.min(minLink, score);
    }
  }
  const of = sorted.map((id) => courses.get(id)).filter((c): c is SimilarityCourse => c !== undefined);
  return {
    id: sorted[0]!,
    courseIds: sorted,
    agencies: [...new Set(of.map((c) => c.agency))].sort(),
    languages: [...new Set(of.map((c) => c.language ?? 'und'))].sort(),
    sdgs: [...new Set(of.flatMap((c) => c.sdgs))].sort((a, b) => a - b),
    score: pairs === 0 ? 0 : Math.round((sum / pairs) * 1000) / 1000,
    minLink: pairs === 0 ? 0 : minLink,
  };
}
