/**
 * The external learning platforms the simulator issues credentials for, and their seeded achievements.
 *
 * What follows the platforms' public documentation (credentials-and-platforms.md §2) and what is assumed:
 * - None of the three publishes an Open Badges 3.0 issuing API. Coursera certificates are web pages and
 *   PDFs (some professional certificates are badged through Credly); edX certificates are PDF/HTML records
 *   (`/api/certificates/v0`: `certificate_type` honor | verified | professional); LinkedIn Learning gives
 *   certificates of completion. The OB 3.0 credentials here are therefore ASSUMED shapes: what each platform
 *   would issue if it issued OB 3.0, built from the identifiers it does document.
 * - Achievement ids use each platform's documented identifiers, so they are stable across runs: Coursera's
 *   public course URL (`https://www.coursera.org/learn/<slug>`), the edX course key inside its about-page URL
 *   (`course-v1:<org>+<number>+<run>`), and LinkedIn Learning's course URN (`urn:li:lyndaCourse:<id>`,
 *   learn.microsoft.com …/reference/learningassets).
 * - `hours` is the course length each platform advertises; it goes into OB 3.0 `creditsAvailable` ("credit
 *   hours associated with this entity"), the only OB 3.0 field for it (assumed use).
 * - The courses themselves are invented, on SDG topics, for the sandbox.
 */
export interface SeededAchievement {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** OB 3.0 AchievementType (common_credentials §AchievementType). */
  readonly achievementType: 'CertificateOfCompletion' | 'Certificate' | 'LearningProgram' | 'MicroCredential';
  /** Platform's own code for the course (edX course key, LinkedIn URN id, Coursera slug). */
  readonly humanCode: string;
  readonly hours: number;
  readonly sdgs: readonly number[];
  readonly language: string;
}

export interface PlatformProvider {
  /** URL path segment and did:web path: `did:web:<host>:providers:<slug>`. */
  readonly slug: string;
  readonly name: string;
  readonly url: string;
  readonly achievements: readonly SeededAchievement[];
}

export const PLATFORM_PROVIDERS: readonly PlatformProvider[] = [
  {
    slug: 'coursera',
    name: 'Coursera (simulated)',
    url: 'https://www.coursera.org',
    achievements: [
      {
        id: 'https://www.coursera.org/learn/climate-action-foundations',
        name: 'Climate Action: Foundations',
        description: 'Science, policy and finance of climate action under the Paris Agreement.',
        achievementType: 'CertificateOfCompletion',
        humanCode: 'climate-action-foundations',
        hours: 14,
        sdgs: [13],
        language: 'en',
      },
      {
        id: 'https://www.coursera.org/learn/data-protection-essentials',
        name: 'Data Protection Essentials',
        description: 'Personal data protection principles and their application in organisations.',
        achievementType: 'CertificateOfCompletion',
        humanCode: 'data-protection-essentials',
        hours: 8,
        sdgs: [16],
        language: 'en',
      },
      {
        id: 'https://www.coursera.org/professional-certificates/project-management-for-development',
        name: 'Project Management for Development',
        description: 'A professional certificate in managing development projects.',
        achievementType: 'Certificate',
        humanCode: 'project-management-for-development',
        hours: 120,
        sdgs: [8, 17],
        language: 'en',
      },
    ],
  },
  {
    slug: 'edx',
    name: 'edX (simulated)',
    url: 'https://www.edx.org',
    achievements: [
      {
        id: 'https://courses.edx.org/courses/course-v1:SDGAcademyX+WATER101+2024_T1/about',
        name: 'Water and Sanitation for All',
        description: 'Managing water resources and sanitation services sustainably.',
        achievementType: 'CertificateOfCompletion',
        humanCode: 'course-v1:SDGAcademyX+WATER101+2024_T1',
        hours: 24,
        sdgs: [6],
        language: 'en',
      },
      {
        id: 'https://courses.edx.org/courses/course-v1:UNx+GENDER201+2024_T2/about',
        name: 'Gender Equality in Practice',
        description: 'Mainstreaming gender equality in programmes and policies.',
        achievementType: 'CertificateOfCompletion',
        humanCode: 'course-v1:UNx+GENDER201+2024_T2',
        hours: 18,
        sdgs: [5],
        language: 'fr',
      },
    ],
  },
  {
    slug: 'linkedin-learning',
    name: 'LinkedIn Learning (simulated)',
    url: 'https://www.linkedin.com/learning',
    achievements: [
      {
        id: 'urn:li:lyndaCourse:563322',
        name: 'Leading Remote Teams',
        description: 'Practices for leading distributed teams.',
        achievementType: 'CertificateOfCompletion',
        humanCode: '563322',
        hours: 2,
        sdgs: [8],
        language: 'en',
      },
      {
        id: 'urn:li:lyndaCourse:2827014',
        name: 'Negotiation Foundations',
        description: 'Preparing for and conducting principled negotiations.',
        achievementType: 'CertificateOfCompletion',
        humanCode: '2827014',
        hours: 1,
        sdgs: [16, 17],
        language: 'es',
      },
    ],
  },
];
