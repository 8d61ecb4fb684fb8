import { describe, expect, it } from 'vitest';
import { statusTable } from '../../../../subgraphs/cli/harvest.js';
import { suppressKpis } from '../../../../subgraphs/insights/answer/kpis.js';
import { progressLine, rateAndEta } from '../../../../subgraphs/insights/harvest/progress.js';
import type { HarvestState } from '../../../../subgraphs/insights/store/insightsStore.js';

const state = (over: Partial<HarvestState>): HarvestState => ({
  agency: 'who',
  runId: null,
  runFull: false,
  runKind: 'walk',
  runSince: null,
  runUntil: null,
  runStartedAt: null,
  cursor: 0,
  runItems: 0,
  runCalls: 0,
  lastSuccessAt: null,
  lastDurationMs: null,
  lastItems: null,
  lastCalls: null,
  lastError: null,
  lastErrorAt: null,
  courses: 0,
  lastRunKind: null,
  lastRunStartedAt: null,
  lastFullAt: null,
  runsSinceFull: 0,
  ...over,
});

describe('harvest CLI output', () => {
  it('shows items, calls, rate and ETA per agency', () => {
    const started = new Date(1_000_000);
    const p = {
      agency: 'who',
      coursesDone: 30,
      coursesTotal: 120,
      items: 600,
      calls: 31,
      startedAt: started,
      resumed: false,
    };
    expect(rateAndEta(p, 1_000_000 + 10_000)).toEqual({ rate: 60, etaSeconds: 30 });
    expect(progressLine(p, 8, 1_000_000 + 10_000)).toBe(
      'who        [##......] 30/120 courses  600 items  31 calls  60/s  ETA 30s',
    );
  });

  it('harvest status: last success, duration, items, lag, and interrupted runs', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const table = statusTable(
      [
        state({
          agency: 'ilo',
          lastSuccessAt: new Date('2026-01-01T11:59:00Z'),
          lastDurationMs: 2500,
          lastItems: 812,
          lastRunKind: 'incremental',
        }),
        state({ agency: 'wfp', runId: 'r1', runKind: 'full', cursor: 40, lastError: 'LMS down' }),
      ],
      now,
    );
    const [header, ilo, wfp] = table.trimEnd().split('\n');
    expect(header).toMatch(/^agency\s+last success\s+run\s+duration\s+items\s+lag\s+state$/);
    expect(ilo).toMatch(/^ilo\s+2026-01-01T11:59:00.000Z\s+incremental\s+2.5 s\s+812\s+60 s\s+ok$/);
    expect(wfp).toMatch(/^wfp\s+never\s+-\s+-\s+-\s+-\s+full running\/interrupted at course 40$/);
  });
});

describe('small-cell suppression of harvested KPIs', () => {
  it('withholds small person counts and every figure computed from them, never course counts', () => {
    const { kpis, suppressed } = suppressKpis(
      {
        enrolments: 40,
        completions: 3,
        completionRate: 0.075,
        medianDaysToCompletion: 12,
        learningHoursCompleted: 4.5,
        learners: 20,
        learnersWithCompletion: 3,
        staffCompletionShare: 0.15,
        inProgress: 30,
        failed: 4,
        withdrawn: 3,
        credentialsIssued: 2,
        recognisedCount: 4,
        recognisedHours: 12,
      },
      5,
    );
    expect(kpis).toMatchObject({
      enrolments: 40,
      completions: null,
      completionRate: null,
      medianDaysToCompletion: null,
      learningHoursCompleted: null,
      learners: 20,
      learnersWithCompletion: null,
      staffCompletionShare: null,
      inProgress: 30,
      failed: null,
      // Four recognitions: withheld, with the hours they credited.
      recognisedCount: null,
      recognisedHours: null,
    });
    expect(suppressed).toContain('completions');
  });
});
