import type { z } from 'zod';
import { CostModel, CourseFormat, CourseVisibility } from '../../schema/model/enums.js';
import type { CourseRecord } from '../core/records.js';
import type { PlatformApi } from './config.js';
import {
  type CourseraCourseDto,
  courseraCourseSchema,
  type EdxCourseDto,
  edxCourseSchema,
  type LinkedInAssetDto,
  linkedInAssetSchema,
} from './dto.js';
import { sdgsMentioned } from './sdg.js';
import { weeksBetween, workloadMinutes } from './workload.js';

/** What a mapper needs besides the element: the agency's settings and what the page linked. */
export interface MapContext {
  readonly api: PlatformApi;
  readonly baseUrl: string;
  /** The configured cost model; else the platform's documented one. */
  readonly costModel: CostModel | undefined;
  /** edX: the catalogue's language (the course list has none). */
  readonly language: string | null;
  /** Coursera partner names by id (`linked["partners.v1"]`). */
  readonly partners: Readonly<Record<string, string>>;
}

export type MappedCourse = { readonly course: CourseRecord } | { readonly skipped: string };

/**
 * How each platform charges, as it documents it: Coursera and edX let anyone follow most courses for free
 * and sell the certificate ("audit"); LinkedIn Learning is licensed by subscription. Per course prices are
 * not in these catalogue APIs, so this is the platform's model (ASSUMED per course; override with
 * `costModel` in the agency config).
 */
const DEFAULT_COST: Readonly<Record<PlatformApi, CostModel>> = {
  coursera: CostModel.FREE_TO_AUDIT,
  edx: CostModel.FREE_TO_AUDIT,
  'linkedin-learning': CostModel.SUBSCRIPTION,
};

const MAX_TOPICS = 20;
const MAX_TEXT = 20_000;

const plain = (html: string | null | undefined): string | null => {
  const text = (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, MAX_TEXT) : null;
};

/** Language codes as BCP 47: `en`, `zh-CN`, `pt_BR` → `pt-BR`. */
function bcp47(language: string | null | undefined, country?: string): string | null {
  const match = /^([a-z]{2,3})(?:[-_]([A-Za-z0-9]{2,8}))?$/i.exec(language?.trim() ?? '');
  if (!match) return null;
  const region = match[2] ?? country;
  return region
    ? `${match[1]!.toLowerCase()}-${region.length === 2 ? region.toUpperCase() : region}`
    : match[1]!.toLowerCase();
}

