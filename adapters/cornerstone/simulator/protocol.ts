import { randomBytes, randomUUID } from 'node:crypto';
import type { SimulatorContext, SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import type { CornerstoneDataset } from './dataset.js';
import { type CornerstoneSimulatorLimits, createRateCounter, uriKey } from './limits.js';
import { odataPage, type Row } from './odata.js';
import {
  catalogItem,
  employee,
  reportTranscriptRow,
  reportViews,
  transcriptItem,
  transcriptSearchItem,
} from './wire.js';
import { createTranscriptWrites, type TranscriptWrites } from './writes.js';

export interface CornerstoneProtocolOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenTtlSeconds: number;
  readonly limits?: CornerstoneSimulatorLimits;
  /** Employee v2 page tokens live 5 minutes (§2.4.3). */
  readonly pageTokenTtlMs: number;
  readonly catalogPageSize: number;
  readonly transcriptPageSize: number;
  readonly odataMaxPageSize: number;
  /** Transcript Search items per page: 50 (§2.4.2c). */
  readonly searchPageSize: number;
}

const API = '/services/api';
const VIEWS = `${API}/x/odata/api/views/`;

/**
 * The standard error envelope: string status and code, `+0000` timestamp (§2.2). `extra` adds fields to
 * `error` (validation problems as `fields[].errors[]`, §2.2 [C-3p, weak]).
 */
export function errorEnvelope(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): SimulatorResponse {
  const timeStamp = new Date().toISOString().replace(/\.\d{3}Z$/, '+0000');
  return {
    status,
    headers,
    body: {
      status: String(status),
      timeStamp,
      error: { errorId: randomUUID(), message, code: String(status), description: null, details: null, ...extra },
    },
  };
}

/** Scopes that may write transcripts: `all`, or the write scope [I] (CSOD names read scopes only, §2.1). */
const WRITE_SCOPES = ['all', 'transcript:write'];

const param = (url: URL, name: string) =>
  [...url.searchParams].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;

const DAY_MS = 86_400_000;

/** A UTC date-time parameter (§2.4.2c: "UTC"); one without an offset is read as UTC. NaN when unreadable. */
function utcParam(value: string): number {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) return Number.NaN;
  return Date.parse(/T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text);
}

/**
 * Transcript Search (§2.4.2c): records whose modification time is in a window of at most 24 h (no dates:
 * the last 24 h; only a start: the 24 h after it; only an end: the 24 h before it), optionally for one
 * user (`UserId`, the User ID), a training type (`LOType`) and a status label (`Status`), all ANDed; 50
 * items per `pageNumber`; active users only (every simulated user is active).
 */
function transcriptSearch(
  url: URL,
  data: CornerstoneDataset,
  writes: TranscriptWrites,
  pageSize: number,
): SimulatorResponse {
  const startText = param(url, 'ModificationStartDate');
  const endText = param(url, 'ModificationEndDate');
  const start = startText === null ? null : utcParam(startText);
  const end = endText === null ? null : utcParam(endText);
  if (Number.isNaN(start) || Number.isNaN(end)) return errorEnvelope(400, 'The modification dates must be UTC dates.');
  const now = Date.now();
  const from = start ?? (end === null ? now - DAY_MS : end - DAY_MS);
  const to = end ?? (start === null ? now : start + DAY_MS);
  if (to < from) return errorEnvelope(400, 'ModificationEndDate must not be before ModificationStartDate.');
  if (to - from > DAY_MS) return errorEnvelope(400, 'The modification date range cannot exceed 24 hours.');
  const userRef = param(url, 'UserId')?.toLowerCase();
  const loType = param(url, 'LOType')?.toLowerCase();
  const status = param(url, 'Status')?.toLowerCase();
  const users = new Map(data.users.map((u) => [u.id, u]));
  const matching = writes.transcripts.filter((t) => {
    const user = users.get(t.userId);
    const lo = writes.learningObject(t.loId);
    return (
      user !== undefined &&
      t.modifiedAt >= from &&
      t.modifiedAt <= to &&
      (userRef === undefined || user.externalId.toLowerCase() === userRef) &&
      (loType === undefined || lo?.type.toLowerCase() === loType) &&
      (status === undefined || t.label.toLowerCase() === status)
    );
  });
  const pageNumber = Math.max(1, Number(param(url, 'pageNumber') ?? 1) || 1);
  const page = matching
    .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    .map((t) => transcriptSearchItem(t, users.get(t.userId)!, writes.learningObject(t.loId)));
  return { status: 200, body: { status: '200', timeStamp: new Date().toISOString().slice(0, 23), data: page } };
}

