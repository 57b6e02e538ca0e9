/** Magento-style locale codes: language, optional script, region, joined by '_' (en_US, fr_FR, zh_Hans_CN). */
const LOCALE_SHAPE = /^([a-z]{2,3})(?:_([A-Z][a-z]{3}))?_([A-Z]{2})$/;

// ICU knows which subtags exist; `fallback: 'none'` makes it answer undefined instead of echoing an unknown code back.
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const scripts = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export function isValidLocaleCode(code: string): boolean {
  const match = LOCALE_SHAPE.exec(code);
  if (!match) return false;
  const [, language, script, region] = match;
  try {
    Intl.getCanonicalLocales(code.replace(/_/g, '-'));
  } catch {
    return false;
  }
  return languages.of(language) !== undefined && (!script || scripts.of(script) !== undefined) && regions.of(region) !== undefined;
}
