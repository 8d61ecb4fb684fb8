import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOODLE_SANDBOX_TOKEN } from '../../adapters/moodle/index.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { envRef, runCli } from '../support/cliRun.js';
import { graphql } from '../support/graphql.js';

/**
 * Issue 6 end to end: with the sandbox running (registry + gateway + four agencies, all real processes),
 * a fifth agency subgraph is started, registered through the CLI, gets traffic within seconds, and stops
 * getting it when suspended — while queries to the other agencies keep succeeding throughout.
 */
let sandbox: Sandbox;
let simulator: ProcessHandle;
let newcomer: ProcessHandle;
const dir = mkdtempSync(join(tmpdir(), 'registry-e2e-'));

beforeAll(async () => {
  sandbox = await startSandbox({ harvestOnStart: false, gatewayPort: 0 });
  simulator = await startCliProcess('fao-simulator', ['simulator', '--kind', 'moodle', '--seed', '7', '--port', '0']);
  const config = {
    agency: { code: 'fao', name: 'Food and Agriculture Organization' },
    logLevel: 'warn',
    lms: { kind: 'moodle', baseUrl: simulator.url, token: envRef('FAO_LMS_TOKEN') },
  };
  writeFileSync(join(dir, 'fao.json'), JSON.stringify(config));
  newcomer = await startCliProcess('fao-subgraph', ['agency', '--config', join(dir, 'fao.json')], {
    env: { FAO_LMS_TOKEN: MOODLE_SANDBOX_TOKEN },
  });
});
afterAll(async () => {
  await Promise.all([newcomer?.stop(), simulator?.stop(), sandbox?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

type Page = { courses: { totalCount: number; edges: { node: { id: string } }[] } };
const CROSS = '{ courses(first: 100) { totalCount edges { node { id } } } }';
const OTHERS = '{ courses(first: 5, filter: { agencies: ["ilo", "unicef", "wfp", "who"] }) { totalCount } }';
/** fao's catalogue size through the gateway; 0 while the gateway does not know fao (BAD_USER_INPUT). */
const faoCount = async () => {
  const page = await graphql<Page>(
    sandbox.gateway.url,
    '{ courses(first: 1, filter: { agencies: ["fao"] }) { totalCount } }',
  );
  if (page.errors?.some((e) => /Unknown or inactive agency codes: fao/.test(e.message))) return 0;
  return page.data?.courses.totalCount ?? -1;
};

/** Queries the other agencies continuously and records every failure (none allowed). */
function backgroundTraffic(url: string) {
  const failures: string[] = [];
  const totals = new Set<number>();
  let requests = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const result = await graphql<Page>(url, OTHERS).catch((e: unknown) => ({
        errors: [{ message: String(e) }],
        data: null,
      }));
      requests += 1;
      if (result.errors?.length) failures.push(result.errors.map((e) => e.message).join('; '));
      else if (result.data) totals.add(result.data.courses.totalCount);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { failures, totals: [...totals], requests };
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe('run-time registration with the sandbox running', () => {
  it('registers a new agency via the CLI: its courses appear in cross-agency queries within seconds; suspend removes them', async () => {
    const before = await graphql<Page>(sandbox.gateway.url, CROSS);
    const totalBefore = before.data?.courses.totalCount ?? 0;
    expect(totalBefore).toBeGreaterThan(0);
    expect(await faoCount()).toBe(0);
    const traffic = backgroundTraffic(sandbox.gateway.url);

    const env = { CONVERGENCE_REGISTRY_URL: sandbox.registry.url, CONVERGENCE_ADMIN_TOKEN: sandbox.adminToken };
    const cliStarted = performance.now();
    const registered = await runCli(
      [
        'register',
        '--code',
        'fao',
        '--name',
        'Food and Agriculture Organization',
        '--kind',
        'moodle',
        '--url',
        newcomer.url,
        '--acronym',
        'FAO',
      ],
      env,
    );
    expect(registered.stderr).toBe('');
    expect(registered.stdout).toMatch(/registered: fao\s+ACTIVE/);
    const cliMs = Math.round(performance.now() - cliStarted);
    const toRouted = await waitFor(async () => (await faoCount()) > 0);
    const after = await graphql<Page>(sandbox.gateway.url, CROSS);
    const faoTotal = await faoCount();
    expect(after.data?.courses.totalCount).toBe(totalBefore + faoTotal);
    console.info(
      `register CLI (process start + gate + durable write): ${cliMs} ms; then first routed fao query after ${toRouted} ms (fao serves ${faoTotal} courses)`,
    );

    const listed = await runCli(['list'], env);
    expect(listed.stdout).toMatch(/fao\s+ACTIVE\s+MOODLE/);

    // Suspend through the gateway, as a REGISTRY_ADMIN signed in at the sandbox identity provider.
    const adminJwt = await obtainAccessToken({ issuer: sandbox.identityProvider.url, email: 'registry.admin@un.org' });
    const suspended = await graphql<{ suspendAgency: { status: string } }>(
      sandbox.gateway.url,
      'mutation { suspendAgency(code: "fao") { status } }',
      {},
      { authorization: `Bearer ${adminJwt}` },
    );
    expect(suspended.data?.suspendAgency.status).toBe('SUSPENDED');
    const toGone = await waitFor(async () => (await faoCount()) === 0);
    const final = await graphql<Page>(sandbox.gateway.url, CROSS);
    expect(final.data?.courses.totalCount).toBe(totalBefore);
    expect(final.data?.courses.edges.some((e) => e.node.id.startsWith('fao:'))).toBe(false);
    console.info(`suspension acknowledged → fao no longer routed: ${toGone} ms`);

    const { failures, totals, requests } = await traffic.stop();
    expect(failures).toEqual([]);
    expect(totals).toHaveLength(1);
    expect(requests).toBeGreaterThan(10);
    console.info(`other agencies: ${requests} queries during register/suspend, 0 failures`);
  });

  it('shows per-agency health on Agency', async () => {
    const answer = await graphql<{
      agencies: { code: string; status: string; health: { status: string; latencyMs: number | null } }[];
    }>(sandbox.gateway.url, '{ agencies { code status health { status latencyMs checkedAt lastError } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.agencies.map((a) => a.code)).toEqual(['ilo', 'linkedin', 'sdg-oer', 'unicef', 'wfp', 'who']);
    for (const agency of answer.data?.agencies ?? []) {
      expect(agency.status).toBe('ACTIVE');
      expect(['UP', 'DEGRADED']).toContain(agency.health.status);
    }
  });
});
