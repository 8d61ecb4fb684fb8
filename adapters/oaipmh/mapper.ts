import { CourseFormat, CourseVisibility } from '../../schema/model/enums.js';
import type { CourseRecord } from '../core/records.js';
import type { DcMetadataDto, LangStringDto, LomMetadataDto, RecordDto } from './dto.js';
import { firstLanguage, toBcp47 } from './language.js';
import { licenceOfAll } from './licence.js';
import { splitSubjects } from './sdg.js';

/**
 * A harvested open educational resource as a course. `licence` is not part of the canonical
 * `CourseRecord` yet (the schema change is a later step of issue 16): it rides along as an extra field.
 */
export interface OerCourseRecord extends CourseRecord {
  /** Licence URI; Creative Commons licences in canonical form. Null when the record states none. */
  readonly licence: string | null;
}

export type MappedRecord = { readonly course: OerCourseRecord } | { readonly skipped: string };

/** Global ids hold local ids of at most 200 characters (schema/globalId.ts). */
const MAX_LOCAL_ID = 200;
const MAX_TOPICS = 20;

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value.trim());

/** The string in the record's own language when there is one, else the first. */
function pick(strings: readonly LangStringDto[], language: string | null): string | null {
  const inLanguage = language
    ? strings.find((s) => toBcp47(s.language)?.split('-')[0] === language.split('-')[0])
    : null;
  return (inLanguage ?? strings[0])?.value ?? null;
}

/** ISO 8601 durations (`PT2H30M`, `P1DT2H`) in whole minutes; null when absent or unreadable. */
export function durationMinutes(value: string | null): number | null {
  const match = value ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim()) : null;
  if (!match || value === 'P' || value === 'PT') return null;
  const [, days, hours, minutes, seconds] = match;
  const total = Number(days ?? 0) * 1440 + Number(hours ?? 0) * 60 + Number(minutes ?? 0) + Number(seconds ?? 0) / 60;
  return total > 0 ? Math.round(total) : null;
}

function formatOf(types: readonly string[]): CourseFormat {
  const lowered = types.map((t) => t.toLowerCase());
  if (lowered.some((t) => t.includes('video') || t.includes('movingimage'))) return CourseFormat.VIDEO;
  if (lowered.some((t) => t.includes('course'))) return CourseFormat.SELF_PACED;
  return CourseFormat.OTHER;
}

interface Fields {
  readonly title: string | null;
  readonly summary: string | null;
  readonly language: string | null;
  readonly subjects: readonly string[];
  readonly url: string | null;
  readonly rights: readonly string[];
  readonly types: readonly string[];
  readonly durationMinutes: number | null;
}

function dcFields(dc: DcMetadataDto): Fields {
  const language = firstLanguage([...dc.language, ...dc.title.map((t) => t.language)]);
  return {
    title: pick(dc.title, language),
    summary: pick(dc.description, language),
    language,
    subjects: dc.subject.map((s) => s.value),
    url: dc.identifier.find(isHttpUrl)?.trim() ?? null,
    rights: dc.rights,
    types: dc.type,
    durationMinutes: null,
  };
}

function lomFields(lom: LomMetadataDto): Fields {
  const language = firstLanguage([...lom.language, ...lom.title.map((t) => t.language)]);
  const taxonSubjects = lom.taxon.flatMap((taxon) => {
    // An SDG taxonomy often carries the goal number as the taxon id and its name as the entry.
    const numbered = taxon.id && /^\d{1,2}$/.test(taxon.id) && /sdg|sustainable development/i.test(taxon.source ?? '');
    const fromId = numbered ? [`SDG ${taxon.id}`] : [];
    return [...fromId, ...(taxon.id && isHttpUrl(taxon.id) ? [taxon.id] : []), ...taxon.entry.map((e) => e.value)];
  });
  return {
    title: pick(lom.title, language),
    summary: pick(lom.description, language),
    language,
    subjects: [...lom.keyword.map((k) => k.value), ...taxonSubjects],
    url: lom.location.find(isHttpUrl) ?? lom.identifier.map((id) => id.entry).find(isHttpUrl) ?? null,
    rights: lom.rightsDescription.map((r) => r.value),
    types: lom.learningResourceType,
    durationMinutes: durationMinutes(lom.typicalLearningTime),
  };
}

/**
 * One harvested (not deleted) record as a course, or the reason it cannot be one. OER items are open by
 * definition, so they are PUBLIC; the datestamp is the last change the repository knows of.
 */
export function mapRecord(record: RecordDto): MappedRecord {
  if (record.deleted || !record.metadata) return { skipped: 'record is deleted' };
  if (record.identifier.length > MAX_LOCAL_ID) {
    return { skipped: `identifier is longer than ${MAX_LOCAL_ID} characters` };
  }
  const fields = record.metadata.format === 'lom' ? lomFields(record.metadata) : dcFields(record.metadata);
  if (!fields.title) return { skipped: 'record has no title' };
  const { sdgs, topics } = splitSubjects(fields.subjects);
  const updatedAt = new Date(record.datestamp);
  return {
    course: {
      localId: record.identifier,
      sourceId: record.identifier,
      title: fields.title,
      summary: fields.summary,
      language: fields.language,
      sdgs,
      topics: topics.slice(0, MAX_TOPICS),
      format: formatOf(fields.types),
      durationMinutes: fields.durationMinutes,
      url: fields.url,
      startsAt: null,
      endsAt: null,
      updatedAt: Number.isNaN(updatedAt.getTime()) ? null : updatedAt,
      visibility: CourseVisibility.PUBLIC,
      licence: licenceOfAll(fields.rights),
    },
  };
}
