import { CodedError, type LmsErrorCode } from '../../schema/errorCodes.js';
import { type LmsKind, lmsKindName } from '../../schema/lmsKind.js';

/**
 * The closed error taxonomy of every adapter (STYLE.md B3): `LMS_*` codes from the one vocabulary of
 * client-visible codes (schema/errorCodes.ts). Messages never contain upstream bodies, tokens or full URLs.
 */
export { LMS_ERROR_CODES, type LmsErrorCode } from '../../schema/errorCodes.js';

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

const RETRYABLE: ReadonlySet<LmsErrorCode> = new Set([
  'LMS_RATE_LIMITED',
  'LMS_TIMEOUT',
  'LMS_UNAVAILABLE',
  'LMS_CATALOGUE_CHANGED',
  'LMS_OVERLOADED',
]);

/** Every adapter error; clients see `extensions.lms = { kind, agency, retryable }` besides the code. */
export class LmsError extends CodedError<LmsErrorCode> {
  readonly retryable: boolean;
  readonly lmsKind: LmsKind | undefined;
  readonly agency: string | undefined;
  readonly upstream: UpstreamInfo | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: LmsErrorCode, message: string, options: LmsErrorOptions = {}) {
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'LmsError';
    this.retryable = RETRYABLE.has(code);
    this.lmsKind = options.lmsKind;
    this.agency = options.agency;
    this.upstream = options.upstream;
    this.retryAfterMs = options.retryAfterMs;
  }

  override clientExtensions(): Record<string, unknown> {
    return {
      lms: {
        kind: this.lmsKind ? lmsKindName(this.lmsKind) : null,
        agency: this.agency ?? null,
        retryable: this.retryable,
      },
    };
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
