import { ENTITY_ACTION, EntityDecoder } from '@nodable/entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A namespace-resolved XML element. OAI-PMH and its metadata formats are defined by namespace, not by the
 * prefix a repository happens to use (`oai_dc:dc`, `dc`, `lom:lom`, `lom` with a default namespace are all
 * seen in the wild), so elements are compared by local name and namespace URI.
 */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI, or null when the element is in no namespace (or uses an undeclared prefix). */
  readonly ns: string | null;
  /** Attributes by qualified name (`xml:lang` stays `xml:lang`); namespace declarations are left out. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Direct text content (CDATA included), whitespace collapsed. */
  readonly text: string;
  /** Characters of text, attribute values and names in this subtree: what a size cap measures. */
  readonly weight: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// preserveOrder keeps sibling order and gives one uniform node shape: { <tag>: children[], ':@': attrs }.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The predefined entities and numeric character references (fast-xml-parser leaves `&#233;` undecoded
  // unless its decoder allows them, and repositories use them for non-ASCII text). Entities declared in a
  // DOCTYPE are not expanded: OAI-PMH responses are XSD-validated documents that never need one, and
  // declared entities are the usual expansion attack. External entities make the parser throw.
  entityDecoder: new EntityDecoder({ numericAllowed: true, onInputEntity: () => ENTITY_ACTION.BLOCK }),
  maxNestedTags: 64,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (node: OrderedNode) => Object.keys(node).find((key) => key !== ':@');

function resolve(node: OrderedNode, tag: string, scope: ReadonlyMap<string, string>): XmlElement {
  const rawAttrs = node[':@'] ?? {};
  let inner = scope;
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
    } else {
      attrs[name] = value;
    }
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const name = colon < 0 ? tag : tag.slice(colon + 1);
  const ns = prefix === 'xml' ? XML_NS : (inner.get(prefix) ?? null);

  const children: XmlElement[] = [];
  const texts: string[] = [];
  let weight = name.length;
  for (const value of Object.values(attrs)) weight += value.length;
  for (const child of (node[tag] as OrderedNode[] | undefined) ?? []) {
    const childTag = tagOf(child);
    if (childTag === undefined || childTag === '#comment' || childTag.startsWith('?')) continue;
    if (childTag === '#text') {
      texts.push(String(child['#text']));
      continue;
    }
    const element = resolve(child, childTag, inner);
    weight += element.weight;
    children.push(element);
  }
  const text = texts.join('').replace(/\s+/g, ' ').trim();
  return { name, ns: ns || null, attrs, children, text, weight: weight + text.length };
}

/**
 * Parses a whole document into its namespace-resolved root element. The text is validated first: the
 * parser on its own accepts some malformed documents (mismatched end tags) without complaint.
 */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlSyntaxError(`XML does not parse: ${valid.err.msg}`, valid.err.line, valid.err.col);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new XmlSyntaxError(`XML does not parse: ${(error as Error).message}`, undefined, undefined);
  }
  const roots = nodes.filter((node) => {
    const tag = tagOf(node);
    return tag !== undefined && tag !== '#text' && tag !== '#comment' && !tag.startsWith('?') && !tag.startsWith('!');
  });
  const [root] = roots;
  const rootTag = root ? tagOf(root) : undefined;
  if (!root || !rootTag || roots.length !== 1) throw new XmlSyntaxError('XML has no single root element', 1, 1);
  return resolve(root, rootTag, new Map());
}

/** The first child with this local name (and namespace, when given). */
export function child(element: XmlElement | undefined, name: string, ns?: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** Every child with this local name (and namespace, when given). */
export function children(element: XmlElement | undefined, name: string, ns?: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns)) : [];
}

/** The direct text of the first child with this name, or null when absent or empty. */
export function childText(element: XmlElement | undefined, name: string, ns?: string): string | null {
  const found = child(element, name, ns);
  return found?.text ? found.text : null;
}
