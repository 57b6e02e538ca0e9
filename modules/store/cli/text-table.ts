/** Renders rows as a boxed plain-text table, the way Magento's `store:list` prints (one line per row, columns padded). */
export function renderTable(headers: string[], rows: Array<Array<string | number | boolean>>): string[] {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'boolean' ? (cell ? 'Yes' : 'No') : String(cell))));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const border = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (values: string[]) => '| ' + values.map((value, i) => value.padEnd(widths[i])).join(' | ') + ' |';
  return [border, line(headers), border, ...cells.map(line), border];
}
