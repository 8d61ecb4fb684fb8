import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { apiError } from '../../schema/errors.js';

/** Why a presented access token was refused; the message is safe to show (no token, no key material). */
export type AuthFailure =
  | 'malformed'
  | 'untrusted_issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'bad_signature'
  | 'unknown_key'
  | 'algorithm_not_allowed'
  | 'wrong_type'
  | 'missing_claim'
  | 'issuer_unavailable';

const MESSAGES: Readonly<Record<AuthFailure, string>> = {
  malformed: 'The Authorization header must be "Bearer <access token>" with a signed JWT.',
  untrusted_issuer: 'The access token comes from an issuer this gateway does not trust.',
  expired: 'The access token has expired; get a new one.',
  not_yet_valid: 'The access token is not valid yet (check the clock of the machine that issued it).',
  wrong_audience: 'The access token was issued for another audience (API), not for this gateway.',
  wrong_issuer: 'The access token issuer does not match the trusted issuer.',
  bad_signature: 'The access token signature is not valid.',
  unknown_key: 'The access token is signed with a key its issuer does not publish.',
  algorithm_not_allowed: 'The access token is signed with an algorithm this gateway does not accept.',
  wrong_type: 'The token is not an access token of the expected type.',
  missing_claim: 'The access token lacks a required claim (sub, exp).',
  issuer_unavailable: "The token issuer's keys cannot be fetched right now; try again shortly.",
};

/** A refused token. */
export class AuthError extends Error {
  constructor(readonly failure: AuthFailure) {
    super(MESSAGES[failure]);
    this.name = 'AuthError';
  }

  /**
   * The GraphQL error for the whole request: HTTP 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3), or 503
   * when the issuer cannot be reached (the token may be fine). `extensions.http` survives any HTTP layer of
   * Apollo Server, so it keeps working when the gateway's HTTP integration changes.
   */
  toGraphQLError(): GraphQLError {
    if (this.failure === 'issuer_unavailable') {
      return apiError('AUTH_UNAVAILABLE', this.message, {
        http: { status: 503, headers: new HeaderMap([['retry-after', '5']]) },
      });
    }
    const challenge = `Bearer realm="convergence", error="invalid_token", error_description="${this.message.replace(/"/g, "'")}"`;
    return apiError('UNAUTHENTICATED', this.message, {
      reason: this.failure,
      http: { status: 401, headers: new HeaderMap([['www-authenticate', challenge]]) },
    });
  }
}
