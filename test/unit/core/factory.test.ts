import { Keyv } from 'keyv';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AdapterImplementation, LmsCapability } from '../../../adapters/core/adapter.js';
import { defineAdapter, isAdapterDescriptor } from '../../../adapters/core/descriptor.js';
import { LmsError } from '../../../adapters/core/errors.js';
import { createAdapter } from '../../../adapters/core/factory.js';
import { z } from '../../../adapters/core/index.js';
import type { CourseRecord, LearnerMatchQuery } from '../../../adapters/core/records.js';
import { CourseFormat, CourseVisibility, EnrollmentStatus } from '../../../schema/model/enums.js';
import { lmsRejection } from '../../support/nock.js';

const course = (localId: string): CourseRecord => ({
  localId,
  sourceId: localId,
  title: `Course ${localId}`,
  summary: null,
  language: null,
  sdgs: [],
  topics: [],
  format: CourseFormat.OTHER,
  durationMinutes: null,
  url: null,
  startsAt: null,
  endsAt: null,
  updatedAt: null,
  visibility: CourseVisibility.PUBLIC,
});

/** An adapter over an implementation the test writes, made by the factory like every other. */
function adapterOver(implementation: AdapterImplementation, capabilities: LmsCapability[] = ['courses', 'learners']) {
  const descriptor = defineAdapter({
    kind: 'custom',
    category: 'LMS',
    title: 'Test LMS',
    configSchema: z.object({}),
    capabilities: new Set(capabilities),
    connect: () => implementation,
  });
  return createAdapter(descriptor, {}, { agency: 'fao', logger: pino({ level: 'silent' }), cache: new Keyv() });
}

