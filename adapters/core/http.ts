import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import { anySignal } from '../../schema/timeout.js';
import { Admission, CallCancelled, RequestLane } from './admission.js';
import { LmsError, type UpstreamInfo } from './errors.js';
import { errorFromStatus, transportError } from './httpErrors.js';
import { currentScope } from './scope.js';

export { errorFromStatus, parseRetryAfter } from './httpErrors.js';

/** A raw upstream answer, as the vendor hook sees it. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly data: unknown;
  readonly upstream: UpstreamInfo;
}

/**
 * Vendor-specific reading of an answer, run on every response whatever its status: return an `LmsError`
 * for an error envelope (Moodle's HTTP 200 `exception`, an OData `error`), `{ data }` to substitute a
 * value (SuccessFactors answers "no search results" as a 500), or undefined to let the generic HTTP
 * mapping decide.
 */
export type ResponseInterpreter = (response: RawResponse) => LmsError | { readonly data: unknown } | undefined;

/** Supplies and renews the Authorization header (OAuth client credentials). */
export interface AuthProvider {
  authorization(signal?: AbortSignal): Promise<string>;
  /** Called once on a 401 before a single retry with a fresh token. */
  invalidate(rejected: string): void;
}

export interface LmsHttpOptions {
  readonly lmsKind: string;
  readonly agency: string;
  readonly baseUrl: string;
  /** @default 30000 — per attempt. */
  readonly timeoutMs?: number;
  /** Calls in flight at once against this LMS. @default 8 */
  readonly maxConcurrency?: number;
  /** Calls waiting for a slot; more are refused with LMS_OVERLOADED. @default 256 */
  readonly maxQueued?: number;
  /** Calls waiting for one caller (the request scope's `caller`), served round-robin. @default 64 */
  readonly maxQueuedPerCaller?: number;
  /** Retries of idempotent calls on retryable errors. @default 2 */
  readonly retries?: number;
  /** First backoff step; doubles per attempt, full jitter. @default 200 */
  readonly backoffBaseMs?: number;
  /** Consecutive failures that open the circuit for `breakerCooldownMs`. @default 5 */
  readonly breakerThreshold?: number;
  /** @default 10000 */
  readonly breakerCooldownMs?: number;
  readonly interpret?: ResponseInterpreter;
  readonly auth?: AuthProvider;
  /**
   * Wraps the network send of every attempt (retries and the re-try after a 401 included), once the
   * token is known: client-side rate limiting that must count each request the upstream sees. The
   * request carries the call's signal: a limiter drops a queued call whose signal aborts.
   */
  readonly throttle?: <T>(request: LmsRequest, send: () => Promise<T>) => Promise<T>;
}

export interface LmsRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to `baseUrl`, or an absolute URL on the same host (OData next links). */
  readonly url: string;
  readonly params?: Record<string, unknown>;
  readonly data?: unknown;
  readonly headers?: Record<string, string>;
  /** Whether retrying cannot repeat a side effect. Defaults to true for GET and false otherwise. */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

export interface LmsHttpClient {
  request<T = unknown>(request: LmsRequest): Promise<T>;
  /** The full response, for callers that read paging or rate-limit headers. */
  requestRaw(request: LmsRequest): Promise<RawResponse>;
  dispose(): void;
}

function upstreamOf(baseUrl: string, request: LmsRequest, status?: number): UpstreamInfo {
  // Only origin and path: query strings may hold tokens (Moodle's wstoken).
  const url = new URL(request.url, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  return { method: request.method, url: `${url.origin}${url.pathname}`, ...(status ? { status } : {}) };
}

function headersOf(response: AxiosResponse): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
  }
  return out;
}

function jitteredBackoff(baseMs: number) {
  return new DelegateBackoff<{ attempt: number; result: { error?: Error } | { value: unknown } }>((context) => {
    const failure = 'error' in context.result ? context.result.error : undefined;
    const hinted = failure instanceof LmsError ? failure.retryAfterMs : undefined;
    const exponential = Math.random() * baseMs * 2 ** (context.attempt - 1);
    return Math.min(hinted !== undefined ? Math.max(hinted, exponential) : exponential, 30_000);
  });
}

/**
 * Builds the HTTP client every adapter uses for its LMS: keep-alive agents, a per-attempt timeout, a
 * concurrency limit, jittered retries of idempotent calls (honouring `Retry-After`), a circuit breaker for
 * the agency, OAuth header renewal on 401, and one mapping of failures to `LmsError` codes.
 */
