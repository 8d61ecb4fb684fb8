import { type SimulatorCapacity, type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import { type DatasetSize, generateDataset, type MoodleDataset } from './dataset.js';
import { createMoodleProtocol, MOODLE_SANDBOX_TOKEN } from './protocol.js';
import type { EmailMatching } from './site.js';

export { type DatasetSize, generateDataset, type MoodleDataset } from './dataset.js';
export { isActive } from './enrolments.js';
export {
  COURSE_RATING_LABEL,
  feedbacksOf,
  ratedOptions,
  type SimFeedback,
  UNRATED_FEEDBACK_COURSE_ID,
} from './feedback.js';
export { MOODLE_FUNCTIONS_OUTSIDE_SERVICE, MOODLE_SANDBOX_LOGIN, MOODLE_SANDBOX_TOKEN } from './protocol.js';
export {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  EMPTY_SDG_FIELD_COURSE_ID,
  HIDDEN_COURSE_ID,
  INSTALLED_LANGS,
  NO_ACTIVITY_COURSE_ID,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SHARED_PEOPLE,
  SITE_LANG,
  UNINSTALLED_LANG_COURSE_ID,
  WILDCARD_PEOPLE,
} from './seedData.js';
export type { EmailMatching } from './site.js';

export interface MoodleSimulatorOptions {
  /** Dataset seed; different seeds give different sites. @default 1 */
  readonly seed?: number;
  /** The one valid `wstoken`. @default MOODLE_SANDBOX_TOKEN */
  readonly token?: string;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 'Convergence Moodle sandbox' */
  readonly siteName?: string;
  /** Functions of the token's service. @default every implemented function */
  readonly functions?: readonly string[];
  /** How the site's database matches e-mail addresses. @default 'postgres' (exact, as stored) */
  readonly emailMatching?: EmailMatching;
  /** false: a site without course custom fields (Moodle then omits `customfields`). @default true */
  readonly customFields?: boolean;
  /** Dataset size. @default 120 courses, 150 users */
  readonly size?: DatasetSize;
  /** A dataset built by the caller (it wins over `seed` and `size`), e.g. to share one between simulators. */
  readonly data?: MoodleDataset;
  /** Workers and latency, for benches at a realistic speed. @default unlimited, no added latency */
  readonly capacity?: SimulatorCapacity;
}

/** A wire-faithful Moodle 4.4 REST server on 127.0.0.1 over a seeded dataset (lms-apis.md §1.5). */
export function startMoodleSimulator(options: MoodleSimulatorOptions = {}): Promise<SimulatorHandle> {
  const data =
    options.data ?? generateDataset(options.seed ?? 1, options.siteName ?? 'Convergence Moodle sandbox', options.size);
  const protocol = createMoodleProtocol({
    data,
    token: options.token ?? MOODLE_SANDBOX_TOKEN,
    ...(options.functions ? { functions: options.functions } : {}),
    site: {
      ...(options.emailMatching ? { emailMatching: options.emailMatching } : {}),
      ...(options.customFields !== undefined ? { customFields: options.customFields } : {}),
    },
  });
  return startSimulator(protocol, {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.capacity ? { capacity: options.capacity } : {}),
  });
}
