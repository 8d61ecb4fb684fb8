import type { GraphQLError } from 'graphql';
import { apiError, type ErrorCode } from '../../schema/errors.js';

/** The registry's codes: a part of the one vocabulary (schema/errorCodes.ts). */
export type RegistryErrorCode = Extract<
  ErrorCode,
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'REGISTRATION_REFUSED'
>;

export const registryError = (
  code: RegistryErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError => apiError(code, message, extensions);

/** The gate said no: `extensions.reasons` lists every problem, one sentence each. */
export function registrationRefused(code: string, reasons: readonly string[], warnings: readonly string[] = []) {
  return registryError('REGISTRATION_REFUSED', `Registration of "${code}" refused: ${reasons.join('; ')}`, {
    reasons,
    warnings,
  });
}

export const notRegistered = (code: string) => registryError('NOT_FOUND', `No agency "${code}" is registered.`);
