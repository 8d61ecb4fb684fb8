import { GraphQLError } from 'graphql';

/**
 * Error codes clients see in `extensions.code`, besides the adapters' `LMS_*` codes (DESIGN.md §7).
 * Stable: clients branch on them.
 */
export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'INVALID_CURSOR'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'AGENCY_UNAVAILABLE'
  | 'AGENCY_TIMEOUT'
  | 'AGENCY_BAD_RESPONSE'
  | 'INTERNAL_SERVER_ERROR';

export function apiError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string) => apiError('BAD_USER_INPUT', message);
export const INVALID_CURSOR_MESSAGE = 'The cursor is not valid for this query; start again without `after`.';
export const invalidCursor = () => apiError('INVALID_CURSOR', INVALID_CURSOR_MESSAGE);
export const notFound = (message: string) => apiError('NOT_FOUND', message);
