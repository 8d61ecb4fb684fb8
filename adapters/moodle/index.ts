import { defineAdapter } from '../core/descriptor.js';
import { createMoodleAdapter, MOODLE_CAPABILITIES } from './adapter.js';
import { type MoodleConfig, moodleConfigSchema } from './config.js';
import {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  MOODLE_SANDBOX_TOKEN,
  startMoodleSimulator,
} from './simulator/index.js';

/** Moodle sites (lms-apis.md §1): everything Convergence knows about the kind `moodle`. */
export const moodleAdapter = defineAdapter<MoodleConfig>({
  kind: 'moodle',
  category: 'LMS',
  title: 'Moodle',
  configSchema: moodleConfigSchema,
  capabilities: MOODLE_CAPABILITIES,
  unsupported: {
    // lms-apis.md §1.3: the completion functions read status (core_completion_get_course_completion_status)
    // or mark a Moodle activity/course done for its own course (core_completion_mark_course_self_completed,
    // core_completion_update_activity_completion_status_manually); none records learning done elsewhere,
    // and Moodle has no external-training record at all.
    'recognitions.write':
      "Moodle's web services have no function that records learning done elsewhere; the recognition is kept in Convergence only.",
  },
  connect: (config, deps) => createMoodleAdapter(config, deps),
  simulator: {
    start: ({ seed, port }) => startMoodleSimulator({ seed, port }),
    secret: MOODLE_SANDBOX_TOKEN,
    // The sandbox sites carry the two custom reports (README, Moodle section), so statistics are cheap.
    settings: (baseUrl, secret) => ({
      kind: 'moodle',
      baseUrl,
      token: secret,
      reports: { completions: COMPLETIONS_REPORT_ID, badges: BADGES_REPORT_ID },
    }),
    sandboxAgencies: [
      { code: 'who', name: 'World Health Organization', seed: 1 },
      { code: 'ilo', name: 'International Labour Organization', seed: 2 },
    ],
  },
});

export { createMoodleAdapter, MOODLE_CAPABILITIES, MOODLE_REQUIRED_FUNCTIONS, requiredFunctions } from './adapter.js';
export { createMoodleClient, type MoodleClient, type MoodleClientOptions } from './client.js';
export { type MoodleConfig, type MoodleSdgSource, moodleConfigSchema } from './config.js';
export {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  COURSE_RATING_LABEL,
  type DatasetSize,
  EMPTY_SDG_FIELD_COURSE_ID,
  type EmailMatching,
  feedbacksOf,
  generateDataset,
  HIDDEN_COURSE_ID,
  INSTALLED_LANGS,
  isActive,
  MOODLE_FUNCTIONS_OUTSIDE_SERVICE,
  MOODLE_SANDBOX_LOGIN,
  MOODLE_SANDBOX_TOKEN,
  type MoodleDataset,
  type MoodleSimulatorOptions,
  NO_ACTIVITY_COURSE_ID,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  ratedOptions,
  SHARED_PEOPLE,
  SITE_LANG,
  type SimFeedback,
  startMoodleSimulator,
  UNINSTALLED_LANG_COURSE_ID,
  UNRATED_FEEDBACK_COURSE_ID,
  WILDCARD_PEOPLE,
} from './simulator/index.js';
