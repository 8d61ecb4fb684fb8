/**
 * Language values as BCP 47 tags. Repositories write `dc:language` as ISO 639-1 (`en`), ISO 639-2/B or /T
 * (`fre`, `fra`), locale style (`en_US`), or a language name (`English`, `Français`); LOM uses BCP 47
 * already. `Intl.getCanonicalLocales` applies CLDR's aliases (`fra`, `fre` → `fr`), so only names need
 * a table; it lists the UN's six official languages and a few more common in OER repositories, in English
 * and in the language itself.
 */
const NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  castellano: 'es',
  arabic: 'ar',
  العربية: 'ar',
  chinese: 'zh',
  中文: 'zh',
  汉语: 'zh',
  russian: 'ru',
  русский: 'ru',
  portuguese: 'pt',
  português: 'pt',
  german: 'de',
  deutsch: 'de',
  italian: 'it',
  italiano: 'it',
  swahili: 'sw',
  kiswahili: 'sw',
};

/** "Undetermined", "no linguistic content", "multiple": not a language a course is taught in. */
const NOT_A_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis']);

/** A canonical BCP 47 tag, or null when the value names no language. */
export function toBcp47(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const named = NAMES[text.toLowerCase()];
  if (named) return named;
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(text.replace(/_/g, '-'));
  } catch {
    return null;
  }
  if (!canonical) return null;
  const primary = canonical.split('-')[0] ?? '';
  // BCP 47 allows 5–8 letter primary subtags, but none is registered: "english" is a name, not a tag.
  if (primary.length > 3 || NOT_A_LANGUAGE.has(primary)) return null;
  return canonical;
}

/** The first value that is a language. */
export function firstLanguage(values: readonly (string | null | undefined)[]): string | null {
  for (const value of values) {
    const tag = toBcp47(value);
    if (tag) return tag;
  }
  return null;
}
