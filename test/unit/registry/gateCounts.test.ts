import { afterEach, describe, expect, it } from 'vitest';
import type { LmsAdapter, LmsCapability } from '../../../adapters/core/adapter.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../../subgraphs/agency/server.js';
import { runRegistrationGate } from '../../../subgraphs/registry/gate/index.js';
import { goodSmokeData, startFakeSubgraph } from '../../support/fakeSubgraph.js';
import { LOOPBACK_GATE } from '../../support/loopback.js';
import { createMemoryAdapter } from '../../support/memoryAdapter.js';
import { memoryData } from '../../support/memoryData.js';

/**
 * Issue 13: the gate's count check. The candidate compares its own statistics with its courses' enrolment
 * lists and answers totals and a verdict; the gate needs no access to personal data to read them.
 */
const agency = { code: 'fao', name: 'Food and Agriculture Organization', lmsKind: 'custom' as const };
const running: RunningAgencySubgraph[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serve(adapter: LmsAdapter): Promise<string> {
  const subgraph = await startAgencySubgraph({ agency, adapter });
  running.push(subgraph);
  return subgraph.url;
}

describe('registration gate: the count check', () => {
  it('passes an agency whose statistics count every enrolment its courses list', async () => {
    const report = await runRegistrationGate('fao', await serve(createMemoryAdapter(memoryData(5, 10))), LOOPBACK_GATE);
    expect(report.checks.find((c) => c.step === 'counts')).toEqual({ step: 'counts', ok: true, problems: [] });
    expect(report.ok).toBe(true);
  });

  it('refuses an agency whose statistics lose enrolments its courses list', async () => {
    const honest = createMemoryAdapter(memoryData(5, 10));
    // Like the Moodle adapter before issue 13: statistics that leave out two inactive enrolments.
    const lossy: LmsAdapter = Object.assign(Object.create(honest) as LmsAdapter, {
      getStats: async (query: Parameters<LmsAdapter['getStats']>[0]) => {
        const stats = await honest.getStats(query);
        return { ...stats, enrollmentCount: stats.enrollmentCount - 2 };
      },
    });
    const report = await runRegistrationGate('fao', await serve(lossy), LOOPBACK_GATE);
    expect(report.ok).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^counts: learningStats counts 8 enrolments but the courses' own lists hold 10/),
    ]);
  });

  it('only warns for an agency that cannot list enrolments by course', async () => {
    const honest = createMemoryAdapter(memoryData(5, 10));
    const capabilities = new Set<LmsCapability>([...honest.capabilities].filter((c) => c !== 'enrollments.byCourse'));
    const partial = Object.assign(Object.create(honest) as LmsAdapter, { capabilities });
    const report = await runRegistrationGate('fao', await serve(partial), LOOPBACK_GATE);
    expect(report.ok).toBe(true);
    expect(report.warnings).toContain('counts not checked: the LMS adapter does not support enrollments.byCourse');
  });

  it('refuses a disagreeing verdict and warns when the subgraph gives none', async () => {
    const check = {
      checked: true,
      agree: false,
      reason: null,
      courseCount: 2,
      statisticsCount: null,
      courseListsCount: null,
    };
    await using disagreeing = await startFakeSubgraph({
      data: (query) =>
        query.includes('enrollmentCountCheck')
          ? { agencies: [{ code: 'fao', enrollmentCountCheck: check }] }
          : goodSmokeData('fao'),
    });
    const refused = await runRegistrationGate('fao', disagreeing.url, LOOPBACK_GATE);
    expect(refused.reasons).toEqual([expect.stringMatching(/counts: learningStats counts a different number of/)]);
    await using silent = await startFakeSubgraph({ data: () => goodSmokeData('fao') });
    const warned = await runRegistrationGate('fao', silent.url, LOOPBACK_GATE);
    expect(warned.ok).toBe(true);
    expect(warned.warnings).toContain('counts not checked: the subgraph gave no enrollmentCountCheck');
  });
});
