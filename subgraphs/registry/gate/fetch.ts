import axios, { AxiosError, type AxiosResponse } from 'axios';
import { DestinationPolicy, DestinationRefused } from './destination.js';
import { redactUrl } from './url.js';

const PUBLIC_ONLY = new DestinationPolicy();

export interface GraphQLAnswer {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message?: unknown }[];
}

export type FetchOutcome =
  | { readonly ok: true; readonly body: GraphQLAnswer }
  | { readonly ok: false; readonly reason: string };

function networkReason(error: unknown, url: string, timeoutMs: number): string {
  const cause = error instanceof AxiosError && error.cause instanceof DestinationRefused ? error.cause : error;
  if (cause instanceof DestinationRefused) return `subgraph at ${redactUrl(url)} is refused: ${cause.message}`;
  const code = error instanceof AxiosError ? error.code : undefined;
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED') {
    return `subgraph at ${redactUrl(url)} did not answer within ${timeoutMs} ms`;
  }
  return `subgraph at ${redactUrl(url)} is unreachable (${code ?? 'network error'})`;
}

/**
 * POSTs one GraphQL operation to a candidate subgraph. Redirects are NOT followed: a registered URL must be
 * the one that answers, or a later redirect could send agency traffic elsewhere. The destination must pass
 * `policy` (checked on the resolved address at connect time, gate/destination.ts). No proxy from the
 * environment. Never throws; every failure becomes one readable reason.
 */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  timeoutMs: number,
  policy: DestinationPolicy = PUBLIC_ONLY,
): Promise<FetchOutcome> {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return { ok: false, reason: `subgraph URL "${redactUrl(url)}" is not an absolute URL` };
  }
  const literal = policy.hostProblem(hostname);
  if (literal) return { ok: false, reason: `subgraph at ${redactUrl(url)} is refused: ${literal}` };
  const { httpAgent, httpsAgent } = policy.agents();
  let response: AxiosResponse<string>;
  try {
    response = await axios.post<string>(url, JSON.stringify(variables ? { query, variables } : { query }), {
      httpAgent,
      httpsAgent,
      proxy: false,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
  } catch (error) {
    return { ok: false, reason: networkReason(error, url, timeoutMs) };
  } finally {
    httpAgent.destroy();
    httpsAgent.destroy();
  }
  if (response.status >= 300 && response.status < 400) {
    return {
      ok: false,
      reason: `subgraph answered with a redirect (HTTP ${response.status}); redirects are not followed, register the final URL`,
    };
  }
  if (response.status < 200 || response.status >= 300) {
    return { ok: false, reason: `subgraph answered HTTP ${response.status} to a GraphQL POST` };
  }
  // The media type only, never the body: a web page or a proxy's error page says nothing we should repeat.
  const type =
    String(response.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim() || 'no content type';
  let body: unknown;
  try {
    body = JSON.parse(String(response.data ?? ''));
  } catch {
    return {
      ok: false,
      reason: `subgraph answered ${type}, not JSON: this URL does not look like a GraphQL endpoint (is the path right?)`,
    };
  }
  if (!body || typeof body !== 'object') return { ok: false, reason: 'subgraph answered JSON that is not an object' };
  return { ok: true, body: body as GraphQLAnswer };
}

/** The first GraphQL error messages of an answer, shortened, for a refusal. */
export function graphqlErrors(body: GraphQLAnswer): string[] {
  return (body.errors ?? []).slice(0, 3).map((e) => String(e.message ?? 'unknown error').slice(0, 200));
}
