import { z } from 'zod';

const id = z.union([z.string(), z.number()]);
const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]);
/** Magento clients send these empty; anything in them is a feature Comptoir does not have yet, so it is refused. */
const emptyList = z.array(z.unknown()).max(0, 'is not supported yet and must be empty');

/** The accepted product fields, Magento's REST names (API-03: anything else is a 400 naming it). */
export const productSchema = z.object({
  id: z.number().int().optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
  attribute_set_id: z.number().int().optional(),
  price: z.number().nullable().optional(),
  status: z.number().int().optional(),
  visibility: z.number().int().optional(),
  type_id: z.string().optional(),
  weight: z.number().nullable().optional(),
  extension_attributes: z
    .object({
      category_links: z.array(z.object({ category_id: id, position: z.number().int().optional() })).optional(),
      stock_item: z
        .object({
          item_id: z.number().int().optional(),
          product_id: z.number().int().optional(),
          stock_id: z.number().int().optional(),
          qty: z.number().optional(),
          is_in_stock: z.boolean().optional(),
        })
        .optional(),
      configurable_product_options: z
        .array(
          z.object({
            id: z.number().int().optional(),
            attribute_id: id,
            label: z.string().optional(),
            position: z.number().int().optional(),
            values: z.array(z.object({ value_index: z.number().int() })).optional(),
            product_id: z.number().int().optional(),
          }),
        )
        .optional(),
      configurable_product_links: z.array(z.number().int()).optional(),
    })
    .optional(),
  media_gallery_entries: z
    .array(
      z.object({
        id: z.number().int().optional(),
        media_type: z.literal('image').optional(),
        label: z.string().nullable().optional(),
        position: z.number().int().optional(),
        disabled: z.boolean().optional(),
        types: z.array(z.string()).optional(),
        file: z.string(),
      }),
    )
    .optional(),
  custom_attributes: z.array(z.object({ attribute_code: z.string(), value: attributeValue })).optional(),
  product_links: emptyList.optional(),
  options: emptyList.optional(),
  tier_prices: emptyList.optional(),
});

export type ProductBody = z.infer<typeof productSchema>;

export const productRequestSchema = z.object({ product: productSchema, saveOptions: z.boolean().optional() });
export type ProductRequest = z.infer<typeof productRequestSchema>;
