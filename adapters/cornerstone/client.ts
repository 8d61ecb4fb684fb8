import type { Logger } from 'pino';
import { LmsError } from '../core/errors.js';
import {
  createLmsHttpClient,
  errorFromStatus,
  type LmsHttpClient,
  type RawResponse,
  type ResponseInterpreter,
} from '../core/http.js';
import { createSerialLimiter } from '../core/limiter.js';
import { createTokenProvider } from '../core/token.js';
import type { CornerstoneConfig } from './config.js';
import type {
  CsodAssignRequestDto,
  CsodCatalogItemDto,
  CsodCompleteRequestDto,
  CsodEmployeeDto,
  CsodEmployeePageDto,
  CsodErrorEnvelope,
  CsodExternalTrainingRequestDto,
  CsodLegacyEnvelope,
  CsodODataPage,
  CsodTokenDto,
  CsodTranscriptPageDto,
  CsodTranscriptSearchItemDto,
  CsodTranscriptWriteDto,
} from './dto.js';
import { createCsodRateGuard, rateKeyOf } from './throttle.js';

const API = '/services/api';
/** Reporting views stream and can be slow: the official sample waits indefinitely (§2.3). */
const ODATA_TIMEOUT_MS = 120_000;
/** The reporting quirk: an error object appended to a 200 body, stripped by regex in CSOD's sample (§2.2). */
const STREAMED_ERROR = /,?(\{"error":\{.*\}\})/s;

