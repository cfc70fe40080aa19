/** Plain-text tables: a header, a rule, and aligned columns (numbers right-aligned). */

/** @public */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Renders rows under `columns`, each line indented by `indent` spaces. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = 2): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = ' '.repeat(indent);
  const line = (cells: readonly string[]) =>
    pad +
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = pad + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n') + '\n';
}
