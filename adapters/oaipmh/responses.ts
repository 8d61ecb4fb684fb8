import { LmsError, type UpstreamInfo } from '../core/errors.js';
import {
  type DeletedRecordPolicy,
  type Granularity,
  type IdentifyDto,
  type ListRecordsPageDto,
  type MetadataFormatDto,
  type MetadataFormatKind,
  OAI_NS,
  type RecordDto,
  type ResumptionTokenDto,
  type SkippedRecordDto,
} from './dto.js';
import { readMetadata } from './metadata.js';
import { child, children, childText, type XmlElement } from './xml.js';

// Verb bodies (§4) as DTOs. Envelope problems were handled by readEnvelope; these read one verb's element.

const DELETED_POLICIES: readonly DeletedRecordPolicy[] = ['no', 'transient', 'persistent'];
const GRANULARITIES: readonly Granularity[] = ['YYYY-MM-DD', 'YYYY-MM-DDThh:mm:ssZ'];

const oai = (parent: XmlElement | undefined, name: string) => childText(parent, name, OAI_NS);

export function readIdentify(body: XmlElement, responseDate: string, upstream?: UpstreamInfo): IdentifyDto {
  const deletedRecord = oai(body, 'deletedRecord') as DeletedRecordPolicy | null;
  const granularity = oai(body, 'granularity') as Granularity | null;
  const earliestDatestamp = oai(body, 'earliestDatestamp');
  const problems = [
    !deletedRecord || !DELETED_POLICIES.includes(deletedRecord) ? 'deletedRecord' : null,
    !granularity || !GRANULARITIES.includes(granularity) ? 'granularity' : null,
    !earliestDatestamp ? 'earliestDatestamp' : null,
  ].filter((p) => p !== null);
  if (problems.length > 0 || !deletedRecord || !granularity || !earliestDatestamp) {
    throw new LmsError('LMS_BAD_RESPONSE', `The repository's Identify answer lacks a valid ${problems.join(', ')}.`, {
      ...(upstream ? { upstream } : {}),
    });
  }
  return {
    repositoryName: oai(body, 'repositoryName') ?? '',
    baseUrl: oai(body, 'baseURL') ?? '',
    protocolVersion: oai(body, 'protocolVersion') ?? '',
    earliestDatestamp,
    deletedRecord,
    granularity,
    responseDate,
  };
}

export function readMetadataFormats(body: XmlElement): MetadataFormatDto[] {
  return children(body, 'metadataFormat', OAI_NS)
    .map((format) => ({
      metadataPrefix: oai(format, 'metadataPrefix') ?? '',
      schema: oai(format, 'schema') ?? '',
      metadataNamespace: oai(format, 'metadataNamespace') ?? '',
    }))
    .filter((format) => format.metadataPrefix.length > 0);
}

const integerOrNull = (value: string | undefined) => {
  if (value === undefined || !/^\d{1,12}$/.test(value)) return null;
  return Number(value);
};

function readToken(element: XmlElement | undefined): ResumptionTokenDto | null {
  if (!element) return null;
  return {
    value: element.text,
    expirationDate: element.attrs.expirationDate ?? null,
    completeListSize: integerOrNull(element.attrs.completeListSize),
    cursor: integerOrNull(element.attrs.cursor),
  };
}

export interface RecordLimits {
  /** Records whose content weighs more characters than this are skipped. */
  readonly maxRecordChars: number;
}

/** One `<record>`: a usable record, or a skip with its reason. */
export function readRecord(
  record: XmlElement,
  format: MetadataFormatKind,
  limits: RecordLimits,
): RecordDto | SkippedRecordDto {
  const header = child(record, 'header', OAI_NS);
  const identifier = oai(header, 'identifier');
  const datestamp = oai(header, 'datestamp');
  if (!identifier) return { identifier: null, reason: 'record header has no identifier' };
  if (!datestamp || Number.isNaN(Date.parse(datestamp))) {
    return { identifier, reason: 'record header has no valid datestamp' };
  }
  const setSpecs = children(header, 'setSpec', OAI_NS).map((s) => s.text);
  if (header?.attrs.status === 'deleted') return { identifier, datestamp, setSpecs, deleted: true, metadata: null };
  if (record.weight > limits.maxRecordChars) {
    return { identifier, reason: `record is larger than ${limits.maxRecordChars} characters` };
  }
  const metadata = child(record, 'metadata', OAI_NS);
  if (!metadata) return { identifier, reason: 'record has no metadata' };
  const read = readMetadata(metadata, format);
  if ('unknown' in read) return { identifier, reason: `metadata in an unknown format (${read.unknown})` };
  return { identifier, datestamp, setSpecs, deleted: false, metadata: read.value };
}

export const isSkipped = (value: RecordDto | SkippedRecordDto): value is SkippedRecordDto => 'reason' in value;

export function readListRecords(
  body: XmlElement,
  responseDate: string,
  format: MetadataFormatKind,
  limits: RecordLimits,
): ListRecordsPageDto {
  const items = children(body, 'record', OAI_NS).map((r) => readRecord(r, format, limits));
  return {
    responseDate,
    records: items.filter((item): item is RecordDto => !isSkipped(item)),
    skipped: items.filter(isSkipped),
    itemCount: items.length,
    resumptionToken: readToken(child(body, 'resumptionToken', OAI_NS)),
  };
}
