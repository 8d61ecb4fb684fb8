/**
 * The closed error taxonomy of every adapter (STYLE.md B3). Codes are stable strings that reach clients as
 * `extensions.code`; messages never contain upstream bodies, tokens or full URLs.
 */
export const LMS_ERROR_CODES = [
  'CONFIG_INVALID',
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
  readonly lmsKind?: string;
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
  readonly lmsKind: string | undefined;
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
  withSource(agency: string, lmsKind: string): LmsError {
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

/** Start-up only: every configuration problem, listed at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' as const;
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function isLmsError(error: unknown): error is LmsError {
  return error instanceof LmsError;
}

/**
 * The boundary every adapter method runs inside: failures leave as an `LmsError` naming the agency and
 * LMS kind; anything that is not one already (a mapper choking on an unexpected shape) was an answer the
 * adapter could not read, `LMS_BAD_RESPONSE`.
 */
export function createErrorBoundary(agency: string, lmsKind: string) {
  return async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const lmsError =
        error instanceof LmsError
          ? error
          : new LmsError('LMS_BAD_RESPONSE', 'The LMS answered with data the adapter could not read.', {
              cause: error,
            });
      throw lmsError.withSource(agency, lmsKind);
    }
  };
}
