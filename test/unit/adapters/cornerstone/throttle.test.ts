import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from '../../../../adapters/core/windowLimiter.js';
import { createCsodRateGuard, documentedPerMinute, rateKeyOf } from '../../../../adapters/cornerstone/throttle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate keys and documented limits', () => {
  it('keys by URI with ids replaced, absolute next links included', () => {
    expect(rateKeyOf('/services/api/x/users/v2/employees/5646543')).toBe('/services/api/x/users/v2/employees/{id}');
    expect(rateKeyOf('https://p.csod.com/services/api/x/odata/api/views/vw_rpt_user?$skiptoken=x')).toBe(
      '/services/api/x/odata/api/views/vw_rpt_user',
    );
    expect(rateKeyOf('/services/api/LO/7ad38cb9-04e1-47be-8334-09a4484f82ad')).toBe('/services/api/lo/{guid}');
    expect(documentedPerMinute('/services/api/x/users/v2/employees')).toBe(75);
    expect(documentedPerMinute('/services/api/x/odata/api/views/vw_rpt_transcript')).toBe(940);
    expect(documentedPerMinute('/services/api/x/odata/api/views/vw_rpt_user')).toBe(400);
  });
});

describe('window limiter', () => {
  it('probes an unknown key one call at a time, then keeps any window within the learned limit', async () => {
    const limiter = createWindowLimiter({ windowMs: 200, marginMs: 20, fallbackLimit: () => 1 });
    const starts: number[] = [];
    const task = async (learn: boolean) => {
      starts.push(Date.now());
      await sleep(5);
      if (learn) limiter.setLimit('k', 4);
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => limiter.run('k', () => task(i === 0))));
    expect(starts).toHaveLength(12);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(4); // the probe ran alone
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 200).length).toBeLessThanOrEqual(4);
    }
    expect(starts[11]! - starts[0]!).toBeGreaterThanOrEqual(2 * 220 - 5);
  });

  it('waits out a pause and keeps keys independent', async () => {
    const limiter = createWindowLimiter({ windowMs: 1000, fallbackLimit: () => 100 });
    limiter.setLimit('a', 100);
    limiter.setLimit('b', 100);
    limiter.pauseUntil('a', Date.now() + 100);
    const started = Date.now();
    const b = await limiter.run('b', async () => Date.now() - started);
    const a = await limiter.run('a', async () => Date.now() - started);
    expect(b).toBeLessThan(50);
    expect(a).toBeGreaterThanOrEqual(95);
  });
});

describe('CSOD rate guard', () => {
  it('learns hourly / 60 from x-csod headers and waits for the next window after a 429', async () => {
    const guard = createCsodRateGuard(100);
    const url = '/services/api/x/users/v2/employees';
    expect(guard.observe(url, 200, { 'x-csod-throttling-rate-limit-urilevel': '120' })).toBeUndefined();
    const wait = guard.observe(url, 429, { 'x-csod-throttling-rate-limit-urilevel': '120' });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(111);
    const started = Date.now();
    await guard.limiter.run(rateKeyOf(url), async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual((wait ?? 0) - 5);
  });
});
