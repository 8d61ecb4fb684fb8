import { createPrng, SANDBOX_PEOPLE } from '../../core/sandboxData.js';

/** Fixed people and word lists of the simulated Moodle site, and its PRNG. */

/** People present in every agency's LMS, so cross-agency queries find them (index number = `idnumber`). */
export const SHARED_PEOPLE = SANDBOX_PEOPLE.map((p) => ({
  firstname: p.firstName,
  lastname: p.lastName,
  email: p.email,
  idnumber: p.indexNumber,
}));
/**
 * Addresses that trip a naive e-mail search: `_` is a LIKE wildcard, so an unescaped search for the first
 * also matches the second, which is stored with capitals (core_user_get_users, user/externallib.php).
 */
export const WILDCARD_PEOPLE = [
  { firstname: 'Lee', lastname: 'Park', email: 'lee_park@un.org', idnumber: '' },
  { firstname: 'Leo', lastname: 'Park', email: 'Lee.Park@UN.org', idnumber: '' },
];
export const POWER_LEARNER = {
  firstname: 'Power',
  lastname: 'Learner',
  email: 'power.learner@un.org',
  idnumber: 'UN-100099',
};
/** Has completion enabled but no criteria: completion status answers `nocriteriaset`. */
export const NO_CRITERIA_COURSE_ID = 4;
/** Always hidden (`visible: 0`); every shared person is enrolled in it (a retired course, still on transcripts). */
export const HIDDEN_COURSE_ID = 9;
/** Completion enabled, criteria set, but no activity tracks completion: progress is null for everyone. */
export const NO_ACTIVITY_COURSE_ID = 6;
/** Forces a language pack the site does not have (`pt_br`): Moodle answers `lang: ""` (PARAM_LANG). */
export const UNINSTALLED_LANG_COURSE_ID = 7;
/** Its SDG custom field exists but is empty: `valueraw: ""`, `value: null`. */
export const EMPTY_SDG_FIELD_COURSE_ID = 8;
/** Language packs installed on the simulated site; a course forcing another one answers `lang: ""`. */
export const INSTALLED_LANGS = ['en', 'fr', 'es', 'ar'];
/** The site language `core_webservice_get_site_info` answers (the service user has no own preference). */
export const SITE_LANG = 'en';
/** Ids of the custom reports (report builder) defined on the simulated site. */
export const COMPLETIONS_REPORT_ID = 7;
export const BADGES_REPORT_ID = 8;
/** A timestamp far in the future: enrolments starting then are "not current" yet. */
export const FAR_FUTURE = 4_102_444_800;

export { createPrng };

export const LEVELS = [
  ['Introduction to', 'Introduction à', 'Introducción a'],
  ['Foundations of', 'Fondements de', 'Fundamentos de'],
  ['Advanced', 'Avancé :', 'Avanzado:'],
  ['Practical', 'Pratique :', 'Práctica:'],
] as const;
export const SUBJECTS = [
  ['Ethics in the UN', 'l’éthique à l’ONU', 'la ética en la ONU', 'ETH'],
  ['Gender Equality', 'l’égalité des genres', 'la igualdad de género', 'GEN'],
  ['Climate Action', 'l’action climatique', 'la acción climática', 'CLI'],
  ['Procurement', 'les achats', 'las adquisiciones', 'PRO'],
  ['Project Management', 'la gestion de projet', 'la gestión de proyectos', 'PMG'],
  ['Humanitarian Coordination', 'la coordination humanitaire', 'la coordinación humanitaria', 'HUM'],
  ['Data Literacy', 'la culture des données', 'la alfabetización de datos', 'DAT'],
  ['Cybersecurity', 'la cybersécurité', 'la ciberseguridad', 'CYB'],
  ['Human Rights', 'les droits humains', 'los derechos humanos', 'HRT'],
  ['Results-Based Management', 'la gestion axée sur les résultats', 'la gestión basada en resultados', 'RBM'],
] as const;
/** One topic per subject above, same order. */
export const TOPICS = [
  'ethics',
  'gender',
  'climate',
  'procurement',
  'management',
  'humanitarian',
  'data',
  'security',
  'human rights',
  'results',
];
export const FORMATS = ['topics', 'topics', 'topics', 'weeks', 'weeks', 'singleactivity', 'social'];
export const LANGS = ['', '', '', '', 'en', 'fr', 'es', 'fr_ca', 'ar'];
/** How sites spell SDG course tags: the tags path of the adapter must read every one of them. */
export const SDG_TAG_SPELLINGS = ['SDG {n}', 'SDG{n}', 'sdg-{nn}', 'Goal {n}'];
export const FIRST = [
  'Jane',
  'Omar',
  'Priya',
  'Chen',
  'Fatima',
  'Luca',
  'Ana',
  'Kwame',
  'Sofia',
  'Ivan',
  'Mei',
  'Yusuf',
  'Elena',
  'Tariq',
  'Nadia',
];
export const LAST = [
  'Doe',
  'Haddad',
  'Sharma',
  'Wei',
  'Okafor',
  'Rossi',
  'Silva',
  'Mensah',
  'Petrova',
  'Kim',
  'Nguyen',
  'Said',
  'Garcia',
  'Novak',
];
export const DAY = 86_400;
export const EPOCH_2023 = 1_672_531_200;
