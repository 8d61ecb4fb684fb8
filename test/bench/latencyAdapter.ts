import { setTimeout as sleep } from 'node:timers/promises';
import type { LmsAdapter } from '../../adapters/core/adapter.js';

/**
 * The "upstream": wraps an adapter so that every LMS call first waits a fixed `latencyMs`, as a real LMS
 * answering over the network would. With the same latency on every agency, a catalogue page over N
 * agencies should cost about one upstream round trip, not N: what the bench measures is how close the
 * gateway's parallel fan-out gets to that.
 */
export function withLatency(adapter: LmsAdapter, latencyMs: number): LmsAdapter {
  if (latencyMs <= 0) return adapter;
  const delayed =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await sleep(latencyMs);
      return call(...args);
    };
  return {
    kind: adapter.kind,
    category: adapter.category,
    capabilities: adapter.capabilities,
    getCourses: delayed((ids) => adapter.getCourses(ids)),
    listCourses: delayed((query) => adapter.listCourses(query)),
    getLearners: delayed((ids) => adapter.getLearners(ids)),
    findLearners: delayed((match) => adapter.findLearners(match)),
    getEnrollments: delayed((ids) => adapter.getEnrollments(ids)),
    listEnrollments: delayed((scope) => adapter.listEnrollments(scope)),
    listEnrollmentChanges: delayed((window) => adapter.listEnrollmentChanges(window)),
    getCredentials: delayed((ids) => adapter.getCredentials(ids)),
    listCredentials: delayed((ids) => adapter.listCredentials(ids)),
    getStats: delayed((query) => adapter.getStats(query)),
    recordExternalLearning: delayed((request) => adapter.recordExternalLearning(request)),
    listCourseEvaluations: delayed((ids) => adapter.listCourseEvaluations(ids)),
    healthCheck: delayed((signal?: AbortSignal) => adapter.healthCheck(signal)),
    dispose: () => adapter.dispose(),
  };
}
