/**
 * Licences as URIs, Creative Commons ones in their canonical form
 * (`https://creativecommons.org/licenses/by-sa/4.0/`, `https://creativecommons.org/publicdomain/zero/1.0/`).
 * Repositories put the licence in `dc:rights` or LOM `rights/description` as a URI (sometimes http://,
 * with a `deed.fr` or `legalcode` suffix) or as words ("CC BY-SA 4.0", "Creative Commons
 * Attribution-NonCommercial 4.0 International"). Regular expressions run on one rights string, not on XML.
 */
// Ported licences keep their jurisdiction: `3.0/igo/` (intergovernmental organisations, used across the UN
// system) or a two-letter country port. `deed.fr` and `legalcode` are pages of the licence, not ports.
const CC_URI =
  /^https?:\/\/(?:www\.)?creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)(?:\/(igo|[a-z]{2})(?=[/?#]|$))?/i;
const CC_SHORT = /\bcc[\s-]+(by(?:[\s-]+(?:nc|nd|sa)){0,2})[\s-]+(\d\.\d)(?:[\s-]+(igo)\b)?/i;
const CC_WORDS =
  /creative\s+commons\s+(attribution(?:[\s-]+(?:noncommercial|no\s*derivatives|noderivs|sharealike)){0,2})[\s-]+(\d\.\d)(?:[\s-]+(igo)\b)?/i;
const CC_ZERO = /\bcc0\b|\bcc[\s-]+zero\b/i;
const ANY_URI = /https?:\/\/[^\s<>"']+/i;

const WORD_CODES: Readonly<Record<string, string>> = {
  attribution: 'by',
  noncommercial: 'nc',
  noderivatives: 'nd',
  noderivs: 'nd',
  sharealike: 'sa',
};

const licenceUri = (kind: string, code: string, version: string, port: string | undefined) =>
  `https://creativecommons.org/${kind.toLowerCase()}/${code.toLowerCase()}/${version}/${port ? `${port.toLowerCase()}/` : ''}`;

/** The licence one rights statement names, or null. */
export function licenceOf(rights: string): string | null {
  const uri = ANY_URI.exec(rights)?.[0];
  const cc = uri ? CC_URI.exec(uri) : null;
  if (cc?.[1] && cc[2] && cc[3]) return licenceUri(cc[1], cc[2], cc[3], cc[4]);
  const short = CC_SHORT.exec(rights);
  if (short?.[1] && short[2]) return licenceUri('licenses', short[1].split(/[\s-]+/).join('-'), short[2], short[3]);
  const words = CC_WORDS.exec(rights);
  if (words?.[1] && words[2]) {
    const parts = words[1]
      .toLowerCase()
      .replace(/no\s*derivatives/, 'noderivatives')
      .split(/[\s-]+/)
      .map((word) => WORD_CODES[word] ?? word);
    return licenceUri('licenses', parts.join('-'), words[2], words[3]);
  }
  if (CC_ZERO.test(rights)) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  return uri ?? null;
}

/** The first Creative Commons licence among the statements, else the first other licence URI, else null. */
export function licenceOfAll(statements: readonly string[]): string | null {
  const found = statements.map(licenceOf).filter((l): l is string => l !== null);
  return found.find((l) => l.startsWith('https://creativecommons.org/')) ?? found[0] ?? null;
}
