import { createPrng } from '../../core/sandboxData.js';
import { CATALOGUE_TOPICS, WORKLOADS } from './catalogueTopics.js';

/** The three simulated platforms, by the path of their catalogue API. */
export type SimPlatform = 'coursera' | 'edx' | 'linkedin-learning';
export const SIM_PLATFORMS: readonly SimPlatform[] = ['coursera', 'edx', 'linkedin-learning'];

/** Elements exactly as each API answers them (JSON objects), in catalogue order. */
export type SimElement = Record<string, unknown>;

export interface SimCatalogues {
  readonly coursera: SimElement[];
  readonly edx: SimElement[];
  readonly 'linkedin-learning': SimElement[];
  /** Coursera partners (`partners.v1`), by id. */
  readonly partners: ReadonlyMap<string, string>;
}

/** The key each API identifies an element by (Coursera/edX `id`, LinkedIn `urn`). */
export const keyOf = (platform: SimPlatform, element: SimElement): string =>
  String(platform === 'linkedin-learning' ? element.urn : element.id);

const COURSERA_PARTNERS: ReadonlyArray<readonly [string, string]> = [
  ['101', 'University of Geneva'],
  ['102', 'UNITAR'],
  ['103', 'Universidad Nacional Autónoma de México'],
  ['104', 'Peking University'],
];
const EDX_ORGS = ['SDGAcademyX', 'UNx', 'UNITARx', 'HarvardX'] as const;
const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 8);

/**
 * Courses that the platform simulator's credential side (adapters/platform/simulator, issue 14) issues
 * achievements for, under the same identifiers, so a recognised credential and its catalogue course meet.
 */
const KNOWN = {
  coursera: [
    [
      'climate-action-foundations',
      'Climate Action: Foundations',
      'Science, policy and finance of climate action under the Paris Agreement (SDG 13).',
    ],
    [
      'data-protection-essentials',
      'Data Protection Essentials',
      'Personal data protection principles and their application in organisations (SDG 16).',
    ],
  ],
  edx: [
    [
      'course-v1:SDGAcademyX+WATER101+2024_T1',
      'Water and Sanitation for All',
      'Managing water resources and sanitation services sustainably (SDG 6).',
    ],
    [
      'course-v1:UNx+GENDER201+2024_T2',
      'Gender Equality in Practice',
      'Mainstreaming gender equality in programmes and policies (SDG 5).',
    ],
  ],
  linkedin: [
    ['563322', 'Leading Remote Teams', 'Practices for leading distributed teams.', 'en'],
    [
      '2827014',
      'Negotiation Foundations',
      'Preparing for and conducting principled negotiations (SDG 16, SDG 17).',
      'es',
    ],
  ],
} as const;

const LINKEDIN_LOCALES: Readonly<Record<string, readonly [string, string]>> = {
  en: ['en', 'US'],
  fr: ['fr', 'FR'],
  es: ['es', 'ES'],
  'zh-CN': ['zh', 'CN'],
};

/** An opaque Coursera-style id (22 characters of base64url), deterministic by seed and position. */
function opaqueId(rand: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length: 22 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
}

function coursera(rand: () => number): SimElement[] {
  const courses: SimElement[] = KNOWN.coursera.map(([slug, name, description], i) => ({
    id: opaqueId(rand),
    slug,
    courseType: 'v2.ondemand',
    name,
    description,
    workload: WORKLOADS[i % WORKLOADS.length],
    primaryLanguages: ['en'],
    partnerIds: ['102'],
    domainTypes: [{ domainId: 'social-sciences', subdomainId: 'governance-and-society' }],
  }));
  for (const topic of CATALOGUE_TOPICS) {
    for (const [language, [name, description]] of Object.entries(topic.text)) {
      courses.push({
        id: opaqueId(rand),
        slug: `${topic.slug}-${language.toLowerCase()}`,
        courseType: rand() < 0.15 ? 'v1.session' : 'v2.ondemand',
        name,
        description,
        workload: WORKLOADS[Math.floor(rand() * WORKLOADS.length)],
        primaryLanguages: [language],
        partnerIds: [COURSERA_PARTNERS[Math.floor(rand() * COURSERA_PARTNERS.length)]![0]],
        domainTypes: [{ domainId: topic.domain }],
      });
    }
  }
  return courses;
}

