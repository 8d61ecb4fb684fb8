import type { SimulatorProtocol, SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';
import type { Granularity, OaiErrorCode } from '../dto.js';
import { parseArgs, parseRange, type Verb } from './args.js';
import { handleControl } from './control.js';
import { listPage, matching } from './lists.js';
import type { ListState, RepositoryState } from './state.js';
import { header, METADATA_FORMATS, oaiDocument, recordXml, type SimFormat, utc } from './xml.js';

export const OAI_PATH = '/oai';
const XML_TYPE = { 'content-type': 'text/xml; charset=utf-8' };

type Body = Record<string, unknown>;
type Outcome = { readonly body: Body } | { readonly error: OaiErrorCode };

const ERROR_TEXT: Readonly<Record<OaiErrorCode, string>> = {
  badArgument: 'The request includes illegal arguments, is missing required arguments, or repeats one.',
  badResumptionToken: 'The value of the resumptionToken argument is invalid or expired.',
  badVerb: 'Value of the verb argument is not a legal OAI-PMH verb, the verb argument is missing, or repeated.',
  cannotDisseminateFormat: 'The metadata format is not supported by the item or by the repository.',
  idDoesNotExist: 'The value of the identifier argument is unknown or illegal in this repository.',
  noRecordsMatch: 'The combination of the values of the arguments results in an empty list.',
  noMetadataFormats: 'There are no metadata formats available for the specified item.',
  noSetHierarchy: 'The repository does not support sets.',
};

function params(request: SimulatorRequest): URLSearchParams | SimulatorResponse {
  if (request.method === 'GET') return request.url.searchParams;
  if (request.method !== 'POST') return { status: 405, headers: { allow: 'GET, POST' }, body: '' };
  // §3.1.1.2: POST bodies are application/x-www-form-urlencoded.
  if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { status: 415, body: '' };
  }
  return new URLSearchParams(request.body);
}

function authorised(state: RepositoryState, request: SimulatorRequest): boolean {
  const credentials = state.options.credentials;
  if (!credentials) return true;
  const expected = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return request.headers.authorization === `Basic ${expected}`;
}

