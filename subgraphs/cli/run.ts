import type { Logger } from 'pino';

/** Something the CLI started: it announces its URL once and stops on SIGTERM/SIGINT. */
export interface Running {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Logs `listening` with the URL (the line the sandbox and the e2e tests wait for) and stops cleanly on
 * SIGTERM or SIGINT.
 */
export function announce(logger: Logger, what: string, running: Running): void {
  // Written whatever the log level: the sandbox and the e2e tests wait for this line.
  process.stdout.write(`${JSON.stringify({ msg: 'listening', what, url: running.url, pid: process.pid })}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await running.stop().catch((error: unknown) => logger.error({ err: String(error) }, 'stop failed'));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
