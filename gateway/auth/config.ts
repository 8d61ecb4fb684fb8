import { z } from 'zod';
import { secretSchema } from '../../schema/config/secret.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../schema/disclosure.js';
import { DEFAULT_ASSERTION_ISSUER, ROLES } from '../../schema/principal.js';

const httpUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must use http or https');

/** Asymmetric algorithms only: an HMAC token can never be checked against a public key. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/**
 * Where each part of the principal is found in an access token. A dotted name reads a nested claim
 * (Keycloak: `realm_access.roles`); a claim may hold a string or a list of strings.
 */
export const claimMappingSchema = z
  .object({
    /** @default sub */
    subject: z.string().min(1).default('sub'),
    /** @default email */
    email: z.string().min(1).default('email'),
    /**
     * Boolean claim that says the e-mail is verified; `false` trusts the e-mail claim as is (only for issuers
     * whose e-mail claim is always a verified directory attribute, e.g. Entra ID's `upn`). @default email_verified
     */
    emailVerified: z.union([z.string().min(1), z.literal(false)]).default('email_verified'),
    /** UN index number. @default un_index_number */
    indexNumber: z.string().min(1).default('un_index_number'),
    /** Home agency code (the agency an AGENCY_MANAGER manages). @default un_agency */
    agency: z.string().min(1).default('un_agency'),
    /** @default roles */
    roles: z.string().min(1).default('roles'),
  })
  .strict();

/** One trusted OpenID Connect issuer. */
export const issuerConfigSchema = z
  .object({
    /** Exactly the `iss` of its tokens and of its discovery document, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
    issuer: httpUrl,
    /** The `aud` tokens must carry for this gateway (Entra: the app id URI; Keycloak: the client or an audience mapper). */
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** JWKS location; when absent it comes from `<issuer>/.well-known/openid-configuration`. */
    jwksUri: httpUrl.optional(),
    /** @default ["RS256", "ES256"] */
    algorithms: z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1).default(['RS256', 'ES256']),
    claims: claimMappingSchema.default({}),
    /** Issuer role values → Convergence roles, e.g. `{ "convergence.learner": "LEARNER" }`; role names map to themselves. */
    roleMap: z.record(z.enum(ROLES)).default({}),
    /** Roles every signed-in person of this issuer has, e.g. `["LEARNER"]` for a staff tenant. @default [] */
    defaultRoles: z.array(z.enum(ROLES)).default([]),
    /** Required `typ` header, e.g. `at+jwt` (RFC 9068); unchecked when absent. */
    tokenType: z.string().optional(),
  })
  .strict();

export type IssuerConfig = z.infer<typeof issuerConfigSchema>;

/** Everything about who is asking: issuers, the gateway's assertion key, CORS, audit and disclosure. */
export const authConfigSchema = z
  .object({
    /** Trusted issuers; none means every caller is anonymous. @default [] */
    issuers: z.array(issuerConfigSchema).default([]),
    /** Clock skew allowed on `exp`/`nbf`/`iat`, in seconds. @default 30 */
    clockSkewSeconds: z.number().int().min(0).max(300).default(30),
    /** Shortest time between two JWKS fetches of one issuer (unknown `kid`s trigger a refetch), ms. @default 30000 */
    jwksRefetchFloorMs: z.number().int().min(0).default(30_000),
    /** How long fetched keys are trusted without a refetch, ms. @default 600000 */
    jwksMaxAgeMs: z.number().int().positive().default(600_000),
    assertion: z
      .object({
        /**
         * PKCS#8 PEM of the P-256 private key that signs assertions; give every gateway instance the same key.
         * When absent a key is made at start-up (one instance only). E.g. `${GATEWAY_ASSERTION_KEY}`.
         */
        privateKey: secretSchema.optional(),
        /** `iss` of the assertions. @default urn:convergence:gateway */
        issuer: z.string().min(1).default(DEFAULT_ASSERTION_ISSUER),
      })
      .strict()
      .default({}),
    cors: z
      .object({
        /** Origins allowed to call the gateway from a browser, e.g. `https://learning.un.org`. @default [] (none) */
        allowedOrigins: z
          .array(z.string().regex(/^https?:\/\/[^/]+$/, 'must be an origin: scheme://host[:port], no path'))
          .default([]),
        /** Preflight cache time, in seconds. @default 600 */
        maxAgeSeconds: z.number().int().min(0).default(600),
      })
      .strict()
      .default({}),
    audit: z
      .object({
        /** `stdout`, or a file the audit trail is appended to. @default stdout */
        destination: z.string().min(1).default('stdout'),
      })
      .strict()
      .default({}),
    disclosure: z
      .object({
        /** Counts of people under this are withheld from public and ANALYST aggregates. @default 5 */
        threshold: z.number().int().min(1).default(DEFAULT_SUPPRESSION_THRESHOLD),
      })
      .strict()
      .default({}),
  })
  .strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;
