import { isActive } from '../enrolments.js';
import type { SiteContext } from '../site.js';
import { type Handler, int, invalidRecord, invalidUser, SimException } from './params.js';

/**
 * `core_completion_get_course_completion_status` (completion/classes/external.php), checks in Moodle's
 * order: the course, the user, completion enabled (`cannotviewreport`), the user tracked (an active
 * enrolment with a tracked role, else `usernotenroled`), criteria set (`nocriteriaset`). The answer has
 * each criterion's `timecompleted` and `details`, but no course completion time of its own.
 */
export const getCourseCompletionStatus: Handler = (params, site: SiteContext) => {
  const courseId = int(params, 'courseid');
  const userId = int(params, 'userid');
  const course = site.index.courseById.get(courseId);
  if (!course) throw invalidRecord('course');
  if (!site.index.userById.has(userId)) throw invalidUser();
  if (!course.enablecompletion) {
    throw new SimException('moodle_exception', 'cannotviewreport', 'You cannot view this report');
  }
  const enrolment = site.index.enrolmentsByUser.get(userId)?.find((e) => e.courseId === courseId);
  if (!enrolment || !isActive(enrolment) || enrolment.role !== 'student') {
    throw new SimException('moodle_exception', 'usernotenroled', 'User is not enrolled in this course');
  }
  if (!course.hasCriteria) throw new SimException('moodle_exception', 'nocriteriaset', 'No criteria set');
  const met = enrolment.criteriaMet;
  const at = (offset: number) => (met ? enrolment.timecompleted - offset : null);
  const yesNo = met ? 'Yes' : 'No';
  const activity = {
    ...{ type: 4, title: 'Activity completion', status: yesNo, complete: met, timecompleted: at(3_600) },
    details: {
      type: 'Activity completion',
      criteria: `<a href="${site.siteUrl}/mod/quiz/view.php?id=${courseId * 10}">Final quiz</a>`,
      requirement: 'Achieving grade, Marking yourself complete',
      status: '',
    },
  };
  const grade = {
    ...{ type: 6, title: 'Course grade', status: met ? '82.00' : '41.00', complete: met, timecompleted: at(0) },
    details: { type: 'Course grade', criteria: '', requirement: '60.00% required', status: met ? '82.00' : '41.00' },
  };
  const completions = course.trackedActivities > 0 ? [activity, grade] : [grade];
  return { completionstatus: { completed: enrolment.completed, aggregation: 1, completions }, warnings: [] };
};
