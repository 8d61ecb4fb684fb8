import { afterAll, describe, expect, it } from 'vitest';
import {
  CHECK_NAMES,
  REASON_CODES,
  verdictWithoutVerifiableForm,
} from '../../../subgraphs/registry/credentials/index.js';
import { loopbackVerifier, openBadge } from './support/issuer.js';

const verifier = loopbackVerifier({ maxCredentialBytes: 4_096 });
afterAll(() => verifier.dispose());

const formatReason = async (presented: unknown) => {
  const verdict = await verifier.verify(presented);
  return { status: verdict.status, reason: verdict.checks.format.reason };
};

describe('what a learner may present', () => {
  it('caps the size before parsing, for strings and objects (INPUT_TOO_LARGE)', async () => {
    const big = openBadge('did:key:z6Mkexample', { description: 'x'.repeat(5_000) });
    expect(await formatReason(big)).toEqual({ status: 'UNVERIFIABLE', reason: 'INPUT_TOO_LARGE' });
    expect(await formatReason(JSON.stringify(big))).toEqual({ status: 'UNVERIFIABLE', reason: 'INPUT_TOO_LARGE' });
  });

  it('fails what is not JSON or a JWS (INPUT_MALFORMED)', async () => {
    for (const presented of ['{"@context": [', 'not a credential', 'a.b', 42, null, true, undefined, 'e30.e30']) {
      const { status, reason } = await formatReason(presented);
      expect(status, String(presented)).toBe('FAILED');
      expect(['INPUT_MALFORMED', 'FORMAT_UNRECOGNISED'], String(presented)).toContain(reason);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await formatReason(cyclic)).toEqual({ status: 'FAILED', reason: 'INPUT_MALFORMED' });
  });

  it('fails JSON that is not a credential (FORMAT_UNRECOGNISED)', async () => {
    expect(await formatReason({ hello: 'world' })).toEqual({ status: 'FAILED', reason: 'FORMAT_UNRECOGNISED' });
    expect(await formatReason([openBadge('did:key:z6Mkexample')])).toEqual({
      status: 'FAILED',
      reason: 'FORMAT_UNRECOGNISED',
    });
  });

  it('reports forms it does not verify as FORMAT_UNSUPPORTED: presentations, signed OB 2.0 as plain JSON', async () => {
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] };
    expect(await formatReason(presentation)).toEqual({ status: 'UNVERIFIABLE', reason: 'FORMAT_UNSUPPORTED' });
    const signedAsJson = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://badges.example/assertions/1',
      verification: { type: 'signed', creator: 'https://badges.example/key' },
    };
    expect(await formatReason(signedAsJson)).toEqual({ status: 'UNVERIFIABLE', reason: 'FORMAT_UNSUPPORTED' });
  });

  it('fails a credential whose first context is not a VCDM context (JSONLD_MALFORMED)', async () => {
    const credential = {
      ...openBadge('did:key:z6Mkexample'),
      '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    };
    expect(await formatReason(credential)).toEqual({ status: 'FAILED', reason: 'JSONLD_MALFORMED' });
  });

  it('answers every input with a verdict naming each check, never a throw', async () => {
    const inputs: unknown[] = [
      '',
      '{}',
      '[]',
      '"eyJhbGciOiJub25lIn0.eyJ9.x"',
      { '@context': 5, type: 'VerifiableCredential' },
      { type: ['VerifiableCredential'], '@context': ['https://www.w3.org/ns/credentials/v2'], proof: 'nonsense' },
      {
        type: ['VerifiableCredential'],
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' }],
      },
      { type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,not-a-jwt' },
      `${Buffer.from('{"alg":"EdDSA","kid":"did:key:z6Mkbad#z6Mkbad"}').toString('base64url')}.${Buffer.from('{"type":["VerifiableCredential"],"@context":["https://www.w3.org/ns/credentials/v2"]}').toString('base64url')}.AAAA`,
    ];
    for (const input of inputs) {
      const verdict = await verifier.verify(input);
      expect(verdict.status, JSON.stringify(input)).not.toBe('VERIFIED');
      expect(Object.keys(verdict.checks)).toEqual([...CHECK_NAMES]);
      expect(verdict.reasons.length).toBeGreaterThan(0);
      for (const reason of verdict.reasons) expect(REASON_CODES).toContain(reason.code);
    }
  });

  it('reports an LMS record without a verifiable form as UNVERIFIABLE (NO_VERIFIABLE_FORM)', () => {
    const verdict = verdictWithoutVerifiableForm('a Cornerstone transcript certificate is a PDF');
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.reasons).toEqual([
      { check: 'format', code: 'NO_VERIFIABLE_FORM', message: 'a Cornerstone transcript certificate is a PDF' },
    ]);
    expect(verdict.credential).toBeNull();
  });
});
