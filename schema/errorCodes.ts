/**
 * The one vocabulary of error codes clients see in `extensions.code` (DESIGN.md §7, README "Errors"): the
 * request's own mistakes, Apollo Server's request errors, an agency failing as a whole, the LMS's own
 * conditions, and the catch-all. Stable: clients branch on them. Pure data (no graphql import), so the
 * adapter SDK can carry it.
 */

/** What the request asked for cannot be done as asked. */
export const REQUEST_ERROR_CODES = [
  'BAD_USER_INPUT',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'REGISTRATION_REFUSED',
  /**
   * A recognition cannot be recorded because its credential no longer verifies (revoked or suspended since
   * it was presented), or its status cannot be checked now; `extensions.reasons` holds the verifier's codes
   * and `extensions.retryable` says whether trying later may help.
   */
  'CREDENTIAL_NOT_VERIFIED',
  /**
   * The request would cost an agency more than its limits allow (fields resolved, time); refused or cut
   * short there rather than knocking the agency over. Ask for less.
   */
  'QUERY_TOO_LARGE',
] as const;

/** The gateway cannot check who is asking right now (the token issuer's keys are out of reach: HTTP 503). */
export const AUTH_ERROR_CODES = ['AUTH_UNAVAILABLE'] as const;

/** Apollo Server's own codes for requests it cannot run; passed through as they are. */
export const GRAPHQL_REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

/**
 * Refused by the serving layer before any agency is asked (issue 12): a body over the size limit (HTTP
 * 413), a query past one of the gateway's limits (depth, aliases, directives, tokens, cost), or a client
 * over its request rate (HTTP 429 with `Retry-After`; `extensions.retryAfterSeconds`).
 */
export const LIMIT_ERROR_CODES = [
  'REQUEST_TOO_LARGE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
] as const;

/** An agency as a whole: down, too slow, or answering something that is not a usable GraphQL answer. */
export const AGENCY_FAILURE_CODES = ['AGENCY_UNAVAILABLE', 'AGENCY_TIMEOUT', 'AGENCY_BAD_RESPONSE'] as const;

/** An agency's LMS, as its adapter saw it (`extensions.lms = { kind, agency, retryable }`). */
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
  /** A catalogue read page by page kept changing under the walk (pages shifted, totals moved). */
  'LMS_CATALOGUE_CHANGED',
  /**
   * The agency's queue for its LMS is full, this caller already has its share queued, or the call could not
   * start before the request's deadline: refused at once, nothing sent (retryable).
   */
  'LMS_OVERLOADED',
  /** One request would cost the LMS more calls than `maxLmsCallsPerRequest`; ask for less (not retryable). */
  'LMS_BUDGET_EXCEEDED',
] as const;

export const ERROR_CODES = [
  ...REQUEST_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...GRAPHQL_REQUEST_ERROR_CODES,
  ...LIMIT_ERROR_CODES,
  ...AGENCY_FAILURE_CODES,
  ...LMS_ERROR_CODES,
  /**
   * The gateway needs a list it follows from the registry (curated course ids for `filter.curation`) and
   * has not been able to read it yet; retry shortly.
   */
  'REGISTRY_UNAVAILABLE',
  /** The admin CLI could not reach the registry (never a GraphQL answer). */
  'REGISTRY_UNREACHABLE',
  /** Anything unexpected; the message is generic and the detail stays in the logs. */
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type LmsErrorCode = (typeof LMS_ERROR_CODES)[number];
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];
export type AgencyFailureCode = (typeof AGENCY_FAILURE_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/**
 * An error that knows how clients see it: its code, and the extensions besides `code` (never upstream
 * bodies, URLs or secrets). The shared `formatError` shows such errors as they are and masks the rest.
 */
export class CodedError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CodedError';
  }

  /** What clients see in `extensions` besides `code`. */
  clientExtensions(): Record<string, unknown> {
    return {};
  }
}
