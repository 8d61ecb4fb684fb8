import type { LmsKind } from '../../schema/lmsKind.js';

/**
 * The closed error taxonomy of every adapter (STYLE.md B3). Codes are stable strings that reach clients as
 * `extensions.code`; messages never contain upstream bodies, tokens or full URLs.
 */
export const LMS_ERROR_CODES = [
  'LMS_UNAUTHENTICATED',
  'LMS_FORBIDDEN',
  'LMS_NOT_FOUND',
  'LMS_BAD_REQUEST',
  'LMS_RATE_LIMITED',
  'LMS_TIMEOUT',
  'LMS_UNAVAILABLE',
  'LMS_BAD_RESPONSE',
  'LMS_UNSUPPORTED',
] as const;
export type LmsErrorCode = (typeof LMS_ERROR_CODES)[number];

/** Where an error came from upstream: method, URL without query string, HTTP status. */
export interface UpstreamInfo {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  /** Vendor error code (Moodle `errorcode`, OData `error.code`), safe to log. */
  readonly vendorCode?: string;
}

export interface LmsErrorOptions {
  readonly lmsKind?: LmsKind;
  readonly agency?: string;
  readonly upstream?: UpstreamInfo;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

const RETRYABLE: ReadonlySet<LmsErrorCode> = new Set(['LMS_RATE_LIMITED', 'LMS_TIMEOUT', 'LMS_UNAVAILABLE']);

/** Base class of every adapter error. */
export class LmsError extends Error {
  readonly code: LmsErrorCode;
  readonly retryable: boolean;
  readonly lmsKind: LmsKind | undefined;
  readonly agency: string | undefined;
  readonly upstream: UpstreamInfo | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: LmsErrorCode, message: string, options: LmsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LmsError';
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.lmsKind = options.lmsKind;
    this.agency = options.agency;
    this.upstream = options.upstream;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** A copy that names the agency and LMS kind (added by the adapter that saw it). */
  withSource(agency: string, lmsKind: LmsKind): LmsError {
    if (this.agency && this.lmsKind) return this;
    const copy = new LmsError(this.code, this.message, {
      lmsKind,
      agency,
      ...(this.upstream ? { upstream: this.upstream } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      cause: this.cause,
    });
    return copy;
  }
}

export function isLmsError(error: unknown): error is LmsError {
  return error instanceof LmsError;
}
