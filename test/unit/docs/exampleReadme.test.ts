import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgencyConfig } from '../../../subgraphs/agency/config.js';

/**
 * adapters/example/README.md shows code that compiles as shown: every TypeScript block (each names its
 * file on its first line) is written over a copy of the example, in a project outside this repository
 * that has Convergence as a package, and type-checked there with the repository's strict settings.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(join(REPO, 'adapters', 'example', 'README.md'), 'utf8');
const project = mkdtempSync(join(tmpdir(), 'example-readme-'));

const blocks = (language: string) =>
  [...README.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] ?? '');

function tsc(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
      { cwd: project, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
    );
  });
}

beforeAll(() => {
  cpSync(join(REPO, 'adapters', 'example'), join(project, 'learnhub'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'unhub-learnhub', type: 'module' }));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(REPO, join(project, 'node_modules', 'convergence'), 'dir');
  const repoOptions = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')).compilerOptions;
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...repoOptions, typeRoots: [join(REPO, 'node_modules', '@types')] },
      include: ['learnhub/**/*.ts'],
    }),
  );
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the example README', () => {
  it('names the file of every TypeScript block', () => {
    const files = blocks('ts').map((code) => /^\/\/ (learnhub\/[\w./]+\.ts)\n/.exec(code)?.[1]);
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.filter((file) => file === undefined)).toEqual([]);
  });

  it('compiles as shown, importing only the package entry points', async () => {
    for (const code of blocks('ts')) {
      const file = /^\/\/ (learnhub\/[\w./]+\.ts)\n/.exec(code)?.[1] ?? 'learnhub/unnamed.ts';
      for (const [, spec] of code.matchAll(/from '([^']+)'/g)) {
        expect(spec, file).toMatch(/^(\.\/[\w/]+\.js|convergence\/sdk(\/conformance)?)$/);
      }
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), code);
    }
    const { code, output } = await tsc();
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('shows an agency config that loads the example module', async () => {
    const [yaml] = blocks('yaml');
    writeFileSync(join(project, 'agency.yaml'), yaml ?? '');
    const config = await loadAgencyConfig(join(project, 'agency.yaml'), { UNHUB_LEARNHUB_KEY: 'a-key' });
    expect(config.lms.descriptor).toMatchObject({ kind: 'custom', title: 'Learnhub (example home-grown LMS)' });
    expect(config.lms.source).toBe('./learnhub/index.ts');
    expect(config.port).toBe(4150);
  });
});
