import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { GraphQLFormattedError } from 'graphql';
import { type AgencyFailureCode, CodedError } from '../../schema/errorCodes.js';
import { formattedError } from '../../schema/errors.js';
import { type Deadline, deadlineSignal } from '../../schema/timeout.js';
import type { AgencyEndpoint } from '../directory.js';

export interface SubgraphRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly operationName?: string | undefined;
}

export interface SubgraphAnswer {
  readonly data: Record<string, unknown> | null;
  readonly errors: readonly GraphQLFormattedError[];
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
}

/** What every agency call of one client request carries: headers, and who wants to see the answers. */
export interface CallScope {
  /** The gateway's assertion of the principal and the request id; never client credentials. */
  readonly headers: Readonly<Record<string, string>>;
  /** Sees each agency's answer (the audit trail reads whose records it returned). */
  readonly onAnswer?: ((agency: string, answer: SubgraphAnswer) => void) | undefined;
}

/** Why an agency gave no usable answer; becomes one coded error naming the agency. */
export class AgencyFailure extends CodedError<AgencyFailureCode> {
  constructor(
    code: AgencyFailureCode,
    readonly agency: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'AgencyFailure';
  }

  override clientExtensions(): Record<string, unknown> {
    return { agency: this.agency };
  }

  /** At `path`: the field this agency's failure left without its part of the answer. */
  toGraphQLError(path?: readonly (string | number)[]): GraphQLFormattedError {
    return formattedError(this.code, this.message, { extensions: this.clientExtensions(), ...(path ? { path } : {}) });
  }
}

class AnswerTooLarge extends Error {}

/** Largest agency answer accepted; a larger one is a bad response, not a memory problem. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

// Node's http client with keep-alive agents rather than global fetch: at 16 agencies per query, undici's
// web streams and per-call signals cost the gateway ~40% of its CPU (test/bench, profile at N = 16).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** Parsed agency URLs: the directory holds a few dozen, asked for on every call. */
const urls = new Map<string, URL>();
function urlOf(url: string): URL {
  let parsed = urls.get(url);
  if (!parsed) {
    parsed = new URL(url);
    if (urls.size >= 1_000) urls.clear();
    urls.set(url, parsed);
  }
  return parsed;
}

function isAnswer(body: unknown): body is { data?: unknown; errors?: unknown; extensions?: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  const dataOk = data === undefined || data === null || (typeof data === 'object' && !Array.isArray(data));
  const errorsOk = errors === undefined || Array.isArray(errors);
  return dataOk && errorsOk && (data !== undefined || errors !== undefined);
}

/**
 * One abort signal for a whole fan-out: every agency starts together with the same timeout. Not
 * `AbortSignal.any([AbortSignal.timeout(ms), deadline])`, whose timeout a GC can lose on Node 20
 * (nodejs/node#57736, schema/timeout.ts); dispose it when the fan-out ends.
 */
export function fanoutSignal(timeoutMs: number, deadline: AbortSignal): Deadline {
  // One fan-out per subgraph fetch of the request follows its deadline: many for nested entities.
  setMaxListeners(0, deadline);
  const fanout = deadlineSignal(timeoutMs, deadline);
  // One listener per agency request; dozens of agencies are expected, not a leak.
  setMaxListeners(0, fanout.signal);
  return fanout;
}

function post(url: URL, body: string, headers: Readonly<Record<string, string>>, signal: AbortSignal) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      agent: agents[url.protocol as keyof typeof agents],
      signal,
      headers: {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) response.destroy(new AnswerTooLarge());
        else chunks.push(chunk);
      });
      response.once('error', reject);
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.end(body);
  });
}

/**
 * Sends one subgraph operation (already serialised) to one agency before `signal` aborts, and classifies
 * every failure: refused or 5xx → AGENCY_UNAVAILABLE, too slow → AGENCY_TIMEOUT, not a GraphQL answer →
 * AGENCY_BAD_RESPONSE. Redirects are never followed. Upstream bodies never reach the client.
 */
export async function sendToAgency(
  agency: AgencyEndpoint,
  body: string,
  signal: AbortSignal,
  headers: Readonly<Record<string, string>> = {},
): Promise<SubgraphAnswer> {
  let answer: { status: number; text: string };
  try {
    answer = await post(urlOf(agency.url), body, headers, signal);
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      throw new AgencyFailure(
        'AGENCY_BAD_RESPONSE',
        agency.code,
        `Agency ${agency.code} sent an answer larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB.`,
      );
    }
    if (signal.aborted) {
      throw new AgencyFailure('AGENCY_TIMEOUT', agency.code, `Agency ${agency.code} did not answer in time.`);
    }
    throw new AgencyFailure('AGENCY_UNAVAILABLE', agency.code, `Agency ${agency.code} is unavailable.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    const code = answer.status >= 500 ? 'AGENCY_UNAVAILABLE' : 'AGENCY_BAD_RESPONSE';
    throw new AgencyFailure(code, agency.code, `Agency ${agency.code} sent an answer that is not GraphQL.`);
  }
  if (!isAnswer(parsed)) {
    throw new AgencyFailure(
      'AGENCY_BAD_RESPONSE',
      agency.code,
      `Agency ${agency.code} sent an answer that is not GraphQL.`,
    );
  }
  return {
    data: (parsed.data as Record<string, unknown> | null | undefined) ?? null,
    errors: (parsed.errors as GraphQLFormattedError[] | undefined) ?? [],
    extensions:
      parsed.extensions && typeof parsed.extensions === 'object'
        ? (parsed.extensions as Record<string, unknown>)
        : undefined,
  };
}
