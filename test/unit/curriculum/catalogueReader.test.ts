import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueReadError, readAgencyCatalogue } from '../../../subgraphs/curriculum/catalogueReader.js';
import { curriculumConfigSchema } from '../../../subgraphs/curriculum/config.js';

/**
 * How the curriculum reads one agency's catalogue from its subgraph: every page, only the agency's own
 * well-formed courses, a fingerprint that changes with what the index uses and only with that, and a
 * coded failure (never a partial catalogue) when a page cannot be read.
 */
type Answer = (after: string | null) => { status?: number; body: string };
let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(answer: Answer): Promise<string> {
  server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const { variables } = JSON.parse(text) as { variables: { after: string | null } };
    const { status = 200, body } = answer(variables.after);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

const node = (id: string, title = `Course ${id}`) => ({
  id,
  title,
  summary: 'A summary',
  language: 'en',
  sdgs: [4],
  sourceKind: 'OER',
});
const page = (nodes: unknown[], next: string | null) =>
  JSON.stringify({
    data: {
      courses: { pageInfo: { hasNextPage: next !== null, endCursor: next }, edges: nodes.map((n) => ({ node: n })) },
    },
  });

describe('readAgencyCatalogue', () => {
  it('follows every page and keeps only the agency’s own, well-formed courses', async () => {
    const url = await serve((after) =>
      after === null
        ? { body: page([node('oer:course:1'), node('who:course:2'), { id: 'oer:course:3' }], 'p2') }
        : { body: page([node('oer:course:4'), { ...node('oer:course:5'), sdgs: 'x', sourceKind: 'ALIEN' }], null) },
    );
    const catalogue = await readAgencyCatalogue('oer', url);
    expect(catalogue.courses.map((c) => c.id)).toEqual(['oer:course:1', 'oer:course:4', 'oer:course:5']);
    expect(catalogue.courses[2]).toMatchObject({ agency: 'oer', sdgs: [], sourceKind: 'LMS' });
  });

  it('fingerprints what the index uses, whatever the order of the pages', async () => {
    const a = await readAgencyCatalogue(
      'oer',
      await serve(() => ({ body: page([node('oer:course:1'), node('oer:course:2')], null) })),
    );
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const b = await readAgencyCatalogue(
      'oer',
      await serve(() => ({ body: page([node('oer:course:2'), node('oer:course:1')], null) })),
    );
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const c = await readAgencyCatalogue(
      'oer',
      await serve(() => ({ body: page([node('oer:course:2'), node('oer:course:1', 'Renamed')], null) })),
    );
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it('fails the whole read with CatalogueReadError on an error answer, bad JSON or a dead agency', async () => {
    const errors = await serve(() => ({
      body: JSON.stringify({ data: null, errors: [{ message: 'LMS down', extensions: { code: 'LMS_UNAVAILABLE' } }] }),
    }));
    await expect(readAgencyCatalogue('oer', errors)).rejects.toThrow(/LMS down/);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const secondPageBroken = await serve((after) =>
      after === null ? { body: page([node('oer:course:1')], 'p2') } : { status: 502, body: '<html>bad gateway</html>' },
    );
    await expect(readAgencyCatalogue('oer', secondPageBroken)).rejects.toBeInstanceOf(CatalogueReadError);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(readAgencyCatalogue('oer', 'http://127.0.0.1:9/', { timeoutMs: 500 })).rejects.toBeInstanceOf(
      CatalogueReadError,
    );
  });
});

describe('curriculum config', () => {
  it('needs the registry, and bounds the threshold and intervals', () => {
    expect(curriculumConfigSchema.safeParse({}).success).toBe(false);
    const registry = { url: 'http://127.0.0.1:4001/', token: 'directory-token-0123456789' };
    const parsed = curriculumConfigSchema.parse({ registry });
    expect(parsed).toMatchObject({ port: 4003, refreshIntervalMs: 300_000, similarity: { duplicateThreshold: 0.55 } });
    expect(curriculumConfigSchema.safeParse({ registry, similarity: { duplicateThreshold: 0.1 } }).success).toBe(false);
    expect(curriculumConfigSchema.safeParse({ registry, refreshIntervalMs: 10 }).success).toBe(false);
    expect(curriculumConfigSchema.safeParse({ registry, extra: true }).success).toBe(false);
  });
});
