import { execFile } from 'node:child_process';
import { CLI_ENTRY } from '../../subgraphs/cli/processes.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a one-shot CLI command (`register`, `list`, `check`...) as a real process and collects its output. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI_ENTRY, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** A `${NAME}` environment reference for a config file (the file holds the reference, never the secret). */
export const envRef = (name: string): string => `\${${name}}`;
