/**
 * The `default` of an exhaustive `switch` over a union (apollo's UnreachableCaseError): a new member that
 * is not handled fails to compile here, and reaching it at run time says which value slipped through.
 */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
