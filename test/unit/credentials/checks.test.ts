import { describe, expect, it } from 'vitest';
import { identityHash } from '../../../adapters/core/credentials/index.js';
import { identityHashMatches } from '../../../subgraphs/registry/credentials/checks/identityHash.js';
import { checkStatus } from '../../../subgraphs/registry/credentials/checks/status.js';
import { checkSubject } from '../../../subgraphs/registry/credentials/checks/subject.js';
import { checkValidity } from '../../../subgraphs/registry/credentials/checks/validity.js';
import type { Detected } from '../../../subgraphs/registry/credentials/input/detectFormat.js';
import { verifyDataIntegrity } from '../../../subgraphs/registry/credentials/proofs/dataIntegrity.js';

const vc = (credential: Record<string, unknown>, vcdm: '1.1' | '2.0' = '2.0'): Detected => ({
  format: 'VC_DATA_INTEGRITY',
  vcdm,
  credential,
});
const ob2 = (assertion: Record<string, unknown>): Detected => ({
  format: 'OB2_SIGNED',
  credential: assertion,
  jws: 'x.y.z',
  header: { alg: 'RS256' },
});

describe('identity hashes (OB 3.0 IdentityHash, OB 2.0 identity)', () => {
  it('matches sha256 and md5 hashes of identifier + salt, and nothing else', () => {
    expect(identityHashMatches(identityHash('amina@un.org', 'x'), 'amina@un.org', 'x')).toBe(true);
    expect(identityHashMatches(identityHash('amina@un.org', 'x'), 'amina@un.org', 'y')).toBe(false);
    // md5("amina@un.org" + "x")
    expect(identityHashMatches('md5$dfdeb5925a9cdfebc30a1765f1a00fad', 'amina@un.org', 'x')).toBe(true);
    expect(identityHashMatches('md5$dfdeb5925a9cdfebc30a1765f1a00fad', 'amina@un.org', 'y')).toBe(false);
    expect(identityHashMatches('sha1$abc', 'amina@un.org', 'x')).toBeNull();
    expect(identityHashMatches('sha256$not-hex', 'amina@un.org', 'x')).toBeNull();
  });
});

describe('subject check', () => {
  const subject = (identifier: unknown[], id?: string) =>
    vc({ credentialSubject: { ...(id ? { id } : {}), identifier } });

  it('matches an identifier of another identityType, hashed or plain', () => {
    const hashed = subject([
      {
        type: 'IdentityObject',
        identityType: 'ext:unIndexNumber',
        hashed: true,
        identityHash: identityHash('UN-100001', 's'),
        salt: 's',
      },
    ]);
    const presenter = { identifiers: [{ identityType: 'ext:unIndexNumber', value: 'UN-100001' }] };
    expect(checkSubject(hashed, presenter).outcome).toBe('PASSED');
    expect(
      checkSubject(hashed, { identifiers: [{ identityType: 'ext:unIndexNumber', value: 'UN-100002' }] }).reason,
    ).toBe('SUBJECT_MISMATCH');
    const plain = subject([
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'Amina@UN.org' },
    ]);
    expect(checkSubject(plain, { emails: ['amina@un.org'] }).outcome).toBe('PASSED');
  });

  it('matches a DID subject, and names an unknown hash algorithm as not comparable', () => {
    expect(checkSubject(subject([], 'did:example:amina'), { ids: ['did:example:amina'] }).outcome).toBe('PASSED');
    const sha1 = subject([{ identityType: 'emailAddress', hashed: true, identityHash: 'sha1$00', salt: '' }]);
    expect(checkSubject(sha1, { emails: ['amina@un.org'] }).reason).toBe('SUBJECT_UNIDENTIFIED');
    expect(checkSubject(vc({ credentialSubject: {} }), { emails: ['amina@un.org'] }).reason).toBe(
      'SUBJECT_UNIDENTIFIED',
    );
    expect(checkSubject(subject([], 'did:example:amina'), undefined).outcome).toBe('SKIPPED');
  });

  it('reads the OB 2.0 recipient', () => {
    const assertion = ob2({
      recipient: {
        type: 'email',
        hashed: true,
        salt: 'deadsea',
        identity: identityHash('nobody@example.org', 'deadsea'),
      },
    });
    expect(checkSubject(assertion, { emails: ['nobody@example.org'] }).outcome).toBe('PASSED');
  });
});

describe('validity check', () => {
  const now = new Date('2025-01-01T00:00:00Z');

  it('requires issuanceDate for VCDM 1.1 and reads expirationDate', () => {
    expect(checkValidity(vc({}, '1.1'), now, 0).reason).toBe('DATES_MALFORMED');
    const expired = vc({ issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2024-01-01T00:00:00Z' }, '1.1');
    expect(checkValidity(expired, now, 0).reason).toBe('EXPIRED');
  });

  it('accepts a VCDM 2.0 credential without dates, and rejects an end before the start', () => {
    expect(checkValidity(vc({}), now, 0).outcome).toBe('PASSED');
    const inverted = vc({ validFrom: '2024-06-01T00:00:00Z', validUntil: '2024-01-01T00:00:00Z' });
    expect(checkValidity(inverted, now, 0).reason).toBe('DATES_MALFORMED');
  });

  it('reads OB 2.0 dates written without a time zone as UTC', () => {
    const assertion = ob2({ issuedOn: '2025-01-01T00:04:00' });
    expect(checkValidity(assertion, now, 0).reason).toBe('NOT_YET_VALID');
    expect(checkValidity(assertion, now, 300).outcome).toBe('PASSED');
  });
});

describe('limits on what a credential can make the verifier fetch', () => {
  const unused = {
    load: async () => ({ ok: false as const, problem: { code: 'FETCH_FAILED' as const, message: 'x' } }),
  };

  it('follows at most four proofs and four status entries (LIMIT_EXCEEDED)', async () => {
    const proof = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: 'https://a.example/k',
    };
    const many = await verifyDataIntegrity(
      { proof: [proof, proof, proof, proof, proof] },
      { contexts: new Map(), keys: { documents: unused, allowHttp: false } },
    );
    expect(many.signature.reason).toBe('LIMIT_EXCEEDED');
    const entries = Array.from({ length: 5 }, (_, i) => ({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(i),
      statusListCredential: 'https://a.example/l',
    }));
    const status = await checkStatus(vc({ credentialStatus: entries }), null, {
      documents: unused,
      verifyList: () => Promise.reject(new Error('not reached')),
    });
    expect(status.reason).toBe('LIMIT_EXCEEDED');
  });
});
