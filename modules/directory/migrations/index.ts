import type { Migration } from '../../../app';
import { createDirectoryTables } from './0001-create-directory-tables';

export const directoryMigrations: Migration[] = [createDirectoryTables];
