import type { Migration } from '../../../app';
import { createStoreTables } from './0001-create-store-tables';
import { seedDefaultScopes } from './0002-seed-default-scopes';

export const storeMigrations: Migration[] = [createStoreTables, seedDefaultScopes];