describe('the adapter factory (wrap once)', () => {
  it('answers batch reads in input order with null for the missing, asking the LMS once per distinct id', async () => {
    const asked: string[][] = [];
    const adapter = adapterOver({
      // Any order, unknown ids left out or null: the factory puts answers in place.
      getCourses: async (ids) => {
        asked.push([...ids]);
        return [
          null,
          ...ids
            .filter((id) => id !== 'x')
            .reverse()
            .map(course),
        ];
      },
      listCourses: async () => [],
      getLearners: async () => [],
      findLearners: async () => [],
      healthCheck: async () => {},
    });
    const answer = await adapter.getCourses(['2', 'x', '1', '2']);
    expect(answer.map((c) => c?.localId ?? null)).toEqual(['2', null, '1', '2']);
    expect(asked).toEqual([['2', 'x', '1']]);
    expect(await adapter.getCourses([])).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('refuses undeclared capabilities with LMS_UNSUPPORTED naming agency and kind, without calling the LMS', async () => {
    let called = false;
    const adapter = adapterOver({
      getCourses: async () => [],
      listCourses: async () => [],
      getLearners: async () => [],
      findLearners: async () => [],
      getStats: async () => {
        called = true;
        throw new Error('must not be called');
      },
      healthCheck: async () => {},
    });
    for (const attempt of [
      adapter.getStats({}),
      adapter.listCredentials(['1']),
      adapter.getEnrollments(['1']),
      adapter.listEnrollments({ courseLocalId: '1' }),
    ]) {
      const error = await lmsRejection(attempt);
      expect(error).toMatchObject({ code: 'LMS_UNSUPPORTED', agency: 'fao', lmsKind: 'custom', retryable: false });
    }
    expect(called).toBe(false);
  });

  it('turns any failure into an LmsError naming agency and kind: unreadable answers are LMS_BAD_RESPONSE', async () => {
    const adapter = adapterOver({
      getCourses: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'title')");
      },
      listCourses: async () => {
        throw new LmsError('LMS_RATE_LIMITED', 'Slow down.', { retryAfterMs: 1000 });
      },
      getLearners: async () => [],
      findLearners: async () => [],
      healthCheck: async () => {
        throw new LmsError('LMS_UNAVAILABLE', 'Down.');
      },
    });
    expect(await lmsRejection(adapter.getCourses(['1']))).toMatchObject({
      code: 'LMS_BAD_RESPONSE',
      agency: 'fao',
      lmsKind: 'custom',
    });
    expect(await lmsRejection(adapter.listCourses({}))).toMatchObject({
      code: 'LMS_RATE_LIMITED',
      agency: 'fao',
      retryable: true,
      retryAfterMs: 1000,
    });
    expect(await lmsRejection(adapter.healthCheck())).toMatchObject({ code: 'LMS_UNAVAILABLE', agency: 'fao' });
  });

  it('hands the adapter e-mail addresses trimmed and lower-cased, and asks nothing for an empty match', async () => {
    const seen: LearnerMatchQuery[] = [];
    const adapter = adapterOver({
      getCourses: async () => [],
      listCourses: async () => [],
      getLearners: async () => [],
      findLearners: async (match) => {
        seen.push(match);
        return [];
      },
      healthCheck: async () => {},
    });
    await adapter.findLearners({ email: '  Amina.DIALLO@UN.org ' });
    await adapter.findLearners({ indexNumber: ' UN-100001 ' });
    await adapter.findLearners({ email: '  ' });
    expect(seen).toEqual([{ email: 'amina.diallo@un.org' }, { indexNumber: 'UN-100001' }]);
  });

  it('lists enrolment changes once per local id, asks nothing for an empty window, refuses them undeclared', async () => {
    const windows: Array<{ since: Date; until: Date }> = [];
    const enrolment = (localId: string, status: EnrollmentStatus) => ({
      localId,
      learnerLocalId: 'u1',
      courseLocalId: 'c1',
      status,
      sourceStatus: status,
      enrolledAt: null,
      completedAt: null,
      progress: null,
      score: null,
    });
    const implementation: AdapterImplementation = {
      listEnrollments: async () => [],
      // Windows of an LMS may overlap at their edges: the same record twice, the later answer newer.
      listEnrollmentChanges: async (window) => {
        windows.push(window);
        return [enrolment('u1:c1', EnrollmentStatus.IN_PROGRESS), enrolment('u1:c1', EnrollmentStatus.COMPLETED)];
      },
      healthCheck: async () => undefined,
    };
    const adapter = adapterOver(implementation, ['enrollments.byCourse', 'enrollments.changes']);
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-01T01:00:00Z');
    expect(await adapter.listEnrollmentChanges({ since, until })).toEqual([
      enrolment('u1:c1', EnrollmentStatus.COMPLETED),
    ]);
    expect(await adapter.listEnrollmentChanges({ since: until, until: since })).toEqual([]);
    expect(windows).toEqual([{ since, until }]);
    const undeclared = adapterOver(implementation, ['enrollments.byCourse']);
    expect(await lmsRejection(undeclared.listEnrollmentChanges({ since, until }))).toMatchObject({
      code: 'LMS_UNSUPPORTED',
    });
    expect(windows).toHaveLength(1);
  });

  it('refuses at creation a descriptor that declares capabilities its implementation lacks', () => {
    expect(() =>
      adapterOver({ listCourses: async () => [], healthCheck: async () => {} }, ['courses', 'stats']),
    ).toThrow(/courses needs getCourses; stats needs getStats/);
  });

  it('marks descriptors made with defineAdapter, so an agency config can load them from a module', () => {
    const descriptor = defineAdapter({
      kind: 'custom',
      category: 'LMS',
      title: 'x',
      configSchema: z.object({}),
      capabilities: new Set<LmsCapability>(),
      connect: () => ({ healthCheck: async () => {} }),
    });
    expect(isAdapterDescriptor(descriptor)).toBe(true);
    expect(isAdapterDescriptor({ ...descriptor })).toBe(true);
    expect(isAdapterDescriptor({ kind: 'custom', connect: () => ({}) })).toBe(false);
  });
});
