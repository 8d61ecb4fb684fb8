import type { SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import { coursera, edx, linkedIn, token } from './catalogueApis.js';
import { keyOf, SIM_PLATFORMS, type SimElement, type SimPlatform } from './catalogueData.js';
import type { CatalogueInjection, CatalogueState } from './catalogueState.js';

/** Catalogue endpoint paths, one host serving the three platforms (their paths do not collide). */
export const CATALOGUE_ROUTES = {
  coursera: '/api/courses.v1',
  edx: '/api/courses/v1/courses/',
  edxToken: '/oauth2/access_token',
  linkedIn: '/v2/learningAssets',
  linkedInToken: '/oauth/v2/accessToken',
} as const;

const ROUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CATALOGUE_ROUTES).map(([name, path]) => [path, name]),
);

/** Whether a path is one of the catalogue APIs' (or their `/__sim/catalogue/…` controls). */
export const isCataloguePath = (pathname: string): boolean =>
  pathname in ROUTES || pathname.startsWith('/__sim/catalogue/');

const json = (status: number, body?: unknown): SimulatorResponse => ({
  status,
  ...(body === undefined ? {} : { body }),
});

const isPlatform = (value: string | undefined): value is SimPlatform =>
  (SIM_PLATFORMS as readonly string[]).includes(value ?? '');

function parseBody(request: SimulatorRequest): unknown {
  try {
    return request.body ? JSON.parse(request.body) : {};
  } catch {
    return undefined;
  }
}

/**
 * Test controls under `/__sim/catalogue/` (never part of a platform's API):
 * - `GET  /__sim/catalogue/<platform>/courses` → the platform's elements, in catalogue order
 * - `POST /__sim/catalogue/<platform>/courses` ← `{ element, at? }` → 204 (added at `at`, or replaced in place)
 * - `DELETE /__sim/catalogue/<platform>/courses/<key>` → 204 or 404
 * - `POST /__sim/catalogue/inject` ← a `CatalogueInjection` → 204
 */
function control(state: CatalogueState, request: SimulatorRequest): SimulatorResponse | undefined {
  const parts = request.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[1] !== 'catalogue') return undefined;
  if (parts[2] === 'inject' && request.method === 'POST') {
    const body = parseBody(request) as CatalogueInjection | undefined;
    if (!body || typeof body !== 'object' || typeof body.kind !== 'string')
      return json(400, { error: 'not an injection' });
    state.inject(body);
    return json(204);
  }
  const platform = parts[2];
  if (!isPlatform(platform) || parts[3] !== 'courses') return undefined;
  if (parts.length === 4 && request.method === 'GET') return json(200, state.list(platform));
  if (parts.length === 4 && request.method === 'POST') {
    const body = parseBody(request) as { element?: SimElement; at?: number } | undefined;
    if (!body?.element || typeof body.element !== 'object')
      return json(400, { error: 'body must be { element, at? }' });
    state.upsert(platform, body.element, body.at);
    return json(204);
  }
  if (parts.length === 5 && request.method === 'DELETE') return json(state.remove(platform, parts[4]!) ? 204 : 404);
  return undefined;
}

/** The catalogue side of the external-platform simulator as a `SimulatorProtocol` (adapters/core/simulator.ts). */
export function createCatalogueProtocol(state: CatalogueState): SimulatorProtocol {
  return {
    route: (request) => ROUTES[request.url.pathname] ?? 'other',
    handle(request) {
      const base = `http://${request.headers.host ?? '127.0.0.1'}`;
      switch (ROUTES[request.url.pathname]) {
        case 'coursera':
          return request.method === 'GET' ? coursera(state, request) : json(405);
        case 'edx':
          return request.method === 'GET' ? edx(state, request, base) : json(405);
        case 'linkedIn':
          return request.method === 'GET' ? linkedIn(state, request) : json(405);
        case 'edxToken':
          return token(state, request, 'edx');
        case 'linkedInToken':
          return token(state, request, 'linkedin-learning');
        default:
          return json(404, { message: 'Not Found' });
      }
    },
    control: (request) => control(state, request),
    reset: () => state.reset(),
  };
}

export { keyOf };
