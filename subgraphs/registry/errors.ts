import { GraphQLError } from 'graphql';

/** Stable `extensions.code`s of the registry (DESIGN.md §7). */
export type RegistryErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REGISTRATION_REFUSED';

export function registryError(
  code: RegistryErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The gate said no: `extensions.reasons` lists every problem, one sentence each. */
export function registrationRefused(code: string, reasons: readonly string[], warnings: readonly string[] = []) {
  return registryError('REGISTRATION_REFUSED', `Registration of "${code}" refused: ${reasons.join('; ')}`, {
    reasons,
    warnings,
  });
}

export const notRegistered = (code: string) => registryError('NOT_FOUND', `No agency "${code}" is registered.`);
