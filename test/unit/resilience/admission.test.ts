import { describe, expect, it } from 'vitest';
import { Admission, CallCancelled, RequestLane } from '../../../adapters/core/admission.js';
import { LmsError } from '../../../adapters/core/errors.js';
import { createSerialLimiter } from '../../../adapters/core/limiter.js';
import { createWindowLimiter } from '../../../adapters/core/windowLimiter.js';

/** A task that runs until released, recording its start. */
function gate(log: string[], name: string) {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    task: async () => {
      log.push(name);
      await done;
      return name;
    },
    release: () => release(),
  };
}

const code = (error: unknown) => (error instanceof LmsError ? error.code : String(error));

describe('Admission', () => {
  it('keeps at most maxInFlight running and serves waiting callers round-robin', async () => {
    const admission = new Admission({ maxInFlight: 1 });
    const log: string[] = [];
    const first = gate(log, 'a0');
    const running = admission.run(first.task, { caller: 'a' });
    // Caller a queues a burst of three before b and c ask once each.
    const queued = ['a1', 'a2', 'a3', 'b1', 'c1'].map((name) =>
      admission.run(
        async () => {
          log.push(name);
          return name;
        },
        { caller: name[0] },
      ),
    );
    expect(admission.stats()).toEqual({ inFlight: 1, queued: 5 });
    first.release();
    await Promise.all([running, ...queued]);
    // a's burst does not keep b and c waiting behind it.
    expect(log).toEqual(['a0', 'a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('refuses at once with LMS_OVERLOADED (retryable) when the queue or the caller share is full', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 3, maxQueuedPerCaller: 2 });
    const blocker = gate([], 'x');
    const running = admission.run(blocker.task);
    const waiting = [admission.run(async () => 1, { caller: 'a' }), admission.run(async () => 2, { caller: 'a' })];
    const third = await admission.run(async () => 3, { caller: 'a' }).catch((e: unknown) => e);
    expect(code(third)).toBe('LMS_OVERLOADED');
    expect((third as LmsError).retryable).toBe(true);
    waiting.push(admission.run(async () => 4, { caller: 'b' }));
    expect(code(await admission.run(async () => 5, { caller: 'c' }).catch((e: unknown) => e))).toBe('LMS_OVERLOADED');
    blocker.release();
    expect(await Promise.all([running, ...waiting])).toEqual(['x', 1, 2, 4]);
  });

  it('lets a lone caller queue past its share, keeping one share free for the next caller', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 10, maxQueuedPerCaller: 3 });
    const blocker = gate([], 'x');
    const running = admission.run(blocker.task, { caller: 'portal' });
    // Alone, the portal may queue 10 - 3 = 7 calls, not only its share of 3.
    const burst = Array.from({ length: 8 }, (_, i) =>
      admission.run(async () => i, { caller: 'portal' }).catch((e: unknown) => code(e)),
    );
    // The share left free: another caller still gets in, and is served in the next round.
    const newcomer = admission.run(async () => 'newcomer', { caller: 'learner' });
    blocker.release();
    expect(await Promise.all([running, ...burst, newcomer])).toEqual([
      'x',
      ...[0, 1, 2, 3, 4, 5, 6],
      'LMS_OVERLOADED',
      'newcomer',
    ]);
  });

  it('holds a caller to its share while another caller is waiting', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 10, maxQueuedPerCaller: 3 });
    const blocker = gate([], 'x');
    const running = admission.run(blocker.task);
    const other = admission.run(async () => 'other', { caller: 'learner' });
    const burst = Array.from({ length: 5 }, (_, i) =>
      admission.run(async () => i, { caller: 'portal' }).catch((e: unknown) => code(e)),
    );
    blocker.release();
    expect(await Promise.all([running, other, ...burst])).toEqual([
      'x',
      'other',
      0,
      1,
      2,
      'LMS_OVERLOADED',
      'LMS_OVERLOADED',
    ]);
  });

  it('drops a queued call whose request is abandoned, before it is sent', async () => {
    const admission = new Admission({ maxInFlight: 1 });
    const blocker = gate([], 'x');
    const running = admission.run(blocker.task);
    const abandoned = new AbortController();
    let sent = false;
    const queued = admission.run(
      async () => {
        sent = true;
      },
      { signal: abandoned.signal },
    );
    abandoned.abort();
    await expect(queued).rejects.toBeInstanceOf(CallCancelled);
    expect(admission.stats().queued).toBe(0);
    blocker.release();
    await running;
    expect(sent).toBe(false);
  });

  it('refuses a call that cannot start before its deadline, and fails a queued one when it passes', async () => {
    const admission = new Admission({ maxInFlight: 1 });
    expect(code(await admission.run(async () => 1, { deadline: Date.now() - 1 }).catch((e: unknown) => e))).toBe(
      'LMS_OVERLOADED',
    );
    const blocker = gate([], 'x');
    const running = admission.run(blocker.task);
    const late = admission.run(async () => 2, { deadline: Date.now() + 20 }).catch((e: unknown) => e);
    expect(code(await late)).toBe('LMS_OVERLOADED');
    blocker.release();
    await running;
  });
});

