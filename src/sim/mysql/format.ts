/**
 * How the mysql client writes results, as mysql.cc does: tables with borders (widths from the
 * values' byte lengths, at least 4 for a column that can be NULL, numbers right-aligned),
 * vertical rows for \G, and tab-separated batch output with escapes.
 */
import type { ResultSet } from './reads';
import { byteLength } from '../fs';

function cells(text: string): number {
  return [...text].length;
}

/** The table layout (`+----+` borders) of a result. */
export function tableLines(result: ResultSet, columnNames = true): string[] {
  const widths = result.columns.map((c, i) => {
    let w = columnNames ? byteLength(c.name) : 0;
    for (const row of result.rows) {
      const v = row[i];
      if (v !== null && v !== undefined) w = Math.max(w, byteLength(v));
    }
    if (w < 4 && !c.type.notNull) w = 4;
    return w;
  });
  const separator = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const lines = [separator];
  if (columnNames) {
    lines.push(`|${result.columns.map((c, i) => ` ${c.name}${' '.repeat(Math.max(0, widths[i]! - cells(c.name)))} `).join('|')}|`);
    lines.push(separator);
  }
  for (const row of result.rows) {
    const parts = row.map((v, i) => {
      const text = v ?? 'NULL';
      const pad = ' '.repeat(Math.max(0, widths[i]! - cells(text)));
      return result.numeric[i] ? `${pad}${text}` : `${text}${pad}`;
    });
    lines.push(`| ${parts.join(' | ')} |`);
  }
  lines.push(separator);
  return lines;
}

/** `*************************** 1. row ***************************` blocks (\G). */
export function verticalLines(result: ResultSet, columnNames = true): string[] {
  const width = Math.max(0, ...result.columns.map((c) => byteLength(c.name)));
  const lines: string[] = [];
  result.rows.forEach((row, n) => {
    lines.push(`*************************** ${n + 1}. row ***************************`);
    row.forEach((v, i) => {
      const name = result.columns[i]!.name;
      const value = v ?? 'NULL';
      for (const [k, part] of value.split('\n').entries()) lines.push(k === 0 ? (columnNames ? `${' '.repeat(Math.max(0, width - byteLength(name)))}${name}: ${part}` : part) : part);
    });
  });
  return lines;
}

/** A value as batch mode writes it: NUL, tab, newline and backslash escaped (unless --raw). */
export function batchValue(value: string | null, raw = false): string {
  if (value === null) return 'NULL';
  if (raw) return value;
  return value.replace(/[\\\0\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\0' ? '\\0' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Tab-separated lines (batch mode, -B), with the header unless -N or -ss. */
export function tabLines(result: ResultSet, columnNames = true, raw = false): string[] {
  const lines: string[] = [];
  if (columnNames) lines.push(result.columns.map((c) => c.name).join('\t'));
  for (const row of result.rows) lines.push(row.map((v) => batchValue(v, raw)).join('\t'));
  return lines;
}

/** `(0.00 sec)`: the simulated time a statement took, from the work it did (deterministic). */
export function elapsedText(work: { rows?: number; affected?: number; ddl?: boolean; write?: boolean; slept?: number }): string {
  let seconds = work.slept ?? 0;
  if (work.rows !== undefined) seconds += work.rows > 5000 ? 0.02 : work.rows > 1000 ? 0.01 : 0;
  if (work.write) seconds = Math.max(0.01, Math.min(9.99, Math.round(((work.affected ?? 0) / 40000) * 100) / 100));
  if (work.ddl) seconds = Math.max(seconds, 0.02);
  return `(${seconds.toFixed(2)} sec)`;
}

/** mysql's nice_time for Uptime: `2 days 3 hours 40 min 8 sec`. */
export function uptimeText(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  let text = '';
  if (days) text += `${days} ${days === 1 ? 'day' : 'days'} `;
  if (days || hours) text += `${hours} ${hours === 1 ? 'hour' : 'hours'} `;
  if (days || hours || minutes) text += `${minutes} min `;
  return `${text}${secs} sec`;
}
