import type { ZodError, ZodType } from 'zod';

/** Config values are stored as text (as in Magento); this turns text back into the field's type. */
export function decodeValue(schema: ZodType, raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const direct = schema.safeParse(raw);
  if (direct.success) return { ok: true, value: direct.data };
  const candidates: unknown[] = [];
  if (raw === '1' || raw === '0') candidates.push(raw === '1');
  try {
    candidates.push(JSON.parse(raw));
  } catch {
    // not JSON: keep the first error
  }
  for (const candidate of candidates) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return { ok: true, value: parsed.data };
  }
  return { ok: false, error: formatIssues(direct.error) };
}

export function encodeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function formatIssues(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
