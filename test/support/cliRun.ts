import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { CLI_ENTRY, type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { ALLOW_LOOPBACK } from './loopback.js';

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

/**
 * Writes a registry process config to `path` (admin token as an environment reference, OS-assigned port)
 * and returns the path, so a test can start — and restart — the same registry. Loopback agencies are allowed
 * (`extra` may override `allowedDestinations`).
 */
export function writeRegistryConfig(
  path: string,
  store: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  writeFileSync(
    path,
    JSON.stringify({
      port: 0,
      logLevel: 'warn',
      adminToken: envRef('REGISTRY_ADMIN_TOKEN'),
      store,
      ...ALLOW_LOOPBACK,
      ...extra,
    }),
  );
  return path;
}

/** Starts the registry process of a config written by `writeRegistryConfig`, with its admin token. */
export function startRegistryProcess(configPath: string, adminToken: string): Promise<ProcessHandle> {
  return startCliProcess('registry', ['registry', '--config', configPath], {
    env: { REGISTRY_ADMIN_TOKEN: adminToken },
  });
}
