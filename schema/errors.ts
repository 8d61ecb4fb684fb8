import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from './errorCodes.js';

export * from './errorCodes.js';

/** A GraphQL error with a code of the vocabulary (thrown by resolvers). */
export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The same, already formatted (answers the gateway assembles itself). */
export function formattedError(
  code: ErrorCode,
  message: string,
  options: { readonly path?: readonly (string | number)[]; readonly extensions?: Record<string, unknown> } = {},
): GraphQLFormattedError {
  return { message, ...(options.path ? { path: options.path } : {}), extensions: { ...options.extensions, code } };
}

export const badUserInput = (message: string) => apiError('BAD_USER_INPUT', message);
export const INVALID_CURSOR_MESSAGE = 'The cursor is not valid for this query; start again without `after`.';
export const invalidCursor = () => apiError('INVALID_CURSOR', INVALID_CURSOR_MESSAGE);
export const notFound = (message: string) => apiError('NOT_FOUND', message);
