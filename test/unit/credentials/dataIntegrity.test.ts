import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDidKeyIssuer, type IssuerKey, signDataIntegrity } from '../../../adapters/core/credentials/index.js';
import { loopbackVerifier, openBadge } from './support/issuer.js';

const verifier = loopbackVerifier();
let issuer: IssuerKey;
let other: IssuerKey;
const presenter = { emails: ['amina.diallo@un.org'] };

beforeAll(async () => {
  issuer = await createDidKeyIssuer();
  other = await createDidKeyIssuer();
});
afterAll(() => verifier.dispose());

const signed = (overrides: Record<string, unknown> = {}, key = issuer) =>
  signDataIntegrity(openBadge(issuer.controller, overrides), key);

describe('Data Integrity (eddsa-rdfc-2022) credentials issued by the tests', () => {
  it('verifies an Open Badge from its issuer, presented by its subject, with every check reported', async () => {
    const verdict = await verifier.verify(await signed(), { presenter });
    expect(verdict.status).toBe('VERIFIED');
    expect(verdict.reasons).toEqual([]);
    expect(verdict.format).toBe('VC_DATA_INTEGRITY');
    expect(Object.fromEntries(Object.entries(verdict.checks).map(([name, r]) => [name, r.outcome]))).toEqual({
      format: 'PASSED',
      signature: 'PASSED',
      issuer: 'PASSED',
      validity: 'PASSED',
      status: 'SKIPPED',
      achievement: 'PASSED',
      subject: 'PASSED',
    });
  });

  it('accepts the credential as a JSON string as well as an object', async () => {
    const verdict = await verifier.verify(JSON.stringify(await signed()));
    expect(verdict.status).toBe('VERIFIED');
  });

  it('fails a credential changed after signing (SIGNATURE_INVALID)', async () => {
    const credential = await signed();
    const tampered = { ...credential, name: 'Advanced Data Protection' };
    const verdict = await verifier.verify(tampered);
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.reason).toBe('SIGNATURE_INVALID');
    // Nothing is fetched for a credential whose signature failed.
    expect(verdict.checks.status.outcome).toBe('SKIPPED');
  });

  it('fails a proof made with another key than the one it names (SIGNATURE_INVALID)', async () => {
    const forged = await signDataIntegrity(openBadge(issuer.controller), {
      ...other,
      keyPair: {
        ...other.keyPair,
        id: issuer.methodId,
        signer: () => ({ ...other.keyPair.signer(), id: issuer.methodId }),
      },
    });
    expect((forged.proof as { verificationMethod: string }).verificationMethod).toBe(issuer.methodId);
    const verdict = await verifier.verify(forged);
    expect(verdict.checks.signature.reason).toBe('SIGNATURE_INVALID');
  });

  it("fails a valid signature by a key that is not the issuer's (ISSUER_KEY_MISMATCH)", async () => {
    const verdict = await verifier.verify(await signed({}, other));
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.outcome).toBe('PASSED');
    expect(verdict.checks.issuer.reason).toBe('ISSUER_KEY_MISMATCH');
  });

  it('fails an expired credential and one not yet valid, with the clock skew applied', async () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const credential = await signed({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2025-06-01T11:50:00Z' });
    expect((await verifier.verify(credential, { now })).checks.validity.reason).toBe('EXPIRED');
    // Within the default 300 s of skew it is still valid.
    const lenient = await verifier.verify(credential, { now: new Date('2025-06-01T11:54:00Z') });
    expect(lenient.checks.validity.outcome).toBe('PASSED');

    const future = await signed({ validFrom: '2025-06-01T12:10:00Z' });
    const early = await verifier.verify(future, { now });
    expect(early.status).toBe('FAILED');
    expect(early.checks.validity.reason).toBe('NOT_YET_VALID');
  });

  it('fails a date that is not a dateTimeStamp (DATES_MALFORMED)', async () => {
    const verdict = await verifier.verify(await signed({ validFrom: '2024-01-01' }));
    expect(verdict.checks.validity.reason).toBe('DATES_MALFORMED');
  });

  it('fails when presented by someone else (SUBJECT_MISMATCH) and cannot tell when nothing compares', async () => {
    const credential = await signed();
    const stranger = await verifier.verify(credential, { presenter: { emails: ['someone.else@un.org'] } });
    expect(stranger.status).toBe('FAILED');
    expect(stranger.checks.subject.reason).toBe('SUBJECT_MISMATCH');
    const onlyDid = await verifier.verify(credential, { presenter: { ids: ['did:example:amina'] } });
    expect(onlyDid.status).toBe('UNVERIFIABLE');
    expect(onlyDid.checks.subject.reason).toBe('SUBJECT_UNIDENTIFIED');
  });

  it('fails when the credential is not for the achievement claimed', async () => {
    const credential = await signed();
    const right = await verifier.verify(credential, {
      claimed: {
        achievementId: 'https://academy.example/achievements/data-protection',
        achievementType: 'Certificate',
      },
    });
    expect(right.checks.achievement.outcome).toBe('PASSED');
    const wrong = await verifier.verify(credential, {
      claimed: { achievementId: 'https://academy.example/achievements/other' },
    });
    expect(wrong.checks.achievement.reason).toBe('ACHIEVEMENT_MISMATCH');
    const wrongIssuer = await verifier.verify(credential, { claimed: { issuerId: other.controller } });
    expect(wrongIssuer.checks.achievement.reason).toBe('ISSUER_MISMATCH');
    const wrongType = await verifier.verify(credential, { claimed: { credentialType: 'ClrCredential' } });
    expect(wrongType.checks.achievement.reason).toBe('CREDENTIAL_TYPE_MISMATCH');
  });

  it('reports a context without a local copy as CONTEXT_UNKNOWN, without fetching it', async () => {
    const credential = await signed();
    const contexts = [...(credential['@context'] as string[]), 'https://contexts.example/unknown-v1.jsonld'];
    const verdict = await verifier.verify({ ...credential, '@context': contexts });
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.format.reason).toBe('CONTEXT_UNKNOWN');
  });

  it('fails a term that no context defines (JSONLD_MALFORMED), not just an invalid signature', async () => {
    // An issuer cannot sign it either (safe mode), so the term is added to a signed credential.
    const credential = { ...(await signed()), undefinedTerm: 'JSON-LD safe mode rejects this' };
    const verdict = await verifier.verify(credential);
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.reason).toBe('JSONLD_MALFORMED');
  });

  it('fails a context that is not a URL or an object (JSONLD_MALFORMED)', async () => {
    const credential = await signed();
    const verdict = await verifier.verify({ ...credential, '@context': ['https://www.w3.org/ns/credentials/v2', 42] });
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.format.reason).toBe('JSONLD_MALFORMED');
  });

  it('fails a credential without a proof (PROOF_MISSING) and reports an unsupported suite as UNVERIFIABLE', async () => {
    const unsigned = openBadge(issuer.controller);
    expect((await verifier.verify(unsigned)).checks.signature.reason).toBe('PROOF_MISSING');
    const credential = await signed();
    const ecdsa = { ...credential, proof: { ...(credential.proof as object), cryptosuite: 'ecdsa-rdfc-2019' } };
    const verdict = await verifier.verify(ecdsa);
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.signature.reason).toBe('CRYPTOSUITE_UNSUPPORTED');
  });

  it('requires every proof of a proof set to verify', async () => {
    const first = await signed();
    const second = await signed({}, issuer);
    const broken = {
      ...(second.proof as Record<string, unknown>),
      proofValue: (first.proof as { proofValue: string }).proofValue,
    };
    const set = { ...first, proof: [first.proof, { ...broken, created: '2024-02-02T00:00:00Z' }] };
    const verdict = await verifier.verify(set);
    expect(verdict.checks.signature.reason).toBe('SIGNATURE_INVALID');
  });

  it('does not resolve DID methods other than did:key and did:web', async () => {
    const credential = await signed();
    const proof = { ...(credential.proof as Record<string, unknown>), verificationMethod: 'did:ion:abc#key-1' };
    const verdict = await verifier.verify({ ...credential, proof });
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.signature.reason).toBe('KEY_UNAVAILABLE');
    expect(verdict.checks.issuer.reason).toBe('DID_METHOD_UNSUPPORTED');
  });
});
