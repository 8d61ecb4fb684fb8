import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  controllerDocument,
  createIssuerKey,
  type IssuerKey,
  signDataIntegrity,
  signVcJwt,
} from '../../../adapters/core/credentials/index.js';
import { didWebDocumentUrl } from '../../../subgraphs/registry/credentials/keys/didWeb.js';
import { type DocumentServer, startDocumentServer } from './support/documentServer.js';
import { loopbackVerifier, openBadge } from './support/issuer.js';

let server: DocumentServer;
let did: string;
let key: IssuerKey;
const verifier = loopbackVerifier({ keyTtlMs: 0 });

beforeAll(async () => {
  server = await startDocumentServer();
  did = `did:web:${server.didWebHost}`;
  key = await createIssuerKey(did, 'key-1');
});
afterAll(async () => {
  verifier.dispose();
  await server[Symbol.asyncDispose]();
});

const publish = (document: unknown, path = '/.well-known/did.json') => server.serve(path, { body: document });

describe('issuer keys over did:web and https, fetched from loopback', () => {
  it('maps did:web to its document URL (host, %3A port, path segments)', () => {
    expect(didWebDocumentUrl('did:web:example.org', false)).toBe('https://example.org/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:example.org%3A8443:issuers:unssc', false)).toBe(
      'https://example.org:8443/issuers/unssc/did.json',
    );
    expect(didWebDocumentUrl('did:web:127.0.0.1%3A4300', true)).toBe('http://127.0.0.1:4300/.well-known/did.json');
    // Plain http only ever for loopback, and only when allowed.
    expect(didWebDocumentUrl('did:web:example.org', true)).toBe('https://example.org/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:exa%2Fmple.org', false)).toBeNull();
    expect(didWebDocumentUrl('did:web:example.org:..:x', false)).toBeNull();
  });

  it('verifies both mechanisms with a key published in a did:web document', async () => {
    publish(controllerDocument(did, [key]));
    expect((await verifier.verify(await signDataIntegrity(openBadge(did), key))).status).toBe('VERIFIED');
    expect((await verifier.verify(await signVcJwt(openBadge(did), key))).status).toBe('VERIFIED');
  });

  it('fails a DID document that describes another DID (DID_DOCUMENT_MISMATCH)', async () => {
    publish({ ...controllerDocument(did, [key]), id: 'did:web:elsewhere.example' });
    const verdict = await verifier.verify(await signDataIntegrity(openBadge(did), key));
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.reason).toBe('KEY_UNAVAILABLE');
    expect(verdict.checks.issuer.reason).toBe('DID_DOCUMENT_MISMATCH');
  });

  it('fails a key whose controller is another document (DID_DOCUMENT_MISMATCH)', async () => {
    const document = controllerDocument(did, [key]);
    publish({ ...document, verificationMethod: [{ ...key.method, controller: 'did:web:elsewhere.example' }] });
    const verdict = await verifier.verify(await signVcJwt(openBadge(did), key));
    expect(verdict.checks.issuer.reason).toBe('DID_DOCUMENT_MISMATCH');
  });

  it('fails a key that the document does not contain, or does not list for assertions', async () => {
    publish({ ...controllerDocument(did, [key]), verificationMethod: [] });
    expect((await verifier.verify(await signDataIntegrity(openBadge(did), key))).checks.issuer.reason).toBe(
      'KEY_NOT_FOUND',
    );
    publish({ ...controllerDocument(did, [key]), assertionMethod: [] });
    const verdict = await verifier.verify(await signDataIntegrity(openBadge(did), key));
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.issuer.reason).toBe('KEY_NOT_AUTHORISED');
  });

  it('does not follow a redirect of the DID document (FETCH_REDIRECTED)', async () => {
    server.serve('/.well-known/did.json', {
      status: 302,
      headers: { location: 'http://127.0.0.1:9/did.json' },
      body: '',
    });
    const verdict = await verifier.verify(await signDataIntegrity(openBadge(did), key));
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.issuer.reason).toBe('FETCH_REDIRECTED');
  });

  it('reports a missing document as FETCH_FAILED', async () => {
    server.serve('/.well-known/did.json', { status: 404, body: { error: 'gone' } });
    const verdict = await verifier.verify(await signVcJwt(openBadge(did), key));
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.issuer.reason).toBe('FETCH_FAILED');
  });

  it('resolves a did:web with a path, and an https issuer profile holding its keys', async () => {
    const pathDid = `${did}:issuers:academy`;
    const pathKey = await createIssuerKey(pathDid);
    publish(controllerDocument(pathDid, [pathKey]), '/issuers/academy/did.json');
    expect((await verifier.verify(await signDataIntegrity(openBadge(pathDid), pathKey))).status).toBe('VERIFIED');

    const profile = `${server.origin}/issuers/unssc`;
    const profileKey = await createIssuerKey(profile);
    publish({ ...controllerDocument(profile, [profileKey]), type: 'Profile', name: 'UNSSC' }, '/issuers/unssc');
    expect((await verifier.verify(await signVcJwt(openBadge(profile), profileKey))).status).toBe('VERIFIED');
  });

  it('accepts a key published as a document of its own when its controller lists it', async () => {
    const profile = `${server.origin}/issuers/ilo`;
    const keyUrl = `${server.origin}/keys/ilo-1`;
    const standalone = await createIssuerKey(profile);
    const method = { ...standalone.method, id: keyUrl };
    const keyed = { ...standalone, methodId: keyUrl, method, keyPair: { ...standalone.keyPair, id: keyUrl } };
    publish(method, '/keys/ilo-1');
    publish({ id: profile, type: 'Profile', assertionMethod: [keyUrl] }, '/issuers/ilo');
    const credential = await signDataIntegrity(openBadge(profile), {
      ...keyed,
      keyPair: { ...keyed.keyPair, signer: () => ({ ...standalone.keyPair.signer(), id: keyUrl }) },
    });
    expect((await verifier.verify(credential)).status).toBe('VERIFIED');
    publish({ id: profile, type: 'Profile', assertionMethod: [] }, '/issuers/ilo');
    expect((await verifier.verify(credential)).checks.issuer.reason).toBe('KEY_NOT_AUTHORISED');
  });

  it('refuses loopback unless allowed, and plain http unless allowed (FETCH_REFUSED)', async () => {
    publish(controllerDocument(did, [key]));
    const profile = `${server.origin}/issuers/unssc`;
    const profileKey = await createIssuerKey(profile);
    publish(controllerDocument(profile, [profileKey]), '/issuers/unssc');
    const jwt = await signVcJwt(openBadge(profile), profileKey);

    const production = loopbackVerifier({ fetch: { allowHttp: true } });
    const httpsOnly = loopbackVerifier({ fetch: { allowPrivateNetwork: true } });
    const before = server.hits.get('/issuers/unssc') ?? 0;
    try {
      expect((await production.verify(jwt)).checks.issuer.reason).toBe('FETCH_REFUSED');
      expect((await httpsOnly.verify(jwt)).checks.issuer.reason).toBe('FETCH_REFUSED');
      expect(server.hits.get('/issuers/unssc') ?? 0).toBe(before);
    } finally {
      production.dispose();
      httpsOnly.dispose();
    }
  });

  it('caches fetched keys for keyTtlMs', async () => {
    publish(controllerDocument(did, [key]));
    const caching = loopbackVerifier();
    try {
      const credential = await signDataIntegrity(openBadge(did), key);
      const before = server.hits.get('/.well-known/did.json') ?? 0;
      expect((await caching.verify(credential)).status).toBe('VERIFIED');
      expect((await caching.verify(credential)).status).toBe('VERIFIED');
      expect(server.hits.get('/.well-known/did.json')).toBe(before + 1);
    } finally {
      caching.dispose();
    }
  });
});
