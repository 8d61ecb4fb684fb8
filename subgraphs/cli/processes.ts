import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));

/** A CLI process started by the sandbox or a test; disposing it stops it. */
export interface ProcessHandle extends AsyncDisposable {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Recent output lines, for error reports. */
  readonly output: readonly string[];
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, for durability tests. */
  kill(): Promise<void>;
}

export interface StartOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** @default 60000 */
  readonly startTimeoutMs?: number;
  /** Echo the child's log lines to this process's stderr. */
  readonly echo?: boolean;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * Starts `convergence <args>` as a real process and resolves once it logs `listening` with its URL (ports
 * may be 0: the process reports the one the OS gave it).
 */
export function startCliProcess(
  name: string,
  args: readonly string[],
  options: StartOptions = {},
): Promise<ProcessHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
    if (options.echo) process.stderr.write(`[${name}] ${line}\n`);
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(forced);
  };
  return new Promise<ProcessHandle>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${output.slice(-30).join('\n')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      let entry: { msg?: unknown; url?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        const handle: ProcessHandle = {
          name,
          url: entry.url,
          child,
          output,
          stop: () => stop('SIGTERM'),
          kill: () => stop('SIGKILL'),
          [Symbol.asyncDispose]: () => stop('SIGTERM'),
        };
        resolve(handle);
      }
    });
  });
}
