import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgreementBook } from '../../../subgraphs/registry/recognition/agreementBook.js';
import { recognises } from '../../../subgraphs/registry/recognition/agreements.js';
import { RecognitionStore } from '../../../subgraphs/registry/recognition/store.js';
import { createRegistryKeyv } from '../../../subgraphs/registry/store/backends.js';
import { RegistryStore } from '../../../subgraphs/registry/store/registryStore.js';
import {
  admin,
  agreementDraft,
  analyst,
  anonymous,
  createHarness,
  type Harness,
  learner,
  manager,
  NOW,
} from './support.js';

/** Inter-agency agreements: who may write them, what is kept of each change, what they recognise. */
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const unicefRegistration = {
  code: 'unicef',
  name: 'UNICEF',
  acronym: null,
  lmsKind: 'cornerstone' as const,
  status: 'ACTIVE' as const,
  subgraphUrl: 'http://127.0.0.1:9/',
  contact: null,
  registeredAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const codeOf = async (promise: Promise<unknown>) =>
  ((await rejection(promise)) as { extensions?: { code?: string } } | undefined)?.extensions?.code;

describe('who may write agreements', () => {
  it("lets the recognising agency's manager and registry admins create and change them", async () => {
    const created = await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
    expect(created).toMatchObject({ recognisingAgency: 'unicef', status: 'ACTIVE', version: 1 });
    const byAdmin = await h.service.book.create(admin(), agreementDraft('wfp'));
    expect(byAdmin.recognisingAgency).toBe('wfp');
    const suspended = await h.service.book.setStatus(admin(), created.id, 'SUSPENDED');
    expect(suspended).toMatchObject({ status: 'SUSPENDED', version: 2 });
  });

  it("refuses another agency's manager, learners and analysts (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)", async () => {
    expect(await codeOf(h.service.book.create(manager('wfp'), agreementDraft('unicef')))).toBe('FORBIDDEN');
    expect(await codeOf(h.service.book.create(learner(), agreementDraft('unicef')))).toBe('FORBIDDEN');
    expect(await codeOf(h.service.book.create(analyst(), agreementDraft('unicef')))).toBe('FORBIDDEN');
    expect(await codeOf(h.service.book.create(anonymous, agreementDraft('unicef')))).toBe('UNAUTHENTICATED');
    const created = await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
    expect(await codeOf(h.service.book.setStatus(manager('wfp'), created.id, 'ENDED'))).toBe('FORBIDDEN');
    // Nor can a manager move their agreement to another agency.
    expect(await codeOf(h.service.book.update(manager('unicef'), created.id, agreementDraft('wfp')))).toBe('FORBIDDEN');
    expect((await h.service.book.agreement(created.id))?.status).toBe('ACTIVE');
  });

  it('lets only registry admins curate provider profiles', async () => {
    expect(await codeOf(h.service.book.saveProvider(manager('unicef'), 'edx', { name: 'edX' }, true))).toBe(
      'FORBIDDEN',
    );
    const saved = await h.service.book.saveProvider(
      admin(),
      'edx',
      { name: 'edX', issuerIds: ['did:web:edx.org'] },
      true,
    );
    expect(saved).toMatchObject({ code: 'edx', kind: 'EXTERNAL_PLATFORM', issuerIds: ['did:web:edx.org'] });
    expect(await codeOf(h.service.book.saveProvider(admin(), 'edx', { name: 'again' }, true))).toBe('CONFLICT');
  });
});

describe('what is kept of each change', () => {
  it('records who made each change, when, and which fields changed', async () => {
    const created = await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
    const updated = await h.service.book.update(
      admin(),
      created.id,
      agreementDraft('unicef', { countsAs: { hours: 10 }, validUntil: new Date('2028-01-01T00:00:00Z') }),
      1,
    );
    const ended = await h.service.book.setStatus(manager('unicef'), created.id, 'ENDED');
    expect(ended.version).toBe(3);
    expect(ended.history).toEqual([
      expect.objectContaining({
        action: 'CREATED',
        at: NOW.toISOString(),
        by: expect.objectContaining({
          email: 'learning.manager@unicef.int',
          agency: 'unicef',
          roles: ['AGENCY_MANAGER'],
        }),
      }),
      expect.objectContaining({
        action: 'UPDATED',
        fields: ['countsAs', 'validUntil'],
        by: expect.objectContaining({ email: 'registry.admin@un.org' }),
      }),
      expect.objectContaining({ action: 'ENDED', fields: ['status'] }),
    ]);
    expect(updated.countsAs).toEqual({ kind: 'CREDIT_HOURS', hours: 10 });
    // An ended agreement stays ended.
    expect(await codeOf(h.service.book.setStatus(manager('unicef'), created.id, 'ACTIVE'))).toBe('CONFLICT');
  });

  it('refuses an update made against an older version (CONFLICT), and an update that changes nothing adds no history', async () => {
    const created = await h.service.book.create(manager('unicef'), agreementDraft('unicef'));
    await h.service.book.update(manager('unicef'), created.id, agreementDraft('unicef', { countsAs: { hours: 9 } }), 1);
    expect(await codeOf(h.service.book.update(admin(), created.id, agreementDraft('unicef'), 1))).toBe('CONFLICT');
    const same = await h.service.book.update(
      manager('unicef'),
      created.id,
      agreementDraft('unicef', { countsAs: { hours: 9 } }),
    );
    expect(same.version).toBe(2);
    expect(same.history).toHaveLength(2);
  });

  it('lists every problem of an invalid agreement, and checks what the registry knows', async () => {
    const error = (await rejection(
      h.service.book.create(
        admin(),
        agreementDraft('unicef', {
          recognises: {},
          countsAs: { courseId: 'wfp:course:1' },
          validUntil: new Date('2020-01-01T00:00:00Z'),
        }),
      ),
    )) as { extensions: { code: string; reasons: string[] } };
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.reasons).toEqual([
      'recognises must name achievements, courses, credential types or a minimum of hours',
      'countsAs.courseId must be a course of unicef (`unicef:course:<id>`)',
      'validUntil must be after validFrom',
    ]);
    expect(await codeOf(h.service.book.create(admin(), agreementDraft('fao')))).toBe('BAD_USER_INPUT');
    expect(await codeOf(h.service.book.create(admin(), agreementDraft('unicef', { provider: 'nobody' })))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('survives a restart: agreements, providers and their histories are in the store file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recognition-store-'));
    try {
      const path = join(dir, 'registry.sqlite');
      const registrations = new RegistryStore(createRegistryKeyv({ kind: 'sqlite', path }));
      await registrations.update('unicef', () => ({ next: unicefRegistration, result: undefined }));
      const open = () => new RecognitionStore(createRegistryKeyv({ kind: 'sqlite', path }, 'recognition'));
      const first = open();
      const book = new AgreementBook(first, registrations, () => NOW);
      await book.saveProvider(admin(), 'academy', { name: 'Academy', issuerIds: ['did:example:1'] }, true);
      const agreement = await book.create(manager('unicef'), agreementDraft('unicef'));
      await first.close();
      const reopened = open();
      expect(await reopened.agreement(agreement.id)).toEqual(agreement);
      expect(await reopened.provider('academy')).toMatchObject({
        issuerIds: ['did:example:1'],
        history: [
          expect.objectContaining({ action: 'REGISTERED', by: expect.objectContaining({ roles: ['REGISTRY_ADMIN'] }) }),
        ],
      });
      await reopened.close();
      await registrations.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what an agreement recognises', () => {
  const summary = (overrides: Record<string, unknown> = {}) => ({
    id: 'urn:uuid:1',
    types: ['VerifiableCredential', 'OpenBadgeCredential'],
    vcdm: '2.0' as const,
    issuer: { id: 'did:key:academy', name: 'Academy' },
    name: 'Data Protection Essentials',
    achievement: { id: 'https://academy.example/a/dp', name: 'DP', type: 'Certificate', humanCode: 'DP-101' },
    hours: 8,
    statusEntries: [],
    subjectId: null,
    validFrom: '2025-06-01T00:00:00Z',
    validUntil: null,
    ...overrides,
  });
  const provider = {
    code: 'academy',
    name: 'Academy',
    kind: 'EXTERNAL_PLATFORM' as const,
    agency: null,
    url: null,
    issuerIds: ['did:key:academy'],
    acceptedCredentialTypes: ['OpenBadgeCredential'],
    qualityCriteria: [],
    createdAt: '',
    updatedAt: '',
    history: [],
  };
  const agreement = (recognises: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
    id: 'agr_1',
    recognisingAgency: 'unicef',
    provider: 'academy',
    recognises: { achievementIds: [], courseIds: [], credentialTypes: [], minimumHours: null, ...recognises },
    countsAs: { kind: 'CREDIT_HOURS' as const, hours: null },
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: null,
    status: 'ACTIVE' as const,
    version: 1,
    createdAt: '',
    updatedAt: '',
    history: [],
    ...overrides,
  });

  it('matches by achievement id, course code, credential or achievement type, and minimum hours', () => {
    expect(recognises(agreement({ achievementIds: ['https://academy.example/a/dp'] }), provider, summary(), NOW)).toBe(
      true,
    );
    expect(
      recognises(agreement({ achievementIds: ['https://academy.example/a/other'] }), provider, summary(), NOW),
    ).toBe(false);
    expect(recognises(agreement({ courseIds: ['DP-101'] }), provider, summary(), NOW)).toBe(true);
    expect(recognises(agreement({ credentialTypes: ['Certificate'] }), provider, summary(), NOW)).toBe(true);
    expect(recognises(agreement({ minimumHours: 8 }), provider, summary(), NOW)).toBe(true);
    expect(recognises(agreement({ minimumHours: 9 }), provider, summary(), NOW)).toBe(false);
    expect(recognises(agreement({ minimumHours: 1 }), provider, summary({ hours: null }), NOW)).toBe(false);
  });

  it("needs the provider's issuer, an accepted type, and an agreement in force", () => {
    const any = agreement({ minimumHours: 1 });
    expect(recognises(any, provider, summary({ issuer: { id: 'did:key:other', name: 'X' } }), NOW)).toBe(false);
    expect(recognises(any, provider, summary({ types: ['VerifiableCredential'] }), NOW)).toBe(false);
    expect(recognises(agreement({ minimumHours: 1 }, { status: 'SUSPENDED' }), provider, summary(), NOW)).toBe(false);
    expect(
      recognises(agreement({ minimumHours: 1 }, { validUntil: '2026-01-01T00:00:00.000Z' }), provider, summary(), NOW),
    ).toBe(false);
    expect(
      recognises(agreement({ minimumHours: 1 }, { validFrom: '2026-06-01T00:00:00.000Z' }), provider, summary(), NOW),
    ).toBe(false);
  });
});
