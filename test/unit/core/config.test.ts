import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { MoodleConfig } from '../../../adapters/moodle/config.js';
import { loadGatewayConfig } from '../../../gateway/config.js';
import { ConfigError } from '../../../schema/config/configError.js';
import { loadAgencyConfig } from '../../../subgraphs/agency/config.js';

/** A `${NAME}` reference as config files write it. */
const envRef = (name: string) => `\${${name}}`;
const dir = mkdtempSync(join(tmpdir(), 'convergence-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function problemsOf(load: () => unknown): Promise<readonly string[]> {
  try {
    await load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('process configuration', () => {
  it('reads YAML, resolves environment references and keeps secrets out of every printout', async () => {
    const path = file(
      'agency.yaml',
      `agency: { code: who, name: WHO }\nlms:\n  kind: moodle\n  baseUrl: https://learn.who.int/\n  token: ${envRef('WHO_TOKEN')}\n`,
    );
    const config = await loadAgencyConfig(path, { WHO_TOKEN: 'tok-3f9a-very-secret' });
    expect(config.lms.descriptor.kind).toBe('moodle');
    expect(config.port).toBe(0);
    expect(config.cache).toEqual({ kind: 'memory' });
    const settings = config.lms.settings as MoodleConfig;
    expect(settings.baseUrl).toBe('https://learn.who.int');
    expect(settings.token.reveal()).toBe('tok-3f9a-very-secret');
    for (const printed of [JSON.stringify(config), inspect(config, { depth: 10 }), String(settings.token)]) {
      expect(printed).not.toContain('tok-3f9a-very-secret');
    }
  });

  it('lists every problem at once, each naming its path', async () => {
    const path = file(
      'bad-agency.yaml',
      'agency: { code: WHO!, name: "" }\nport: 70000\nlms:\n  kind: moodle\n  baseUrl: ftp://learn.who.int\n  token: ""\n',
    );
    const problems = await problemsOf(() => loadAgencyConfig(path, {}));
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const field of ['agency.code', 'agency.name', 'port', 'lms.baseUrl', 'lms.token']) {
      expect(
        problems.some((p) => p.startsWith(`${field}:`)),
        `a problem for ${field}`,
      ).toBe(true);
    }
  });

  it('reports unset environment references and unknown LMS kinds', async () => {
    const missing = file(
      'missing-env.yaml',
      `agency: { code: who, name: WHO }\nlms:\n  kind: moodle\n  baseUrl: https://x.org\n  token: ${envRef('NOPE')}\n`,
    );
    expect(await problemsOf(() => loadAgencyConfig(missing, {}))).toEqual([
      'environment variable NOPE is referenced but not set',
    ]);
    const unknown = file('unknown-kind.yaml', 'agency: { code: who, name: WHO }\nlms: { kind: blackboard }\n');
    expect((await problemsOf(() => loadAgencyConfig(unknown, {})))[0]).toMatch(/^lms\.kind:/);
  });

  it('loads a home-grown adapter from the module the config names, validating the rest with its schema', async () => {
    const example = fileURLToPath(new URL('../../../adapters/example/index.ts', import.meta.url));
    const good = file(
      'home-grown.yaml',
      `agency: { code: unhub, name: UN Hub }\nlms:\n  module: ${example}\n  baseUrl: https://learnhub.un.org/\n  apiKey: ${envRef('KEY')}\n`,
    );
    const config = await loadAgencyConfig(good, { KEY: 'learnhub-key' });
    expect(config.lms.descriptor.kind).toBe('custom');
    expect(config.lms.source).toBe(example);
    expect(config.lms.settings).toMatchObject({ baseUrl: 'https://learnhub.un.org', cacheTtlMs: 300_000 });

    const badSettings = file(
      'home-grown-bad.yaml',
      `agency: { code: Unhub, name: UN Hub }\nlms: { module: ${example}, baseUrl: ftp://x, colour: blue }\n`,
    );
    const problems = await problemsOf(() => loadAgencyConfig(badSettings, {}));
    for (const field of ['agency.code', 'lms.baseUrl', 'lms.apiKey', 'lms']) {
      expect(
        problems.some((p) => p.startsWith(`${field}:`)),
        `a problem for ${field} in ${problems.join(' | ')}`,
      ).toBe(true);
    }
  });

  it('says why a module cannot serve as an adapter', async () => {
    writeFileSync(join(dir, 'not-an-adapter.ts'), 'export const answer = 42;\n');
    const cases: [string, RegExp][] = [
      ['./no-such-module.ts', /^lms\.module: cannot load "\.\/no-such-module\.ts"/],
      ['./not-an-adapter.ts', /^lms\.module: "\.\/not-an-adapter\.ts" exports no adapter descriptor/],
    ];
    for (const [module, reason] of cases) {
      const path = file('module.yaml', `agency: { code: unhub, name: UN Hub }\nlms: { module: ${module} }\n`);
      expect(await problemsOf(() => loadAgencyConfig(path, {}))).toEqual([expect.stringMatching(reason)]);
    }
    const custom = file('custom.yaml', 'agency: { code: unhub, name: UN Hub }\nlms: { kind: custom }\n');
    expect(await problemsOf(() => loadAgencyConfig(custom, {}))).toEqual([
      expect.stringMatching(/^lms\.kind: .*give lms\.module/),
    ]);
  });

  it('refuses a gateway config with duplicate agency codes and a short cursor secret', async () => {
    const path = file(
      'gateway.json',
      JSON.stringify({
        cursorSecret: 'short',
        agencies: [
          { code: 'who', name: 'WHO', lmsKind: 'MOODLE', url: 'http://127.0.0.1:4100/' },
          { code: 'who', name: 'WHO again', lmsKind: 'MOODLE', url: 'http://127.0.0.1:4101/' },
        ],
      }),
    );
    const problems = await problemsOf(() => loadGatewayConfig(path, {}));
    expect(problems.some((p) => p.startsWith('cursorSecret:'))).toBe(true);
    expect(problems.some((p) => p.includes('who appears twice'))).toBe(true);
  });

  it("shares the gateway's Redis for the rate budget unless the rate limit names its own", () => {
    const config = (rate: Record<string, unknown>) =>
      loadGatewayConfig(
        file('rate.json', JSON.stringify({ limits: { rate }, answerCache: { redisUrl: 'redis://cache:6379' } })),
        {},
      ).limits.rate;
    expect(config({})).toMatchObject({ points: 600, redisUrl: 'redis://cache:6379', keyPrefix: 'convergence-rate' });
    expect(config({ redisUrl: 'redis://rate:6379' })?.redisUrl).toBe('redis://rate:6379');
    const alone = loadGatewayConfig(file('alone.json', JSON.stringify({ limits: { rate: {} } })), {});
    expect(alone.limits.rate?.redisUrl).toBeUndefined();
    expect(loadGatewayConfig(file('none.json', '{}'), {}).limits.rate).toBeUndefined();
  });
});