export function createCornerstoneProtocol(data: CornerstoneDataset, options: CornerstoneProtocolOptions) {
  const tokens = new Map<string, { expiresAt: number; scope: string }>();
  const pageTokens = new Map<string, { signature: string; offset: number; issuedAt: number }>();
  const rates = createRateCounter(options.limits);
  const staticViews = reportViews(data) as unknown as Record<string, Row[]>;
  const writes = createTranscriptWrites(data, (status, message, extra) => errorEnvelope(status, message, {}, extra));
  // The transcript view follows the writes (a real warehouse lags up to 15 minutes, §2.4.2d; this one does not).
  const views = (): Record<string, Row[]> => ({
    ...staticViews,
    vw_rpt_transcript: writes.transcripts.map(reportTranscriptRow) as unknown as Row[],
  });
  const control = { expireNextPageTokens: 0, streamErrors: 0, catalogInFlight: 0, tokensIssued: 0 };

  function issueToken(request: SimulatorRequest): SimulatorResponse {
    let body: Record<string, string> = {};
    try {
      body = request.headers['content-type']?.includes('json')
        ? (JSON.parse(request.body) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(request.body));
    } catch {
      return errorEnvelope(400, 'The request body is not valid JSON.');
    }
    // JSON camelCase is the documented form; the form-encoded snake_case variant is accepted too (§2.1).
    const grant = body.grantType ?? body.grant_type;
    if (grant !== 'client_credentials') return errorEnvelope(400, 'Only the client_credentials grant is supported.');
    const id = body.clientId ?? body.client_id;
    const secret = body.clientSecret ?? body.client_secret;
    if (id !== options.clientId || secret !== options.clientSecret)
      return errorEnvelope(401, 'Invalid client credentials.');
    const token = randomBytes(24).toString('base64url');
    const scope = body.scope ?? 'all';
    tokens.set(token, { expiresAt: Date.now() + options.tokenTtlSeconds * 1000, scope });
    control.tokensIssued += 1;
    return {
      status: 200,
      body: { access_token: token, expires_in: options.tokenTtlSeconds, scope, token_type: 'Bearer' },
    };
  }

  function employees(url: URL): SimulatorResponse {
    const filters = ['ids', 'externalId', 'userName', 'guid', 'firstName', 'lastName'] as const;
    const ids = param(url, 'ids')
      ?.split(',')
      .map((id) => id.trim());
    const matching = data.users.filter((user) =>
      filters.every((name) => {
        const wanted = param(url, name);
        if (wanted === null) return true;
        if (name === 'ids') return ids?.includes(String(user.id)) ?? true;
        return String(user[name]).toLowerCase() === wanted.toLowerCase();
      }),
    );
    // CSOD's quick-start shows the externalId lookup answering a bare array (§2.4.3).
    if (param(url, 'externalId') !== null) return { status: 200, body: matching.map(employee) };
    const signature = filters.map((name) => `${name}=${param(url, name) ?? ''}`).join('&');
    const pageSize = Math.min(100, Math.max(1, Number(param(url, 'pageSize') ?? 50) || 50));
    let offset = 0;
    const token = param(url, 'nextPageToken');
    if (token !== null) {
      const known = pageTokens.get(token);
      const expired =
        !known || Date.now() - known.issuedAt > options.pageTokenTtlMs || control.expireNextPageTokens > 0;
      if (control.expireNextPageTokens > 0) control.expireNextPageTokens -= 1;
      if (expired || known.signature !== signature)
        return errorEnvelope(400, 'The page token is invalid or has expired.');
      offset = known.offset;
    }
    const page = matching.slice(offset, offset + pageSize);
    const body: Record<string, unknown> = {
      timestamp: new Date().toISOString(),
      count: page.length,
      data: page.map(employee),
    };
    if (offset + pageSize < matching.length) {
      const next = randomBytes(24).toString('base64');
      pageTokens.set(next, { signature, offset: offset + pageSize, issuedAt: Date.now() });
      body.nextpagetoken = next; // lower-case key, as in CSOD's own example
    }
    return { status: 200, body };
  }

  function transcripts(url: URL): SimulatorResponse {
    const externalId = param(url, 'externalId');
    if (!externalId) return errorEnvelope(400, 'externalId is required.');
    const user = data.users.find((u) => u.externalId.toLowerCase() === externalId.toLowerCase());
    if (!user) return errorEnvelope(404, 'User not found.');
    const groups = param(url, 'statusGroups')?.split(',');
    const items = writes.transcripts.filter((t) => t.userId === user.id && (!groups || groups.includes(t.group)));
    const pageNumber = Math.max(1, Number(param(url, 'pageNumber') ?? 1) || 1);
    const size = options.transcriptPageSize;
    const data_ = items
      .slice((pageNumber - 1) * size, pageNumber * size)
      .map((t) => transcriptItem(t, writes.learningObject(t.loId)));
    return { status: 200, body: { data: data_, pageNumber, pageSize: size, totalRecords: items.length } };
  }

  async function catalog(url: URL, context: SimulatorContext): Promise<SimulatorResponse> {
    // "Only one call may be made at a time" (§2.3): an overlapping call is a violation.
    if (control.catalogInFlight > 0) context.violation('Catalog/GlobalSearch called concurrently');
    control.catalogInFlight += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const page = Math.max(1, Number(param(url, 'PageNumber') ?? 1) || 1);
      const size = options.catalogPageSize;
      const items = data.learningObjects.slice((page - 1) * size, page * size).map(catalogItem);
      return { status: 200, body: { status: '200', timeStamp: new Date().toISOString().slice(0, 23), data: items } };
    } finally {
      control.catalogInFlight -= 1;
    }
  }

  function report(request: SimulatorRequest): SimulatorResponse {
    const rows = views()[request.url.pathname.slice(VIEWS.length)];
    if (!rows) return errorEnvelope(404, 'Unknown view.');
    let body: Record<string, unknown>;
    try {
      const prefer = request.headers.prefer;
      body = odataPage(rows, {
        url: request.url,
        origin: `http://${request.headers.host ?? '127.0.0.1'}`,
        prefer: Array.isArray(prefer) ? prefer.join(',') : prefer,
        maxPageSize: options.odataMaxPageSize,
      });
    } catch (error) {
      return errorEnvelope(400, (error as Error).message);
    }
    if (control.streamErrors > 0) {
      // The streaming quirk: some rows, then an error object, all in a 200 body (§2.2).
      control.streamErrors -= 1;
      const value = (body.value as unknown[]).slice(0, 2).map((row) => JSON.stringify(row));
      const error = JSON.stringify({ error: { code: '500', message: 'Query execution was interrupted.' } });
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: `{"value":[${value.join(',')},${error}`,
      };
    }
    return { status: 200, body };
  }

  /** A JSON body of a write, or the envelope that refuses it. */
  function withBody(write: (body: Record<string, unknown>) => SimulatorResponse) {
    return (request: SimulatorRequest): SimulatorResponse => {
      if (!request.headers['content-type']?.includes('json'))
        return errorEnvelope(415, 'The request body must be application/json.');
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return errorEnvelope(400, 'The request body is not valid JSON.');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return errorEnvelope(400, 'The request body must be a JSON object.');
      return write(body as Record<string, unknown>);
    };
  }

  type Handler = (r: SimulatorRequest, c: SimulatorContext) => SimulatorResponse | Promise<SimulatorResponse>;
  const routes: ReadonlyArray<readonly [method: string, path: string, handler: Handler]> = [
    ['GET', `${API}/Catalog/GlobalSearch`, (r, c) => catalog(r.url, c)],
    ['GET', `${API}/x/users/v2/employees`, (r) => employees(r.url)],
    ['GET', `${API}/v1/transcripts/overview`, (r) => transcripts(r.url)],
    [
      'GET',
      `${API}/LOTranscript/TranscriptSearch`,
      (r) => transcriptSearch(r.url, data, writes, options.searchPageSize),
    ],
    ['POST', `${API}/v1/transcripts/assign`, withBody((b) => writes.assign(b))],
    ['POST', `${API}/v1/transcripts/complete`, withBody((b) => writes.complete(b))],
    ['POST', `${API}/v1/transcripts/external-training`, withBody((b) => writes.externalTraining(b))],
  ];

  const protocol: SimulatorProtocol = {
    route: (request) => `${request.method} ${uriKey(request.url.pathname)}`,
    async handle(request, context) {
      const path = request.url.pathname;
      if (path === `${API}/oauth2/token` && request.method === 'POST') return issueToken(request);
      const route = path.startsWith(VIEWS)
        ? (['GET', path, report] as const)
        : routes.find(([method, route]) => route === path && method === request.method);
      if (!route) return errorEnvelope(404, 'Resource not found.');
      const handler = route[2];
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const grant = bearer ? tokens.get(bearer) : undefined;
      if (grant === undefined || grant.expiresAt <= Date.now()) return errorEnvelope(401, 'Invalid or expired token.');
      if (route[0] === 'POST' && !grant.scope.split(' ').some((scope) => WRITE_SCOPES.includes(scope)))
        return errorEnvelope(403, 'The token does not grant writing transcripts.');
      const verdict = rates.take(uriKey(path));
      if (!verdict.allowed) {
        context.violation(`rate limit exceeded on ${uriKey(path)}`);
        return errorEnvelope(429, 'CSOD Too many requests.', verdict.headers);
      }
      const response = await handler(request, context);
      return { ...response, headers: { ...response.headers, ...verdict.headers } };
    },
    reset() {
      writes.reset();
      rates.reset();
      pageTokens.clear();
      Object.assign(control, { expireNextPageTokens: 0, streamErrors: 0, catalogInFlight: 0, tokensIssued: 0 });
    },
  };
  return { protocol, control, revokeTokens: () => tokens.clear(), writes };
}
