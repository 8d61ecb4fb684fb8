import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
