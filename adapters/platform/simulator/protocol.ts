import { z } from 'zod';
import { signDataIntegrity, signVcJwt } from '../../core/credentials/index.js';
import type { SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import { buildCredential } from './credentials.js';
import type { PlatformIssuer } from './issuers.js';
import { PlatformStatusLists, type StatusPurpose } from './statusLists.js';

/** How a credential is secured: an embedded eddsa-rdfc-2022 proof, or VC-JOSE (a compact JWS). */
export type PlatformCredentialFormat = 'data-integrity' | 'vc-jwt';

export interface IssuedCredential {
  readonly id: string;
  readonly provider: string;
  readonly achievementId: string;
  readonly format: PlatformCredentialFormat;
  readonly statusListIndex: number;
  /** The credential as a learner would download it: a JSON object, or the JWS text. */
  readonly credential: Record<string, unknown> | string;
}

const issueRequest = z
  .object({
    provider: z.string(),
    achievementId: z.string(),
    recipient: z.object({ email: z.string().email().optional(), id: z.string().min(1).optional() }).strict(),
    format: z.enum(['data-integrity', 'vc-jwt']).default('data-integrity'),
    validFrom: z.string().datetime().optional(),
    validUntil: z.string().datetime().optional(),
  })
  .strict();

const statusRequest = z.object({ credentialId: z.string() }).strict();

const json = (status: number, body: unknown): SimulatorResponse => ({ status, body });
const notFound = (what: string) => json(404, { error: `${what} not found` });

/**
 * The credential side of the external-platform simulator (issue 16 adds its catalogue beside it).
 *
 * Published, as an issuer would:
 * - `GET /providers` → `[{ slug, name, issuer, didDocument, profile }]`
 * - `GET /providers/<slug>/did.json` → the DID document of `did:web:<host>:providers:<slug>`
 * - `GET /providers/<slug>/profile` → the OB 3.0 issuer Profile
 * - `GET /providers/<slug>/achievements` → the seeded achievements
 * - `GET /providers/<slug>/status/revocation|suspension` → signed BitstringStatusListCredential
 * - `GET /providers/<slug>/credentials/<uuid>` → an issued credential (its public URL)
 * Control (simulator only, under /__sim/):
 * - `POST /__sim/credentials` ← `{ provider, achievementId, recipient: { email?, id? }, format?, validFrom?, validUntil? }`
 *   → 201 IssuedCredential
 * - `GET  /__sim/credentials` → every issued credential with `{ revoked, suspended }`
 * - `POST /__sim/revoke | /__sim/suspend | /__sim/unsuspend` ← `{ credentialId }` → 204
 */
export function createPlatformCredentialProtocol(issuers: readonly PlatformIssuer[]): SimulatorProtocol {
  const bySlug = new Map(issuers.map((issuer) => [issuer.provider.slug, issuer]));
  const lists = new Map(issuers.map((i) => [i.provider.slug, new PlatformStatusLists(i.base, i.did, i.key)]));
  const issued = new Map<string, IssuedCredential>();

  async function publicRoute(request: SimulatorRequest): Promise<SimulatorResponse> {
    const parts = request.url.pathname.split('/').filter(Boolean);
    if (request.method !== 'GET') return json(405, { error: 'method not allowed' });
    if (parts.length === 1 && parts[0] === 'providers') {
      return json(
        200,
        issuers.map((i) => ({
          slug: i.provider.slug,
          name: i.provider.name,
          issuer: i.did,
          didDocument: `${i.base}/did.json`,
          profile: `${i.base}/profile`,
        })),
      );
    }
    if (parts[0] !== 'providers' || !parts[1]) return notFound('route');
    const issuer = bySlug.get(parts[1]);
    const list = lists.get(parts[1]);
    if (!issuer || !list) return notFound('provider');
    const rest = parts.slice(2).join('/');
    if (rest === 'did.json') return json(200, issuer.didDocument);
    if (rest === 'profile') return json(200, issuer.profile);
    if (rest === 'achievements') return json(200, issuer.provider.achievements);
    if (rest === 'status/revocation' || rest === 'status/suspension') {
      return json(200, await list.credential(rest.slice('status/'.length) as StatusPurpose));
    }
    if (parts[2] === 'credentials' && parts[3]) {
      const found = issued.get(`urn:uuid:${parts[3]}`);
      return found && found.provider === issuer.provider.slug ? json(200, found.credential) : notFound('credential');
    }
    return notFound('route');
  }

  async function issue(body: unknown): Promise<SimulatorResponse> {
    const parsed = issueRequest.safeParse(body);
    if (!parsed.success)
      return json(400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const request = parsed.data;
    const issuer = bySlug.get(request.provider);
    const list = lists.get(request.provider);
    const achievement = issuer?.provider.achievements.find((a) => a.id === request.achievementId);
    if (!issuer || !list || !achievement) return notFound('provider or achievement');
    if (!request.recipient.email && !request.recipient.id)
      return json(400, { error: 'recipient needs an email or an id' });
    const { index, entries } = list.allocate();
    const unsigned = buildCredential({
      issuer,
      achievement,
      recipient: request.recipient,
      statusEntries: entries,
      ...(request.validFrom ? { validFrom: request.validFrom } : {}),
      ...(request.validUntil ? { validUntil: request.validUntil } : {}),
    });
    const credential =
      request.format === 'vc-jwt'
        ? await signVcJwt(unsigned, issuer.key)
        : await signDataIntegrity(unsigned, issuer.key);
    const record: IssuedCredential = {
      id: String(unsigned.id),
      provider: issuer.provider.slug,
      achievementId: achievement.id,
      format: request.format,
      statusListIndex: index,
      credential,
    };
    issued.set(record.id, record);
    return json(201, record);
  }

  function setStatus(body: unknown, purpose: StatusPurpose, on: boolean): SimulatorResponse {
    const parsed = statusRequest.safeParse(body);
    if (!parsed.success) return json(400, { error: 'body must be { credentialId }' });
    const record = issued.get(parsed.data.credentialId);
    if (!record) return notFound('credential');
    lists.get(record.provider)?.mark(purpose, record.statusListIndex, on);
    return { status: 204 };
  }

  return {
    route: (request) => {
      const parts = request.url.pathname.split('/').filter(Boolean);
      return parts[0] === 'providers' && parts[2] ? `providers/*/${parts[2]}` : request.url.pathname;
    },
    handle: publicRoute,
    async control(request) {
      const path = request.url.pathname;
      if (path === '/__sim/credentials' && request.method === 'GET') {
        return json(
          200,
          [...issued.values()].map((record) => ({
            ...record,
            revoked: lists.get(record.provider)?.isSet('revocation', record.statusListIndex) ?? false,
            suspended: lists.get(record.provider)?.isSet('suspension', record.statusListIndex) ?? false,
          })),
        );
      }
      if (request.method !== 'POST') return undefined;
      let body: unknown;
      try {
        body = request.body ? JSON.parse(request.body) : {};
      } catch {
        return json(400, { error: 'body is not JSON' });
      }
      if (path === '/__sim/credentials') return issue(body);
      if (path === '/__sim/revoke') return setStatus(body, 'revocation', true);
      if (path === '/__sim/suspend') return setStatus(body, 'suspension', true);
      if (path === '/__sim/unsuspend') return setStatus(body, 'suspension', false);
      return undefined;
    },
    reset() {
      issued.clear();
      for (const list of lists.values()) list.reset();
    },
  };
}
