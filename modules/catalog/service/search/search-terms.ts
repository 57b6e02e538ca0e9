/** Words of a search request: letters and digits of any script, lower-cased, at most 20 (longer requests are cut). */
export function searchTerms(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 20);
}
