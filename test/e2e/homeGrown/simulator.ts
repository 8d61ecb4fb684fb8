import { type SimulatorHandle, type SimulatorRequest, type SimulatorResponse, startSimulator } from 'convergence/sdk';

/**
 * "FAO Campus", a made-up home-grown LMS for the outside-the-repository test: JSON over HTTP, an API key
 * header, batch reads with `?ids=`. Its fake server is built with the SDK's simulator plumbing, so the
 * conformance kit can count its calls and break it (`/__sim/fault`).
 */
export const FAO_CAMPUS_KEY = 'fao-campus-sandbox-key';

export interface CampusCourse {
  readonly code: string;
  readonly name: string;
  readonly goal: number;
  readonly lang: string;
}
export interface CampusPerson {
  readonly uid: string;
  readonly name: string;
  readonly mail: string;
}
export interface CampusEnrolment {
  readonly id: string;
  readonly uid: string;
  readonly code: string;
  readonly state: 'open' | 'done';
}

const COURSES: CampusCourse[] = Array.from({ length: 8 }, (_, i) => ({
  code: `FAO-${100 + i}`,
  name: `Food security ${i + 1}`,
  goal: i % 2 === 0 ? 2 : 12,
  lang: 'en',
}));
// Stored as typed: the adapter is handed lower-cased addresses and must still find this one.
const PEOPLE: CampusPerson[] = [
  { uid: 'p1', name: 'Amina Diallo', mail: 'Amina.Diallo@UN.org' },
  { uid: 'p2', name: 'Jonas Berg', mail: 'jonas.berg@un.org' },
];
const ENROLMENTS: CampusEnrolment[] = [
  { id: 'e1', uid: 'p1', code: 'FAO-100', state: 'done' },
  { id: 'e2', uid: 'p1', code: 'FAO-103', state: 'open' },
  { id: 'e3', uid: 'p2', code: 'FAO-100', state: 'open' },
];

const list = (value: string | null) => (value ?? '').split(',').filter(Boolean);

function answer(request: SimulatorRequest): SimulatorResponse {
  if (request.headers['x-api-key'] !== FAO_CAMPUS_KEY) return { status: 401, body: { error: 'unknown API key' } };
  const query = request.url.searchParams;
  switch (request.url.pathname) {
    case '/api/health':
      return { status: 200, body: { ok: true } };
    case '/api/courses':
      return { status: 200, body: COURSES };
    case '/api/people': {
      const mail = query.get('mail');
      const ids = list(query.get('ids'));
      return { status: 200, body: PEOPLE.filter((p) => (mail ? p.mail.toLowerCase() === mail : ids.includes(p.uid))) };
    }
    case '/api/enrolments': {
      const people = list(query.get('people'));
      const ids = list(query.get('ids'));
      return { status: 200, body: ENROLMENTS.filter((e) => people.includes(e.uid) || ids.includes(e.id)) };
    }
    default:
      return { status: 404, body: { error: 'no such endpoint' } };
  }
}

export function startFaoCampus(port = 0): Promise<SimulatorHandle> {
  return startSimulator({ route: (request) => request.url.pathname, handle: answer }, { port });
}
