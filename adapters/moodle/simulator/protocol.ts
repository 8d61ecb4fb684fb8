import qs from 'qs';
import type { SimulatorContext, SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import type { MoodleDataset } from './dataset.js';
import { HANDLERS, type Params, SimException } from './functions.js';
import { OPEN_BADGES_PATHS, openBadgesDocument } from './openBadges.js';
import { indexSite, type SiteContext, type SiteOptions } from './site.js';

/** The sandbox's permanent token (32 hex characters, like Moodle's). Not a secret: loopback test data. */
export const MOODLE_SANDBOX_TOKEN = '5ad0b0c0ffee4e1e8a1b2c3d4e5f6a7b';
/** Credentials that `/login/token.php` exchanges for the sandbox token (lms-apis.md §1.2). */
export const MOODLE_SANDBOX_LOGIN = { username: 'convergence', password: 'sandbox-password', service: 'convergence' };
/** Real Moodle functions that exist but are not in the sandbox service: they answer `accessexception`. */
export const MOODLE_FUNCTIONS_OUTSIDE_SERVICE = [
  'core_user_create_users',
  'core_course_create_courses',
  'core_completion_get_activities_completion_status',
  'gradereport_user_get_grade_items',
];

// As `webservice/rest/locallib.php` send_headers (§1.1): `application/json` with no charset, although
// the body is UTF-8.
const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'private, must-revalidate, pre-check=0, post-check=0, max-age=0',
  expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
  pragma: 'no-cache',
  'accept-ranges': 'none',
  'access-control-allow-origin': '*',
};

/** Records in an answer, for the simulator's capacity model. */
function itemsOf(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 1;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.attempts) && Array.isArray(record.anonattempts)) {
    return record.attempts.length + record.anonattempts.length;
  }
  for (const key of ['courses', 'users', 'badges', 'tags', 'feedbacks', 'items']) {
    const value = record[key];
    if (Array.isArray(value)) return value.length;
  }
  const rows = (record.data as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 1;
}

const exception = (exceptionClass: string, errorcode: string | undefined, message: string): SimulatorResponse => ({
  status: 200,
  headers: JSON_HEADERS,
  body: { exception: exceptionClass, ...(errorcode ? { errorcode } : {}), message },
});

const parsed = new WeakMap<SimulatorRequest, Params>();

/** PHP's `array_merge($_GET, $_POST)` over bracket params (§1.1); parsed once per request. */
function paramsOf(request: SimulatorRequest): Params {
  const known = parsed.get(request);
  if (known) return known;
  const options = { arrayLimit: 10_000, parameterLimit: 100_000, depth: 5, allowDots: false };
  const query = qs.parse(request.url.search.replace(/^\?/, ''), options);
  const body = request.method === 'POST' ? qs.parse(request.body, options) : {};
  const params = { ...query, ...body };
  parsed.set(request, params);
  return params;
}

export interface MoodleProtocolOptions {
  readonly data: MoodleDataset;
  readonly token: string;
  /** Functions of the token's external service. @default every implemented function */
  readonly functions?: readonly string[];
  /** @default { emailMatching: 'postgres', customFields: true }, like most production sites */
  readonly site?: Partial<SiteOptions>;
}

/** Moodle's REST server and token endpoint over a seeded dataset (lms-apis.md §1.5 checklist). */
export function createMoodleProtocol(options: MoodleProtocolOptions): SimulatorProtocol {
  const service = new Set(options.functions ?? Object.keys(HANDLERS));
  const index = indexSite(options.data);
  const siteOptions: SiteOptions = { emailMatching: 'postgres', customFields: true, ...options.site };

  function restServer(request: SimulatorRequest, params: Params, context: SimulatorContext): SimulatorResponse {
    if (params.moodlewsrestformat !== 'json') {
      // XML is Moodle's default format; the simulator speaks JSON only and says so in XML.
      context.violation('moodlewsrestformat=json missing: Moodle would answer in XML');
      const xml =
        '<?xml version="1.0" encoding="UTF-8" ?>\n<EXCEPTION class="moodle_exception">' +
        '<ERRORCODE>xmlnotsupported</ERRORCODE><MESSAGE>Send moodlewsrestformat=json</MESSAGE></EXCEPTION>';
      return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: xml };
    }
    // Token first, then the function, then the service: the order Moodle checks them in.
    if (params.wstoken !== options.token) {
      return exception('moodle_exception', 'invalidtoken', 'Invalid token - token not found');
    }
    const name = typeof params.wsfunction === 'string' ? params.wsfunction : '';
    const handler = HANDLERS[name];
    if (!handler && !MOODLE_FUNCTIONS_OUTSIDE_SERVICE.includes(name)) {
      return exception(
        'dml_missing_record_exception',
        'invalidrecord',
        'Can not find data record in database table external_functions.',
      );
    }
    if (!handler || !service.has(name)) {
      return exception('webservice_access_exception', 'accessexception', 'Access control exception');
    }
    const siteUrl = `http://${request.headers.host ?? '127.0.0.1'}`;
    const site: SiteContext = { data: options.data, index, options: siteOptions, siteUrl, functions: [...service] };
    try {
      const body = handler(params, site);
      return { status: 200, headers: JSON_HEADERS, body, items: itemsOf(body) };
    } catch (error) {
      if (error instanceof SimException) return exception(error.exception, error.errorcode, error.message);
      throw error;
    }
  }

  /** `login/token.php` runs as AJAX_SCRIPT: failures are `{error, errorcode, ...}` with HTTP 200 (§1.2). */
  function tokenEndpoint(params: Params): SimulatorResponse {
    const fail = (errorcode: string, error: string): SimulatorResponse => ({
      status: 200,
      headers: JSON_HEADERS,
      body: { error, errorcode, stacktrace: null, debuginfo: null, reproductionlink: null },
    });
    if (params.service !== MOODLE_SANDBOX_LOGIN.service) {
      return fail('servicenotavailable', "Web service is not available (it doesn't exist or might be disabled)");
    }
    if (params.username !== MOODLE_SANDBOX_LOGIN.username || params.password !== MOODLE_SANDBOX_LOGIN.password) {
      return fail('invalidlogin', 'Invalid login, please try again');
    }
    // privatetoken is only sent over HTTPS (§1.2); the simulator is plain HTTP on loopback.
    return { status: 200, headers: JSON_HEADERS, body: { token: options.token, privatetoken: null } };
  }

  return {
    route(request) {
      if (request.url.pathname === '/webservice/rest/server.php') {
        const name = paramsOf(request).wsfunction;
        return `ws:${typeof name === 'string' ? name : '?'}`;
      }
      return request.url.pathname;
    },
    handle(request, context) {
      const path = request.url.pathname;
      if (request.method !== 'GET' && request.method !== 'POST') return { status: 405 };
      if (path === '/webservice/rest/server.php') return restServer(request, paramsOf(request), context);
      if (path === '/login/token.php') return tokenEndpoint(paramsOf(request));
      if (OPEN_BADGES_PATHS.includes(path) && request.method === 'GET') {
        return openBadgesDocument(options.data, `http://${request.headers.host ?? '127.0.0.1'}`, request.url);
      }
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not found</body></html>' };
    },
  };
}
