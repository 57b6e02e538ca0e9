export interface CsvParseError {
  line: number;
  message: string;
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally double-quoted (a quote inside doubled), CRLF or LF line ends, a UTF-8
 * BOM ignored. Returns the rows with the line each starts on (a quoted field may span lines), or the first syntax error.
 */
export function parseCsv(text: string): { rows: Array<{ line: number; cells: string[] }> } | { error: CsvParseError } {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !fieldStarted)) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    fieldStarted = false;
  };
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { error: { line, message: 'a quoted field must be followed by a comma or the end of the line' } };
        continue;
      }
      if (ch === '\n') line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (cell !== '') return { error: { line, message: 'a quote may only open a field' } };
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      fieldStarted = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) return { error: { line: rowLine, message: 'a quoted field is not closed' } };
  if (cell !== '' || cells.length || fieldStarted) endRow();
  return { rows };
}