function edx(rand: () => number): SimElement[] {
  const run = (start: number, weeks: number, pacing: 'self' | 'instructor') => ({
    start: new Date(start).toISOString().replace('.000', ''),
    end: new Date(start + weeks * 7 * DAY).toISOString().replace('.000', ''),
    pacing,
  });
  const courses: SimElement[] = KNOWN.edx.map(([id, name, description], i) => ({
    id,
    course_id: id,
    name,
    number: id.split('+')[1],
    org: id.slice('course-v1:'.length).split('+')[0],
    short_description: description,
    effort: i === 0 ? '3-4 hours per week' : '5:00',
    ...run(EPOCH + i * 30 * DAY, 6, 'self'),
    hidden: false,
    invitation_only: false,
    mobile_available: true,
    media: { course_image: { uri: `/asset-v1:${id.slice(10)}+type@asset+block@course_image.jpg` } },
  }));
  let number = 100;
  for (const topic of CATALOGUE_TOPICS) {
    for (const [language, [name, description]] of Object.entries(topic.text)) {
      if (language === 'zh-CN' || language === 'ru') continue;
      number += 1;
      const org = EDX_ORGS[Math.floor(rand() * EDX_ORGS.length)]!;
      const id = `course-v1:${org}+${topic.slug.slice(0, 4).toUpperCase()}${number}+2024_T${1 + Math.floor(rand() * 3)}`;
      courses.push({
        id,
        course_id: id,
        name,
        number: `${topic.slug.slice(0, 4).toUpperCase()}${number}`,
        org,
        short_description: description,
        effort: rand() < 0.5 ? `${2 + Math.floor(rand() * 4)} hours per week` : `${1 + Math.floor(rand() * 5)}:30`,
        ...run(
          EPOCH + Math.floor(rand() * 300) * DAY,
          4 + Math.floor(rand() * 8),
          rand() < 0.3 ? 'instructor' : 'self',
        ),
        hidden: false,
        invitation_only: rand() < 0.1,
        mobile_available: true,
        media: { course_image: { uri: `/asset-v1:${id.slice(10)}+type@asset+block@course_image.jpg` } },
      });
    }
  }
  return courses;
}

function linkedIn(rand: () => number): SimElement[] {
  const asset = (id: string, name: string, description: string, language: string, seconds: number, at: number) => {
    const [lang, country] = LINKEDIN_LOCALES[language] ?? ['en', 'US'];
    const locale = { language: lang, country };
    return {
      urn: `urn:li:lyndaCourse:${id}`,
      type: 'COURSE',
      title: { value: name, locale },
      details: {
        shortDescription: { value: description, locale },
        description: { value: `${description} Includes exercise files and a quiz.`, locale },
        level: ['BEGINNER', 'INTERMEDIATE', 'ADVANCED'][Math.floor(rand() * 3)],
        availability: 'AVAILABLE',
        availableLocales: [locale],
        publishedAt: at,
        lastUpdatedAt: at + Math.floor(rand() * 200) * DAY,
        timeToComplete: { duration: seconds, unit: 'SECOND' },
        urls: { webLaunch: `https://www.linkedin.com/learning/course-${id}` },
        classifications: [
          {
            associatedClassification: {
              urn: `urn:li:lyndaCategory:${1000 + (Number(id) % 50)}`,
              type: 'SUBJECT',
              name: { value: 'Leadership and Management', locale },
            },
          },
        ],
      },
    };
  };
  const courses: SimElement[] = KNOWN.linkedin.map(([id, name, description, language], i) =>
    asset(id, name, description, language, 3_600 + i * 1_800, EPOCH + i * 40 * DAY),
  );
  let id = 3_000_000;
  for (const topic of CATALOGUE_TOPICS) {
    for (const [language, [name, description]] of Object.entries(topic.text)) {
      // LinkedIn Learning localises into 12 languages, not Arabic or Russian (§2.3).
      if (!(language in LINKEDIN_LOCALES)) continue;
      id += 1 + Math.floor(rand() * 900);
      courses.push(
        asset(
          String(id),
          name,
          description,
          language,
          1_200 + Math.floor(rand() * 10_000),
          EPOCH + Math.floor(rand() * 500) * DAY,
        ),
      );
    }
  }
  return courses;
}

/** The seeded catalogues of the three platforms (deterministic by seed). */
export function generateCatalogues(seed: number): SimCatalogues {
  const rand = createPrng(seed * 7919 + 13);
  return {
    coursera: coursera(rand),
    edx: edx(rand),
    'linkedin-learning': linkedIn(rand),
    partners: new Map(COURSERA_PARTNERS),
  };
}
