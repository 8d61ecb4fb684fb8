import type { z } from 'zod';
import { LmsError } from '../core/errors.js';
import { createLmsHttpClient, type LmsHttpClient } from '../core/http.js';
import { createSerialLimiter, type SerialLimiter } from '../core/limiter.js';
import { createTokenProvider } from '../core/token.js';
import type { SuccessFactorsConfig } from './config.js';
import {
  type CatalogCourseDto,
  catalogCourseSchema,
  type ExternalLearningEventDto,
  type HistoryRowDto,
  historyRowSchema,
  learningEventAnswerSchema,
  type OcnLearningEventDto,
  type ODataCollection,
  odataCollectionSchema,
  type SearchItemDto,
  type StudentDto,
  searchItemSchema,
  studentSchema,
  type TodoItemDto,
  todoItemSchema,
  tokenResponseSchema,
} from './dto.js';
import { collectPages, createInterpreter, literal, TOKEN_EXPIRED, withQuery } from './odata.js';

const ODATA = '/learning/odatav4/public';
export const SUCCESSFACTORS_PATHS = {
  token: '/learning/oauth-api/rest/v1/token',
  catalogs: `${ODATA}/admin/catalog-service/v1/Catalogs`,
  coursesFeed: (catalogId: string) =>
    `${ODATA}/admin/catalog-service/v1/CatalogsFeed(${literal(catalogId)})/CoursesFeed`,
  items: `${ODATA}/admin/search-service/v1/Items`,
  students: `${ODATA}/admin/search-service/v1/Students`,
  todoItems: `${ODATA}/user/learningplan-service/v1/UserTodoLearningItems`,
  history: `${ODATA}/user/userlearning-service/v1/learninghistorys`,
  ocnLearningEvents: `${ODATA}/admin/learningevent-service/v1/OCNLearningEvents`,
  externalLearningEvents: `${ODATA}/user/learningevent-service/v1/ExternalLearningEvents`,
} as const;

/**
 * Serialised services and their spacing as a multiple of `minIntervalMs` (SAP KBA 2516640): item, user,
 * program and search services one call per 500 ms; curriculum-service one per 5,000 ms since b2005.
 * The catalogue feeds are item data, so catalog-service is treated as an item service.
 */
const LIMITED_SERVICES: Readonly<Record<string, number>> = {
  'search-service': 1,
  'catalog-service': 1,
  'user-service': 1,
  'program-service': 1,
  'curriculum-service': 10,
};
/** Timer granularity: a start exactly on the boundary may look early to the server's clock. */
const LIMITER_MARGIN_MS = 5;
/** SAP recommends at most 500 rows per page (KBA 2925125); the server caps at 1,000. */
const PAGE_SIZE = 500;

export function serviceOf(url: string): string | undefined {
  return /\/public\/(?:admin|user)\/([^/]+)\//.exec(new URL(url, 'http://x').pathname)?.[1];
}

/** Criteria of a Students search (§3.4.4): exact ids, a name part, or everyone (in)active. */
export type StudentCriteria =
  | { readonly studentID: string }
  | { readonly personExternalID: string }
  | { readonly lastNameContains: string }
  | { readonly isActive: boolean };

export type LearningEventAnswer = z.infer<typeof learningEventAnswerSchema>;

export interface SuccessFactorsClient {
  catalogueCourses(): Promise<CatalogCourseDto[]>;
  searchItems(itemTypeID: string, itemID: string): Promise<SearchItemDto[]>;
  searchStudents(criteria: StudentCriteria): Promise<StudentDto[]>;
  todoItems(studentID: string): Promise<TodoItemDto[]>;
  /**
   * A learner's learning history; with `updated`, only the rows updated in that window: criteria `fromDate`
   * and `toDate` (CData LearningHistories, [C-3p], `=` only; §3.4.3), epoch milliseconds as SF's epochs are
   * (§3.5). Which timestamp they bound is not documented; taken [I] to be `lastUpdateTimestamp`.
   */
  learningHistory(studentID: string, updated?: { readonly from: Date; readonly to: Date }): Promise<HistoryRowDto[]>;
  /** Posts a completion of a catalogue item from outside (OCN learning event). Sent once. */
  postOcnLearningEvent(event: OcnLearningEventDto): Promise<LearningEventAnswer>;
  /** Posts external learning into a learner's history. Sent once. */
  postExternalLearningEvent(event: ExternalLearningEventDto): Promise<LearningEventAnswer>;
  ping(signal?: AbortSignal): Promise<void>;
  dispose(): void;
}

