/** Names CLDR no longer gives for withdrawn codes (it maps AN to Curaçao). */
const WITHDRAWN: Record<string, string> = { AN: 'Netherlands Antilles' };

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** A country's name in a Magento locale (fr_FR), from the CLDR data Node ships; English when the locale is unknown. */
export function countryNameIn(id: string, locale: string): string {
  const code = id.toUpperCase();
  if (Object.hasOwn(WITHDRAWN, code)) return WITHDRAWN[code];
  const names = displayNamesFor(locale) ?? displayNamesFor('en_US');
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

function displayNamesFor(locale: string): Intl.DisplayNames | null {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale.replace('_', '-')], { type: 'region', fallback: 'code' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return names;
}
