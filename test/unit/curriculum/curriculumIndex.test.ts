import { describe, expect, it } from 'vitest';
import type { AgencyEndpoint } from '../../../gateway/directory.js';
import { catalogueFingerprint } from '../../../subgraphs/curriculum/catalogueReader.js';
import { CurriculumIndex } from '../../../subgraphs/curriculum/curriculumIndex.js';
import type { SimilarityCourse } from '../../../subgraphs/insights/similarity/index.js';

/** When the curriculum reads a catalogue, and when a probe as at the last read lets it skip the read. */
const endpoint = (code: string): AgencyEndpoint => ({
  code,
  name: code,
  lmsKind: 'custom',
  url: `http://${code}.invalid/`,
});
const course = (agency: string, n: number): SimilarityCourse => ({
  id: `${agency}:course:${n}`,
  agency,
  title: `Course ${n} of ${agency}`,
  summary: null,
  language: 'en',
  sdgs: [4],
  sourceKind: 'LMS',
});

function harness() {
  const catalogues = new Map(['a', 'b', 'c'].map((code) => [code, [course(code, 1), course(code, 2)]]));
  const probes = new Map<string, string | null>([
    ['a', '2|t1'],
    ['b', '2|t1'],
    ['c', null],
  ]);
  const reads: string[] = [];
  let now = Date.UTC(2026, 0, 1);
  const index = new CurriculumIndex({
    reader: async (agency) => {
      reads.push(agency.code);
      const courses = catalogues.get(agency.code) ?? [];
      return { courses, fingerprint: catalogueFingerprint(courses) };
    },
    probe: async (agency) => probes.get(agency.code) ?? null,
    fullReadEveryMs: 60_000,
    now: () => new Date(now),
  });
  const refresh = async () => {
    reads.length = 0;
    const report = await index.refresh(['a', 'b', 'c'].map(endpoint));
    return { report, reads: [...reads].sort() };
  };
  return { index, catalogues, probes, refresh, advance: (ms: number) => (now += ms) };
}

describe('CurriculumIndex refresh', () => {
  it('reads every agency first, then only those whose probe changed or who give none', async () => {
    const h = harness();
    expect((await h.refresh()).reads).toEqual(['a', 'b', 'c']);
    const idle = await h.refresh();
    expect(idle.reads).toEqual(['c']);
    expect(idle.report).toMatchObject({ reindexed: [], probedOnly: ['a', 'b'], unchanged: ['a', 'b', 'c'] });

    h.catalogues.set('b', [course('b', 1), course('b', 2), course('b', 3)]);
    h.probes.set('b', '3|t2');
    const changed = await h.refresh();
    expect(changed.reads).toEqual(['b', 'c']);
    expect(changed.report).toMatchObject({ reindexed: ['b'], upserted: 1, removed: 0 });
    expect(h.index.similarity.size).toBe(7);
  });

  it('reads a catalogue whole once its last read is older than fullReadEveryMs, whatever its probe', async () => {
    const h = harness();
    await h.refresh();
    // A change the source did not date: the probe cannot see it...
    h.catalogues.set('a', [course('a', 1), { ...course('a', 2), title: 'Renamed without a new date' }]);
    expect((await h.refresh()).report.reindexed).toEqual([]);
    // ...the periodic full read does.
    h.advance(61_000);
    const full = await h.refresh();
    expect(full.reads).toEqual(['a', 'b', 'c']);
    expect(full.report.reindexed).toEqual(['a']);
  });

  it('reads again after a failed read, even with the same probe', async () => {
    let reads = 0;
    const failing = new CurriculumIndex({
      reader: async () => {
        reads += 1;
        throw new Error('down');
      },
      probe: async () => 'same',
    });
    const first = await failing.refresh([endpoint('x')]);
    const second = await failing.refresh([endpoint('x')]);
    expect(first.failed.map((f) => f.agency)).toEqual(['x']);
    expect(second.failed.map((f) => f.agency)).toEqual(['x']);
    expect(second.probedOnly).toEqual([]);
    expect(reads).toBe(2);
  });
});
