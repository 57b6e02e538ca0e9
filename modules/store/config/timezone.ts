/**
 * IANA zone names as PHP's timezone list (and so Magento) spells them: UTC or Area/Location. Intl alone is too lenient for a
 * stored value: it also takes "utc", "europe/paris", "EST5EDT" or "US/Eastern", which other tools may not understand.
 */
const ZONE_SHAPE = /^(?:UTC|(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(?:\/[A-Z][A-Za-z0-9_+-]*)+)$/;

export function isValidTimezone(zone: string): boolean {
  if (!ZONE_SHAPE.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
