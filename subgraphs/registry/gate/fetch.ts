import { redactUrl } from './url.js';

export interface GraphQLAnswer {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message?: unknown }[];
}

export type FetchOutcome =
  | { readonly ok: true; readonly body: GraphQLAnswer }
  | { readonly ok: false; readonly reason: string };

function networkReason(error: unknown, url: string, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `subgraph at ${redactUrl(url)} did not answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : 'network error';
  return `subgraph at ${redactUrl(url)} is unreachable (${code})`;
}

/**
 * POSTs one GraphQL operation to a candidate subgraph. Redirects are NOT followed (`redirect: manual`): a
 * registered URL must be the one that answers, or a later redirect could send agency traffic elsewhere.
 * Never throws; every failure becomes one readable reason.
 */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  timeoutMs: number,
): Promise<FetchOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(variables ? { query, variables } : { query }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, reason: networkReason(error, url, timeoutMs) };
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    return {
      ok: false,
      reason: `subgraph answered with a redirect (HTTP ${response.status}); redirects are not followed, register the final URL`,
    };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, reason: `subgraph answered HTTP ${response.status} to a GraphQL POST` };
  }
  // The media type only, never the body: a web page or a proxy's error page says nothing we should repeat.
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'no content type';
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
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
