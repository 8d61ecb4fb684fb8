import { describe, expect, it } from 'vitest';
import {
  type MapContext,
  mapElement,
  sdgsMentioned,
  weeksBetween,
  workloadMinutes,
} from '../../../../adapters/platform/index.js';
import { CostModel, CourseFormat, CourseVisibility } from '../../../../schema/model/enums.js';
import { fixture } from './fixtures.js';

type Page = { elements?: unknown[]; results?: unknown[]; linked?: Record<string, Array<{ id: string; name: string }>> };

const context = (api: MapContext['api'], overrides: Partial<MapContext> = {}): MapContext => ({
  api,
  baseUrl: api === 'edx' ? 'https://courses.edx.org' : 'https://api.example.org',
  costModel: undefined,
  language: null,
  partners: {},
  ...overrides,
});

const courseOf = (element: unknown, ctx: MapContext) => {
  const mapped = mapElement(element, ctx);
  if (!('course' in mapped)) throw new Error(`skipped: ${mapped.skipped}`);
  return mapped.course;
};

describe('Coursera courses.v1 elements', () => {
  const page = fixture<Page>('coursera-courses.page1');
  const partners = Object.fromEntries((page.linked?.['partners.v1'] ?? []).map((p) => [p.id, p.name]));

  it('maps a course with its partner, language, link, workload and the goal it names', () => {
    const course = courseOf(page.elements?.[0], context('coursera', { partners }));
    expect(course).toMatchObject({
      localId: 'v1-3SJqEeWx2xJR_lvq1A',
      sourceId: 'climate-action-foundations',
      title: 'Climate Action: Foundations',
      language: 'en',
      sdgs: [13],
      topics: ['governance and society', 'social sciences'],
      format: CourseFormat.SELF_PACED,
      // 4 weeks × 2.5 hours
      durationMinutes: 600,
      url: 'https://www.coursera.org/learn/climate-action-foundations',
      visibility: CourseVisibility.PUBLIC,
      provider: 'UNITAR',
      costModel: CostModel.FREE_TO_AUDIT,
      licence: null,
    });
  });

  it('strips HTML, reads a Spanish ODS mention, keeps known partners only, and a session as instructor-led', () => {
    const course = courseOf(page.elements?.[1], context('coursera', { partners, costModel: CostModel.FREE }));
    expect(course.summary).toBe('Mitigación y adaptación para instituciones públicas (ODS 13).');
    expect(course.sdgs).toEqual([13]);
    expect(course.provider).toBe('Universidad Nacional Autónoma de México');
    expect(course.format).toBe(CourseFormat.INSTRUCTOR_LED);
    expect(course.durationMinutes).toBe(720);
    expect(course.costModel).toBe(CostModel.FREE);
  });

  it('skips an element without a name, with the reason', () => {
    const mapped = mapElement(fixture<Page>('coursera-courses.lastPage').elements?.[0], context('coursera'));
    expect(mapped).toEqual({ skipped: 'name: Required' });
  });
});

describe('Open edX course list elements', () => {
  const page = fixture<Page>('edx-courses.page1');

  it('maps the course key, organisation, about page, run dates and effort over the run', () => {
    const course = courseOf(page.results?.[0], context('edx', { language: 'en' }));
    expect(course).toMatchObject({
      localId: 'course-v1:SDGAcademyX+WATER101+2024_T1',
      title: 'Water and Sanitation for All',
      language: 'en',
      sdgs: [6],
      provider: 'SDGAcademyX',
      url: 'https://courses.edx.org/courses/course-v1:SDGAcademyX+WATER101+2024_T1/about',
      format: CourseFormat.SELF_PACED,
      // 3.5 hours a week over the six-week run
      durationMinutes: 1260,
      costModel: CostModel.FREE_TO_AUDIT,
    });
    expect(course.startsAt?.toISOString()).toBe('2024-01-22T00:00:00.000Z');
  });

  it('reads Studio hours:minutes as a total, instructor pacing, hidden courses, and no language when none is configured', () => {
    const course = courseOf(page.results?.[1], context('edx'));
    expect(course).toMatchObject({
      durationMinutes: 300,
      format: CourseFormat.INSTRUCTOR_LED,
      visibility: CourseVisibility.HIDDEN,
      language: null,
      summary: null,
      endsAt: null,
    });
  });
});

describe('LinkedIn Learning learningAssets elements', () => {
  it('maps the URN, locale, exact time to complete, launch URL, classifications and subscription model', () => {
    const asset = fixture<Page>('linkedin-learningAssets.page1').elements?.[0];
    expect(courseOf(asset, context('linkedin-learning'))).toMatchObject({
      localId: '563322',
      sourceId: 'urn:li:lyndaCourse:563322',
      title: 'Leading Remote Teams',
      summary: 'Practices for leading distributed teams.',
      language: 'en-US',
      sdgs: [17],
      topics: ['Leadership and Management', 'Partnerships for the Goals (SDG 17)'],
      format: CourseFormat.VIDEO,
      durationMinutes: 62,
      url: 'https://www.linkedin.com/learning/leading-remote-teams',
      provider: 'LinkedIn Learning',
      costModel: CostModel.SUBSCRIPTION,
    });
  });

  it('skips an asset whose URN is not one', () => {
    expect(
      mapElement(
        { urn: 'lyndaCourse 1', type: 'COURSE', title: { value: 'x' }, details: {} },
        context('linkedin-learning'),
      ),
    ).toEqual({
      skipped: 'urn: Invalid',
    });
  });
});

describe('workload text', () => {
  it.each([
    ['4 weeks of study, 2-3 hours/week', null, 600],
    ['Approx. 13 hours to complete', null, 780],
    ['3–5 hours per week', 6, 1440],
    ['3-5 hours per week', null, null],
    ['5:00', null, 300],
    ['90 minutes', null, 90],
    ['2 heures par semaine', 4, 480],
    ['self-paced', null, null],
    ['', null, null],
  ])('%s (weeks from dates: %s) → %s minutes', (text, weeks, minutes) => {
    expect(workloadMinutes(text, weeks)).toBe(minutes);
  });

  it('counts whole weeks between run dates', () => {
    expect(weeksBetween('2024-01-01T00:00:00Z', '2024-02-12T00:00:00Z')).toBe(6);
    expect(weeksBetween('2024-01-01', null)).toBeNull();
    expect(weeksBetween('2024-02-01', '2024-01-01')).toBeNull();
  });
});

describe('SDG mentions', () => {
  it('reads goals named in English, French and Spanish, and ignores themes without a number', () => {
    expect(sdgsMentioned(['Planning (SDG 8, SDG 17)', 'ODD 13', 'Objetivos de Desarrollo Sostenible 5 y 10'])).toEqual([
      5, 8, 10, 13, 17,
    ]);
    expect(sdgsMentioned(['Sustainable Development Goal 6', 'SDGs 4 and 5'])).toEqual([4, 5, 6]);
    expect(sdgsMentioned(['Climate change and water', 'SDG 18', null])).toEqual([]);
  });
});
