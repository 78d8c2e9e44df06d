/**
 * Result sets the server makes itself (SHOW, DESCRIBE, SHOW SLAVE STATUS…): column names, which
 * columns are numeric (the client right-aligns them) and the rows as text.
 */
import type { ResultSet } from './reads';

export interface ResultColumnSpec {
  name: string;
  /** Integer columns (Id, Time, Pos…) are right-aligned by the client. */
  numeric?: boolean;
  /** NOT NULL columns keep their width when every value is short (nullable ones are at least 4 wide for NULL). */
  notNull?: boolean;
}

/** A result set from rows of text, numbers and NULLs. */
export function resultSet(columns: readonly ResultColumnSpec[], rows: readonly (readonly (string | number | null)[])[]): ResultSet {
  return {
    columns: columns.map((c) => ({ name: c.name, type: { kind: c.numeric ? 'int' : 'string', notNull: c.notNull ?? false } })),
    rows: rows.map((r) => columns.map((_c, i) => (r[i] === null || r[i] === undefined ? null : String(r[i])))),
    numeric: columns.map((c) => Boolean(c.numeric)),
  };
}

/** MySQL's LIKE on a name (SHOW … LIKE 'pattern'): `%` any run, `_` one character, `\` escapes; case-insensitive. Linear-time wildcard matching (no regex). */
export function likeMatches(pattern: string, value: string): boolean {
  const tokens: { kind: 'char' | 'one' | 'any'; ch: string }[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', ch: pattern[++i]!.toLowerCase() });
    else if (ch === '%') tokens.push({ kind: 'any', ch });
    else if (ch === '_') tokens.push({ kind: 'one', ch });
    else tokens.push({ kind: 'char', ch: ch.toLowerCase() });
  }
  const text = value.toLowerCase();
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token && (token.kind === 'one' || (token.kind === 'char' && token.ch === text[t]))) {
      t += 1;
      p += 1;
    } else if (token?.kind === 'any') {
      star = p;
      mark = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      t = mark;
    } else return false;
  }
  while (tokens[p]?.kind === 'any') p += 1;
  return p === tokens.length;
}
