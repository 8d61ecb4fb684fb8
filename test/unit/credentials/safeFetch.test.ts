import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentSource } from '../../../subgraphs/registry/credentials/fetch/documentSource.js';
import { createSafeFetcher } from '../../../subgraphs/registry/credentials/fetch/safeFetch.js';
import { type DocumentServer, startDocumentServer } from './support/documentServer.js';

let server: DocumentServer;
const fetcher = createSafeFetcher({ allowHttp: true, allowPrivateNetwork: true, timeoutMs: 300, maxBytes: 1_000 });

beforeAll(async () => {
  server = await startDocumentServer();
});
afterAll(async () => {
  fetcher.dispose();
  await server[Symbol.asyncDispose]();
});

describe('the hardened fetcher for issuer documents', () => {
  it('answers JSON, and the text of a compact JWS', async () => {
    server.serve('/profile', { body: { id: 'x' } });
    expect(await fetcher.fetchDocument(`${server.origin}/profile#key-1`)).toEqual({ ok: true, document: { id: 'x' } });
    server.serve('/list', {
      body: 'eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.c2ln',
      headers: { 'content-type': 'application/vc+jwt' },
    });
    expect(await fetcher.fetchDocument(`${server.origin}/list`)).toEqual({
      ok: true,
      document: 'eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.c2ln',
    });
  });

  it('names each failure by a code of its own', async () => {
    const code = async (path: string) => {
      const result = await fetcher.fetchDocument(`${server.origin}${path}`);
      return result.ok ? 'ok' : result.problem.code;
    };
    server.serve('/moved', { status: 301, headers: { location: `${server.origin}/profile` }, body: '' });
    server.serve('/big', { body: { padding: 'x'.repeat(2_000) } });
    server.serve('/slow', { body: { id: 'late' }, delayMs: 1_000 });
    server.serve('/html', { body: '<html>not json</html>', headers: { 'content-type': 'text/html' } });
    server.serve('/error', { status: 500, body: { secret: 'stack trace' } });
    expect(await code('/moved')).toBe('FETCH_REDIRECTED');
    expect(await code('/big')).toBe('FETCH_TOO_LARGE');
    expect(await code('/slow')).toBe('FETCH_FAILED');
    expect(await code('/html')).toBe('FETCH_NOT_JSON');
    expect(await code('/error')).toBe('FETCH_FAILED');
  });

  it('never puts an upstream body or query string in its messages', async () => {
    server.serve('/error', { status: 500, body: { secret: 'stack trace' } });
    const result = await fetcher.fetchDocument(`${server.origin}/error?token=abc`);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.problem.message;
    expect(message).not.toContain('stack trace');
    expect(message).not.toContain('token=abc');
  });

  it('refuses other schemes, credentials in URLs, and private addresses by default', async () => {
    const strict = createSafeFetcher();
    try {
      for (const url of [
        'file:///etc/passwd',
        'ftp://example.org/x',
        `${server.origin}/profile`,
        'https://user:pw@example.org/',
      ]) {
        const result = await strict.fetchDocument(url);
        expect(result.ok ? 'ok' : result.problem.code, url).toBe('FETCH_REFUSED');
      }
      // https to a loopback or private address is refused at connect time, before any TLS.
      for (const url of [
        'https://127.0.0.1:1/x',
        'https://10.0.0.1/x',
        'https://[::1]:1/x',
        'https://169.254.169.254/latest',
      ]) {
        const result = await strict.fetchDocument(url);
        expect(result.ok ? 'ok' : result.problem.code, url).toBe('FETCH_REFUSED');
      }
    } finally {
      strict.dispose();
    }
  });

  it('serves pinned documents without fetching, and caches fetched ones per purpose', async () => {
    server.serve('/issuer', { body: { id: 'issuer' } });
    server.serve('/status', { body: { id: 'status' } });
    const documents = createDocumentSource({
      fetcher,
      cache: new Keyv(),
      pinned: { 'https://pinned.example/profile': { id: 'pinned' } },
      statusTtlMs: 0,
    });
    expect(await documents.load('https://pinned.example/profile#key-1', 'key')).toEqual({
      ok: true,
      document: { id: 'pinned' },
    });
    for (let i = 0; i < 3; i += 1) {
      await documents.load(`${server.origin}/issuer`, 'key');
      await documents.load(`${server.origin}/status`, 'status');
    }
    expect(server.hits.get('/issuer')).toBe(1);
    expect(server.hits.get('/status')).toBe(3);
  });
});
