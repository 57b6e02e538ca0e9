import { z } from 'zod';
import type { ConfigFieldDeclaration } from '../../../app';
import { CatalogConfigPath as P } from '../api/config-paths';

/** A URL suffix: empty, or a dot and a few URL-safe characters (".html"). */
const suffix = z.string().regex(/^(\.[a-z0-9]{1,10})?$/i, 'a URL suffix is empty or a dot followed by letters and digits, such as ".html"');

export const catalogConfigFields: Record<string, ConfigFieldDeclaration> = {
  [P.ProductUrlSuffix]: { schema: suffix, default: '.html', label: 'Product URL Suffix' },
  [P.CategoryUrlSuffix]: { schema: suffix, default: '.html', label: 'Category URL Suffix' },
  [P.SaveRewritesHistory]: { schema: z.boolean(), default: true, label: 'Create Permanent Redirect for URLs if URL Key Changed' },
  [P.DefaultSortBy]: { schema: z.enum(['position', 'name', 'price']), default: 'position', label: 'Product Listing Sort by' },
  [P.ShowOutOfStock]: { schema: z.boolean(), default: false, label: 'Display Out of Stock Products' },
  [P.StockThresholdQty]: { schema: z.number().min(0, 'the threshold is 0 (off) or a positive quantity'), default: 0, label: 'Only X left Threshold' },
  [P.MinQueryLength]: { schema: z.number().int().min(1).max(20), default: 3, label: 'Minimal Query Length' },
};
