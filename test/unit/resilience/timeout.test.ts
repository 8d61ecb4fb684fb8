import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { anySignal, deadlineSignal } from '../../../schema/timeout.js';

const run = promisify(execFile);

describe('deadlineSignal', () => {
  it('aborts after its time with a TimeoutError', async () => {
    const { signal } = deadlineSignal(20);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('follows a parent that aborts first, with its reason', () => {
    const parent = new AbortController();
    const { signal } = deadlineSignal(60_000, parent.signal);
    parent.abort(new Error('client gone'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('client gone');
  });

  it('starts aborted when a parent already is', () => {
    expect(anySignal(AbortSignal.abort('x')).signal.aborted).toBe(true);
  });

  it('never fires once disposed, and lets go of its parents', async () => {
    const parent = new AbortController();
    const deadline = deadlineSignal(10, parent.signal);
    deadline.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    parent.abort();
    expect(deadline.signal.aborted).toBe(false);
  });

  // nodejs/node#57736: the timeout inside AbortSignal.any is collected and never fires. Run in a child
  // process with --expose-gc and forced collections; ours must fire every time.
  it('fires under forced garbage collection, where AbortSignal.any(timeout) may not', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/timeoutGc.ts'], {
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { total: number; ours: number; nodeAny: number };
    console.log(
      `timeouts fired under forced GC: ours ${result.ours}/${result.total}, AbortSignal.any ${result.nodeAny}/${result.total}`,
    );
    expect(result.ours).toBe(result.total);
  }, 40_000);
});
