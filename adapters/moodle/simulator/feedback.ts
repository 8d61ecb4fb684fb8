import type { MoodleDataset } from './dataset.js';
import { DAY, HIDDEN_COURSE_ID } from './seedData.js';

/**
 * The simulated site's Feedback activities (mod_feedback), as Moodle stores them: `feedback` (with
 * `anonymous` 1 = yes, 2 = no), `feedback_item` and one `feedback_completed` per submitted response with its
 * `feedback_value`s. Derived from the dataset (course ids and completions), not drawn from its PRNG, so the
 * rest of the seeded site is unchanged by them.
 */
export interface SimFeedbackItem {
  readonly id: number;
  readonly name: string;
  /** The short label the course author may give an item (`feedback_item.label`). */
  readonly label: string;
  /** `label` (text only), `multichoicerated`, `textarea`. */
  readonly typ: 'label' | 'multichoicerated' | 'textarea';
  /** As stored: for multichoicerated `r>>>>>1####Poor|2####Fair|…` (value####text, 1-based answer index). */
  readonly presentation: string;
  readonly hasvalue: 0 | 1;
  readonly position: number;
}

export interface SimFeedbackResponse {
  /** `feedback_completed.id`. */
  readonly id: number;
  readonly userId: number;
  readonly timemodified: number;
  /** `feedback_value.value` by item id: the 1-based answer index for multichoicerated, text for textarea. */
  readonly values: ReadonlyMap<number, string>;
}

export interface SimFeedback {
  readonly id: number;
  readonly courseId: number;
  readonly coursemodule: number;
  readonly name: string;
  readonly anonymous: 1 | 2;
  readonly items: readonly SimFeedbackItem[];
  readonly responses: readonly SimFeedbackResponse[];
}

/** The label the sandbox sites give their overall course rating question (the adapter's default). */
export const COURSE_RATING_LABEL = 'courserating';
/** A course whose feedback has only a free-text question: nothing to rate. */
export const UNRATED_FEEDBACK_COURSE_ID = 10;

const RATING_5 = 'r>>>>>1####Poor|2####Fair|3####Good|4####Very good|5####Excellent';
/** Relevance on 0–4, asked before the rating on some courses: the adapter must pick the labelled item. */
const RELEVANCE_0_4 = 'r>>>>>0####Not at all|1####Slightly|2####Somewhat|3####Very|4####Entirely';

const cache = new WeakMap<MoodleDataset, readonly SimFeedback[]>();

/**
 * One "Course evaluation" feedback in three courses of four (anonymous in even-numbered courses), none in
 * the hidden course. Learners who completed the course answer it, most of them; some leave the rating blank.
 */
export function feedbacksOf(data: MoodleDataset): readonly SimFeedback[] {
  const known = cache.get(data);
  if (known) return known;
  const completedBy = new Map<number, { userId: number; timecompleted: number }[]>();
  for (const e of data.enrolments) {
    if (!e.completed || e.role !== 'student') continue;
    const list = completedBy.get(e.courseId) ?? [];
    list.push({ userId: e.userId, timecompleted: e.timecompleted });
    completedBy.set(e.courseId, list);
  }
  let completedId = 0;
  const feedbacks: SimFeedback[] = [];
  for (const course of data.courses) {
    if (course.id % 4 === 3 || course.id === HIDDEN_COURSE_ID) continue;
    const id = 100 + course.id;
    const item = (k: number, rest: Omit<SimFeedbackItem, 'id' | 'position'>): SimFeedbackItem => ({
      id: id * 10 + k,
      position: k,
      ...rest,
    });
    const intro = item(1, {
      name: 'Please tell us about this course.',
      label: '',
      typ: 'label',
      presentation: '',
      hasvalue: 0,
    });
    const relevance = item(2, {
      name: 'How relevant was the course to your work?',
      label: 'relevance',
      typ: 'multichoicerated',
      presentation: RELEVANCE_0_4,
      hasvalue: 1,
    });
    const rating = item(3, {
      name: 'Overall, how would you rate this course?',
      // Half the courses leave the label empty: the adapter then takes the first rated item.
      label: course.id % 2 === 0 ? COURSE_RATING_LABEL : '',
      typ: 'multichoicerated',
      presentation: RATING_5,
      hasvalue: 1,
    });
    const comments = item(4, {
      name: 'Any comments?',
      label: 'comments',
      typ: 'textarea',
      presentation: '30|5',
      hasvalue: 1,
    });
    const unrated = course.id === UNRATED_FEEDBACK_COURSE_ID;
    // Relevance is asked only where the rating item is labelled, so "first rated item" stays the rating.
    const items = unrated
      ? [intro, comments]
      : course.id % 2 === 0
        ? [intro, relevance, rating, comments]
        : [intro, rating, comments];
    const responses: SimFeedbackResponse[] = [];
    for (const { userId, timecompleted } of completedBy.get(course.id) ?? []) {
      if ((userId * 31 + course.id * 17) % 5 === 0) continue; // did not answer
      const values = new Map<number, string>();
      for (const it of items) {
        if (it.typ === 'multichoicerated') {
          // One answer in twelve leaves the question blank (stored as 0).
          const blank = (userId + course.id + it.position) % 12 === 0;
          values.set(it.id, blank ? '0' : String(1 + ((userId * 7 + course.id * 3 + it.position) % 5)));
        } else if (it.typ === 'textarea') {
          values.set(it.id, userId % 3 === 0 ? 'Useful, thank you.' : '');
        }
      }
      responses.push({ id: ++completedId, userId, timemodified: timecompleted + DAY, values });
    }
    feedbacks.push({
      id,
      courseId: course.id,
      coursemodule: 5000 + course.id,
      name: 'Course evaluation',
      anonymous: course.id % 2 === 0 ? 1 : 2,
      items,
      responses,
    });
  }
  cache.set(data, feedbacks);
  return feedbacks;
}

/** The options of a multichoicerated item: [rated value, text] by 1-based answer index. */
export function ratedOptions(presentation: string): [number, string][] {
  const [, options = ''] = presentation.split('>>>>>');
  return options
    .split('<<<<<')[0]!
    .split('|')
    .map((line) => {
      const [value = '0', text = ''] = line.split('####');
      return [Number(value), text];
    });
}
