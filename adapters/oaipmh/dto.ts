/**
 * OAI-PMH 2.0 answers as plain, JSON-safe data (they are cached as the harvested snapshot). Shapes follow
 * the protocol specification (openarchives.org/OAI/2.0/openarchivesprotocol.htm, §3–4), the `oai_dc`
 * schema (§5) and IEEE 1484.12.1 LOM in its XML binding (IEEE 1484.12.3, namespace
 * http://ltsc.ieee.org/xsd/LOM).
 */

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';

/** The metadata formats this adapter reads, richest first. */
export type MetadataFormatKind = 'lom' | 'oai_dc';

/** The closed set of OAI-PMH error codes (§3.6). */
export const OAI_ERROR_CODES = [
  'badArgument',
  'badResumptionToken',
  'badVerb',
  'cannotDisseminateFormat',
  'idDoesNotExist',
  'noRecordsMatch',
  'noMetadataFormats',
  'noSetHierarchy',
] as const;
export type OaiErrorCode = (typeof OAI_ERROR_CODES)[number];

/** `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (§3.3): the finest `from`/`until` the repository accepts. */
export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
/** Whether deletions are reported (§2.5.1): never, maybe for a while, or for ever. */
export type DeletedRecordPolicy = 'no' | 'transient' | 'persistent';

export interface IdentifyDto {
  readonly repositoryName: string;
  readonly baseUrl: string;
  readonly protocolVersion: string;
  readonly earliestDatestamp: string;
  readonly deletedRecord: DeletedRecordPolicy;
  readonly granularity: Granularity;
  readonly responseDate: string;
}

export interface MetadataFormatDto {
  readonly metadataPrefix: string;
  readonly schema: string;
  readonly metadataNamespace: string;
}

/** A string with its language (`xml:lang` in oai_dc, `language` on LOM `string`). */
export interface LangStringDto {
  readonly value: string;
  readonly language: string | null;
}

/** Unqualified Dublin Core: every element is optional and repeatable. */
export interface DcMetadataDto {
  readonly format: 'oai_dc';
  readonly title: readonly LangStringDto[];
  readonly description: readonly LangStringDto[];
  readonly subject: readonly LangStringDto[];
  readonly language: readonly string[];
  readonly identifier: readonly string[];
  readonly rights: readonly string[];
  readonly type: readonly string[];
}

export interface LomTaxonDto {
  /** The classification's `taxonPath/source`, e.g. "UN Sustainable Development Goals". */
  readonly source: string | null;
  readonly id: string | null;
  readonly entry: readonly LangStringDto[];
}

/** The LOM elements a catalogue needs (general, technical, educational, rights, classification). */
export interface LomMetadataDto {
  readonly format: 'lom';
  readonly title: readonly LangStringDto[];
  readonly description: readonly LangStringDto[];
  readonly keyword: readonly LangStringDto[];
  readonly language: readonly string[];
  readonly identifier: readonly { readonly catalog: string | null; readonly entry: string }[];
  readonly location: readonly string[];
  readonly learningResourceType: readonly string[];
  /** ISO 8601 duration, e.g. `PT2H30M`. */
  readonly typicalLearningTime: string | null;
  readonly rightsDescription: readonly LangStringDto[];
  readonly taxon: readonly LomTaxonDto[];
}

export type MetadataDto = DcMetadataDto | LomMetadataDto;

export interface RecordDto {
  readonly identifier: string;
  /** As the repository wrote it, in its granularity. */
  readonly datestamp: string;
  readonly setSpecs: readonly string[];
  /** `header status="deleted"`: the item is gone; there is no metadata. */
  readonly deleted: boolean;
  readonly metadata: MetadataDto | null;
}

/** A record the adapter could not use, with why: logged and counted, never a failed page. */
export interface SkippedRecordDto {
  readonly identifier: string | null;
  readonly reason: string;
}

export interface ResumptionTokenDto {
  /** Empty on the last page of a list (§3.5). */
  readonly value: string;
  readonly expirationDate: string | null;
  readonly completeListSize: number | null;
  /** Position of this page's first item in the complete list, from 0. */
  readonly cursor: number | null;
}

export interface ListRecordsPageDto {
  readonly responseDate: string;
  readonly records: readonly RecordDto[];
  readonly skipped: readonly SkippedRecordDto[];
  /** Items on this page, readable or not: what the next page's `cursor` should have advanced by. */
  readonly itemCount: number;
  /** Null when the element is absent (the list ended, or the repository omitted it). */
  readonly resumptionToken: ResumptionTokenDto | null;
}
