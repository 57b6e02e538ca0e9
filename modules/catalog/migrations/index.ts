import type { Migration } from '../../../app';
import { createEavTables } from './0001-create-eav-tables';
import { createProductTables } from './0002-create-product-tables';
import { createCategoryTables } from './0003-create-category-tables';
import { createInventoryTables } from './0004-create-inventory-tables';
import { createUrlRewriteTable } from './0005-create-url-rewrite-table';
import { createSearchTable } from './0006-create-search-table';
import { seedAttributes } from './0007-seed-attributes';
import { seedRootCategories } from './0008-seed-root-categories';
import { createFlatIndex } from './0009-create-flat-index';
import { addFlatIndexDataHash } from './0010-flat-index-data-hash';

export const catalogMigrations: Migration[] = [
  createEavTables,
  createProductTables,
  createCategoryTables,
  createInventoryTables,
  createUrlRewriteTable,
  createSearchTable,
  seedAttributes,
  seedRootCategories,
  createFlatIndex,
  addFlatIndexDataHash,
];
