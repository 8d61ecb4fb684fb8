/**
 * Text quirks of Moodle strings (lms-apis.md §1.4): multilang markup stored raw in titles and summaries,
 * HTML summaries, Moodle language codes. Pure functions, no I/O.
 */

interface Variant {
  readonly langs: readonly string[];
  readonly text: string;
}

// filter_multilang: `<span lang="en" class="multilang">…</span>`, attributes in either order, ' or ".
const SPAN = String.raw`<span\s+(?=[^>]*class=["']multilang["'])[^>]*lang=["']([\w-]+)["'][^>]*>([\s\S]*?)<\/span>`;
const SPAN_RUN = new RegExp(String.raw`(?:${SPAN}\s*)+`, 'gi');
// filter_multilang2: `{mlang en}…{mlang}`, with `{mlang en,fr}` lists and the `other` fallback.
const MLANG = String.raw`\{mlang\s+([\w\s,-]+?)\s*\}([\s\S]*?)\{mlang\}`;
const MLANG_RUN = new RegExp(String.raw`(?:${MLANG}\s*)+`, 'gi');

const normaliseLang = (lang: string): string => lang.trim().toLowerCase().replace(/-/g, '_');
const baseOf = (lang: string): string => normaliseLang(lang).split('_')[0] ?? '';

/** Picks one variant: exact language, then same base language (fr for fr_ca), then `other`, then the first. */
function pick(variants: readonly Variant[], wanted: string): string {
  const want = normaliseLang(wanted);
  const exact = variants.find((v) => v.langs.some((l) => normaliseLang(l) === want));
  const base = variants.find((v) => v.langs.some((l) => baseOf(l) === baseOf(want)));
  const other = variants.find((v) => v.langs.some((l) => normaliseLang(l) === 'other'));
  return (exact ?? base ?? other ?? variants[0])?.text ?? '';
}

function replaceRuns(text: string, run: RegExp, single: string, wanted: string, split: boolean): string {
  return text.replace(run, (block) => {
    const variants: Variant[] = [];
    for (const match of block.matchAll(new RegExp(single, 'gi'))) {
      const langs = split ? (match[1] ?? '').split(',') : [match[1] ?? ''];
      variants.push({ langs: langs.map((l) => l.trim()).filter(Boolean), text: match[2] ?? '' });
    }
    // Keep the whitespace that separated the block from what follows.
    const trailing = /\s+$/.exec(block)?.[0] ?? '';
    return pick(variants, wanted) + trailing;
  });
}

/**
 * Resolves both multilang syntaxes to one language. The REST server returns the raw markup unless
 * `moodlewssettingfilter=true` is sent (§1.4), and we parse it ourselves so one cached catalogue serves
 * any language choice.
 */
export function resolveMultilang(text: string, language: string): string {
  if (!text.includes('multilang') && !text.includes('{mlang')) return text;
  const spans = replaceRuns(text, SPAN_RUN, SPAN, language, false);
  return replaceRuns(spans, MLANG_RUN, MLANG, language, true).trim();
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** HTML entities (named, decimal, hex) back to text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Moodle `summaryformat` values (§1.3.1): 0 Moodle auto-format, 1 HTML, 2 plain, 4 markdown. */
const PLAIN_FORMATS = new Set([2, 4]);

/**
 * A summary as plain text: multilang resolved, HTML (and `@@PLUGINFILE@@` images with it) stripped,
 * entities decoded, whitespace collapsed; empty becomes null.
 */
export function summaryToText(
  summary: string | undefined,
  format: number | undefined,
  language: string,
): string | null {
  if (!summary) return null;
  let text = resolveMultilang(summary, language);
  if (!PLAIN_FORMATS.has(format ?? 1)) {
    text = text
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr)>/gi, ' ')
      .replace(/<[^>]*>/g, '');
    text = decodeEntities(text);
  }
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > 0 ? collapsed : null;
}

/** Moodle language packs are `fr`, `es_mx`, `pt_br`; the canonical field is BCP 47 (`es-MX`). */
export function moodleLangToBcp47(lang: string | undefined): string | null {
  const trimmed = lang?.trim();
  if (!trimmed) return null;
  const [base, ...rest] = trimmed.split(/[_-]/);
  return [base?.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

/** Unix seconds to Date; 0 and null mean "not set" (§1.4, §4.3). */
export function fromMoodleTime(seconds: number | null | undefined): Date | null {
  return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000) : null;
}
