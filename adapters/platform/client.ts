import type { z } from 'zod';
import { LmsError } from '../core/errors.js';
import { type AuthProvider, createLmsHttpClient, type LmsHttpClient, type RawResponse } from '../core/http.js';
import { createTokenProvider } from '../core/token.js';
import type { PlatformConfig } from './config.js';
import {
  type CourseraPageDto,
  courseraPageSchema,
  type EdxPageDto,
  edxPageSchema,
  edxTokenSchema,
  type LinkedInPageDto,
  linkedInPageSchema,
  linkedInTokenSchema,
} from './dto.js';

/** The Coursera fields the mapper reads; the catalogue answers only `id`, `slug`, `name` unless asked. */
export const COURSERA_FIELDS = 'name,slug,courseType,description,workload,primaryLanguages,partnerIds,domainTypes';

export interface PlatformClientOptions {
  readonly agency: string;
  readonly backoffBaseMs?: number;
}

/** A 2xx answer must be a JSON object; anything else (an HTML error page, an empty body) is not an answer. */
function interpretJson(raw: RawResponse): LmsError | undefined {
  if (raw.status >= 300) return undefined;
  if (typeof raw.data !== 'object' || raw.data === null || Array.isArray(raw.data)) {
    return new LmsError('LMS_BAD_RESPONSE', 'The platform answered with a body that is not a JSON object.', {
      upstream: raw.upstream,
    });
  }
  return undefined;
}

function parsePage<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: RawResponse, what: string): T {
  const parsed = schema.safeParse(raw.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LmsError(
    'LMS_BAD_RESPONSE',
    `The platform answered a ${what} page that is not one (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
    { upstream: raw.upstream },
  );
}

/** A token endpoint that refuses the client (400 invalid_client or 401) means rejected credentials. */
async function issueToken(
  http: LmsHttpClient,
  form: Record<string, string>,
  schema: typeof linkedInTokenSchema | typeof edxTokenSchema,
  scheme: 'Bearer' | 'JWT',
  signal?: AbortSignal,
) {
  const raw = await http
    .requestRaw({
      method: 'POST',
      url: '',
      data: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      idempotent: true,
      ...(signal ? { signal } : {}),
    })
    .catch((error: unknown) => {
      if (!(error instanceof LmsError) || error.code !== 'LMS_BAD_REQUEST') throw error;
      throw new LmsError('LMS_UNAUTHENTICATED', 'The platform token endpoint refused the client credentials.', {
        ...(error.upstream ? { upstream: error.upstream } : {}),
      });
    });
  const token = parsePage(schema, raw, 'token');
  return { authorization: `${scheme} ${token.access_token}`, expiresInSeconds: token.expires_in };
}

/**
 * One method per catalogue endpoint, DTOs out (page envelopes validated; elements left to the mapper).
 * Every call goes through the shared HTTP pipeline: timeouts, retries honouring Retry-After (edX throttles
 * its course list, LinkedIn answers 429), circuit breaker, one status mapping, OAuth renewal on 401.
 */
export function createPlatformClient(config: PlatformConfig, options: PlatformClientOptions) {
  const common = {
    lmsKind: 'platform',
    agency: options.agency,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    interpret: interpretJson,
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  };
  const clients: LmsHttpClient[] = [];
  const httpFor = (baseUrl: string, auth?: AuthProvider) => {
    const client = createLmsHttpClient({ ...common, baseUrl, ...(auth ? { auth } : {}) });
    clients.push(client);
    return client;
  };

  let auth: AuthProvider | undefined;
  if (config.api === 'linkedin-learning') {
    // 2-legged OAuth: client credentials form-posted to the token URL, ~90-day tokens (§2.3).
    const tokenHttp = httpFor(config.tokenUrl);
    auth = createTokenProvider({
      issue: (signal) =>
        issueToken(
          tokenHttp,
          {
            grant_type: 'client_credentials',
            client_id: config.clientId,
            client_secret: config.clientSecret.reveal(),
          },
          linkedInTokenSchema,
          'Bearer',
          signal,
        ),
    });
  } else if (config.api === 'edx' && config.credentials) {
    // Open edX: client credentials with `token_type=jwt`, sent back as `Authorization: JWT <token>` (§2.2).
    const { clientId, clientSecret } = config.credentials;
    const tokenHttp = httpFor(`${config.baseUrl}/oauth2/access_token`);
    auth = createTokenProvider({
      issue: (signal) =>
        issueToken(
          tokenHttp,
          {
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret.reveal(),
            token_type: 'jwt',
          },
          edxTokenSchema,
          'JWT',
          signal,
        ),
    });
  }
  const api = httpFor(config.baseUrl, auth);

  return {
    /** `GET /api/courses.v1?start&limit&fields&includes=partnerIds` (Naptime paging). */
    async courseraCourses(start: number, limit: number): Promise<CourseraPageDto> {
      const raw = await api.requestRaw({
        method: 'GET',
        url: '/api/courses.v1',
        params: { start, limit, fields: COURSERA_FIELDS, includes: 'partnerIds' },
      });
      return parsePage(courseraPageSchema, raw, 'courses.v1');
    },

    /** `GET /api/courses/v1/courses/?page&page_size` (page numbers from 1). */
    async edxCourses(page: number, pageSize: number): Promise<EdxPageDto> {
      const raw = await api.requestRaw({
        method: 'GET',
        url: '/api/courses/v1/courses/',
        params: { page, page_size: pageSize },
      });
      return parsePage(edxPageSchema, raw, 'course list');
    },

    /** `GET /v2/learningAssets?q=localeAndType&assetType=COURSE&sourceLocale…&start&count` (active courses). */
    async linkedInAssets(start: number, count: number): Promise<LinkedInPageDto> {
      if (config.api !== 'linkedin-learning') throw new TypeError('not a LinkedIn Learning catalogue');
      const raw = await api.requestRaw({
        method: 'GET',
        url: '/v2/learningAssets',
        params: {
          q: 'localeAndType',
          assetType: 'COURSE',
          'sourceLocale.language': config.sourceLocale.language,
          'sourceLocale.country': config.sourceLocale.country,
          expandDepth: 1,
          includeRetired: false,
          start,
          count,
        },
      });
      return parsePage(linkedInPageSchema, raw, 'learningAssets');
    },

    dispose() {
      for (const client of clients) client.dispose();
    },
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
