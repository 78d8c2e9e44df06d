/**
 * `ls`'s many-per-line layout (GNU ls.c, calculate_columns and print_many_per_line): as many
 * columns as fit in the line, each as wide as its longest name plus two, the last without the
 * two; filled down the columns (-C) or across the rows (-x). Like GNU ls with its default tab
 * size of 8, the gaps are written with tabs where a tab reaches the next stop and spaces
 * elsewhere.
 */

/** Terminal width the drill's terminal reports (COLUMNS). */
export const LINE_WIDTH = 80;
/** One character for a name, two for the gap. */
const MIN_COLUMN_WIDTH = 3;
const TAB = 8;

/** Moves from column `from` to column `to` the way GNU ls's indent() does. */
export function indent(from: number, to: number): string {
  let out = '';
  let at = from;
  while (at < to) {
    if (Math.floor(to / TAB) > Math.floor((at + 1) / TAB)) {
      out += '\t';
      at += TAB - (at % TAB);
    } else {
      out += ' ';
      at += 1;
    }
  }
  return out;
}

/** The widths of the columns for `count` columns, or null when they do not fit. */
function layout(widths: readonly number[], count: number, byColumns: boolean, lineWidth: number): number[] | null {
  const n = widths.length;
  const rows = Math.ceil(n / count);
  const columns = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i += 1) {
    const column = byColumns ? Math.floor(i / rows) : i % count;
    const width = widths[i]! + (column === count - 1 ? 0 : 2);
    if (width > columns[column]!) columns[column] = width;
  }
  const total = columns.reduce((a, b) => a + b, 0);
  return total < lineWidth ? columns : null;
}

/**
 * Lays out cells (already formatted; `widths` their display widths) in columns.
 * Returns the lines, without newlines.
 */
export function columnLines(cells: readonly string[], widths: readonly number[], byColumns: boolean, lineWidth = LINE_WIDTH): string[] {
  const n = cells.length;
  if (n === 0) return [];
  const maxColumns = Math.max(1, Math.min(Math.floor(lineWidth / MIN_COLUMN_WIDTH), n));
  let chosen = [Math.max(...widths)];
  let count = 1;
  for (let c = maxColumns; c >= 1; c -= 1) {
    const fits = layout(widths, c, byColumns, lineWidth);
    if (fits) {
      chosen = fits;
      count = c;
      break;
    }
  }
  const rows = Math.ceil(n / count);
  const lines: string[] = [];
  if (byColumns) {
    for (let row = 0; row < rows; row += 1) {
      let line = '';
      let pos = 0;
      for (let column = 0; column < count; column += 1) {
        const index = column * rows + row;
        if (index >= n) break;
        line += cells[index]!;
        const next = (column + 1) * rows + row;
        if (next >= n) break;
        line += indent(pos + widths[index]!, pos + chosen[column]!);
        pos += chosen[column]!;
      }
      lines.push(line);
    }
  } else {
    for (let row = 0; row < rows; row += 1) {
      let line = '';
      let pos = 0;
      for (let column = 0; column < count; column += 1) {
        const index = row * count + column;
        if (index >= n) break;
        line += cells[index]!;
        if (column === count - 1 || index + 1 >= n) break;
        line += indent(pos + widths[index]!, pos + chosen[column]!);
        pos += chosen[column]!;
      }
      lines.push(line);
    }
  }
  return lines;
}

/** `-m`: names separated by ", ", wrapped before the line would reach its width. */
export function commaLines(cells: readonly string[], widths: readonly number[], lineWidth = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  let pos = 0;
  cells.forEach((cell, i) => {
    const width = widths[i]!;
    if (i > 0) {
      if (pos + width + 2 < lineWidth) {
        line += ', ';
        pos += 2;
      } else {
        lines.push(`${line},`);
        line = '';
        pos = 0;
      }
    }
    line += cell;
    pos += width;
  });
  if (cells.length > 0) lines.push(line);
  return lines;
}
