import { feedbacksOf, ratedOptions, type SimFeedback, type SimFeedbackItem } from '../feedback.js';
import type { SiteContext } from '../site.js';
import { type Handler, int, invalidParameter, invalidRecord, list } from './params.js';

/**
 * mod_feedback's web-service functions (mod/feedback/classes/external.php, Moodle ≥ 3.3), as the service
 * user (who holds mod/feedback:viewreports and edititems) sees them.
 */

const feedbackById = (site: SiteContext, id: number): SimFeedback => {
  const found = feedbacksOf(site.data).find((f) => f.id === id);
  // validate_feedback: `$DB->get_record('feedback', ..., MUST_EXIST)`.
  if (!found) throw invalidRecord('feedback');
  return found;
};

/**
 * `mod_feedback_get_feedbacks_by_courses(courseids[])`: the feedbacks of the courses (feedback_summary_exporter);
 * a course id that does not exist is a warning (`util::validate_courses`), not an error.
 */
export const getFeedbacksByCourses: Handler = (params, site) => {
  const ids = list(params.courseids).map((raw) => {
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw invalidParameter();
    return Number(raw);
  });
  const warnings = ids
    .filter((id) => !site.index.courseById.has(id))
    .map((id) => ({ item: 'course', itemid: id, warningcode: '1', message: 'No access rights in course context' }));
  const wanted = new Set(ids);
  const feedbacks = feedbacksOf(site.data)
    .filter((f) => wanted.has(f.courseId))
    .map((f) => ({
      ...{ id: f.id, course: f.courseId, name: f.name, intro: '<p>Tell us what you thought.</p>', introformat: 1 },
      ...{ anonymous: f.anonymous, email_notification: false, multiple_submit: false, autonumbering: true },
      ...{ site_after_submit: '', page_after_submit: '', page_after_submitformat: 1, publish_stats: false },
      ...{ timeopen: 0, timeclose: 0, timemodified: 1_700_000_000, completionsubmit: true },
      ...{ coursemodule: f.coursemodule, introfiles: [], pageaftersubmitfiles: [] },
    }));
  return { feedbacks, warnings };
};

const itemDto = (f: SimFeedback, item: SimFeedbackItem, number: number | null) => ({
  ...{ id: item.id, feedback: f.id, template: 0, name: item.name, label: item.label, presentation: item.presentation },
  ...{ typ: item.typ, hasvalue: item.hasvalue, position: item.position, required: false, dependitem: 0 },
  ...{ dependvalue: '', options: '', itemfiles: [], itemnumber: number, otherdata: '' },
});

/** `mod_feedback_get_items(feedbackid, courseid = 0)`: every item, labels included (numbered only when they take a value). */
export const getItems: Handler = (params, site) => {
  const f = feedbackById(site, int(params, 'feedbackid'));
  let n = 0;
  return { items: f.items.map((item) => itemDto(f, item, item.hasvalue ? ++n : null)), warnings: [] };
};

/** What `mod_feedback_responses_table::get_responses_for_external` gives per item that takes a value. */
function responsesOf(f: SimFeedback, values: ReadonlyMap<number, string>) {
  return f.items
    .filter((item) => item.hasvalue)
    .map((item) => {
      const rawval = values.get(item.id) ?? null;
      const printval =
        item.typ === 'multichoicerated'
          ? (ratedOptions(item.presentation)[Number(rawval) - 1]?.[1] ?? '')
          : (rawval ?? '');
      return { id: item.id, name: item.name, printval, rawval };
    });
}

/**
 * `mod_feedback_get_responses_analysis(feedbackid, groupid, page, perpage, courseid)`: named responses in
 * `attempts` (with the learner's id and full name), anonymous ones in `anonattempts` (a number only); the
 * same page/perpage applies to both lists, and perpage 0 means every response.
 */
export const getResponsesAnalysis: Handler = (params, site) => {
  const f = feedbackById(site, int(params, 'feedbackid'));
  const page = int(params, 'page', 0);
  const perpage = int(params, 'perpage', 0);
  const window = <T>(rows: readonly T[]) => (perpage > 0 ? rows.slice(page * perpage, (page + 1) * perpage) : rows);
  const named = f.anonymous === 2 ? f.responses : [];
  const anonymous = f.anonymous === 1 ? f.responses : [];
  return {
    attempts: window(named).map((r) => {
      const user = site.index.userById.get(r.userId);
      return {
        ...{ id: r.id, courseid: f.courseId, userid: r.userId, timemodified: r.timemodified },
        ...{ fullname: user ? `${user.firstname} ${user.lastname}` : '', responses: responsesOf(f, r.values) },
      };
    }),
    totalattempts: named.length,
    anonattempts: window(anonymous).map((r, i) => ({
      ...{ id: r.id, courseid: f.courseId, number: (perpage > 0 ? page * perpage : 0) + i + 1 },
      responses: responsesOf(f, r.values),
    })),
    totalanonattempts: anonymous.length,
    warnings: [],
  };
};
