import { getUserBadges } from './ws/badges.js';
import { getCourseCompletionStatus } from './ws/completion.js';
import { getCourses, getCoursesByField, getSiteInfo, searchCourses } from './ws/courses.js';
import { getEnrolledUsers, getUsersCourses } from './ws/enrol.js';
import { getFeedbacksByCourses, getItems, getResponsesAnalysis } from './ws/feedback.js';
import type { Handler } from './ws/params.js';
import { retrieveReport } from './ws/reports.js';
import { getTagAreas, getTagCloud, getTagIndex } from './ws/tags.js';
import { getUsers, getUsersByField } from './ws/users.js';

export { type Handler, type Params, SimException } from './ws/params.js';

/** Every web-service function the simulator implements, by `wsfunction` name. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  core_webservice_get_site_info: getSiteInfo,
  core_course_get_courses: getCourses,
  core_course_get_courses_by_field: getCoursesByField,
  core_course_search_courses: searchCourses,
  core_enrol_get_users_courses: getUsersCourses,
  core_enrol_get_enrolled_users: getEnrolledUsers,
  core_user_get_users_by_field: getUsersByField,
  core_user_get_users: getUsers,
  core_completion_get_course_completion_status: getCourseCompletionStatus,
  core_badges_get_user_badges: getUserBadges,
  core_tag_get_tag_areas: getTagAreas,
  core_tag_get_tag_cloud: getTagCloud,
  core_tag_get_tagindex: getTagIndex,
  core_reportbuilder_retrieve_report: retrieveReport,
  mod_feedback_get_feedbacks_by_courses: getFeedbacksByCourses,
  mod_feedback_get_items: getItems,
  mod_feedback_get_responses_analysis: getResponsesAnalysis,
};
