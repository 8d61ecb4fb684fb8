import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { LmsError } from '../../adapters/core/errors.js';

/**
 * nock hygiene for HTTP client tests (STYLE.md B8.4): no real network but loopback, a clean slate before
 * each test, and a failure when an expected call did not happen.
 */
export function useNockHygiene(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  beforeEach(() => {
    nock.cleanAll();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, 'expected upstream calls that never happened').toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

/** The LmsError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function lmsRejection(promise: Promise<unknown>): Promise<LmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LmsError);
  return error as LmsError;
}
