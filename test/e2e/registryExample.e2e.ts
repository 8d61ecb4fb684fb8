import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../../adapters/core/index.js';
import { LEARNHUB_SANDBOX_API_KEY, startLearnhubSimulator } from '../../adapters/example/index.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { envRef, runCli, startRegistryProcess, writeRegistryConfig } from '../support/cliRun.js';
import { graphql } from '../support/graphql.js';

/**
 * Issues 6 and 9: an agency with a home-grown LMS names its adapter module in the agency config, serves it
 * with `convergence agency` (no server script of its own), checks it with `convergence check`, registers
 * it with `convergence register`, and a running gateway that follows the registry serves its courses.
 */
const EXAMPLE_MODULE = fileURLToPath(new URL('../../adapters/example/index.ts', import.meta.url));
const TOKEN = 'example-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'registry-example-'));
let lms: SimulatorHandle;
let subgraph: ProcessHandle;
let registry: ProcessHandle;
let gateway: ProcessHandle;

beforeAll(async () => {
  lms = await startLearnhubSimulator();
  const agencyConfig = {
    agency: { code: 'unhub', name: 'UN Learning Hub' },
    logLevel: 'warn',
    lms: { module: EXAMPLE_MODULE, baseUrl: lms.url, apiKey: envRef('UNHUB_LEARNHUB_KEY') },
  };
  writeFileSync(join(dir, 'agency.json'), JSON.stringify(agencyConfig));
  subgraph = await startCliProcess('unhub-agency', ['agency', '--config', join(dir, 'agency.json')], {
    env: { UNHUB_LEARNHUB_KEY: LEARNHUB_SANDBOX_API_KEY },
  });
  const env = { REGISTRY_ADMIN_TOKEN: TOKEN };
  const registryConfig = writeRegistryConfig(join(dir, 'registry.json'), {
    kind: 'sqlite',
    path: join(dir, 'r.sqlite'),
  });
  registry = await startRegistryProcess(registryConfig, TOKEN);
  const gatewayConfig = {
    port: 0,
    logLevel: 'warn',
    registry: { url: registry.url, token: envRef('REGISTRY_ADMIN_TOKEN'), pollIntervalMs: 200 },
  };
  writeFileSync(join(dir, 'gateway.json'), JSON.stringify(gatewayConfig));
  gateway = await startCliProcess('gateway', ['gateway', '--config', join(dir, 'gateway.json')], { env });
});
afterAll(async () => {
  await Promise.all([gateway?.stop(), registry?.stop(), subgraph?.stop()]);
  await lms?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the example home-grown adapter', () => {
  it('passes `convergence check`, registers with `convergence register`, and is served by the gateway', async () => {
    const checked = await runCli(['check', subgraph.url]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/PASS {2}contract[\s\S]*PASS {2}smoke[\s\S]*READY to register/);

    const env = { CONVERGENCE_REGISTRY_URL: registry.url, CONVERGENCE_ADMIN_TOKEN: TOKEN };
    const registered = await runCli(
      ['register', '--code', 'unhub', '--name', 'UN Learning Hub', '--kind', 'custom', '--url', subgraph.url],
      env,
    );
    expect(registered.stderr).toBe('');
    expect(registered.stdout).toMatch(/registered: unhub\s+ACTIVE\s+CUSTOM/);

    let total = 0;
    for (let attempt = 0; attempt < 100 && total === 0; attempt++) {
      const page = await graphql<{ courses: { totalCount: number } }>(
        gateway.url,
        '{ courses(first: 3) { totalCount edges { node { id title } } } }',
      );
      total = page.data?.courses.totalCount ?? 0;
      if (total === 0) await new Promise((r) => setTimeout(r, 100));
    }
    // 12 courses in the example LMS, one unpublished (HIDDEN): anonymous callers see the 11 PUBLIC ones.
    expect(total).toBe(11);
  });
});
