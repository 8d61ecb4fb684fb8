import { createHash } from 'node:crypto';
import { controllerDocument, createIssuerKey, type IssuerKey } from '../../core/credentials/index.js';
import type { PlatformProvider } from './providers.js';

/** One provider as an issuer: its did:web, its key, and the documents it publishes. */
export interface PlatformIssuer {
  readonly provider: PlatformProvider;
  /** `did:web:127.0.0.1%3A<port>:providers:<slug>` */
  readonly did: string;
  /** Where its DID document, profile, status lists and credentials live. */
  readonly base: string;
  readonly key: IssuerKey;
  readonly didDocument: Record<string, unknown>;
  /** The OB 3.0 issuer Profile, also embedded as `issuer` in every credential. */
  readonly profile: Record<string, unknown>;
}

/**
 * Keys are derived from the simulator seed and the provider, so a restart on the same port publishes the
 * same DID documents and earlier credentials still verify.
 */
export async function createPlatformIssuer(
  provider: PlatformProvider,
  origin: string,
  seed: number,
): Promise<PlatformIssuer> {
  const host = new URL(origin).host.replace(':', '%3A');
  const did = `did:web:${host}:providers:${provider.slug}`;
  const keySeed = createHash('sha256').update(`convergence-platform-simulator:${seed}:${provider.slug}`).digest();
  const key = await createIssuerKey(did, 'key-1', keySeed);
  const base = `${origin}/providers/${provider.slug}`;
  return {
    provider,
    did,
    base,
    key,
    didDocument: controllerDocument(did, [key]),
    profile: { id: did, type: ['Profile'], name: provider.name, url: provider.url },
  };
}
