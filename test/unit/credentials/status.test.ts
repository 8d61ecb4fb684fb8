import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDidKeyIssuer,
  encodeStatusList,
  type IssuerKey,
  signDataIntegrity,
  signVcJwt,
} from '../../../adapters/core/credentials/index.js';
import { readStatusBit } from '../../../subgraphs/registry/credentials/checks/bitstring.js';
import { type DocumentServer, startDocumentServer } from './support/documentServer.js';
import { loopbackVerifier, openBadge } from './support/issuer.js';
import { readVector } from './support/published.js';

let server: DocumentServer;
let issuer: IssuerKey;
const verifier = loopbackVerifier();

beforeAll(async () => {
  server = await startDocumentServer();
  issuer = await createDidKeyIssuer();
});
afterAll(async () => {
  verifier.dispose();
  await server[Symbol.asyncDispose]();
});

const listUrl = (name: string) => `${server.origin}/status/${name}`;

function statusList(name: string, purpose: string, revoked: number[], length?: number) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: listUrl(name),
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer.controller,
    validFrom: '2024-01-01T00:00:00Z',
    credentialSubject: {
      id: `${listUrl(name)}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList: encodeStatusList(revoked, length),
    },
  };
}

async function publishList(name: string, purpose: string, revoked: number[], length?: number) {
  server.serve(`/status/${name}`, {
    body: await signDataIntegrity(statusList(name, purpose, revoked, length), issuer),
  });
}

const entry = (name: string, index: number, purpose = 'revocation') => ({
  id: `${listUrl(name)}#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: listUrl(name),
});

const withStatus = (status: unknown) =>
  signDataIntegrity(openBadge(issuer.controller, { credentialStatus: status }), issuer);

describe('revocation and suspension through Bitstring Status List', () => {
  it('reads entries left to right, most significant bit first (the 1EdTech list has entry 23 set)', () => {
    const list = JSON.parse(readVector('vectors/1edtech-validator/ob30/bit-string-list/testlist'));
    const encoded = list.credentialSubject.encodedList as string;
    expect(readStatusBit(encoded, 23)).toEqual({ ok: true, set: true });
    expect(readStatusBit(encoded, 22)).toEqual({ ok: true, set: false });
    expect(readStatusBit(encodeStatusList([0, 9]), 0)).toEqual({ ok: true, set: true });
    expect(readStatusBit(encodeStatusList([0, 9]), 9)).toEqual({ ok: true, set: true });
    expect(readStatusBit(encodeStatusList([0, 9]), 8)).toEqual({ ok: true, set: false });
  });

  it('passes an entry that is not set, and fails a revoked one (REVOKED)', async () => {
    await publishList('a', 'revocation', [7]);
    const fine = await verifier.verify(await withStatus(entry('a', 6)));
    expect(fine.status).toBe('VERIFIED');
    expect(fine.checks.status.outcome).toBe('PASSED');
    const revoked = await verifier.verify(await withStatus(entry('a', 7)));
    expect(revoked.status).toBe('FAILED');
    expect(revoked.checks.status.reason).toBe('REVOKED');
    expect(revoked.checks.signature.outcome).toBe('PASSED');
  });

  it('fails a suspended credential (SUSPENDED), checking every entry', async () => {
    await publishList('r', 'revocation', []);
    await publishList('s', 'suspension', [3]);
    const verdict = await verifier.verify(await withStatus([entry('r', 3), entry('s', 3, 'suspension')]));
    expect(verdict.checks.status.reason).toBe('SUSPENDED');
  });

  it('reads a status list secured as VC-JWT', async () => {
    server.serve('/status/jwt', {
      body: await signVcJwt(statusList('jwt', 'revocation', [5]), issuer),
      headers: { 'content-type': 'application/vc+jwt' },
    });
    expect((await verifier.verify(await withStatus(entry('jwt', 5)))).checks.status.reason).toBe('REVOKED');
  });

  it('cannot tell when the list is missing (STATUS_UNAVAILABLE)', async () => {
    const verdict = await verifier.verify(await withStatus(entry('missing', 1)));
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.status.reason).toBe('STATUS_UNAVAILABLE');
  });

  it('does not trust a list that is tampered with, of another purpose, too short, or too small for the index', async () => {
    const signed = await signDataIntegrity(statusList('t', 'revocation', []), issuer);
    const subject = signed.credentialSubject as Record<string, unknown>;
    server.serve('/status/t', {
      body: { ...signed, credentialSubject: { ...subject, encodedList: encodeStatusList([1]) } },
    });
    await publishList('p', 'suspension', []);
    await publishList('short', 'revocation', [], 8 * 1024);
    await publishList('n', 'revocation', []);
    const reason = async (status: unknown) => (await verifier.verify(await withStatus(status))).checks.status;
    expect(await reason(entry('t', 1))).toMatchObject({ outcome: 'UNVERIFIABLE', reason: 'STATUS_LIST_INVALID' });
    expect((await reason(entry('p', 1))).reason).toBe('STATUS_LIST_INVALID');
    expect((await reason(entry('short', 1))).reason).toBe('STATUS_LIST_INVALID');
    expect((await reason(entry('n', 131_072))).reason).toBe('STATUS_LIST_INVALID');
  });

  it('reports status types it does not read (STATUS_TYPE_UNSUPPORTED)', async () => {
    // The 1EdTech revocation list (VCRL 1.0), defined by the OB 3.0 extensions context.
    const credential = openBadge(issuer.controller, {
      credentialStatus: { id: `${server.origin}/revocations`, type: '1EdTechRevocationList' },
    });
    credential['@context'] = [
      ...(credential['@context'] as string[]),
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ];
    const verdict = await verifier.verify(await signDataIntegrity(credential, issuer));
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.status.reason).toBe('STATUS_TYPE_UNSUPPORTED');
  });

  it('does not fetch the list of a credential whose signature failed', async () => {
    await publishList('quiet', 'revocation', []);
    const credential = await withStatus(entry('quiet', 1));
    const verdict = await verifier.verify({ ...credential, name: 'tampered' });
    expect(verdict.checks.status.outcome).toBe('SKIPPED');
    expect(server.hits.get('/status/quiet')).toBeUndefined();
  });
});
