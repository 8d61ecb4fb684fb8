import { LmsError, type LmsErrorCode, type UpstreamInfo } from '../core/errors.js';
import { OAI_ERROR_CODES, OAI_NS, type OaiErrorCode } from './dto.js';
import { child, parseXml, type XmlElement, XmlSyntaxError } from './xml.js';

/** One OAI-PMH response: the verb's element, or the repository's error codes (§3.6). */
export type OaiEnvelope =
  | { readonly kind: 'ok'; readonly responseDate: string; readonly body: XmlElement }
  | { readonly kind: 'error'; readonly responseDate: string; readonly codes: readonly OaiErrorCode[] };

const bad = (message: string, upstream: UpstreamInfo | undefined, cause?: unknown) =>
  new LmsError('LMS_BAD_RESPONSE', message, {
    ...(upstream ? { upstream } : {}),
    ...(cause === undefined ? {} : { cause }),
  });

/**
 * Reads the `<OAI-PMH>` envelope around any verb's answer. Anything that is not well-formed XML in the OAI
 * 2.0 namespace with a `responseDate` is `LMS_BAD_RESPONSE` (an HTML error page served with HTTP 200 is
 * the common case). An unknown error code is a bad response too: the set of codes is closed.
 */
export function readEnvelope(text: string, verb: string, upstream?: UpstreamInfo): OaiEnvelope {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    const where = error instanceof XmlSyntaxError && error.line !== undefined ? ` (line ${error.line})` : '';
    throw bad(`The repository answered with XML that does not parse${where}.`, upstream, error);
  }
  if (root.name !== 'OAI-PMH' || root.ns !== OAI_NS) {
    throw bad('The repository answered with a document that is not an OAI-PMH 2.0 response.', upstream);
  }
  const responseDate = child(root, 'responseDate', OAI_NS)?.text ?? '';
  if (Number.isNaN(Date.parse(responseDate))) {
    throw bad('The repository answered without a valid responseDate.', upstream);
  }
  const errors = root.children.filter((c) => c.name === 'error' && c.ns === OAI_NS);
  if (errors.length > 0) {
    const codes = errors.map((e) => e.attrs.code ?? '');
    const unknown = codes.find((code) => !(OAI_ERROR_CODES as readonly string[]).includes(code));
    if (unknown !== undefined) throw bad('The repository answered with an error code outside OAI-PMH 2.0.', upstream);
    return { kind: 'error', responseDate, codes: codes as OaiErrorCode[] };
  }
  const body = child(root, verb, OAI_NS);
  if (!body) throw bad(`The repository answered without a ${verb} element.`, upstream);
  return { kind: 'ok', responseDate, body };
}

/**
 * OAI error codes as LmsErrors (§3.6). The repository's own error text is not kept: it is upstream body.
 * `noRecordsMatch` never gets here: for list verbs it means an empty list, and the client says so.
 */
const CODE_MAP: Readonly<Record<OaiErrorCode, { code: LmsErrorCode; message: string }>> = {
  badArgument: { code: 'LMS_BAD_REQUEST', message: 'The repository refused the request arguments (badArgument).' },
  badResumptionToken: {
    code: 'LMS_BAD_REQUEST',
    message: 'The repository no longer accepts the resumption token (badResumptionToken).',
  },
  badVerb: { code: 'LMS_BAD_REQUEST', message: 'The repository does not accept this OAI-PMH verb (badVerb).' },
  cannotDisseminateFormat: {
    code: 'LMS_UNSUPPORTED',
    message: 'The repository cannot disseminate the requested metadata format (cannotDisseminateFormat).',
  },
  idDoesNotExist: { code: 'LMS_NOT_FOUND', message: 'The repository has no item with this identifier.' },
  noRecordsMatch: { code: 'LMS_NOT_FOUND', message: 'No records match the request (noRecordsMatch).' },
  noMetadataFormats: {
    code: 'LMS_UNSUPPORTED',
    message: 'The repository offers no metadata format for this item (noMetadataFormats).',
  },
  noSetHierarchy: {
    code: 'LMS_UNSUPPORTED',
    message: 'The repository does not support sets (noSetHierarchy): remove `set` from the configuration.',
  },
};

export function oaiError(codes: readonly OaiErrorCode[], upstream?: UpstreamInfo): LmsError {
  const first = codes[0] ?? 'badArgument';
  const { code, message } = CODE_MAP[first];
  return new LmsError(code, message, { upstream: { ...(upstream ?? { method: 'GET', url: '' }), vendorCode: first } });
}

/** The OAI error code an LmsError came from, if any. */
export function oaiCodeOf(error: unknown): OaiErrorCode | undefined {
  const vendor = error instanceof LmsError ? error.upstream?.vendorCode : undefined;
  return (OAI_ERROR_CODES as readonly string[]).includes(vendor ?? '') ? (vendor as OaiErrorCode) : undefined;
}
