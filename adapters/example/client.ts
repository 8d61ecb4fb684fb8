import { createLmsHttpClient, type Secret } from 'convergence/sdk';
import type { LearnhubCourseDto, LearnhubEnrolmentDto, LearnhubPage, LearnhubPersonDto } from './dto.js';

export interface LearnhubClientOptions {
  readonly baseUrl: string;
  readonly apiKey: Secret;
  readonly agency: string;
  readonly timeoutMs?: number;
}

/**
 * One method per Learnhub endpoint, raw DTOs out. Every call goes through the shared LMS HTTP client
 * (timeouts, retries with backoff, circuit breaker, one HTTP-status → error-code mapping).
 */
export function createLearnhubClient(options: LearnhubClientOptions) {
  const http = createLmsHttpClient({
    lmsKind: 'custom',
    agency: options.agency,
    baseUrl: options.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const headers = () => ({ authorization: `Bearer ${options.apiKey.reveal()}` });
  const get = <T>(url: string, params: Record<string, unknown> = {}) =>
    http.request<T>({ method: 'GET', url, params, headers: headers() });

  /** Follows `nextPage` to the end. */
  async function all<T>(url: string, params: Record<string, unknown>): Promise<T[]> {
    const items: T[] = [];
    for (let page: number | null = 1; page !== null; ) {
      const answer: LearnhubPage<T> = await get<LearnhubPage<T>>(url, { ...params, page });
      items.push(...answer.items);
      page = answer.nextPage;
    }
    return items;
  }

  return {
    health: () => get<{ ok: boolean }>('api/v1/health'),
    courses: () => all<LearnhubCourseDto>('api/v1/courses', {}),
    coursesByIds: (ids: readonly number[]) => all<LearnhubCourseDto>('api/v1/courses', { ids: ids.join(',') }),
    peopleByIds: (ids: readonly number[]) => all<LearnhubPersonDto>('api/v1/people', { ids: ids.join(',') }),
    peopleByMail: (mail: string) => all<LearnhubPersonDto>('api/v1/people', { mail }),
    enrolmentsByIds: (ids: readonly number[]) => all<LearnhubEnrolmentDto>('api/v1/enrolments', { ids: ids.join(',') }),
    enrolmentsOfPerson: (id: number) => all<LearnhubEnrolmentDto>('api/v1/enrolments', { person: id }),
    enrolmentsOfCourse: (id: number) => all<LearnhubEnrolmentDto>('api/v1/enrolments', { course: id }),
    dispose: () => http.dispose(),
  };
}

export type LearnhubClient = ReturnType<typeof createLearnhubClient>;
