import type { AttributeMetadata, AttributeOption } from '../api/attribute';

export type RawAttributeValue = string | number | boolean | Array<string | number> | null | undefined;

export type Coerced = { ok: true; value: string | number | null } | { ok: false; message: string };

const MAX_VARCHAR = 255;
const MAX_TEXT = 65_535;

/** An option by id (number or numeric string) or by label (admin or any store view label, case-insensitive). */
export function findOption(attribute: AttributeMetadata, raw: string | number): AttributeOption | undefined {
  const text = String(raw).trim();
  if (/^\d+$/.test(text)) {
    const byId = attribute.options.find((o) => o.id === Number(text));
    if (byId) return byId;
  }
  const lower = text.toLowerCase();
  return (
    attribute.options.find((o) => o.label.toLowerCase() === lower) ??
    attribute.options.find((o) => Object.values(o.storeLabels).some((label) => label.toLowerCase() === lower))
  );
}

/**
 * Turns what a client sent for an attribute into the value its table stores (select: option id, multiselect: "id,id",
 * boolean: 0/1), or says why it cannot. null clears the value.
 */
export function coerceAttributeValue(attribute: AttributeMetadata, raw: RawAttributeValue): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const fail = (message: string): Coerced => ({ ok: false, message });
  switch (attribute.input) {
    case 'select': {
      if (Array.isArray(raw) || typeof raw === 'boolean') return fail('expected one option (id or label)');
      if (String(raw).trim() === '') return { ok: true, value: null };
      const option = findOption(attribute, raw);
      return option ? { ok: true, value: option.id } : fail(`Option "${raw}" does not exist for attribute "${attribute.code}"`);
    }
    case 'multiselect': {
      if (typeof raw === 'boolean') return fail('expected a list of options (ids or labels)');
      const items = Array.isArray(raw) ? raw : String(raw).split(',');
      const ids = new Set<number>();
      for (const item of items.map((i) => String(i).trim()).filter((i) => i !== '')) {
        const option = findOption(attribute, item);
        if (!option) return fail(`Option "${item}" does not exist for attribute "${attribute.code}"`);
        ids.add(option.id);
      }
      return { ok: true, value: ids.size ? [...ids].sort((a, b) => a - b).join(',') : null };
    }
    case 'boolean': {
      const text = String(raw).trim().toLowerCase();
      if (raw === true || ['1', 'true', 'yes'].includes(text)) return { ok: true, value: 1 };
      if (raw === false || ['0', 'false', 'no'].includes(text)) return { ok: true, value: 0 };
      return fail(`"${raw}" is not a boolean (use 0 or 1)`);
    }
    case 'weight':
    case 'price': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(number)) return fail(`"${raw}" is not a number`);
      if (number < 0) return fail('must not be negative');
      return { ok: true, value: number };
    }
    default: {
      if (typeof raw === 'object') return fail('expected text');
      const text = String(raw);
      const max = attribute.backendType === 'varchar' ? MAX_VARCHAR : MAX_TEXT;
      if (text.length > max) return fail(`is longer than ${max} characters`);
      if (attribute.backendType === 'decimal' || attribute.backendType === 'int') {
        const number = Number(text);
        if (!Number.isFinite(number)) return fail(`"${text}" is not a number`);
        return { ok: true, value: number };
      }
      return { ok: true, value: text };
    }
  }
}

/** Magento's url key format: lower case ASCII letters, digits and dashes (accents folded, anything else becomes a dash). */
export function formatUrlKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

/** YYYY-MM-DD (a trailing time, as Magento sends "2025-01-01 00:00:00", is dropped), or undefined when not a real date. */
export function parseDate(raw: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(raw.trim());
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCFullYear() !== Number(match[1]) || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
