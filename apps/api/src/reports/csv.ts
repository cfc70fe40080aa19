/** A CSV cell value; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 cell: quoted when it holds a comma, quote or line break (quotes doubled). Text starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading `'`, so a spreadsheet shows it instead of running it as a formula
 * (device labels come from browsers: user input). Numbers are written as they are.
 * @public
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: the header row, then one line per row, CRLF line ends (RFC 4180).
 * @public
 */
export function toCsv<K extends string>(columns: readonly K[], rows: readonly Readonly<Record<K, CsvValue>>[]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
