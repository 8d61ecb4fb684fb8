import { type SimulatorHandle, type SimulatorRequest, type SimulatorResponse, startSimulator } from 'convergence/sdk';
import type { LearnhubPage } from '../dto.js';
import { generateLearnhubDataset, LEARNHUB_SANDBOX_API_KEY, type LearnhubDataset } from './data.js';

export { generateLearnhubDataset, LEARNHUB_SANDBOX_API_KEY, type LearnhubDataset } from './data.js';

const PAGE_SIZE = 5;

function page<T>(items: readonly T[], pageNumber: number): LearnhubPage<T> {
  const start = (pageNumber - 1) * PAGE_SIZE;
  return {
    items: items.slice(start, start + PAGE_SIZE),
    nextPage: start + PAGE_SIZE < items.length ? pageNumber + 1 : null,
  };
}

const ids = (url: URL) => (url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);

/** Learnhub's API: `/api/v1/{courses,people,enrolments,health}`, bearer API key, JSON everywhere. */
function handle(data: LearnhubDataset, request: SimulatorRequest): SimulatorResponse {
  if (request.headers.authorization !== `Bearer ${LEARNHUB_SANDBOX_API_KEY}`) {
    return { status: 401, body: { error: 'invalid api key' } };
  }
  const { url } = request;
  const number = Number(url.searchParams.get('page') ?? '1');
  switch (url.pathname) {
    case '/api/v1/health':
      return { status: 200, body: { ok: true } };
    case '/api/v1/courses': {
      const wanted = ids(url);
      const courses = wanted.length ? data.courses.filter((c) => wanted.includes(c.id)) : data.courses;
      return { status: 200, body: page(courses, number) };
    }
    case '/api/v1/people': {
      const wanted = ids(url);
      const mail = url.searchParams.get('mail')?.toLowerCase();
      const people = data.people.filter((p) => (mail ? p.mail?.toLowerCase() === mail : wanted.includes(p.id)));
      return { status: 200, body: { items: people, nextPage: null } };
    }
    case '/api/v1/enrolments': {
      const wanted = ids(url);
      const person = url.searchParams.get('person');
      const course = url.searchParams.get('course');
      const enrolments = data.enrolments.filter((e) =>
        person ? String(e.personId) === person : course ? String(e.courseId) === course : wanted.includes(e.id),
      );
      return { status: 200, body: page(enrolments, number) };
    }
    default:
      return { status: 404, body: { error: 'no such endpoint' } };
  }
}

/** Starts a fake Learnhub on loopback, with `/__sim/` fault controls like the other simulators. */
export function startLearnhubSimulator(
  options: { port?: number; courseCount?: number } = {},
): Promise<SimulatorHandle> {
  const data = generateLearnhubDataset(options.courseCount);
  return startSimulator(
    { route: (request) => `${request.method} ${request.url.pathname}`, handle: (request) => handle(data, request) },
    options.port === undefined ? {} : { port: options.port },
  );
}
