import axios, { AxiosError } from 'axios';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** Why a document could not be fetched; each kind is a reason code of its own (reasons.ts). */
export type FetchProblemCode =
  | 'FETCH_REFUSED'
  | 'FETCH_REDIRECTED'
  | 'FETCH_FAILED'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_NOT_JSON';

export interface FetchProblem {
  readonly code: FetchProblemCode;
  readonly message: string;
}

/** A fetched document: parsed JSON, or the text of a compact JWS (a VC-JWT status list, say). */
export type FetchResult =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly problem: FetchProblem };

export interface FetchPolicy {
  /** Whole-request deadline (connect, headers and body). @default 5000 */
  readonly timeoutMs?: number;
  /** Largest body accepted, after decompression. @default 524288 (512 KiB) */
  readonly maxBytes?: number;
  /**
   * Fetch plain `http:` URLs (and resolve did:web over http). Off in production: an issuer profile or a
   * key served over http can be swapped in transit. @default false
   */
  readonly allowHttp?: boolean;
  /**
   * Connect to private, loopback and link-local addresses. Off in production, so a credential cannot make
   * the registry probe its own network (SSRF). Tests and the sandbox turn it on for 127.0.0.1. @default false
   */
  readonly allowPrivateNetwork?: boolean;
}

export interface SafeFetcher {
  fetchDocument(url: string): Promise<FetchResult>;
  dispose(): void;
}

const ACCEPT =
  'application/did+ld+json, application/did+json, application/ld+json, application/json, application/vc+jwt;q=0.8';
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const refuse = (message: string): FetchResult => ({ ok: false, problem: { code: 'FETCH_REFUSED', message } });

/** Only the origin and path of a URL, for messages: a query string may carry tokens. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.slice(0, 200);
  } catch {
    return 'an invalid URL';
  }
}

/**
 * GETs issuer profiles, DID documents, keys and status lists named by a credential — that is, URLs chosen
 * by whoever made the credential. Hence: only http(s) (http only when allowed); redirects never followed
 * (a profile that moves elsewhere is not the profile the credential named); private destinations refused
 * at connect time, after DNS resolution, by request-filtering-agent (so DNS rebinding cannot get around a
 * check made earlier); a whole-request deadline; a size cap; no proxy from the environment. Never throws.
 */
export function createSafeFetcher(policy: FetchPolicy = {}): SafeFetcher {
  const timeoutMs = policy.timeoutMs ?? 5_000;
  const maxBytes = policy.maxBytes ?? 524_288;
  const filter = { allowPrivateIPAddress: policy.allowPrivateNetwork ?? false, allowMetaIPAddress: false };
  const httpAgent = new RequestFilteringHttpAgent({ keepAlive: true, maxSockets: 8, ...filter });
  const httpsAgent = new RequestFilteringHttpsAgent({ keepAlive: true, maxSockets: 8, ...filter });

  async function fetchDocument(url: string): Promise<FetchResult> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refuse('the URL is not absolute');
    }
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && policy.allowHttp)) {
      return refuse(`the URL scheme ${parsed.protocol} is not fetched (https only)`);
    }
    if (parsed.username || parsed.password) return refuse('the URL carries credentials');
    parsed.hash = '';
    try {
      const response = await axios.get<string>(parsed.toString(), {
        httpAgent,
        httpsAgent,
        proxy: false,
        maxRedirects: 0,
        maxContentLength: maxBytes,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: ACCEPT },
      });
      return interpret(response.status, String(response.data ?? ''), describeUrl(url));
    } catch (error) {
      return { ok: false, problem: transportProblem(error, describeUrl(url), timeoutMs, maxBytes) };
    }
  }

  return {
    fetchDocument,
    dispose() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function interpret(status: number, body: string, where: string): FetchResult {
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      problem: { code: 'FETCH_REDIRECTED', message: `${where} answered with a redirect (HTTP ${status})` },
    };
  }
  if (status !== 200) {
    return { ok: false, problem: { code: 'FETCH_FAILED', message: `${where} answered HTTP ${status}` } };
  }
  const text = body.trim();
  if (COMPACT_JWS.test(text)) return { ok: true, document: text };
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: { code: 'FETCH_NOT_JSON', message: `${where} did not answer JSON` } };
  }
}

function transportProblem(error: unknown, where: string, timeoutMs: number, maxBytes: number): FetchProblem {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('maxContentLength')) {
    return { code: 'FETCH_TOO_LARGE', message: `${where} answered more than ${maxBytes} bytes` };
  }
  // request-filtering-agent refuses the socket with "DNS lookup <ip> ... is not allowed".
  if (message.includes('is not allowed')) {
    return { code: 'FETCH_REFUSED', message: `${where} resolves to a private or reserved address` };
  }
  const cause = error instanceof AxiosError ? error.code : undefined;
  if (cause === 'ERR_CANCELED' || cause === 'ECONNABORTED' || cause === 'ETIMEDOUT') {
    return { code: 'FETCH_FAILED', message: `${where} did not answer within ${timeoutMs} ms` };
  }
  return { code: 'FETCH_FAILED', message: `${where} is unreachable${cause ? ` (${cause})` : ''}` };
}
