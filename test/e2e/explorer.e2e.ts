import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 12: the explorer in a real headless Chromium with no network beyond loopback: the page and its
 * assets come from the gateway, a README example runs, and its result is shown.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
let subgraph: RunningAgencySubgraph;
let gateway: RunningGateway;

beforeAll(async () => {
  if (!hasChromium) return;
  subgraph = await startAgencySubgraph({
    agency: { code: 'who', name: 'WHO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, 12)),
  });
  gateway = await startGateway({
    directory: new AgencyDirectory([{ code: 'who', name: 'WHO', lmsKind: 'custom', url: subgraph.url }]),
    agencyTimeoutMs: 5000,
    deadlineMs: 10_000,
    cursorSecret: 'test-secret-explorer',
    explorer: true,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await subgraph?.stop();
});

describe.skipIf(!hasChromium)(`the explorer in Chromium (${CHROMIUM})`, () => {
  it('loads offline, runs a query and shows its result', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const offLoopback: string[] = [];
      // Anything not served by the gateway on loopback would be a CDN: refuse it and remember it.
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        offLoopback.push(url.href);
        return route.abort();
      });
      await page.goto(gateway.url, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
      // The README's examples are the tabs; write one query of our own in the active tab and run it.
      expect(await page.locator('.graphiql-tab').count()).toBeGreaterThan(1);
      await page
        .locator('.graphiql-query-editor .CodeMirror')
        .evaluate((element) =>
          (element as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(
            '{ courses(first: 1) { totalCount } }',
          ),
        );
      await page.click('.graphiql-execute-button');
      // A locator, not a predicate string: Playwright evaluates those with eval, which the page's CSP refuses.
      await page.locator('.result-window', { hasText: 'totalCount' }).waitFor({ timeout: 20_000 });
      const result = await page.locator('.result-window').textContent();
      expect(result).toContain('"totalCount": 12');
      expect(offLoopback).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
