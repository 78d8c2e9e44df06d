/**
 * The payload of the `BINLOG '…'` statements mysqlbinlog writes for row events. Real MySQL puts
 * the events' binary form there; the drill puts the same rows as base64-encoded JSON, so that
 * `mysqlbinlog … | mysql` replays them (point-in-time recovery) and decoding it shows what it holds.
 */
import type { CellValue } from './generate';
import type { TableRows } from './state';

const MARK = 'drill-binlog-v1';

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): string | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Base64 lines of 76 characters, as mysqlbinlog wraps them. */
export function encodeBinlogPayload(rows: readonly TableRows[] | 'format'): string {
  const json = JSON.stringify(rows === 'format' ? { [MARK]: 'format' } : { [MARK]: rows });
  const b64 = toBase64(json);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\n');
}

function isCell(v: unknown): v is CellValue {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function isRows(v: unknown): v is (readonly CellValue[])[] {
  return Array.isArray(v) && v.length <= 100_000 && v.every((r) => Array.isArray(r) && r.length <= 1000 && r.every(isCell));
}

/** The row changes a BINLOG payload carries ([] for the format description), or null when it is not one. */
export function decodeBinlogPayload(payload: string): TableRows[] | null {
  const json = fromBase64(payload.replace(/\s+/g, ''));
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !Object.hasOwn(parsed, MARK)) return null;
  const body = (parsed as Record<string, unknown>)[MARK];
  if (body === 'format') return [];
  if (!Array.isArray(body) || body.length > 1000) return null;
  const out: TableRows[] = [];
  for (const item of body) {
    if (typeof item !== 'object' || item === null) return null;
    const r = item as Record<string, unknown>;
    if (typeof r.database !== 'string' || typeof r.table !== 'string' || (r.op !== 'insert' && r.op !== 'delete' && r.op !== 'update')) return null;
    if (!Array.isArray(r.columns) || !r.columns.every((c) => typeof c === 'string') || !isRows(r.rows)) return null;
    if (r.op === 'update' && (!isRows(r.after) || r.after.length !== r.rows.length)) return null;
    out.push({ database: r.database, table: r.table, op: r.op, columns: r.columns as string[], rows: r.rows, after: r.op === 'update' ? (r.after as (readonly CellValue[])[]) : undefined });
  }
  return out;
}