describe('the rate limiters', () => {
  it('serial: bounded queue, abandoned calls never sent', async () => {
    const limiter = createSerialLimiter(0, Date.now, 2);
    const blocker = gate([], 'x');
    const running = limiter.run(blocker.task);
    const abandoned = new AbortController();
    let sent = false;
    const dropped = limiter.run(async () => {
      sent = true;
    }, abandoned.signal);
    expect(code(await limiter.run(async () => 3).catch((e: unknown) => e))).toBe('LMS_OVERLOADED');
    abandoned.abort();
    await expect(dropped).rejects.toBeInstanceOf(CallCancelled);
    blocker.release();
    await running;
    expect(await limiter.run(async () => 'after')).toBe('after');
    expect(sent).toBe(false);
  });

  it('window: bounded queue per key, abandoned waiters leave it', async () => {
    const limiter = createWindowLimiter({ windowMs: 60_000, fallbackLimit: () => 1, maxQueued: 1 });
    limiter.setLimit('k', 1);
    await limiter.run('k', async () => 'first');
    const abandoned = new AbortController();
    const waiting = limiter.run('k', async () => 'never', abandoned.signal);
    expect(code(await limiter.run('k', async () => 'x').catch((e: unknown) => e))).toBe('LMS_OVERLOADED');
    abandoned.abort();
    await expect(waiting).rejects.toBeInstanceOf(CallCancelled);
  });
});

describe('RequestLane', () => {
  it('lets one request fan out far beyond its caller’s queue share, never holding more than its width', async () => {
    const admission = new Admission({ maxInFlight: 2, maxQueued: 8, maxQueuedPerCaller: 4 });
    const lane = new RequestLane(2);
    let peak = 0;
    const calls = Array.from({ length: 300 }, (_, i) =>
      lane.run(() =>
        admission.run(
          async () => {
            const { inFlight, queued } = admission.stats();
            peak = Math.max(peak, inFlight + queued);
            await new Promise((resolve) => setImmediate(resolve));
            return i;
          },
          { caller: 'one request' },
        ),
      ),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(peak).toBeLessThanOrEqual(2);
    // Without the lane the same burst is refused once the caller's share (4) is queued.
    const unlaned = await Promise.allSettled(
      Array.from({ length: 20 }, () => admission.run(async () => 0, { caller: 'one request' })),
    );
    expect(unlaned.some((r) => r.status === 'rejected' && code(r.reason) === 'LMS_OVERLOADED')).toBe(true);
  });

  it('drops the calls still waiting in the lane when their request is abandoned, unsent', async () => {
    const lane = new RequestLane(1);
    const controller = new AbortController();
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = lane.run(first.task, controller.signal);
    const waiting = lane.run(async () => {
      log.push('second');
      return 'second';
    }, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CallCancelled);
    first.release();
    await running;
    expect(log).toEqual(['first']);
  });
});
