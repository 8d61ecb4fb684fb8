import type { GraphQLFormattedError } from 'graphql';
import { LmsError } from '../../adapters/core/errors.js';
import { lmsKindName } from '../../schema/lmsKind.js';

/** Codes that describe the client's request or a known condition; anything else is masked. */
const PASS_THROUGH = new Set([
  'BAD_USER_INPUT',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place where errors become GraphQL errors (STYLE.md B3): adapter errors keep their stable code and
 * say which agency and LMS failed; unknown errors become INTERNAL_SERVER_ERROR with a generic message.
 * Stack traces, upstream bodies and URLs never leave the process.
 */
export function formatAgencyError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original =
    error instanceof Error && 'originalError' in error ? (error as { originalError?: unknown }).originalError : error;
  const base = { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}) };
  if (original instanceof LmsError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        lms: {
          kind: original.lmsKind ? lmsKindName(original.lmsKind) : null,
          agency: original.agency ?? null,
          retryable: original.retryable,
        },
      },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    return { ...base, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code } };
  }
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