const date = (value: string | number | null | undefined): Date | null => {
  if (value === null || value === undefined) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

const httpUrl = (value: string | undefined): string | null => (value && /^https?:\/\/\S+$/i.test(value) ? value : null);

const words = (slug: string) => slug.replace(/[-_]+/g, ' ').trim();

function base(context: MapContext) {
  return {
    costModel: context.costModel ?? DEFAULT_COST[context.api],
    licence: null,
    updatedAt: null,
    startsAt: null,
    endsAt: null,
  };
}

function courseraCourse(dto: CourseraCourseDto, context: MapContext): CourseRecord {
  const summary = plain(dto.description);
  const partners = (dto.partnerIds ?? []).map((id) => context.partners[id]).filter((n): n is string => !!n);
  const domains = (dto.domainTypes ?? []).flatMap((d) => [d.subdomainId, d.domainId]).filter((d): d is string => !!d);
  return {
    ...base(context),
    localId: dto.id,
    sourceId: dto.slug,
    title: dto.name.trim(),
    summary,
    language: bcp47(dto.primaryLanguages?.[0]),
    sdgs: sdgsMentioned([dto.name, summary]),
    topics: [...new Set(domains.map(words))].slice(0, MAX_TOPICS),
    // `v1.session` courses run on a schedule with a cohort; `v2.ondemand` ones are self-paced.
    format: dto.courseType === 'v1.session' ? CourseFormat.INSTRUCTOR_LED : CourseFormat.SELF_PACED,
    durationMinutes: workloadMinutes(dto.workload),
    // The public course page (credentials-and-platforms.md §2.1 and the platform's achievement ids).
    url: `https://www.coursera.org/learn/${encodeURIComponent(dto.slug)}`,
    visibility: CourseVisibility.PUBLIC,
    provider: partners.length > 0 ? partners.join(', ') : null,
  };
}

function edxCourse(dto: EdxCourseDto, context: MapContext): CourseRecord {
  const summary = plain(dto.short_description);
  return {
    ...base(context),
    localId: dto.id,
    sourceId: dto.id,
    title: dto.name.trim(),
    summary,
    language: context.language,
    sdgs: sdgsMentioned([dto.name, summary]),
    topics: [],
    format: dto.pacing === 'instructor' ? CourseFormat.INSTRUCTOR_LED : CourseFormat.SELF_PACED,
    durationMinutes: workloadMinutes(dto.effort, weeksBetween(dto.start, dto.end)),
    // The course's about page, `/courses/<course key>/about` on the LMS.
    url: `${context.baseUrl}/courses/${dto.id}/about`,
    startsAt: date(dto.start),
    endsAt: date(dto.end),
    visibility: dto.hidden ? CourseVisibility.HIDDEN : CourseVisibility.PUBLIC,
    // The organisation key (`SDGAcademyX`); its display name is not in the course list.
    provider: dto.org?.trim() || null,
  };
}

const SECONDS: Readonly<Record<string, number>> = { SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86_400 };

function linkedInCourse(dto: LinkedInAssetDto, context: MapContext): CourseRecord {
  const details = dto.details;
  const summary = plain(details.shortDescription?.value ?? details.description?.value);
  const classifications = (details.classifications ?? []).map((c) => c.associatedClassification.name.value.trim());
  const time = details.timeToComplete;
  const seconds = time && SECONDS[time.unit] !== undefined ? time.duration * SECONDS[time.unit]! : null;
  const locale = dto.title.locale;
  return {
    ...base(context),
    localId: dto.urn.slice(dto.urn.lastIndexOf(':') + 1),
    sourceId: dto.urn,
    title: dto.title.value.trim(),
    summary,
    language: bcp47(locale?.language, locale?.country),
    sdgs: sdgsMentioned([dto.title.value, summary, ...classifications]),
    topics: [...new Set(classifications.filter(Boolean))].slice(0, MAX_TOPICS),
    format:
      dto.type === 'COURSE'
        ? CourseFormat.VIDEO
        : dto.type === 'LEARNING_PATH'
          ? CourseFormat.CURRICULUM
          : CourseFormat.OTHER,
    durationMinutes: seconds !== null && seconds > 0 ? Math.max(1, Math.round(seconds / 60)) : null,
    url: httpUrl(details.urls?.webLaunch),
    updatedAt: date(details.lastUpdatedAt ?? details.publishedAt),
    visibility: details.availability === 'RETIRED' ? CourseVisibility.HIDDEN : CourseVisibility.PUBLIC,
    provider: 'LinkedIn Learning',
  };
}

const skippedBy = (error: z.ZodError): MappedCourse => {
  const issue = error.issues[0];
  return { skipped: `${issue?.path.join('.') || 'element'}: ${issue?.message ?? 'unreadable'}` };
};

/** One catalogue element as a course, or the reason it cannot be one (the walk keeps its page). */
export function mapElement(element: unknown, context: MapContext): MappedCourse {
  switch (context.api) {
    case 'coursera': {
      const parsed = courseraCourseSchema.safeParse(element);
      return parsed.success ? { course: courseraCourse(parsed.data, context) } : skippedBy(parsed.error);
    }
    case 'edx': {
      const parsed = edxCourseSchema.safeParse(element);
      return parsed.success ? { course: edxCourse(parsed.data, context) } : skippedBy(parsed.error);
    }
    case 'linkedin-learning': {
      const parsed = linkedInAssetSchema.safeParse(element);
      return parsed.success ? { course: linkedInCourse(parsed.data, context) } : skippedBy(parsed.error);
    }
  }
}
