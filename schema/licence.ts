/**
 * The `licence` course filter (`courses(filter: { licence })`), answered by every agency the same way:
 * - a licence URI matches that licence exactly, whatever the spelling of the URI (http or https, `www.`,
 *   trailing slash, a `deed.fr` or `legalcode` page of it): `https://creativecommons.org/licenses/by-sa/4.0/`;
 * - a Creative Commons code matches every version and port of it: `by`, `by-sa`, `by-nc`, `by-nd`,
 *   `by-nc-sa`, `by-nc-nd`, `cc0` (case-insensitive, `cc-` prefix allowed: `CC-BY-SA`);
 * - `cc` matches any Creative Commons licence or dedication.
 * Courses without a licence never match.
 */
const CC_CODES = new Set(['by', 'by-sa', 'by-nc', 'by-nd', 'by-nc-sa', 'by-nc-nd', 'cc0']);
const CC_PATH = /^creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)(?:\/(igo|[a-z]{2}))?$/;

export type LicenceWanted =
  | { readonly kind: 'uri'; readonly uri: string }
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'anyCreativeCommons' };

/** A licence URI in one spelling: lower-case host without `www.`, no scheme, no page suffix or slash. */
export function canonicalLicenceUri(uri: string): string {
  const trimmed = uri
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/[?#].*$/, '');
  const [host = '', ...rest] = trimmed.split('/');
  const path = rest
    .join('/')
    .replace(/\/(?:deed\.[a-z-]+|legalcode(?:\.[a-z-]+)?)\/?$/i, '')
    .replace(/\/+$/, '');
  return `${host.toLowerCase().replace(/^www\./, '')}/${path}`.toLowerCase();
}

/** The Creative Commons code of a licence URI (`by-sa`, `cc0`), or null for any other licence. */
function ccCode(uri: string): string | null {
  const match = CC_PATH.exec(canonicalLicenceUri(uri));
  if (!match) return null;
  return match[1] === 'publicdomain' ? (match[2] === 'zero' ? 'cc0' : match[2]!) : match[2]!;
}

/** Reads the filter value; null when it is neither a URI nor a known code (a BAD_USER_INPUT). */
export function parseLicenceFilter(value: string): LicenceWanted | null {
  const text = value.trim();
  if (/^https?:\/\/\S+$/i.test(text)) return { kind: 'uri', uri: canonicalLicenceUri(text) };
  const code = text.toLowerCase().replace(/^cc-(?=by)/, '');
  if (code === 'cc') return { kind: 'anyCreativeCommons' };
  return CC_CODES.has(code) ? { kind: 'code', code } : null;
}

export const LICENCE_FILTER_HELP =
  '`licence` takes a licence URI, a Creative Commons code (by, by-sa, by-nc, by-nd, by-nc-sa, by-nc-nd, cc0), or `cc` for any Creative Commons licence.';

export function licenceMatches(licence: string | null | undefined, wanted: LicenceWanted): boolean {
  if (!licence) return false;
  switch (wanted.kind) {
    case 'uri':
      return canonicalLicenceUri(licence) === wanted.uri;
    case 'code':
      return ccCode(licence) === wanted.code;
    case 'anyCreativeCommons':
      return ccCode(licence) !== null;
  }
}
