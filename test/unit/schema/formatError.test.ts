import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LmsError } from '../../../adapters/core/errors.js';
import { apiError } from '../../../schema/errors.js';
import { createFormatError } from '../../../schema/formatError.js';

/** What Apollo Server hands formatError: the formatted error and the GraphQLError wrapping the thrown one. */
function format(thrown: Error, onInternal?: (error: unknown) => void) {
  const wrapped =
    thrown instanceof GraphQLError
      ? thrown
      : new GraphQLError(thrown.message, { originalError: thrown, path: ['courses'] });
  return createFormatError(onInternal)({ ...wrapped.toJSON(), path: ['courses'] }, wrapped);
}

describe('the shared formatError', () => {
  it('shows an LmsError with its code and the LMS it came from, and nothing of the upstream', () => {
    const error = new LmsError('LMS_UNAUTHENTICATED', 'The LMS rejected the credentials.', {
      agency: 'who',
      lmsKind: 'moodle',
      upstream: { method: 'POST', url: 'https://learn.who.int/webservice/rest/server.php', status: 200 },
    });
    expect(format(error)).toEqual({
      message: 'The LMS rejected the credentials.',
      path: ['courses'],
      extensions: { code: 'LMS_UNAUTHENTICATED', lms: { kind: 'MOODLE', agency: 'who', retryable: false } },
    });
  });

  it('passes a coded GraphQL error through with its extensions, but never a stack trace', () => {
    const refused = apiError('REGISTRATION_REFUSED', 'Refused.', { reasons: ['no SDL'], stacktrace: ['at x.ts:1'] });
    expect(format(refused).extensions).toEqual({ code: 'REGISTRATION_REFUSED', reasons: ['no SDL'] });
  });

  it('masks anything else as INTERNAL_SERVER_ERROR and hands the original to the logger', () => {
    const logged: unknown[] = [];
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    const formatted = format(secret, (error) => logged.push(error));
    expect(formatted).toEqual({
      message: 'Internal server error.',
      path: ['courses'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toEqual([secret]);
    expect(format(apiError('INTERNAL_SERVER_ERROR', 'detail')).message).toBe('Internal server error.');
    const unknown = new GraphQLError('odd', { extensions: { code: 'SOMETHING_ELSE' } });
    expect(format(unknown).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
