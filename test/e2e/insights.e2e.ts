import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { graphql } from '../support/graphql.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/**
 * Issue 15 end to end: the sandbox's insights subgraph harvests every agency at start (through the same
 * LMS connections as their subgraphs) into its embedded store; the gateway answers the harvested KPIs
 * from it, next to the live counts of the agency subgraphs, with the roles' rules.
 */
let sandbox: Sandbox;
const tokens = new Map<string, string>();
const ask = async <T>(email: string | null, query: string, variables: Record<string, unknown> = {}) => {
  let headers = {};
  if (email) {
    const token = tokens.get(email) ?? (await obtainAccessToken({ issuer: sandbox.identityProvider.url, email }));
    tokens.set(email, token);
    headers = { authorization: `Bearer ${token}` };
  }
  return graphql<T>(sandbox.gateway.url, query, variables, headers);
};
const ANALYST = 'analyst@unssc.org';
const WHO_MANAGER = 'learning.manager@who.int';
// Three kinds of LMS (Cornerstone, SuccessFactors, Moodle): the sandbox runs only these.
const LMS_AGENCIES = ['unicef', 'wfp', 'who'];

interface Stats {
  learningStats: {
    kpis: Record<string, number | null>;
    asOf: { code: string; asOf: string }[];
    agencies: { code: string; name: string }[];
    perAgency: {
      code: string;
      kpis: { enrolments: number | null };
      rating: { average: number | null; responses: number | null };
    }[];
    live: boolean;
  };
}
const STATS = `query($filter: KpiFilter) { learningStats(filter: $filter) {
  kpis { enrolments completions completionRate medianDaysToCompletion learningHoursCompleted learners
         learnersWithCompletion staffCompletionShare credentialsIssued recognisedCount recognisedHours courses }
  asOf { code asOf } agencies { code name } perAgency { code kpis { enrolments } rating { average responses } } live } }`;

