import type { GraphQLFormattedError } from 'graphql';
import { CodedError, isErrorCode } from './errorCodes.js';

/** Extensions that only help a debugger, never a client. */
const PRIVATE_EXTENSIONS = new Set(['stacktrace', 'exception']);

const originalOf = (error: unknown): unknown =>
  error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;

/**
 * The one place where errors become what clients see (STYLE.md B3), shared by the agency and registry
 * subgraphs: a `CodedError` (an adapter's `LmsError`, ...) keeps its code and client extensions; a GraphQL
 * error whose code is in the vocabulary passes through; anything else becomes INTERNAL_SERVER_ERROR with
 * a generic message, and `onInternal` (a logger) gets the original. Stack traces, upstream bodies and
 * URLs never leave the process.
 */
export function createFormatError(onInternal: (error: unknown) => void = () => {}) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = originalOf(error);
    const where = formatted.path ? { path: formatted.path } : {};
    if (original instanceof CodedError) {
      return {
        message: original.message,
        ...where,
        extensions: { code: original.code, ...original.clientExtensions() },
      };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions = Object.fromEntries(
        Object.entries(formatted.extensions ?? {}).filter(([key]) => !PRIVATE_EXTENSIONS.has(key)),
      );
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...where,
        extensions: { ...extensions, code },
      };
    }
    onInternal(original);
    return { message: 'Internal server error.', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
