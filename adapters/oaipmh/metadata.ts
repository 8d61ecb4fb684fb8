import {
  DC_NS,
  type DcMetadataDto,
  type LangStringDto,
  LOM_NS,
  type LomMetadataDto,
  type LomTaxonDto,
  type MetadataDto,
  type MetadataFormatKind,
  OAI_DC_NS,
} from './dto.js';
import { child, children, childText, type XmlElement } from './xml.js';

/** The namespace that identifies each readable format, whatever prefix the repository calls it by. */
export const FORMAT_NAMESPACES: Readonly<Record<MetadataFormatKind, string>> = {
  lom: LOM_NS,
  oai_dc: OAI_DC_NS,
};

export function formatOfNamespace(namespace: string): MetadataFormatKind | null {
  // Some repositories advertise the LOM namespace with a trailing slash or the lomv1.0 path.
  const normalised = namespace.trim().replace(/\/+$/, '');
  if (normalised === LOM_NS || normalised === `${LOM_NS}/lomv1.0`) return 'lom';
  if (`${normalised}/` === OAI_DC_NS) return 'oai_dc';
  return null;
}

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.length > 0;

function dcStrings(root: XmlElement, name: string): LangStringDto[] {
  return children(root, name, DC_NS)
    .filter((e) => e.text.length > 0)
    .map((e) => ({ value: e.text, language: e.attrs['xml:lang'] ?? null }));
}

function readDc(root: XmlElement): DcMetadataDto {
  const plain = (name: string) => dcStrings(root, name).map((s) => s.value);
  return {
    format: 'oai_dc',
    title: dcStrings(root, 'title'),
    description: dcStrings(root, 'description'),
    subject: dcStrings(root, 'subject'),
    language: plain('language'),
    identifier: plain('identifier'),
    rights: plain('rights'),
    type: plain('type'),
  };
}

/** A LOM LangString: one or more `<string language="xx">` children. */
function lomStrings(element: XmlElement | undefined): LangStringDto[] {
  return children(element, 'string', LOM_NS)
    .filter((s) => s.text.length > 0)
    .map((s) => ({ value: s.text, language: s.attrs.language ?? null }));
}

const lomAll = (parent: XmlElement | undefined, name: string) => children(parent, name, LOM_NS);

function readTaxons(lom: XmlElement): LomTaxonDto[] {
  return lomAll(lom, 'classification').flatMap((classification) =>
    lomAll(classification, 'taxonPath').flatMap((path) => {
      const source = lomStrings(child(path, 'source', LOM_NS))[0]?.value ?? null;
      return lomAll(path, 'taxon').map((taxon) => ({
        source,
        id: childText(taxon, 'id', LOM_NS),
        entry: lomStrings(child(taxon, 'entry', LOM_NS)),
      }));
    }),
  );
}

function readLom(lom: XmlElement): LomMetadataDto {
  const general = child(lom, 'general', LOM_NS);
  const technical = child(lom, 'technical', LOM_NS);
  const educational = child(lom, 'educational', LOM_NS);
  const rights = child(lom, 'rights', LOM_NS);
  const vocabularyValues = (parent: XmlElement | undefined, name: string) =>
    lomAll(parent, name)
      .map((v) => childText(v, 'value', LOM_NS))
      .filter(present);
  return {
    format: 'lom',
    title: lomStrings(child(general, 'title', LOM_NS)),
    description: lomAll(general, 'description').flatMap(lomStrings),
    keyword: [...lomAll(general, 'keyword').flatMap(lomStrings)],
    language: [...lomAll(general, 'language'), ...lomAll(educational, 'language')].map((l) => l.text).filter(present),
    identifier: lomAll(general, 'identifier')
      .map((id) => ({ catalog: childText(id, 'catalog', LOM_NS), entry: childText(id, 'entry', LOM_NS) ?? '' }))
      .filter((id) => id.entry.length > 0),
    location: lomAll(technical, 'location')
      .map((l) => l.text)
      .filter(present),
    learningResourceType: vocabularyValues(educational, 'learningResourceType'),
    typicalLearningTime: childText(child(educational, 'typicalLearningTime', LOM_NS), 'duration', LOM_NS),
    rightsDescription: lomStrings(child(rights, 'description', LOM_NS)),
    taxon: readTaxons(lom),
  };
}

/**
 * Reads a record's `<metadata>` content in the format that was asked for. The root element's namespace
 * decides, not its prefix; anything else (a repository answering a different schema under the prefix)
 * is an unknown format, and the record is skipped by the caller.
 */
export function readMetadata(
  metadata: XmlElement,
  expected: MetadataFormatKind,
): { readonly value: MetadataDto } | { readonly unknown: string } {
  const root = metadata.children[0];
  if (!root) return { unknown: '(empty metadata element)' };
  if (expected === 'oai_dc' && root.name === 'dc' && root.ns === OAI_DC_NS) return { value: readDc(root) };
  if (expected === 'lom' && root.name === 'lom' && root.ns === LOM_NS) return { value: readLom(root) };
  return { unknown: `${root.ns ?? '(no namespace)'} ${root.name}` };
}
