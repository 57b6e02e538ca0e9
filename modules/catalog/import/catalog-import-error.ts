import { InputError } from '../../../app';
import type { RowError } from './import-row-mapper';

/** Every problem of an import, by row and column; nothing was written. */
export class CatalogImportError extends InputError {
  constructor(readonly errors: RowError[]) {
    const sorted = [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    super(
      `Import failed, nothing was imported: ${sorted.length} error(s).\n` +
        sorted.map((e) => `  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`).join('\n'),
    );
    this.errors.splice(0, this.errors.length, ...sorted);
  }
}
