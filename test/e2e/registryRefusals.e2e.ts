import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import type { ProcessHandle } from '../../subgraphs/cli/processes.js';
import { runCli, startRegistryProcess, writeRegistryConfig } from '../support/cliRun.js';
import {
  CANONICAL_SDL,
  type FakeSubgraph,
  goodSmokeData,
  startFakeSubgraph,
  unusedUrl,
} from '../support/fakeSubgraph.js';
import { graphql } from '../support/graphql.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/** Issue 6: the registry process refuses bad candidates, each with a clear reason, and registers nothing. */
const TOKEN = 'refusals-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'registry-refusals-'));
let registry: ProcessHandle;
let good: RunningAgencySubgraph;
const fakes: FakeSubgraph[] = [];

beforeAll(async () => {
  const registryConfig = writeRegistryConfig(join(dir, 'registry.json'), {
    kind: 'sqlite',
    path: join(dir, 'r.sqlite'),
  });
  registry = await startRegistryProcess(registryConfig, TOKEN);
  good = await startAgencySubgraph({
    agency: { code: 'fao', name: 'Agency fao', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(8, 6)),
  });
});
afterAll(async () => {
  await Promise.all([registry?.stop(), good?.stop(), ...fakes.map((f) => f.close())]);
  rmSync(dir, { recursive: true, force: true });
});

const fake = async (options: Parameters<typeof startFakeSubgraph>[0]) => {
  const started = await startFakeSubgraph(options);
  fakes.push(started);
  return started.url;
};

type Refusal = { code?: string; reasons?: string[] };
async function register(code: string, subgraphUrl: string): Promise<Refusal> {
  const input = { code, name: `Agency ${code}`, lmsKind: 'CUSTOM', subgraphUrl };
  const answer = await graphql(
    registry.url,
    'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { code } }',
    { input },
    { authorization: `Bearer ${TOKEN}` },
  );
  return (answer.errors?.[0]?.extensions ?? {}) as Refusal;
}

describe('registration refusals, each with its reason', () => {
  it('a subgraph missing contract fields', async () => {
    // Course.title and Agency.learningStats left out (the Agency block's lines carry no descriptions).
    const agencyBlock = /type Agency @key[^}]*}/.exec(CANONICAL_SDL)![0];
    const sdl = CANONICAL_SDL.replace(/\n\s*title: String!/, '\n').replace(
      agencyBlock,
      agencyBlock.replace(/\n\s*learningStats\(filter: StatsFilter\): LearningStats!?/, ''),
    );
    const refusal = await register('unep', await fake({ sdl, data: () => goodSmokeData('unep') }));
    expect(refusal.code).toBe('REGISTRATION_REFUSED');
    expect(refusal.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Course\.title was removed/),
        expect.stringMatching(/Agency\.learningStats was removed/),
      ]),
    );
  });

  it('a subgraph whose SDL declares a wrong type', async () => {
    const sdl = CANONICAL_SDL.replace('totalCount: Int!', 'totalCount: String!');
    const refusal = await register('unep', await fake({ sdl, data: () => goodSmokeData('unep') }));
    expect(refusal.reasons).toEqual([expect.stringMatching(/totalCount changed type from Int! to String!/)]);
  });

  it('a subgraph answering with a wrong type', async () => {
    const data = () => {
      const d = goodSmokeData('unep');
      return { ...d, courses: { ...d.courses, edges: [{ cursor: 'c1', node: { id: 42, title: 'x' } }] } };
    };
    const refusal = await register('unep', await fake({ data }));
    expect(refusal.reasons).toEqual([
      expect.stringMatching(/courses\.edges\[0\]\.node\.id is number 42, expected an ID string/),
    ]);
  });

  it('an unreachable URL', async () => {
    const refusal = await register('unep', await unusedUrl());
    expect(refusal.reasons).toEqual([expect.stringMatching(/is unreachable \(ECONNREFUSED\)/)]);
  });

  it('a URL with credentials, or a non-http scheme', async () => {
    const withCredentials = await register('unep', good.url.replace('http://', 'http://admin:s3cret@'));
    expect(withCredentials.reasons).toEqual([expect.stringMatching(/must not contain credentials/)]);
    expect(JSON.stringify(withCredentials)).not.toContain('s3cret');
    const ftp = await register('unep', 'ftp://127.0.0.1/graphql');
    expect(ftp.reasons).toEqual([expect.stringMatching(/scheme "ftp" is not allowed; use http or https/)]);
    const file = await register('unep', 'file:///etc/passwd');
    expect(file.reasons).toEqual([expect.stringMatching(/scheme "file" is not allowed/)]);
  });

  it('a redirecting URL (redirects are not followed)', async () => {
    const refusal = await register('unep', await fake({ redirectTo: good.url }));
    expect(refusal.reasons).toEqual([expect.stringMatching(/redirect \(HTTP 302\); redirects are not followed/)]);
  });

  it('a duplicate code', async () => {
    expect(await register('fao', good.url)).toEqual({});
    const duplicate = await register('fao', good.url);
    expect(duplicate.code).toBe('CONFLICT');
  });

  it('a private or link-local address (cloud metadata), refused before anything is fetched', async () => {
    // This registry allows loopback only (test/support/loopback.ts): other non-public addresses are refused on
    // the address itself, so the reason is the guard's, never a connection error or a timeout.
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1:8080/graphql']) {
      const refusal = await register('unicef', url);
      expect(refusal.code).toBe('REGISTRATION_REFUSED');
      expect(refusal.reasons).toEqual([
        expect.stringMatching(/is refused: its address is .*\[DESTINATION_NOT_ALLOWED\]/),
      ]);
    }
  });

  it('registered nothing but the good one, and the CLI prints refusals readably', async () => {
    const env = { CONVERGENCE_REGISTRY_URL: registry.url, CONVERGENCE_ADMIN_TOKEN: TOKEN };
    const listed = await runCli(['list'], env);
    expect(listed.stdout).toMatch(/^fao\s+ACTIVE/m);
    expect(listed.stdout).toMatch(/1 agencies/);
    const refused = await runCli(
      ['register', '--code', 'unep', '--name', 'UNEP', '--kind', 'custom', '--url', 'ftp://127.0.0.1/x'],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /register failed \(REGISTRATION_REFUSED\): the registry refused it\n\s+- subgraph URL scheme "ftp"/,
    );
    const sdl = CANONICAL_SDL.replace(/\n\s*title: String!/, '\n');
    const checked = await runCli(['check', await fake({ sdl, data: () => goodSmokeData('unep') }), '--code', 'unep']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/FAIL {2}contract\n\s+- contract: Course\.title was removed/);
  });

  it('`check` against a URL that answers a web page prints the gate report with the reason', async () => {
    const page = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>Welcome</body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const checked = await runCli(['check', `http://127.0.0.1:${(page.address() as AddressInfo).port}/`]);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(/FAIL {2}sdl\n\s+- subgraph answered text\/html, not JSON/);
      expect(checked.stdout).toMatch(/REFUSED: 1 problem/);
      expect(checked.stderr).not.toMatch(/Unexpected token|SyntaxError/);
    } finally {
      page.closeAllConnections();
      page.close();
    }
  });
});
