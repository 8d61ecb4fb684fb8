import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** Cumulative CPU time and event-loop activity of one process, in milliseconds. */
export interface Usage {
  readonly cpuMs: number;
  readonly eluActiveMs: number;
  readonly eluIdleMs: number;
  /** Resident set size now, and the most it has been since the process started (bytes). */
  readonly rssBytes: number;
  readonly maxRssBytes: number;
  /** V8 heap in use now (bytes): what of the RSS is JavaScript objects. */
  readonly heapUsedBytes: number;
}

/** Parent → child. */
export type HostCommand = { readonly type: 'usage' } | { readonly type: 'stop' };

/** Child → parent. */
export type HostMessage =
  | { readonly type: 'ready'; readonly urls: readonly string[] }
  | ({ readonly type: 'usage' } & Usage);

export function currentUsage(): Usage {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    eluActiveMs: elu.active,
    eluIdleMs: elu.idle,
    rssBytes: process.memoryUsage.rss(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** What a host process did between two usage samples (or over several such stretches, summed). */
export interface UsageDelta {
  readonly cpuMs: number;
  /** Time the event loop was busy, and wall time of the stretch. */
  readonly loopBusyMs: number;
  readonly wallMs: number;
}

export function usageDelta(before: Usage, after: Usage): UsageDelta {
  const busy = after.eluActiveMs - before.eluActiveMs;
  const idle = after.eluIdleMs - before.eluIdleMs;
  return { cpuMs: after.cpuMs - before.cpuMs, loopBusyMs: busy, wallMs: busy + idle };
}

export function sumUsage(deltas: readonly UsageDelta[]): UsageDelta {
  return deltas.reduce(
    (sum, d) => ({
      cpuMs: sum.cpuMs + d.cpuMs,
      loopBusyMs: sum.loopBusyMs + d.loopBusyMs,
      wallMs: sum.wallMs + d.wallMs,
    }),
    { cpuMs: 0, loopBusyMs: 0, wallMs: 0 },
  );
}

/** Share of wall time the event loop was busy (1 = saturated). */
export const loopBusy = (usage: UsageDelta) => (usage.wallMs > 0 ? usage.loopBusyMs / usage.wallMs : 0);

/** Child side: answer usage samples; stop on request, or when the parent goes away (never an orphan). */
export function serveHost(urls: readonly string[], stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  const finish = (): Promise<void> => {
    stopping ??= stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
    return stopping;
  };
  process.on('message', (command: HostCommand) => {
    if (command.type === 'usage') process.send?.({ type: 'usage', ...currentUsage() } satisfies HostMessage);
    else if (command.type === 'stop') void finish();
  });
  process.on('disconnect', () => void finish());
  process.send?.({ type: 'ready', urls } satisfies HostMessage);
}

/** Parent side: one forked host process (agencies or gateway) on loopback. */
export interface Host {
  readonly urls: readonly string[];
  usage(): Promise<Usage>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

function nextMessage<T extends HostMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<HostMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HostMessage) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<HostMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`host process exited (${code}) while waiting for "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`host process sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export interface StartHostOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** Forks `entry` (a .ts file beside this one) under tsx with a JSON config argument; resolves when ready. */
export async function startHost(entry: string, config: unknown, options: StartHostOptions = {}): Promise<Host> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready', 60_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    urls: ready.urls,
    async usage() {
      const reply = nextMessage(child, 'usage', 10_000);
      child.send({ type: 'usage' } satisfies HostCommand);
      const { type: _type, ...usage } = await reply;
      return usage;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.send({ type: 'stop' } satisfies HostCommand);
      await exited;
      clearTimeout(forced);
    },
  };
}
