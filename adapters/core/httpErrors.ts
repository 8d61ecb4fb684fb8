import { isAxiosError } from 'axios';
import { LmsError, type LmsErrorCode, type UpstreamInfo } from './errors.js';
import type { RawResponse } from './http.js';

// HTTP answers and transport failures as LmsErrors, for the shared client and the vendor interpreters.

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/** Parses `Retry-After` (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The one place where HTTP statuses become error codes (STYLE.md B3). Messages reach clients, so they name
 * no upstream host or path; those stay in `upstream`, for logs.
 */
export function errorFromStatus(response: RawResponse): LmsError {
  const { status, upstream } = response;
  const code: LmsErrorCode =
    status === 401
      ? 'LMS_UNAUTHENTICATED'
      : status === 403
        ? 'LMS_FORBIDDEN'
        : status === 404
          ? 'LMS_NOT_FOUND'
          : status === 429
            ? 'LMS_RATE_LIMITED'
            : status === 408
              ? 'LMS_TIMEOUT'
              : status >= 500
                ? 'LMS_UNAVAILABLE'
                : 'LMS_BAD_REQUEST';
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  return new LmsError(code, `The LMS answered HTTP ${status}.`, {
    upstream,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Transport failures (refused, reset, timed out) as `LmsError`s. */
export function transportError(error: unknown, upstream: UpstreamInfo): LmsError {
  const code = isAxiosError(error) ? error.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) {
    return new LmsError('LMS_TIMEOUT', 'The LMS did not answer in time.', {
      upstream,
    });
  }
  // The axios error is not kept as `cause`: its config holds request bodies with credentials.
  return new LmsError('LMS_UNAVAILABLE', `The LMS could not be reached (${code ?? 'network error'}).`, { upstream });
}
