import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../adapters/core/adapter.js';
import { wrapAdapter } from '../../adapters/core/factory.js';
import type { Principal, Role } from '../../schema/principal.js';
import type { AgencyAccess } from '../../subgraphs/agency/access.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/** The learning contract's `recordExternalLearning` in an agency subgraph (issue 14): who may, what it checks. */
const person = (roles: Role[], agency: string | null): Principal => ({
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: `s-${String(roles)}`,
  email: 'someone@un.org',
  indexNumber: null,
  agency,
  roles,
});
const MANAGER: AgencyAccess = { principal: person(['AGENCY_MANAGER'], 'who'), viaGateway: true };
const agency = { code: 'who', name: 'World Health Organization', lmsKind: 'custom' as const };
let server: ApolloServer<AgencyContext>;
let memory: ReturnType<typeof createMemoryAdapter>;

const MUTATION = `mutation($input: ExternalLearningInput!) { recordExternalLearning(input: $input) { enrollmentId created } }`;
const input = (overrides: Record<string, unknown> = {}) => ({
  agency: 'who',
  learner: { indexNumber: 'UN-100001' },
  idempotencyKey: 'rcg_0123456789abcdef',
  title: 'Data Protection Essentials — Test Academy',
  provider: 'Test Academy',
  completedAt: '2026-01-15T09:00:00Z',
  hours: 8,
  ...overrides,
});

async function run(variables: Record<string, unknown>, access: AgencyAccess = MANAGER, adapter: LmsAdapter = memory) {
  const response = await server.executeOperation(
    { query: MUTATION, variables },
    { contextValue: createAgencyContext(agency, adapter, access) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as {
    data?: { recordExternalLearning?: { enrollmentId: string; created: boolean } } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  memory = createMemoryAdapter(memoryData(7, 25));
});

describe('recordExternalLearning', () => {
  it("records credit hours for the person's account once; the same key again finds it", async () => {
    const first = await run({ input: input() });
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordExternalLearning).toEqual({ enrollmentId: 'who:enrollment:u1:external-1', created: true });
    const again = await run({ input: input() });
    expect(again.data?.recordExternalLearning).toEqual({
      enrollmentId: 'who:enrollment:u1:external-1',
      created: false,
    });
    const transcript = await memory.listEnrollments({ learnerLocalIds: ['u1'] });
    expect(transcript.filter((e) => e.sourceStatus === 'Recognised')).toHaveLength(1);
  });

  it('records the completion of an equivalent course of this agency', async () => {
    const result = await run({ input: input({ courseId: 'who:course:3', hours: null }) });
    expect(result.data?.recordExternalLearning).toEqual({ enrollmentId: 'who:enrollment:u1:3', created: true });
  });

  it('is for managers of this agency, through the gateway', async () => {
    const direct = await run({ input: input() }, { principal: { kind: 'anonymous' }, viaGateway: false });
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const otherManager = await run(
      { input: input() },
      { principal: person(['AGENCY_MANAGER'], 'wfp'), viaGateway: true },
    );
    expect(otherManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const learner = await run({ input: input() }, { principal: person(['LEARNER'], 'who'), viaGateway: true });
    expect(learner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(memory.calls.recordExternalLearning).toBeUndefined();
  });

  it('refuses bad input before the LMS is asked, naming what is wrong', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ courseId: 'wfp:course:3', hours: null }, /another agency/],
      [{ courseId: 'who:learner:u1', hours: null }, /not a course id/],
      [{ hours: null }, /courseId.*or.*hours/],
      [{ hours: 0 }, /hours/],
      [{ completedAt: '2999-01-01T00:00:00Z' }, /not in the future/],
      [{ idempotencyKey: 'x' }, /idempotencyKey/],
      [{ title: '   ' }, /title/],
      [{ agency: 'wfp' }, /serves who/],
      [{ learner: {} }, /indexNumber.*email/],
    ];
    for (const [overrides, message] of cases) {
      const result = await run({ input: input(overrides) });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(overrides)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    expect(
      (await run({ input: input({ courseId: 'who:course:999', hours: null }) })).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await run({ input: input({ learner: { email: 'nobody@un.org' } }) })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(memory.calls.recordExternalLearning).toBeUndefined();
  });

  it("answers LMS_UNSUPPORTED with the LMS's reason where it cannot record (a Moodle-like adapter)", async () => {
    const reason = "Moodle's web services have no function that records learning done elsewhere.";
    const moodleLike = wrapAdapter(
      {
        kind: 'moodle',
        capabilities: new Set(['courses', 'learners'] as const),
        unsupported: { 'recognitions.write': reason },
      },
      memory,
      'who',
    );
    const result = await run({ input: input() }, MANAGER, moodleLike);
    expect(result.errors?.[0]).toMatchObject({ message: reason, extensions: { code: 'LMS_UNSUPPORTED' } });
    expect(memory.calls.findLearners).toBeUndefined();
  });
});
