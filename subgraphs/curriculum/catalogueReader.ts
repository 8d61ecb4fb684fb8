import { createHash } from 'node:crypto';
import { MAX_PAGE_SIZE } from '../../schema/paging.js';
import type { SimilarityCourse, SourceKind } from '../insights/similarity/index.js';

/**
 * One agency's public catalogue, read from its subgraph page by page as an anonymous caller: the curriculum
 * answers everyone, so it indexes only what everyone may see (PUBLIC courses); a service identity would
 * need the gateway's signing key in another process, and its INTERNAL courses would then leak through
 * `similarCourses` and `duplicateClusters`.
 */
export interface AgencyCatalogue {
  readonly courses: readonly SimilarityCourse[];
  /**
   * sha256 over what the index uses of every course (id, title, summary, language, goals, source kind),
   * in id order: equal fingerprints, nothing to re-index.
   */
  readonly fingerprint: string;
}

/** The catalogue could not be read whole; the agency keeps its last indexed state. */
export class CatalogueReadError extends Error {
  constructor(
    readonly agency: string,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueReadError';
  }
}

const PAGE_QUERY = `query CurriculumCataloguePage($first: Int!, $after: String) {
  courses(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id title summary language sdgs sourceKind } }
  }
}`;

interface Node {
  readonly id?: unknown;
  readonly title?: unknown;
  readonly summary?: unknown;
  readonly language?: unknown;
  readonly sdgs?: unknown;
  readonly sourceKind?: unknown;
}

interface Page {
  readonly data?: {
    readonly courses?: {
      readonly pageInfo?: { readonly hasNextPage?: unknown; readonly endCursor?: unknown };
      readonly edges?: readonly { readonly node?: Node }[];
    };
  } | null;
  readonly errors?: readonly { readonly message?: string }[];
}

const SOURCE_KINDS: readonly string[] = ['LMS', 'OER', 'EXTERNAL'];

function toCourse(agency: string, node: Node | undefined): SimilarityCourse | null {
  if (!node || typeof node.id !== 'string' || typeof node.title !== 'string') return null;
  // Only the agency's own courses: a subgraph cannot put courses into another agency's catalogue.
  if (!node.id.startsWith(`${agency}:`)) return null;
  const sdgs = Array.isArray(node.sdgs) ? node.sdgs.filter((g): g is number => Number.isInteger(g)) : [];
  return {
    id: node.id,
    agency,
    title: node.title,
    summary: typeof node.summary === 'string' ? node.summary : null,
    language: typeof node.language === 'string' ? node.language : null,
    sdgs,
    sourceKind: (SOURCE_KINDS.includes(String(node.sourceKind)) ? node.sourceKind : 'LMS') as SourceKind,
  };
}

export function catalogueFingerprint(courses: readonly SimilarityCourse[]): string {
  const hash = createHash('sha256');
  for (const c of [...courses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify([c.id, c.title, c.summary, c.language, c.sdgs, c.sourceKind]));
    hash.update('\n');
  }
  return hash.digest('base64url');
}

export interface ReadOptions {
  /** Per page request, in ms. @default 10000 */
  readonly timeoutMs?: number;
  /** A catalogue longer than this is cut (and logged by the caller). @default 100000 */
  readonly maxCourses?: number;
}

/** Reads every page of one agency's public catalogue; throws CatalogueReadError when a page fails. */
export async function readAgencyCatalogue(
  agency: string,
  subgraphUrl: string,
  options: ReadOptions = {},
): Promise<AgencyCatalogue> {
  const courses = new Map<string, SimilarityCourse>();
  const maxCourses = options.maxCourses ?? 100_000;
  let after: string | null = null;
  for (;;) {
    let page: Page;
    try {
      const response = await fetch(subgraphUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: PAGE_QUERY, variables: { first: MAX_PAGE_SIZE, after } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      page = (await response.json()) as Page;
    } catch (error) {
      throw new CatalogueReadError(agency, `agency ${agency} could not be read: ${String(error)}`);
    }
    const connection = page.data?.courses;
    if (!connection || !Array.isArray(connection.edges)) {
      const reason = page.errors?.[0]?.message ?? 'no courses in the answer';
      throw new CatalogueReadError(agency, `agency ${agency} answered no catalogue page: ${reason}`);
    }
    for (const edge of connection.edges) {
      const course = toCourse(agency, edge.node);
      if (course) courses.set(course.id, course);
    }
    const next = connection.pageInfo?.endCursor;
    if (connection.pageInfo?.hasNextPage !== true || typeof next !== 'string' || courses.size >= maxCourses) break;
    after = next;
  }
  const list = [...courses.values()].slice(0, maxCourses);
  return { courses: list, fingerprint: catalogueFingerprint(list) };
}

const PROBE_QUERY = `query CurriculumCatalogueProbe {
  courses(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { updatedAt } } }
}`;

/**
 * A cheap sign of change, one request: how many public courses the agency lists and when the newest of
 * them changed. Equal probes let a refresh skip reading the catalogue (sources bump a course's update
 * time when it changes; a periodic full read catches those that do not). Null when the agency does not
 * date its courses, or cannot say: then the catalogue is read.
 */
export async function probeAgencyCatalogue(
  subgraphUrl: string,
  options: Pick<ReadOptions, 'timeoutMs'> = {},
): Promise<string | null> {
  try {
    const response = await fetch(subgraphUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PROBE_QUERY }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = (await response.json()) as {
      data?: { courses?: { totalCount?: unknown; edges?: { node?: { updatedAt?: unknown } }[] } } | null;
    };
    const courses = body.data?.courses;
    if (typeof courses?.totalCount !== 'number') return null;
    if (courses.totalCount === 0) return '0';
    const newest = courses.edges?.[0]?.node?.updatedAt;
    return typeof newest === 'string' ? `${courses.totalCount}|${newest}` : null;
  } catch {
    return null;
  }
}
