import type { SimulatorContext, SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import { createTokenServer, type TokenServerOptions } from './auth.js';
import type { SuccessFactorsDataset } from './data.js';
import { createLearningEvents } from './events.js';
import { createLimits } from './limits.js';
import {
  type Criterion,
  collection,
  criterion,
  MAX_PAGE,
  ODataRequestError,
  odataError,
  parseFilter,
  satisfies,
} from './odata.js';

const TOKEN_PATH = '/learning/oauth-api/rest/v1/token';
const SERVICE_PATH = /^\/learning\/odatav4\/public\/(admin|user)\/([^/]+)\/v\d+\/(.+)$/;
const NO_RESULTS = 'No search results for provided search criteria';
/** Epoch values in seconds or milliseconds (§3.5): above 1e11 is milliseconds. */
const epochMs = (value: number) => (value > 1e11 ? value : value * 1000);

export interface ProtocolOptions extends TokenServerOptions {
  readonly minIntervalMs: number;
  readonly catalogId: string;
  /** OCN content providers the tenant knows (`providerID` of OCN learning events). */
  readonly ocnProviders: readonly string[];
}

/** Rows whose fields satisfy every criterion; `fields` maps a criteria name to the row property. */
function matching<T extends object>(
  rows: readonly T[],
  criteria: readonly Criterion[],
  fields: Record<string, string>,
) {
  return rows.filter((row) =>
    criteria.every((c) => {
      const property = fields[c.field.toLowerCase()];
      if (!property) throw new ODataRequestError(400, `Unknown criteria field ${c.field}.`);
      return satisfies((row as Record<string, unknown>)[property], c);
    }),
  );
}

/**
 * SAP SuccessFactors Learning OData v4, the entity sets the adapter reads (lms-apis.md §3.4, checklist §3.6):
 * token server, catalogue feed, item and student search (500 on no results), learning plan (criteria row
 * windows), learning history; bearer tokens, serialised services, 1,000-row pages, OData error envelopes.
 */
export function createSuccessFactorsProtocol(data: SuccessFactorsDataset, options: ProtocolOptions) {
  const tokens = createTokenServer(options);
  const limits = createLimits(options.minIntervalMs);
  const events = createLearningEvents(data, options.ocnProviders);
  const searchItems = data.items.map(({ componentTypeID, componentID, title, SubjectAreasFeed: _s, ...rest }) => ({
    itemTypeID: componentTypeID,
    itemID: componentID,
    itemTitle: title,
    ...rest,
  }));

  function entities(audience: string, service: string, entitySet: string, url: URL, host: string): SimulatorResponse {
    const criteria = parseFilter(url.searchParams.get('$filter'));
    const set = entitySet.toLowerCase();
    if (service === 'catalog-service' && set === 'catalogs') {
      return collection(url, host, [{ catalogID: options.catalogId, description: 'Public catalogue' }], 'Catalogs');
    }
    const feed = /^catalogsfeed\('((?:[^']|'')*)'\)\/coursesfeed$/.exec(set);
    if (service === 'catalog-service' && feed) {
      if (feed[1]!.toLowerCase() !== options.catalogId.toLowerCase()) return odataError(404, 'Catalog not found.');
      // The feed lists active items only; retired items are still found by item search.
      return collection(
        url,
        host,
        data.items.filter((item) => item.active),
        'CoursesFeed',
      );
    }
    if (service === 'search-service' && set === 'items') {
      const rows = matching(searchItems, criteria, {
        itemid: 'itemID',
        itemtypeid: 'itemTypeID',
        itemtitle: 'itemTitle',
        active: 'active',
      });
      return rows.length === 0
        ? odataError(500, NO_RESULTS, 'SEARCH_NO_RESULTS')
        : collection(url, host, rows, 'Items');
    }
    if (service === 'search-service' && set === 'students') {
      const rows = matching(data.students, criteria, {
        studentid: 'studentID',
        personexternalid: 'personExternalID',
        personguid: 'personGUID',
        firstname: 'firstName',
        lastname: 'lastName',
        isactive: 'isActive',
      });
      return rows.length === 0
        ? odataError(500, NO_RESULTS, 'SEARCH_NO_RESULTS')
        : collection(url, host, rows, 'Students');
    }
    if (audience === 'user' && service === 'learningplan-service' && set === 'usertodolearningitems') {
      const user = criterion(criteria, 'targetUserID');
      if (typeof user !== 'string') return odataError(400, 'criteria/targetUserID is required.');
      // Rows are paged by criteria/minRowNum..maxRowNum, not $skip (§3.3), and still capped at 1,000.
      const min = Number(criterion(criteria, 'minRowNum') ?? 0);
      const max = Math.min(Number(criterion(criteria, 'maxRowNum') ?? MAX_PAGE), min + MAX_PAGE);
      const rows = events.todo.filter((row) => row.userID === user).slice(min, max);
      return { status: 200, body: { '@odata.context': '$metadata#UserTodoLearningItems', value: rows } };
    }
    if (
      audience === 'user' &&
      service === 'userlearning-service' &&
      /^(learninghistorys|learninghistories)$/.test(set)
    ) {
      // fromDate/toDate are criteria of the history (CData LearningHistories, [C-3p], `=` only): taken [I] to
      // bound the record's `lastUpdateTimestamp`, epoch ms (a value under 1e11 is read as seconds, §3.5).
      const bound = (field: string) => {
        const value = criterion(criteria, field);
        if (value === undefined) return undefined;
        if (typeof value !== 'number') throw new ODataRequestError(400, `criteria/${field} must be an epoch number.`);
        return epochMs(value);
      };
      const from = bound('fromDate');
      const to = bound('toDate');
      const others = criteria.filter((c) => !/^(fromdate|todate)$/i.test(c.field));
      const rows = matching(events.history, others, {
        targetuserid: 'userID',
        itemid: 'componentID',
        itemtype: 'componentTypeID',
        revisiondate: 'revisionDate',
      }).filter((row) => {
        const updated = epochMs(Number(row.lastUpdateTimestamp));
        return (from === undefined || updated >= from) && (to === undefined || updated <= to);
      });
      if (criteria.length === 0) return odataError(400, 'A criteria filter is required.');
      return collection(
        url,
        host,
        rows.map(({ userID: _u, ...row }) => row),
        'learninghistorys',
      );
    }
    return odataError(404, `Resource not found for the segment '${entitySet}'.`);
  }

  /** The writes (issue 14): a JSON object body, or an OData error. */
  function write(service: string, entitySet: string, request: SimulatorRequest): SimulatorResponse {
    const target = `${service}/${entitySet.toLowerCase()}`;
    const handler =
      target === 'learningevent-service/ocnlearningevents'
        ? events.ocn
        : target === 'learningevent-service/externallearningevents'
          ? events.external
          : undefined;
    if (!handler) return odataError(405, 'Method not allowed.');
    if (!request.headers['content-type']?.includes('json'))
      return odataError(415, 'The request body must be application/json.');
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return odataError(400, 'The request body is not valid JSON.', 'INVALID_JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return odataError(400, 'The request body must be a JSON object.', 'INVALID_JSON');
    return handler(body as Record<string, unknown>);
  }

  const protocol: SimulatorProtocol = {
    route(request) {
      if (request.url.pathname === TOKEN_PATH) return 'token';
      const match = SERVICE_PATH.exec(request.url.pathname);
      return match ? `${match[2]}/${match[3]!.replace(/\(.*?\)/, '()')}` : 'other';
    },
    async handle(request: SimulatorRequest, context: SimulatorContext) {
      if (request.url.pathname === TOKEN_PATH) {
        return request.method === 'POST' ? tokens.issue(request) : odataError(405, 'Method not allowed.');
      }
      const match = SERVICE_PATH.exec(request.url.pathname);
      if (!match) return odataError(404, 'Resource not found.');
      const [, audience, service, entitySet] = match as unknown as [string, string, string, string];
      const grant = tokens.check(request);
      if ('status' in grant) return grant;
      if (audience === 'admin' && grant.userType !== 'admin') return odataError(403, 'An admin token is required.');
      // Serialised services (KBA 2516640): only calls with a valid token count towards the limit.
      return limits.run(service, context, async () => {
        if (request.method === 'POST') return write(service, entitySet, request);
        if (request.method !== 'GET') return odataError(405, 'Method not allowed.');
        try {
          return entities(audience, service, entitySet, request.url, request.headers.host ?? '127.0.0.1');
        } catch (error) {
          if (error instanceof ODataRequestError) return odataError(error.status, error.message);
          throw error;
        }
      });
    },
    reset() {
      events.reset();
      tokens.reset();
      limits.reset();
    },
  };
  return { protocol, tokens, limits, events };
}