function envelopeError(raw: RawResponse, vendor: CsodErrorEnvelope['error'], retryAfterMs?: number): LmsError {
  const status = raw.status >= 300 ? raw.status : Number(vendor?.code ?? 500) || 500;
  const base = errorFromStatus({ ...raw, status });
  return new LmsError(base.code, base.message, {
    upstream: { ...raw.upstream, status: raw.status, ...(vendor?.code ? { vendorCode: vendor.code } : {}) },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Reads every CSOD answer: error envelopes, legacy `status` in a 200 body, and streamed OData errors. */
export function createCsodInterpreter(onRate?: (raw: RawResponse) => number | undefined): ResponseInterpreter {
  return (raw) => {
    const waitMs = onRate?.(raw);
    const body = raw.data;
    if (typeof body === 'string' && raw.status < 300) {
      const streamed = STREAMED_ERROR.exec(body)?.[1];
      if (!streamed) return undefined;
      const parsed = JSON.parse(streamed) as CsodErrorEnvelope;
      // Retryable: the request (the last nextLink) is simply asked again (§4.4).
      return new LmsError('LMS_UNAVAILABLE', 'The reporting API broke off its answer with an error.', {
        upstream: { ...raw.upstream, ...(parsed.error?.code ? { vendorCode: parsed.error.code } : {}) },
      });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const envelope = body as CsodErrorEnvelope;
    if (raw.status >= 300) return envelopeError(raw, envelope.error, raw.status === 429 ? waitMs : undefined);
    if (envelope.error && typeof envelope.error === 'object') return envelopeError(raw, envelope.error);
    if (typeof envelope.status === 'string' && !envelope.status.startsWith('2')) {
      return envelopeError({ ...raw, status: Number(envelope.status) || 500 }, envelope.error);
    }
    return undefined;
  };
}

export interface CornerstoneClientOptions {
  readonly agency: string;
  readonly logger?: Logger;
  /** Overrides the 200 ms first backoff step (tests). */
  readonly backoffBaseMs?: number;
}

export type CsodQuery = Readonly<Record<string, string | number | boolean>>;

/** One method per upstream endpoint, raw DTOs out; paging walks live in the adapter. */
export interface CornerstoneClient {
  catalogSearch(pageNumber: number): Promise<CsodLegacyEnvelope<CsodCatalogItemDto>>;
  employees(query: CsodQuery, nextPageToken?: string): Promise<CsodEmployeePageDto | CsodEmployeeDto[]>;
  transcriptsOverview(externalId: string, pageNumber: number): Promise<CsodTranscriptPageDto>;
  /**
   * Transcript Search (§2.4.2c): one page (50 items) of the records modified in `[start, end]`, UTC, a window
   * of at most 24 h.
   */
  transcriptSearch(
    window: { readonly start: Date; readonly end: Date },
    pageNumber: number,
  ): Promise<CsodLegacyEnvelope<CsodTranscriptSearchItemDto>>;
  /** A reporting view (first page), or an `@odata.nextLink` as given. */
  reportView<T>(view: string, query: CsodQuery): Promise<CsodODataPage<T>>;
  reportNext<T>(nextLink: string): Promise<CsodODataPage<T>>;
  /** Transcript API: put a learning object on a user's transcript (registered). Not idempotent. */
  assignTraining(body: CsodAssignRequestDto): Promise<CsodTranscriptWriteDto>;
  /** Transcript API: complete a transcript record. Not idempotent. */
  completeTraining(body: CsodCompleteRequestDto): Promise<CsodTranscriptWriteDto>;
  /** An external training record on the user's transcript [I]; upserted by its unique key. */
  recordExternalTraining(body: CsodExternalTrainingRequestDto): Promise<CsodTranscriptWriteDto>;
  dispose(): void;
}

export function createCornerstoneClient(
  config: CornerstoneConfig,
  options: CornerstoneClientOptions,
): CornerstoneClient {
  const common = {
    lmsKind: 'cornerstone',
    agency: options.agency,
    baseUrl: config.baseUrl,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.maxConcurrency !== undefined ? { maxConcurrency: config.maxConcurrency } : {}),
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  };
  const guard = createCsodRateGuard(config.rateWindowMs ?? 60_000);
  const interpret = createCsodInterpreter((raw) => guard.observe(raw.upstream.url, raw.status, raw.headers));
  // The token request must not go through the auth-wrapped client (it would need a token itself).
  const tokenHttp = createLmsHttpClient({ ...common, retries: 1, interpret: createCsodInterpreter() });
  const auth = createTokenProvider({
    async issue(signal) {
      const token = await tokenHttp
        .request<CsodTokenDto>({
          method: 'POST',
          url: `${API}/oauth2/token`,
          // camelCase JSON body (§2.1); the secret is revealed only here.
          data: {
            clientId: config.clientId,
            clientSecret: config.clientSecret.reveal(),
            grantType: 'client_credentials',
            scope: config.scope,
          },
          headers: { 'Content-Type': 'application/json', 'cache-control': 'no-cache' },
          idempotent: true,
          ...(signal ? { signal } : {}),
        })
        .catch((error: unknown) => {
          // A bad client secret may come back as 400 rather than 401 (§2.1): either way, rejected credentials.
          if (!(error instanceof LmsError) || error.code !== 'LMS_BAD_REQUEST') throw error;
          throw new LmsError('LMS_UNAUTHENTICATED', 'The CSOD token endpoint refused the client credentials.', {
            ...(error.upstream ? { upstream: error.upstream } : {}),
          });
        });
      const expiresIn = Number(token?.expires_in);
      if (typeof token?.access_token !== 'string' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
        throw new LmsError('LMS_BAD_RESPONSE', 'The CSOD token endpoint answered without a usable token.');
      }
      // token_type is "Bearer" in the documented answer; the header is built from it as a client does (§2.1).
      return { authorization: `${token.token_type ?? 'Bearer'} ${token.access_token}`, expiresInSeconds: expiresIn };
    },
  });
  const resources = {
    ...common,
    retries: 4,
    auth,
    interpret,
    throttle: <T>(request: { readonly url: string; readonly signal?: AbortSignal }, send: () => Promise<T>) =>
      guard.limiter.run(rateKeyOf(request.url), send, request.signal),
  };
  const http: LmsHttpClient = createLmsHttpClient(resources);
  const reportHttp = createLmsHttpClient({
    ...resources,
    timeoutMs: Math.max(config.timeoutMs ?? 0, ODATA_TIMEOUT_MS),
  });
  // Catalog Search: "only one call may be made at a time" (§2.3).
  const catalogSerial = createSerialLimiter(0);
  const origin = new URL(config.baseUrl).origin;

  return {
    catalogSearch: (pageNumber) =>
      catalogSerial.run(() =>
        http.request({ method: 'GET', url: `${API}/Catalog/GlobalSearch`, params: { PageNumber: pageNumber } }),
      ),
    employees: (query, nextPageToken) =>
      http.request({
        method: 'GET',
        url: `${API}/x/users/v2/employees`,
        params: { ...query, ...(nextPageToken ? { nextPageToken } : {}) },
      }),
    transcriptsOverview: (externalId, pageNumber) =>
      http.request({ method: 'GET', url: `${API}/v1/transcripts/overview`, params: { externalId, pageNumber } }),
    transcriptSearch: (window, pageNumber) =>
      http.request({
        method: 'GET',
        url: `${API}/LOTranscript/TranscriptSearch`,
        params: {
          ModificationStartDate: window.start.toISOString(),
          ModificationEndDate: window.end.toISOString(),
          pageNumber,
        },
      }),
    reportView: (view, query) =>
      reportHttp.request({
        method: 'GET',
        url: `${API}/x/odata/api/views/${encodeURIComponent(view)}`,
        params: query,
        headers: { Prefer: 'odata.maxpagesize=1000' },
      }),
    // Writes are sent once (POST, `idempotent` false): a retry is the caller's, after it looked again.
    assignTraining: (body) => http.request({ method: 'POST', url: `${API}/v1/transcripts/assign`, data: body }),
    completeTraining: (body) => http.request({ method: 'POST', url: `${API}/v1/transcripts/complete`, data: body }),
    recordExternalTraining: (body) =>
      http.request({ method: 'POST', url: `${API}/v1/transcripts/external-training`, data: body }),
    reportNext(nextLink) {
      // Opaque, followed as is (§2.5) — but never to another host, which would receive our token.
      if (new URL(nextLink, origin).origin !== origin) {
        return Promise.reject(
          new LmsError('LMS_BAD_RESPONSE', 'The reporting API returned a next link to another host.'),
        );
      }
      return reportHttp.request({ method: 'GET', url: nextLink, headers: { Prefer: 'odata.maxpagesize=1000' } });
    },
    dispose() {
      http.dispose();
      reportHttp.dispose();
      tokenHttp.dispose();
    },
  };
}