export function createSuccessFactorsClient(config: SuccessFactorsConfig, agency: string): SuccessFactorsClient {
  const base = {
    lmsKind: 'successfactors',
    agency,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs ?? 30_000,
  };
  const spacingFor = (url: string) => {
    const interval = (LIMITED_SERVICES[serviceOf(url) ?? ''] ?? 0) * config.minIntervalMs;
    return interval > 0 ? interval + LIMITER_MARGIN_MS : 0;
  };
  const interpret = createInterpreter(spacingFor);
  // The token request must not go through the auth-wrapped client (it would ask itself for a token).
  const tokenHttp = createLmsHttpClient({ ...base, interpret });
  const auth = createTokenProvider({
    async issue(signal) {
      const basic = Buffer.from(`${config.clientId}:${config.clientSecret.reveal()}`).toString('base64');
      const answer = await tokenHttp.request<unknown>({
        method: 'POST',
        url: SUCCESSFACTORS_PATHS.token,
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
        // `scope` is an object, not an OAuth scope string (§3.1; edx-enterprise, tap-successfactors).
        data: {
          grant_type: 'client_credentials',
          scope: {
            userId: config.userId,
            companyId: config.companyId,
            userType: 'admin',
            resourceType: 'learning_public_api',
          },
        },
        idempotent: true,
        ...(signal ? { signal } : {}),
      });
      const token = parse(tokenResponseSchema, answer, 'token');
      return { authorization: `Bearer ${token.access_token}`, expiresInSeconds: token.expires_in };
    },
  });
  const limiters = new Map<string, SerialLimiter>();
  const limiterFor = (url: string): SerialLimiter | undefined => {
    const service = serviceOf(url) ?? '';
    if (!(service in LIMITED_SERVICES)) return undefined;
    let limiter = limiters.get(service);
    if (!limiter) {
      limiter = createSerialLimiter(spacingFor(url));
      limiters.set(service, limiter);
    }
    return limiter;
  };
  // The limiter gates every attempt the LMS sees (retries and the re-try after a token refresh included).
  const http: LmsHttpClient = createLmsHttpClient({
    ...base,
    interpret,
    auth,
    throttle: (request, send) => limiterFor(request.url)?.run(send, request.signal) ?? send(),
  });

  async function get(url: string, signal?: AbortSignal): Promise<ODataCollection> {
    const send = () => http.request<unknown>({ method: 'GET', url, ...(signal ? { signal } : {}) });
    let answer: unknown;
    try {
      answer = await send();
    } catch (error) {
      // An expired token answered with a status other than 401 is not renewed by the shared client.
      if (!(error instanceof LmsError) || error.upstream?.vendorCode !== TOKEN_EXPIRED) throw error;
      auth.invalidate(await auth.authorization(signal));
      answer = await send();
    }
    return parse(odataCollectionSchema, answer, 'collection');
  }

  /** A write: one attempt (POST), the token renewed once when SF says it expired, like reads. */
  async function post(url: string, data: unknown): Promise<LearningEventAnswer> {
    const send = () =>
      http.request<unknown>({ method: 'POST', url, data, headers: { 'Content-Type': 'application/json' } });
    let answer: unknown;
    try {
      answer = await send();
    } catch (error) {
      if (!(error instanceof LmsError) || error.upstream?.vendorCode !== TOKEN_EXPIRED) throw error;
      auth.invalidate(await auth.authorization());
      answer = await send();
    }
    return parse(learningEventAnswerSchema, answer ?? {}, 'learning event answer');
  }

  async function all<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, path: string, filter?: string) {
    const rows = await collectPages(get, path, filter ? { $filter: filter } : {}, {
      pageSize: PAGE_SIZE,
      origin: config.baseUrl,
    });
    return rows.map((row) => parse(schema, row, 'row'));
  }

  return {
    catalogueCourses: () =>
      all(
        catalogCourseSchema,
        SUCCESSFACTORS_PATHS.coursesFeed(config.catalogId),
        `criteria/localeID eq ${literal(config.localeId)}`,
      ),
    searchItems: (itemTypeID, itemID) =>
      all(
        searchItemSchema,
        SUCCESSFACTORS_PATHS.items,
        `criteria/itemID eq ${literal(itemID)} and criteria/itemTypeID eq ${literal(itemTypeID)}`,
      ),
    searchStudents: (criteria) => all(studentSchema, SUCCESSFACTORS_PATHS.students, studentFilter(criteria)),
    todoItems: (studentID) => todoItems(get, studentID),
    learningHistory: (studentID, updated) =>
      all(
        historyRowSchema,
        SUCCESSFACTORS_PATHS.history,
        `criteria/targetUserID eq ${literal(studentID)}${
          updated
            ? ` and criteria/fromDate eq ${updated.from.getTime()} and criteria/toDate eq ${updated.to.getTime()}`
            : ''
        }`,
      ),
    postOcnLearningEvent: (event) => post(SUCCESSFACTORS_PATHS.ocnLearningEvents, event),
    postExternalLearningEvent: (event) => post(SUCCESSFACTORS_PATHS.externalLearningEvents, event),
    async ping(signal) {
      await get(withQuery(SUCCESSFACTORS_PATHS.catalogs, { $top: 1 }), signal);
    },
    dispose() {
      http.dispose();
      tokenHttp.dispose();
    },
  };
}

function studentFilter(criteria: StudentCriteria): string {
  if ('studentID' in criteria) return `scriteria/studentID eq ${literal(criteria.studentID)}`;
  if ('personExternalID' in criteria) return `scriteria/personExternalID eq ${literal(criteria.personExternalID)}`;
  if ('lastNameContains' in criteria) return `contains(scriteria/lastName,${literal(criteria.lastNameContains)})`;
  return `scriteria/isActive eq ${criteria.isActive}`;
}

/**
 * The to-do list pages through `criteria/minRowNum`/`maxRowNum` windows, not `$skip` (§3.3); a window that
 * comes back short is the last one.
 */
async function todoItems(get: (url: string) => Promise<ODataCollection>, studentID: string): Promise<TodoItemDto[]> {
  const rows: TodoItemDto[] = [];
  for (let min = 0; ; min += PAGE_SIZE) {
    const filter = `criteria/targetUserID eq ${literal(studentID)} and criteria/minRowNum eq ${min} and criteria/maxRowNum eq ${min + PAGE_SIZE}`;
    const page = await get(withQuery(SUCCESSFACTORS_PATHS.todoItems, { $filter: filter }));
    rows.push(...page.value.map((row) => parse(todoItemSchema, row, 'row')));
    if (page.value.length < PAGE_SIZE) return rows;
  }
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new LmsError('LMS_BAD_RESPONSE', `The LMS answered with an unexpected ${what} shape.`);
}
