import { type Logger, pino } from 'pino';

/**
 * JSON logs on stdout. Secrets never reach them: config secrets are `Secret` objects that print as
 * `[redacted]`, and these paths are censored as a second guard.
 */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.token', '*.clientSecret', '*.password', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
