import type { SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import type { SimElement, SimPlatform } from './catalogueData.js';
import { type CatalogueState, PLATFORM_SANDBOX_CREDENTIALS } from './catalogueState.js';

/**
 * The three catalogue APIs as their documentation describes them (credentials-and-platforms.md §2; see
 * adapters/platform/dto.ts for the sources and what is assumed):
 * - Coursera `GET /api/courses.v1?start&limit&fields&includes=partnerIds`: no authentication; answers only
 *   `id`, `slug`, `name` unless `fields` asks for more; `paging.next` (the next `start`, as a string) while
 *   more follow, `paging.total`; partners under `linked["partners.v1"]`.
 * - Open edX `GET /api/courses/v1/courses/?page&page_size` (page_size at most 100, default 10): DRF page
 *   numbers, `{ results, pagination: { next, previous, count, num_pages } }`, 404 `Invalid page.` past the
 *   end, throttled per client; `POST /oauth2/access_token` (client credentials, `token_type=jwt`).
 * - LinkedIn Learning `GET /v2/learningAssets?q=localeAndType&assetType&sourceLocale.language&
 *   sourceLocale.country&start&count` (count at most 100, default 10), Bearer token from
 *   `POST /oauth/v2/accessToken` (form client credentials); `paging{ total, count, start, links }`.
 */

const json = (status: number, body: unknown, headers?: Record<string, string>): SimulatorResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

const int = (value: string | null, fallback: number) => {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
};

/** Applies the faults due for this page; a fault that replaces the answer returns it. */
function applyFaults(
  state: CatalogueState,
  platform: SimPlatform,
  continuation: boolean,
  inView: (element: SimElement) => boolean = () => true,
): { readonly answer?: SimulatorResponse; readonly malformed: boolean } {
  let malformed = false;
  for (const fault of state.take(platform, continuation)) {
    switch (fault.kind) {
      case 'insertMidWalk':
        state.upsert(platform, state.freshElement(platform), 0);
        break;
      case 'removeMidWalk': {
        const list = state.list(platform);
        const first = list.findIndex(inView);
        if (first >= 0) list.splice(first, 1);
        break;
      }
      case 'malformedElement':
        malformed = true;
        break;
      case 'badPage':
        return { answer: json(200, { message: 'Catalogue temporarily rebuilt', items: null }), malformed };
      case 'http':
        return {
          answer: json(
            fault.status,
            { message: `simulated HTTP ${fault.status}` },
            fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined,
          ),
          malformed,
        };
    }
  }
  return { malformed };
}

/** One element loses its title (`name`, or LinkedIn's `title`): the adapter must skip it, not its page. */
function spoil(platform: SimPlatform, elements: SimElement[]): SimElement[] {
  if (elements.length === 0) return elements;
  const [first, ...rest] = elements;
  const spoiled = { ...first };
  if (platform === 'linkedin-learning') delete spoiled.title;
  else delete spoiled.name;
  return [spoiled, ...rest];
}

const COURSERA_DEFAULT_FIELDS = new Set(['id', 'slug', 'name']);

export function coursera(state: CatalogueState, request: SimulatorRequest): SimulatorResponse {
  const q = request.url.searchParams;
  const start = int(q.get('start'), 0);
  const limit = Math.min(int(q.get('limit'), 100), 100);
  if (!Number.isFinite(start) || !Number.isFinite(limit) || limit < 1) {
    return json(400, { errorCode: 'badRequest', message: 'start and limit must be non-negative integers' });
  }
  const faults = applyFaults(state, 'coursera', start > 0);
  if (faults.answer) return faults.answer;
  const wanted = new Set([...COURSERA_DEFAULT_FIELDS, ...(q.get('fields') ?? '').split(',').filter(Boolean)]);
  const list = state.list('coursera');
  let page = list
    .slice(start, start + limit)
    .map((course) => Object.fromEntries(Object.entries(course).filter(([name]) => wanted.has(name))));
  if (faults.malformed) page = spoil('coursera', page);
  const includesPartners = (q.get('includes') ?? '').split(',').includes('partnerIds');
  const partnerIds = new Set(page.flatMap((c) => (Array.isArray(c.partnerIds) ? (c.partnerIds as string[]) : [])));
  return json(200, {
    elements: page,
    paging: { ...(start + limit < list.length ? { next: String(start + limit) } : {}), total: list.length },
    linked: includesPartners
      ? {
          'partners.v1': [...partnerIds].map((id) => ({ id, name: state.catalogues.partners.get(id) ?? id })),
        }
      : {},
  });
}

const bearer = (request: SimulatorRequest, scheme: string) => {
  const header = request.headers.authorization ?? '';
  return header.startsWith(`${scheme} `) ? header.slice(scheme.length + 1) : null;
};

export function edx(state: CatalogueState, request: SimulatorRequest, base: string): SimulatorResponse {
  const token = bearer(request, 'JWT');
  if (request.headers.authorization !== undefined && (token === null || !state.tokenValid(token))) {
    return json(401, { detail: 'Authentication credentials were not provided or are invalid.' });
  }
  const wait = state.throttled(token ?? 'anonymous');
  if (wait > 0) {
    return json(
      429,
      { detail: `Request was throttled. Expected available in ${wait} seconds.` },
      { 'retry-after': String(wait) },
    );
  }
  const q = request.url.searchParams;
  const page = int(q.get('page'), 1);
  const size = Math.min(int(q.get('page_size'), 10), 100);
  if (!Number.isFinite(page) || page < 1 || !Number.isFinite(size) || size < 1)
    return json(404, { detail: 'Invalid page.' });
  const faults = applyFaults(state, 'edx', page > 1);
  if (faults.answer) return faults.answer;
  const list = state.list('edx');
  const pages = Math.max(1, Math.ceil(list.length / size));
  if (page > pages) return json(404, { detail: 'Invalid page.' });
  const link = (n: number) => `${base}/api/courses/v1/courses/?page=${n}&page_size=${size}`;
  let results = list.slice((page - 1) * size, page * size);
  if (faults.malformed) results = spoil('edx', results);
  return json(200, {
    results,
    pagination: {
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      count: list.length,
      num_pages: pages,
    },
  });
}

export function linkedIn(state: CatalogueState, request: SimulatorRequest): SimulatorResponse {
  const token = bearer(request, 'Bearer');
  if (token === null || !state.tokenValid(token)) {
    return json(401, { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 });
  }
  const q = request.url.searchParams;
  if (q.get('q') !== 'localeAndType' || !q.get('assetType') || !q.get('sourceLocale.language')) {
    return json(400, { message: 'q=localeAndType needs assetType and sourceLocale', status: 400 });
  }
  const start = int(q.get('start'), 0);
  const count = Math.min(int(q.get('count'), 10), 100);
  if (!Number.isFinite(start) || !Number.isFinite(count) || count < 1) {
    return json(400, { message: 'start and count must be non-negative integers', status: 400 });
  }
  const language = q.get('sourceLocale.language');
  const inLocale = (asset: SimElement) =>
    (asset.title as { locale?: { language?: string } } | undefined)?.locale?.language === language;
  const faults = applyFaults(state, 'linkedin-learning', start > 0, inLocale);
  if (faults.answer) return faults.answer;
  const list = state.list('linkedin-learning').filter(inLocale);
  let elements = list.slice(start, start + count);
  if (faults.malformed) elements = spoil('linkedin-learning', elements);
  const href = (at: number) => {
    const params = new URLSearchParams(q);
    params.set('start', String(at));
    params.set('count', String(count));
    return `/v2/learningAssets?${params}`;
  };
  const links = [
    ...(start > 0 ? [{ rel: 'prev', href: href(Math.max(0, start - count)) }] : []),
    ...(start + count < list.length ? [{ rel: 'next', href: href(start + count) }] : []),
  ];
  return json(200, { elements, paging: { total: list.length, count, start, links } });
}

/** Both token endpoints read a form-encoded client-credentials grant. */
export function token(state: CatalogueState, request: SimulatorRequest, platform: 'edx' | 'linkedin-learning') {
  if (request.method !== 'POST') return json(405, { error: 'method_not_allowed' });
  const form = new URLSearchParams(request.body);
  const valid =
    form.get('grant_type') === 'client_credentials' &&
    form.get('client_id') === PLATFORM_SANDBOX_CREDENTIALS.clientId &&
    form.get('client_secret') === PLATFORM_SANDBOX_CREDENTIALS.clientSecret;
  if (!valid) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  return json(200, platform === 'edx' ? state.edxToken() : state.linkedInToken());
}
