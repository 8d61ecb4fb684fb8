import { readFileSync } from 'node:fs';

/** The published vectors (fixtures/published, see SOURCE.md) and what verifying them offline needs. */
const ROOT = new URL('../fixtures/published/', import.meta.url);

export interface PublishedVector {
  readonly id: string;
  readonly file: string;
  readonly expected: string;
  readonly issuerBinding?: string;
}

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));

export const manifest = readJson('MANIFEST.json') as unknown as {
  vectors: PublishedVector[];
  documentLoader: { controllers: Record<string, string> };
};

export function readVector(file: string): string {
  return readFileSync(new URL(file, ROOT), 'utf8');
}

/** The W3C test-only vocabularies the verifier does not bundle (SOURCE.md). */
export const TEST_CONTEXTS: Record<string, unknown> = {
  'https://www.w3.org/ns/credentials/examples/v2': readJson('contexts/credentials-examples-v2.jsonld'),
  'https://w3id.org/citizenship/v4rc1': readJson('contexts/citizenship-v4rc1.jsonld'),
};

const publicPart = (method: Record<string, unknown>) => {
  const { secretKeyJwk: _secret, ...rest } = method;
  return rest;
};

/** The status list URL the 1EdTech revoked vector names (raw.githubusercontent.com: not fetched in tests). */
export const REVOKED_VECTOR_LIST_URL =
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';

/**
 * Documents pinned at the URLs the vectors name, since tests never leave loopback: the 1EdTech controller
 * documents (keys/derived), the OB 2.0 keys, badges, issuers and revocation list, the status list of the
 * revoked vector, and a controller document for the W3C VC-JOSE-COSE issuer assembled from its two
 * published verification method files (their secret halves dropped) — that one is ours, not published.
 */
export function publishedDocuments(): Record<string, unknown> {
  const pinned: Record<string, unknown> = {};
  for (const [url, file] of Object.entries(manifest.documentLoader.controllers)) pinned[url] = readJson(file);
  for (const name of [
    'key1',
    'key3',
    'organization',
    'organization-with-revocation-list',
    'robotics-badge',
    'badge-from-organization-with-revocation-list',
    'revocation-list',
  ]) {
    const document = readJson(`keys/1edtech-validator/ob20/${name}.json`);
    pinned[String(document.id)] = document;
  }
  pinned[REVOKED_VECTOR_LIST_URL] = JSON.parse(readVector('vectors/1edtech-validator/ob30/bit-string-list/testlist'));
  const p256 = publicPart(readJson('keys/w3c-vc-jose-cose-test-suite/vm-p256.json'));
  const ed25519 = publicPart(readJson('keys/w3c-vc-jose-cose-test-suite/vm-ed25519.json'));
  pinned['https://example.issuer/vc-jose-cose'] = {
    id: 'https://example.issuer/vc-jose-cose',
    verificationMethod: [p256, ed25519],
    assertionMethod: [p256.id, ed25519.id],
  };
  return pinned;
}
