import { XMLBuilder } from 'fast-xml-parser';
import type { Granularity } from '../dto.js';
import type { SimRecord } from './dataset.js';

/**
 * OAI-PMH 2.0 response documents as the protocol's XML schema has them (§3.2): the OAI-PMH root in its
 * namespace with the schemaLocation, responseDate, the echoed request, then the verb's element or errors.
 * Built with fast-xml-parser's builder, which escapes text and attributes.
 */
const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const METADATA_FORMATS = {
  oai_dc: {
    schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
    namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  },
  lom: { schema: 'http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd', namespace: 'http://ltsc.ieee.org/xsd/LOM' },
} as const;
export type SimFormat = keyof typeof METADATA_FORMATS;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  suppressEmptyNode: true,
});

type XmlObject = Record<string, unknown>;

/** An instant in the repository's granularity (§3.3). */
export function utc(ms: number, granularity: Granularity = 'YYYY-MM-DDThh:mm:ssZ'): string {
  const iso = new Date(ms).toISOString();
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/**
 * The whole response. `request` holds the arguments to echo as attributes; after badVerb or badArgument
 * they must be left out (§3.2, "request" element), so callers pass null.
 */
export function oaiDocument(
  baseUrl: string,
  now: number,
  request: Readonly<Record<string, string>> | null,
  body: XmlObject,
): string {
  const attributes = Object.fromEntries(Object.entries(request ?? {}).map(([k, v]) => [`@_${k}`, v]));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'OAI-PMH': {
      '@_xmlns': OAI_NS,
      '@_xmlns:xsi': XSI_NS,
      '@_xsi:schemaLocation': `${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
      responseDate: utc(now),
      request: { ...attributes, '#text': baseUrl },
      ...body,
    },
  }) as string;
}

export function header(record: SimRecord, granularity: Granularity): XmlObject {
  return {
    ...(record.deleted ? { '@_status': 'deleted' } : {}),
    identifier: record.identifier,
    datestamp: utc(record.datestamp, granularity),
    setSpec: [...record.sets],
  };
}

function dublinCore(record: SimRecord): XmlObject {
  return {
    'oai_dc:dc': {
      '@_xmlns:oai_dc': METADATA_FORMATS.oai_dc.namespace,
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:xsi': XSI_NS,
      '@_xsi:schemaLocation': `${METADATA_FORMATS.oai_dc.namespace} ${METADATA_FORMATS.oai_dc.schema}`,
      'dc:title': { '@_xml:lang': record.language, '#text': record.title },
      'dc:description': { '@_xml:lang': record.language, '#text': record.description },
      'dc:subject': record.subjects.map((s) => ({ '#text': s })),
      'dc:type': record.type,
      'dc:identifier': [record.url, record.identifier],
      'dc:language': record.language,
      'dc:rights': record.rights,
    },
  };
}

const langString = (value: string, language: string) => ({ string: { '@_language': language, '#text': value } });
const vocabulary = (value: string) => ({ source: 'LOMv1.0', value });

/** IEEE LOM in its XML binding (default namespace), with the SDGs as a classification by UN SDG IRIs. */
function lom(record: SimRecord): XmlObject {
  const keywords = record.subjects.filter((s) => !record.sdgs.some((g) => s.endsWith(String(g))));
  return {
    lom: {
      '@_xmlns': METADATA_FORMATS.lom.namespace,
      '@_xmlns:xsi': XSI_NS,
      '@_xsi:schemaLocation': `${METADATA_FORMATS.lom.namespace} ${METADATA_FORMATS.lom.schema}`,
      general: {
        identifier: [
          { catalog: 'URI', entry: record.url },
          { catalog: 'oai', entry: record.identifier },
        ],
        title: langString(record.title, record.language),
        language: record.language,
        description: langString(record.description, record.language),
        keyword: keywords.map((k) => langString(k, record.language)),
      },
      technical: { format: 'text/html', location: record.url },
      educational: {
        learningResourceType: vocabulary(record.type === 'MovingImage' ? 'video' : 'course'),
        ...(record.durationMinutes === null
          ? {}
          : {
              typicalLearningTime: {
                duration: `PT${Math.floor(record.durationMinutes / 60)}H${record.durationMinutes % 60}M`,
              },
            }),
        language: record.language,
      },
      rights: {
        cost: vocabulary('no'),
        copyrightAndOtherRestrictions: vocabulary('yes'),
        description: langString(record.rights, 'en'),
      },
      classification: {
        purpose: vocabulary('discipline'),
        taxonPath: {
          source: langString('UN Sustainable Development Goals', 'en'),
          taxon: record.sdgs.map((goal) => ({
            id: `http://metadata.un.org/sdg/${goal}`,
            entry: langString(`Goal ${goal}`, 'en'),
          })),
        },
      },
    },
  };
}

/** A `<record>`: header, and metadata unless the item is deleted (§2.5.1). */
export function recordXml(record: SimRecord, format: SimFormat, granularity: Granularity): XmlObject {
  if (record.deleted) return { header: header(record, granularity) };
  return {
    header: header(record, granularity),
    metadata: format === 'lom' ? lom(record) : dublinCore(record),
  };
}
