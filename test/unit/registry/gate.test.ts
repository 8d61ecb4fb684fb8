import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../../subgraphs/agency/server.js';
import { compareWithContract } from '../../../subgraphs/registry/gate/contract.js';
import { formatGateReport, runRegistrationGate } from '../../../subgraphs/registry/gate/index.js';
import { urlProblems } from '../../../subgraphs/registry/gate/url.js';
import { CANONICAL_SDL, goodSmokeData, startFakeSubgraph, unusedUrl } from '../../support/fakeSubgraph.js';
import { LOOPBACK_GATE } from '../../support/loopback.js';
import { createMemoryAdapter } from '../../support/memoryAdapter.js';
import { memoryData } from '../../support/memoryData.js';

let real: RunningAgencySubgraph;
beforeAll(async () => {
  real = await startAgencySubgraph({
    agency: { code: 'fao', name: 'Food and Agriculture Organization', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(5, 10)),
  });
});
afterAll(() => real?.stop());

describe('registration gate', () => {
  it('passes a real agency subgraph and says what it serves', async () => {
    const report = await runRegistrationGate('fao', real.url, LOOPBACK_GATE);
    expect(report.reasons).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.step)).toEqual(['code', 'url', 'sdl', 'contract', 'smoke', 'entities', 'counts']);
    expect(report.observed).toEqual({ name: 'Food and Agriculture Organization', lmsKind: 'custom' });
    expect(formatGateReport(report)).toContain('READY to register');
  });

  it('refuses a subgraph whose ids belong to another agency', async () => {
    const report = await runRegistrationGate('wfp', real.url, LOOPBACK_GATE);
    expect(report.ok).toBe(false);
    expect(report.reasons.join('\n')).toMatch(/not the agency being registered \("wfp"\)/);
  });

  it('says a URL answering a web page is not a GraphQL endpoint, without repeating the page', async () => {
    const page = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome to the intranet</html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const report = await runRegistrationGate(
        'fao',
        `http://127.0.0.1:${(page.address() as AddressInfo).port}/`,
        LOOPBACK_GATE,
      );
      expect(report.checks.at(-1)).toEqual({
        step: 'sdl',
        ok: false,
        problems: [expect.stringMatching(/^subgraph answered text\/html, not JSON/)],
      });
      expect(JSON.stringify(report)).not.toContain('intranet');
    } finally {
      page.close();
    }
  });

  it('refuses URLs with credentials or a non-http scheme before calling them', () => {
    expect(urlProblems('http://admin:pw@127.0.0.1:1/graphql')).toEqual([
      expect.stringMatching(/must not contain credentials/),
    ]);
    expect(urlProblems('ftp://127.0.0.1/graphql')).toEqual([expect.stringMatching(/scheme "ftp" is not allowed/)]);
    expect(urlProblems('not a url')).toEqual([expect.stringMatching(/not an absolute URL/)]);
  });

  it('never prints the credentials of a refused URL', async () => {
    const report = await runRegistrationGate('fao', 'http://admin:hunter2@127.0.0.1:1/graphql', LOOPBACK_GATE);
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('finds missing fields and wrong field types in the SDL', () => {
    const missing = CANONICAL_SDL.replace(/\n\s*title: String!/, '\n');
    expect(compareWithContract(missing).problems.join('\n')).toMatch(/Course\.title was removed/);
    const wrongType = CANONICAL_SDL.replace(/totalCount: Int!/, 'totalCount: String!');
    expect(compareWithContract(wrongType).problems.join('\n')).toMatch(/totalCount changed type from Int! to String!/);
    expect(compareWithContract(CANONICAL_SDL)).toEqual({ problems: [], warnings: [] });
  });

  it('refuses an answer of the wrong type even when the SDL is right', async () => {
    await using fake = await startFakeSubgraph({
      data: () => ({ ...goodSmokeData('fao'), courses: { ...goodSmokeData('fao').courses, totalCount: '2' } }),
    });
    const report = await runRegistrationGate('fao', fake.url, LOOPBACK_GATE);
    expect(report.reasons).toEqual([
      expect.stringMatching(/courses\.totalCount is string "2", expected a non-negative Int/),
    ]);
  });

  it('refuses an unreachable URL and a redirect, without following it', async () => {
    const down = await runRegistrationGate('fao', await unusedUrl(), LOOPBACK_GATE);
    expect(down.reasons).toEqual([expect.stringMatching(/unreachable \(ECONNREFUSED\)/)]);
    await using redirecting = await startFakeSubgraph({ redirectTo: real.url });
    const redirected = await runRegistrationGate('fao', redirecting.url, LOOPBACK_GATE);
    expect(redirected.reasons).toEqual([expect.stringMatching(/redirect \(HTTP 302\); redirects are not followed/)]);
  });

  it('refuses a malformed code', async () => {
    const report = await runRegistrationGate('FAO!', real.url, LOOPBACK_GATE);
    expect(report.reasons).toEqual([expect.stringMatching(/not a lowercase slug/)]);
  });
});