export function createLmsHttpClient(options: LmsHttpOptions): LmsHttpClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxConcurrency ?? 8 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxConcurrency ?? 8 });
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    // Every status is read by `interpret` and `errorFromStatus`, not by axios.
    validateStatus: () => true,
    transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
  });

  // Bounded and fair (admission.ts): no infinite queue of work for callers who have long gone.
  const admission = new Admission({
    maxInFlight: options.maxConcurrency ?? 8,
    ...(options.maxQueued !== undefined ? { maxQueued: options.maxQueued } : {}),
    ...(options.maxQueuedPerCaller !== undefined ? { maxQueuedPerCaller: options.maxQueuedPerCaller } : {}),
  });
  // Each request's calls enter the shared admission through its own lane (RequestLane); calls made outside
  // any request (CLI tools, harvests, kit runs) share one lane of the same width.
  const laneWidth = options.maxConcurrency ?? 8;
  const lanes = new WeakMap<object, RequestLane>();
  const outsideAnyRequest = {};
  const laneOf = (key: object) => {
    let lane = lanes.get(key);
    if (!lane) {
      lane = new RequestLane(laneWidth);
      lanes.set(key, lane);
    }
    return lane;
  };
  const breaker = circuitBreaker(
    // A call we cancelled ourselves says nothing about the LMS's health.
    handleWhen(
      (error) =>
        error instanceof LmsError &&
        !(error instanceof CallCancelled) &&
        (error.code === 'LMS_UNAVAILABLE' || error.code === 'LMS_TIMEOUT'),
    ),
    {
      halfOpenAfter: options.breakerCooldownMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    },
  );
  // Overload and budget refusals are the client's to retry later, not ours to repeat at once.
  const retrying = retry(
    handleWhen(
      (error) =>
        error instanceof LmsError &&
        error.retryable &&
        error.code !== 'LMS_OVERLOADED' &&
        !(error instanceof CallCancelled),
    ),
    { maxAttempts: options.retries ?? 2, backoff: jitteredBackoff(options.backoffBaseMs ?? 200) },
  );
  const once = breaker;
  const withRetries = wrap(retrying, breaker);

  async function attempt(request: LmsRequest, signal: AbortSignal | undefined): Promise<RawResponse> {
    const authorization = options.auth ? await options.auth.authorization(signal) : undefined;
    let response: AxiosResponse;
    const sendOnce = () =>
      instance.request({
        method: request.method,
        url: request.url,
        ...(request.params ? { params: request.params } : {}),
        ...(request.data !== undefined ? { data: request.data } : {}),
        headers: {
          Accept: 'application/json',
          ...request.headers,
          ...(authorization ? { Authorization: authorization } : {}),
        },
        ...(signal ? { signal } : {}),
      });
    try {
      const withSignal = signal ? { ...request, signal } : request;
      response = await (options.throttle ? options.throttle(withSignal, sendOnce) : sendOnce());
    } catch (error) {
      if (error instanceof LmsError) throw error; // a limiter's refusal or drop
      if (signal?.aborted) throw new CallCancelled();
      throw transportError(error, upstreamOf(options.baseUrl, request));
    }
    const raw: RawResponse = {
      status: response.status,
      headers: headersOf(response),
      data: response.data,
      upstream: upstreamOf(options.baseUrl, request, response.status),
    };
    if (response.status === 401 && authorization && options.auth) {
      options.auth.invalidate(authorization);
      throw new RenewedAuthorization();
    }
    const interpreted = options.interpret?.(raw);
    if (interpreted instanceof LmsError) throw interpreted;
    if (interpreted) return { ...raw, data: interpreted.data };
    if (response.status >= 300) throw errorFromStatus(raw);
    if (typeof response.data === 'string' && response.data.length > 0 && isJsonExpected(raw)) {
      throw new LmsError('LMS_BAD_RESPONSE', 'The LMS answered with a body that is not JSON.', {
        upstream: raw.upstream,
      });
    }
    return raw;
  }

  async function send(request: LmsRequest): Promise<RawResponse> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    const policy = idempotent ? withRetries : once;
    // The GraphQL request this call serves (scope.ts): its abort, deadline, caller and call budget.
    const scope = currentScope();
    const cancel = anySignal(request.signal, scope?.signal);
    const ticket = { caller: scope?.caller, signal: cancel.signal, deadline: scope?.deadline };
    const lane = laneOf(scope ?? outsideAnyRequest);
    try {
      return await policy.execute(async ({ signal }) => {
        const combined = anySignal(signal, cancel.signal);
        const charged = async () => {
          scope?.budget.charge();
          return attempt(request, combined.signal);
        };
        const admitted = () => lane.run(() => admission.run(charged, ticket), cancel.signal);
        try {
          return await admitted();
        } catch (error) {
          // A 401 with a token we just invalidated: one more try with a fresh token, outside the retry budget.
          if (error instanceof RenewedAuthorization) return await admitted();
          throw error;
        } finally {
          combined.dispose();
        }
      }, cancel.signal);
    } catch (error) {
      if (cancel.signal.aborted && !(error instanceof LmsError)) throw new CallCancelled();
      throw normalise(error, upstreamOf(options.baseUrl, request));
    } finally {
      cancel.dispose();
    }
  }

  return {
    async request<T>(request: LmsRequest): Promise<T> {
      return (await send(request)).data as T;
    },
    requestRaw: send,
    dispose() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

class RenewedAuthorization extends Error {}

function isJsonExpected(raw: RawResponse): boolean {
  const type = raw.headers['content-type'] ?? '';
  return !type.includes('text/plain') && !type.includes('text/csv');
}

function normalise(error: unknown, upstream: UpstreamInfo): LmsError {
  if (error instanceof LmsError) return error;
  if (error instanceof BrokenCircuitError) {
    return new LmsError('LMS_UNAVAILABLE', 'The LMS failed repeatedly; calls are paused for a short while.', {
      upstream,
    });
  }
  if (error instanceof RenewedAuthorization) {
    return new LmsError('LMS_UNAUTHENTICATED', 'The LMS rejected a freshly issued token.', { upstream });
  }
  return transportError(error, upstream);
}