beforeAll(async () => {
  sandbox = await startSandbox({ gatewayPort: 0, agencies: LMS_AGENCIES });
  // The first harvest runs in the background at start: wait until every LMS agency has a snapshot.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await ask<Stats>(ANALYST, STATS);
    const covered = res.data?.learningStats.asOf.map((a) => a.code) ?? [];
    if (LMS_AGENCIES.every((code) => covered.includes(code))) break;
    if (Date.now() > deadline) throw new Error(`harvest did not cover the agencies: ${JSON.stringify(res)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 300_000);
afterAll(async () => {
  await sandbox?.stop();
});

describe('harvested learning KPIs through the gateway', () => {
  it('answers system-wide from the snapshots, equal to the sum of the live counts, with asOf per agency', async () => {
    const res = await ask<Stats>(ANALYST, STATS);
    expect(res.errors).toBeUndefined();
    const stats = res.data!.learningStats;
    expect(stats.live).toBe(false);
    // Agency names come from the learning subgraph: the entity reference resolves through the gateway.
    expect(stats.agencies.find((a) => a.code === 'who')?.name).toBeTruthy();
    const live = await ask<{ liveLearningStats: { enrollmentCount: number; completedCount: number } }>(
      ANALYST,
      `{ liveLearningStats(filter: { agencies: ["unicef", "wfp"] }) { enrollmentCount completedCount } }`,
    );
    const harvested = await ask<Stats>(ANALYST, STATS, { filter: { agencies: ['unicef', 'wfp'] } });
    expect(harvested.data!.learningStats.kpis.enrolments).toBe(live.data!.liveLearningStats.enrollmentCount);
    expect(harvested.data!.learningStats.kpis.completions).toBe(live.data!.liveLearningStats.completedCount);
    const k = stats.kpis;
    expect(k.completionRate).toBeGreaterThan(0);
    expect(k.medianDaysToCompletion).not.toBeNull();
    expect(k.staffCompletionShare).toBeGreaterThan(0);
    const sum = stats.perAgency.reduce((n, a) => n + (a.kpis.enrolments ?? 0), 0);
    expect(k.enrolments).toBe(sum);
    // Course evaluations: SuccessFactors keeps learners' ratings on their learning history, Moodle (who) in
    // its Feedback activities; Cornerstone (unicef) documents no evaluation API.
    for (const code of ['wfp', 'who']) {
      const rating = stats.perAgency.find((a) => a.code === code)!.rating;
      expect(rating.responses, code).toBeGreaterThanOrEqual(5);
      expect(rating.average, code).toBeGreaterThanOrEqual(1);
      expect(rating.average, code).toBeLessThanOrEqual(5);
    }
    expect(stats.perAgency.find((a) => a.code === 'unicef')!.rating).toEqual({ average: null, responses: 0 });
  });

  it('breaks the KPIs down by SDG and by month', async () => {
    const query = `query($by: KpiBreakdown!) { learningBreakdown(by: $by) { by rows { key kpis { enrolments completions courses } } } }`;
    const bySdg = await ask<{ learningBreakdown: { rows: { key: string; kpis: { courses: number } }[] } }>(
      ANALYST,
      query,
      { by: 'SDG' },
    );
    expect(bySdg.errors).toBeUndefined();
    expect(bySdg.data!.learningBreakdown.rows.length).toBeGreaterThan(0);
    expect(bySdg.data!.learningBreakdown.rows.every((r) => Number(r.key) >= 1 && Number(r.key) <= 17)).toBe(true);
    const byMonth = await ask<{ learningBreakdown: { rows: { key: string }[] } }>(ANALYST, query, { by: 'MONTH' });
    expect(byMonth.data!.learningBreakdown.rows.every((r) => /^\d{4}-\d{2}$/.test(r.key))).toBe(true);
  });

  it('serves analysts system-wide, a manager their own agency only, and nobody anonymous', async () => {
    const anonymous = await ask<Stats>(null, STATS);
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const own = await ask<Stats>(WHO_MANAGER, STATS, { filter: { agencies: ['who'] } });
    expect(own.errors).toBeUndefined();
    expect(own.data!.learningStats.asOf.map((a) => a.code)).toEqual(['who']);
    // Recognised learning is harvested from the registry with the harvest's token: WHO has none (a manager
    // sees their own zero; an analyst would see it withheld).
    expect(own.data!.learningStats.kpis).toMatchObject({ recognisedCount: 0, recognisedHours: 0 });
    const other = await ask<Stats>(WHO_MANAGER, STATS, { filter: { agencies: ['unicef'] } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in Chromium', () => {
  it('loads offline, shows the numbers of the API, follows a filter, narrow and wide, without errors', async () => {
    const token =
      tokens.get(ANALYST) ?? (await obtainAccessToken({ issuer: sandbox.identityProvider.url, email: ANALYST }));
    const origin = new URL(sandbox.gateway.url).origin;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking'],
    });
    try {
      // The page's CSP forbids eval; the test's own probes (string expressions) are let through.
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
      const errors: string[] = [];
      const outside: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      // Offline: anything but the gateway itself is refused (and would be listed).
      await page.route('**/*', (route) => {
        if (route.request().url().startsWith(origin)) return route.continue();
        outside.push(route.request().url());
        return route.abort();
      });
      // Expressions run in the page (strings: this project compiles without the DOM library).
      const loaded = async (after: string) =>
        page.waitForFunction(
          `document.body.dataset.loaded !== undefined && document.body.dataset.loaded !== ${JSON.stringify(after)}`,
        );
      await page.goto(`${origin}/dashboard#token=${token}`);
      await loaded('');
      const shown = async (kpi: string) => page.locator(`[data-kpi="${kpi}"] .value`).textContent();
      const api = await ask<Stats>(ANALYST, STATS);
      expect(await shown('enrolments')).toBe(String(api.data!.learningStats.kpis.enrolments));
      expect(await shown('completions')).toBe(String(api.data!.learningStats.kpis.completions));
      const recognised = api.data!.learningStats.kpis.recognisedCount;
      expect(await shown('recognisedCount')).toBe(recognised === null ? '–' : String(recognised));
      // The SDG chart holds the breakdown's numbers.
      const bySdg = await ask<{ learningBreakdown: { rows: { kpis: { enrolments: number } }[] } }>(
        ANALYST,
        '{ learningBreakdown(by: SDG) { rows { kpis { enrolments } } } }',
      );
      const plotted = await page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('chart-sdg')).getOption().series[0].data",
      );
      expect(plotted).toEqual(bySdg.data!.learningBreakdown.rows.map((r) => r.kpis.enrolments));
      // The ratings chart holds each agency's average as the API answers it.
      const ratings = await page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('chart-ratings')).getOption().series[0].data",
      );
      expect(ratings).toEqual(api.data!.learningStats.perAgency.map((a) => a.rating.average));
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: new URL('dashboard-wide.png', ARTIFACTS).pathname, fullPage: true });

      // A filter changes the numbers: one agency's, as the API answers them.
      const before = String(await page.evaluate("document.body.dataset.loaded ?? ''"));
      await page.selectOption('#agency', 'wfp');
      await loaded(before);
      const wfp = await ask<Stats>(ANALYST, STATS, { filter: { agencies: ['wfp'] } });
      expect(await shown('enrolments')).toBe(String(wfp.data!.learningStats.kpis.enrolments));
      expect(wfp.data!.learningStats.kpis.enrolments).not.toBe(api.data!.learningStats.kpis.enrolments);

      await page.setViewportSize({ width: 375, height: 800 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: new URL('dashboard-narrow.png', ARTIFACTS).pathname, fullPage: true });
      // Narrow: the charts stack in one column inside the window.
      const widths = (await page.evaluate(
        "[...document.querySelectorAll('.chart')].map((c) => c.getBoundingClientRect().right)",
      )) as number[];
      expect(widths.every((right) => right <= 375)).toBe(true);
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
