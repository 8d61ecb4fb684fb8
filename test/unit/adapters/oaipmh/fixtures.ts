import { readFileSync } from 'node:fs';
import type { ListRecordsPageDto, MetadataFormatKind } from '../../../../adapters/oaipmh/dto.js';
import { readEnvelope } from '../../../../adapters/oaipmh/envelope.js';
import { readListRecords } from '../../../../adapters/oaipmh/responses.js';

const FIXTURES = new URL('../../../../adapters/oaipmh/fixtures/', import.meta.url);

/** A documented OAI-PMH answer from `adapters/oaipmh/fixtures/<verb>.<case>.xml`, as text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`${name}.xml`, FIXTURES), 'utf8');
}

/** A ListRecords fixture read as the client reads it. */
export function listRecordsFixture(
  name: string,
  format: MetadataFormatKind,
  maxRecordChars = 200_000,
): ListRecordsPageDto {
  const envelope = readEnvelope(fixtureText(name), 'ListRecords');
  if (envelope.kind !== 'ok') throw new Error(`${name} is an error answer`);
  return readListRecords(envelope.body, envelope.responseDate, format, { maxRecordChars });
}