export function createOaiPmhProtocol(state: RepositoryState): SimulatorProtocol {
  const formats = (): readonly SimFormat[] => state.options.formats ?? ['oai_dc', 'lom'];
  const granularity = (): Granularity => state.options.granularity ?? 'YYYY-MM-DDThh:mm:ssZ';
  const offers = (prefix: string | undefined): prefix is SimFormat =>
    prefix !== undefined && (formats() as readonly string[]).includes(prefix);
  const visible = (identifier: string | undefined) => {
    const record = identifier === undefined ? undefined : state.records.get(identifier);
    return record && (!record.deleted || state.options.deletedRecord !== 'no') ? record : undefined;
  };

  /** Another editor at work while a harvester pages: the list's first item changes, its second goes. */
  function changeUnderTheWalk(list: ListState): void {
    const [first, second] = matching(state, list);
    if (first) state.upsert({ identifier: first.identifier, title: `${first.title} (revised)` });
    if (second) state.remove(second.identifier);
  }

  function list(verb: 'ListRecords' | 'ListIdentifiers', args: Readonly<Record<string, string>>): Outcome {
    let listState: ListState | null;
    if (args.resumptionToken !== undefined) {
      listState = state.redeem(args.resumptionToken);
      if (!listState || listState.verb !== verb) return { error: 'badResumptionToken' };
      if (state.take(['changeMidWalk'], verb)) changeUnderTheWalk(listState);
    } else {
      const range = parseRange(args.from, args.until, granularity());
      if (range === 'badArgument') return { error: 'badArgument' };
      if (!offers(args.metadataPrefix)) return { error: 'cannotDisseminateFormat' };
      listState = {
        verb,
        metadataPrefix: args.metadataPrefix,
        ...range,
        set: args.set ?? null,
        offset: 0,
        expiresAt: 0,
      };
    }
    const items = matching(state, listState);
    if (listState.offset >= items.length) return { error: 'noRecordsMatch' };
    return { body: listPage(state, listState, items) };
  }

  function answer(verb: Verb, args: Readonly<Record<string, string>>): Outcome {
    switch (verb) {
      case 'Identify': {
        const earliest = Math.min(...[...state.records.values()].map((r) => r.datestamp));
        return {
          body: {
            Identify: {
              repositoryName: `Convergence OER sandbox (seed ${state.options.seed ?? 1})`,
              baseURL: '',
              protocolVersion: '2.0',
              adminEmail: 'oer-sandbox@unssc.org',
              earliestDatestamp: utc(Number.isFinite(earliest) ? earliest : state.now(), granularity()),
              deletedRecord: state.options.deletedRecord ?? 'persistent',
              granularity: granularity(),
            },
          },
        };
      }
      case 'ListMetadataFormats': {
        if (args.identifier !== undefined && !visible(args.identifier)) return { error: 'idDoesNotExist' };
        const metadataFormat = formats().map((prefix) => ({
          metadataPrefix: prefix,
          schema: METADATA_FORMATS[prefix].schema,
          metadataNamespace: METADATA_FORMATS[prefix].namespace,
        }));
        return { body: { ListMetadataFormats: { metadataFormat } } };
      }
      case 'ListSets': {
        if (args.resumptionToken !== undefined) return { error: 'badResumptionToken' };
        const goals = [...new Set([...state.records.values()].flatMap((r) => r.sdgs))].sort((a, b) => a - b);
        const set = [
          { setSpec: 'sdg', setName: 'Sustainable Development Goals' },
          ...goals.map((g) => ({ setSpec: `sdg:${g}`, setName: `SDG ${g}` })),
        ];
        return { body: { ListSets: { set } } };
      }
      case 'ListIdentifiers':
      case 'ListRecords':
        return list(verb, args);
      case 'GetRecord': {
        const record = visible(args.identifier);
        if (!record) return { error: 'idDoesNotExist' };
        if (!offers(args.metadataPrefix)) return { error: 'cannotDisseminateFormat' };
        const body = record.deleted
          ? { header: header(record, granularity()) }
          : recordXml(record, args.metadataPrefix, granularity());
        return { body: { GetRecord: { record: body } } };
      }
      default: {
        const unreachable: never = verb;
        throw new Error(`unknown verb ${String(unreachable)}`);
      }
    }
  }

  return {
    route: (request) => {
      const query = params(request);
      return `${request.method} ${query instanceof URLSearchParams ? (query.get('verb') ?? '(no verb)') : '(unreadable)'}`;
    },
    handle(request) {
      if (request.url.pathname !== OAI_PATH) return { status: 404, body: 'Not Found' };
      const query = params(request);
      if (!(query instanceof URLSearchParams)) return query;
      if (!authorised(state, request)) {
        return { status: 401, headers: { 'www-authenticate': 'Basic realm="OAI-PMH"' }, body: '' };
      }
      const baseUrl = `http://${request.headers.host ?? '127.0.0.1'}${OAI_PATH}`;
      const verbName = query.get('verb') ?? '';
      const continuation = query.has('resumptionToken');
      const http = state.take(['http'], verbName, continuation);
      if (http) {
        const retryAfter =
          http.retryAfterSeconds === undefined ? {} : { 'retry-after': String(http.retryAfterSeconds) };
        return { status: http.status, headers: retryAfter, body: '' };
      }
      const document = (echo: Record<string, string> | null, body: Body) =>
        oaiDocument(baseUrl, state.now(), echo, body);
      if (state.take(['badXml'], verbName, continuation)) {
        return { status: 200, headers: XML_TYPE, body: document(null, {}).slice(0, 180) };
      }
      const parsed = parseArgs(query);
      if (!parsed.ok) {
        return {
          status: 200,
          headers: XML_TYPE,
          body: document(null, { error: { '@_code': parsed.code, '#text': ERROR_TEXT[parsed.code] } }),
        };
      }
      const echo = { verb: parsed.verb, ...parsed.args };
      const injected = state.take(['oaiError'], parsed.verb, continuation);
      const outcome: Outcome = injected ? { error: injected.code } : answer(parsed.verb, parsed.args);
      if ('error' in outcome) {
        const bare = outcome.error === 'badArgument' || outcome.error === 'badVerb';
        return {
          status: 200,
          headers: XML_TYPE,
          body: document(bare ? null : echo, {
            error: { '@_code': outcome.error, '#text': ERROR_TEXT[outcome.error] },
          }),
        };
      }
      const body =
        parsed.verb === 'Identify'
          ? { Identify: { ...(outcome.body.Identify as Body), baseURL: baseUrl } }
          : outcome.body;
      return { status: 200, headers: XML_TYPE, body: document(echo, body) };
    },
    reset: () => state.reset(),
    control: (request) => handleControl(state, request),
  };
}
