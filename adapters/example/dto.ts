/**
 * Wire shapes of "Learnhub", the home-grown LMS of this example: plain JSON over HTTP, bearer API key,
 * page-numbered lists (`{ items, nextPage }`), batch reads with `?ids=1,2,3`.
 */
export interface LearnhubCourseDto {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  /** BCP 47, e.g. "en". */
  readonly lang: string | null;
  /** SDG numbers 1–17. */
  readonly goals: readonly number[];
  readonly minutes: number | null;
  /** ISO 8601 with offset. */
  readonly updated: string | null;
  readonly published: boolean;
}

export interface LearnhubPersonDto {
  readonly id: number;
  readonly fullName: string;
  readonly mail: string | null;
  readonly staffIndex: string | null;
}

export type LearnhubEnrolmentState = 'registered' | 'started' | 'passed' | 'failed' | 'dropped';

export interface LearnhubEnrolmentDto {
  readonly id: number;
  readonly personId: number;
  readonly courseId: number;
  readonly state: LearnhubEnrolmentState;
  readonly startedOn: string | null;
  readonly finishedOn: string | null;
  readonly percent: number | null;
}

export interface LearnhubPage<T> {
  readonly items: readonly T[];
  readonly nextPage: number | null;
}
