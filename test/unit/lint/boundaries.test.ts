import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

/** One import per probe file, at a path of the real layout; `forbidden` says what biome must report. */
const PROBES: ReadonlyArray<{ file: string; from: string; forbidden: boolean }> = [
  { file: 'gateway/a.ts', from: '../adapters/core/index.js', forbidden: true },
  { file: 'gateway/sharding/b.ts', from: '../../subgraphs/agency/index.js', forbidden: true },
  { file: 'gateway/c.ts', from: '../schema/config/index.js', forbidden: false },
  { file: 'schema/d.ts', from: '../subgraphs/agency/schema.js', forbidden: true },
  { file: 'schema/model/e.ts', from: '../../adapters/kinds.js', forbidden: true },
  { file: 'schema/f.ts', from: './ordering.js', forbidden: false },
  { file: 'adapters/moodle/g.ts', from: '../cornerstone/index.js', forbidden: true },
  { file: 'adapters/moodle/h.ts', from: '../../subgraphs/agency/index.js', forbidden: true },
  { file: 'adapters/moodle/i.ts', from: '../../gateway/server.js', forbidden: true },
  { file: 'adapters/moodle/j.ts', from: '../kinds.js', forbidden: true },
  { file: 'adapters/moodle/simulator/k.ts', from: '../../successfactors/simulator/index.js', forbidden: true },
  { file: 'adapters/core/l.ts', from: '../moodle/index.js', forbidden: true },
  { file: 'adapters/moodle/m.ts', from: '../core/index.js', forbidden: false },
  { file: 'adapters/moodle/n.ts', from: '../../schema/model/enums.js', forbidden: false },
  { file: 'adapters/moodle/simulator/o.ts', from: '../../core/simulator.js', forbidden: false },
  { file: 'adapters/moodle/simulator/p.ts', from: '../fixtures/x.json', forbidden: false },
  { file: 'adapters/example/q.ts', from: 'convergence/sdk', forbidden: false },
  { file: 'subgraphs/cli/r.ts', from: '../../adapters/moodle/index.js', forbidden: true },
  { file: 'subgraphs/cli/s.ts', from: '../../adapters/kinds.js', forbidden: false },
  { file: 'subgraphs/agency/t.ts', from: '../../adapters/core/factory.js', forbidden: false },
];

const workspace = mkdtempSync(join(tmpdir(), 'convergence-boundaries-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Lints the probes with the repository's own biome.json, in a copy of the layout outside the repository. */
function lintProbes(): Promise<Set<string>> {
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  writeFileSync(join(workspace, 'biome.json'), JSON.stringify({ ...config, files: { includes: ['**'] } }));
  for (const probe of PROBES) {
    mkdirSync(dirname(join(workspace, probe.file)), { recursive: true });
    writeFileSync(join(workspace, probe.file), `import { x } from '${probe.from}';\nexport const y = x;\n`);
  }
  return new Promise((resolve, reject) => {
    execFile(BIOME, ['lint', '--reporter=json', '.'], { cwd: workspace }, (_error, stdout) => {
      try {
        const report = JSON.parse(stdout) as {
          diagnostics: { category: string; location: { path: string } }[];
        };
        const flagged = report.diagnostics
          .filter((d) => d.category === 'lint/style/noRestrictedImports')
          .map((d) => d.location.path);
        resolve(new Set(flagged));
      } catch (error) {
        reject(error);
      }
    });
  });
}

describe('layer boundaries (biome noRestrictedImports, STYLE.md B1)', () => {
  it('flag exactly the imports that cross a boundary', async () => {
    const flagged = await lintProbes();
    const wrong = PROBES.filter((p) => flagged.has(p.file) !== p.forbidden).map(
      (p) => `${p.file} importing ${p.from} should ${p.forbidden ? '' : 'not '}be flagged`,
    );
    expect(wrong).toEqual([]);
  });
});
