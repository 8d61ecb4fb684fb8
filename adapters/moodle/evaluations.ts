import type { Logger } from 'pino';
import { LmsError } from '../core/errors.js';
import type { CourseEvaluationRecord } from '../core/records.js';
import type { MoodleClient } from './client.js';
import type { MoodleConfig } from './config.js';
import type { MoodleFeedbackDto, MoodleFeedbackItemDto, MoodleFeedbackValueDto } from './dto.js';

/** Course ids per `mod_feedback_get_feedbacks_by_courses` call, to keep the form body small. */
const COURSES_PER_CALL = 100;

type FeedbackSettings = MoodleConfig['feedback'];

/** A multichoicerated item's rated values by 1-based answer index (`r>>>>>1####Poor|2####Fair|…`). */
export function ratedValues(presentation: string): number[] {
  const afterType = presentation.includes('>>>>>') ? (presentation.split('>>>>>')[1] ?? '') : presentation;
  // A horizontal layout appends `<<<<<1` (FEEDBACK_MULTICHOICERATED_ADJUST_SEP).
  const options = afterType.split('<<<<<')[0] ?? '';
  return options.split('|').map((line) => Number.parseFloat(line.split('####')[0] ?? ''));
}

/** The item whose answers are the course's rating (see `feedback` in config.ts), or none. */
export function ratingItem(
  items: readonly MoodleFeedbackItemDto[],
  settings: FeedbackSettings,
): MoodleFeedbackItemDto | undefined {
  const rated = items.filter((item) => item.typ === 'multichoicerated').sort((a, b) => a.position - b.position);
  const wanted = settings.ratingLabel.trim().toLowerCase();
  const labelled = rated.find((item) => item.label.trim().toLowerCase() === wanted);
  return labelled ?? (settings.firstRatedItem ? rated[0] : undefined);
}

/** The answer as a 1–5 rating: the picked answer's rated value mapped linearly from the item's own scale. */
export function toRating(item: MoodleFeedbackItemDto, value: MoodleFeedbackValueDto | undefined): number | null {
  const index = Number(value?.rawval ?? 0);
  if (!Number.isInteger(index) || index < 1) return null; // left blank (0 or "")
  const scale = ratedValues(item.presentation).filter((v) => Number.isFinite(v));
  const picked = ratedValues(item.presentation)[index - 1];
  if (picked === undefined || !Number.isFinite(picked) || scale.length < 2) return null;
  const min = Math.min(...scale);
  const max = Math.max(...scale);
  if (max === min) return null;
  return 1 + (4 * (picked - min)) / (max - min);
}

/**
 * Every rating answered in the Feedback activities of these courses: the feedbacks of the courses (one call
 * per hundred courses), then per feedback its items and its responses page by page. Named responses carry
 * the learner's id and name: only the rating, the response id and the time are kept.
 */
export async function listMoodleEvaluations(
  client: MoodleClient,
  courseIds: readonly number[],
  settings: FeedbackSettings,
  logger?: Logger,
): Promise<CourseEvaluationRecord[]> {
  if (!settings.enabled || courseIds.length === 0) return [];
  const feedbacks: MoodleFeedbackDto[] = [];
  for (let i = 0; i < courseIds.length; i += COURSES_PER_CALL) {
    feedbacks.push(...(await client.getFeedbacksByCourses(courseIds.slice(i, i + COURSES_PER_CALL))).feedbacks);
  }
  const wanted = new Set(courseIds);
  const lists = await Promise.all(
    feedbacks.filter((f) => wanted.has(f.course)).map((f) => readableRatingsOf(client, f, settings, logger)),
  );
  return lists.flat();
}

/**
 * Reading a feedback's responses needs mod/feedback:viewreports in its module context, which a course can
 * override for the service user, and a feedback can be deleted between the list and the read
 * (`invalidrecord`): such a feedback is left out with a warning instead of failing every course's.
 */
async function readableRatingsOf(
  client: MoodleClient,
  feedback: MoodleFeedbackDto,
  settings: FeedbackSettings,
  logger?: Logger,
): Promise<CourseEvaluationRecord[]> {
  try {
    return await ratingsOf(client, feedback, settings);
  } catch (error) {
    if (!(error instanceof LmsError) || !['LMS_FORBIDDEN', 'LMS_NOT_FOUND'].includes(error.code)) throw error;
    logger?.warn(
      { feedbackId: feedback.id, courseId: feedback.course, code: error.code, vendorCode: error.upstream?.vendorCode },
      'Moodle feedback left out of the evaluations',
    );
    return [];
  }
}

async function ratingsOf(
  client: MoodleClient,
  feedback: MoodleFeedbackDto,
  settings: FeedbackSettings,
): Promise<CourseEvaluationRecord[]> {
  const item = ratingItem((await client.getFeedbackItems(feedback.id)).items, settings);
  if (!item) return [];
  const records: CourseEvaluationRecord[] = [];
  const seen = new Set<number>();
  const add = (id: number, responses: readonly MoodleFeedbackValueDto[], timemodified?: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const rating = toRating(
      item,
      responses.find((r) => Number(r.id) === item.id),
    );
    if (rating === null) return;
    records.push({
      courseLocalId: String(feedback.course),
      responseLocalId: `${feedback.id}-${id}`,
      rating,
      answeredAt: timemodified ? new Date(timemodified * 1000) : null,
    });
  };
  // Both lists share page/perpage; the longer one says how many pages there are.
  for (let page = 0; ; page++) {
    const answer = await client.getFeedbackResponses(feedback.id, page, settings.pageSize);
    for (const a of answer.attempts) add(a.id, a.responses, a.timemodified);
    for (const a of answer.anonattempts) add(a.id, a.responses);
    const total = Math.max(answer.totalattempts, answer.totalanonattempts);
    const empty = answer.attempts.length === 0 && answer.anonattempts.length === 0;
    if (empty || (page + 1) * settings.pageSize >= total) break;
  }
  return records;
}
