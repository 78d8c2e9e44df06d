/**
 * performance_schema.events_statements_summary_by_digest from what the server ran since it
 * started: the writes in its binary log (the scenario's scheduled ones and the trainee's), each
 * normalised as MySQL's digest does (keywords upper-cased, identifiers back-quoted, literals `?`,
 * a value list `(...)`, more rows `/* , ... *\/`, tokens one space apart).
 */
import { lex, type Token } from './lexer';
import { datetimeText, hashString, type CellValue } from './generate';
import type { ChangeEvent } from './state';

/** Words MySQL's digest prints as keywords (upper-cased, unquoted); any other word is an identifier. */
const KEYWORDS = new Set(('SELECT INSERT UPDATE DELETE REPLACE INTO FROM WHERE AND OR NOT NULL IS IN VALUES VALUE SET AS ON JOIN LEFT RIGHT INNER OUTER CROSS USING ' +
  'GROUP BY ORDER ASC DESC LIMIT OFFSET HAVING DISTINCT ALL UNION LIKE BETWEEN EXISTS CASE WHEN THEN ELSE END IGNORE DUPLICATE KEY ' +
  'CREATE TABLE DROP ALTER ADD INDEX PRIMARY UNIQUE DEFAULT TRUNCATE DATABASE SCHEMA IF COLUMN MODIFY CHANGE RENAME TO BEGIN COMMIT ROLLBACK START TRANSACTION ' +
  'COUNT SUM MIN MAX AVG NOW CURRENT_TIMESTAMP INTERVAL DAY HOUR MINUTE SECOND MONTH YEAR WEEK DIV MOD XOR REGEXP FOR SHARE LOW_PRIORITY QUICK ' +
  'TRUE FALSE LOCK TABLES UNLOCK READ WRITE SHOW USE FOREIGN REFERENCES CASCADE CONSTRAINT ENGINE CHARSET').split(' '));

/** MySQL's digest text of a statement (null: it does not lex). */
export function digestText(sql: string): string | null {
  const lexed = lex(sql.trim().replace(/;\s*$/, ''));
  if (!lexed.ok) return null;
  const out: string[] = [];
  const t = lexed.tokens;
  const literal = (x: Token | undefined) => x !== undefined && (x.kind === 'string' || x.kind === 'number' || x.kind === 'hex' || (x.kind === 'word' && (x.value === 'NULL' || x.value === 'TRUE' || x.value === 'FALSE')));
  for (let i = 0; i < t.length; i += 1) {
    const x = t[i]!;
    // A parenthesised list of literals: `(...)`; repeated, `(...) /* , ... */`.
    if (x.kind === 'op' && x.value === '(') {
      let j = i + 1;
      const only = literal(t[j]);
      while (only && j < t.length) {
        if (t[j + 1]?.kind === 'op' && t[j + 1]!.value === ',' && literal(t[j + 2])) j += 2;
        else break;
      }
      if (only && t[j + 1]?.kind === 'op' && t[j + 1]!.value === ')') {
        if (out[out.length - 1] === ',' && (out[out.length - 2] === '(...)' || out[out.length - 2] === '(...) /* , ... */')) {
          out.pop();
          out[out.length - 1] = '(...) /* , ... */';
        } else out.push('(...)');
        i = j + 1;
        continue;
      }
    }
    if (literal(x)) {
      out.push('?');
      continue;
    }
    if (x.kind === 'word') out.push(KEYWORDS.has(x.value) ? x.value : `\`${x.text}\``);
    else if (x.kind === 'quoted') out.push(`\`${x.value}\``);
    else if (x.kind === 'var') out.push(`@${x.text.replace(/^@/, '')}`);
    else if (x.kind === 'sysvar') out.push(x.text);
    else out.push(x.value);
  }
  return out.join(' ').replace(/ \. /g, ' . ');
}

/** A digest's 64 hex digits (a stable hash of its text: not MySQL's SHA-256). */
export function digestOf(text: string): string {
  let out = '';
  for (let k = 0; out.length < 64; k += 1) out += hashString(`${k}:${text}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** `2021-03-02 13:58:30.412871`: a TIMESTAMP(6) from seconds, its microseconds made from a seed. */
function micros(epoch: number, seed: string): string {
  return `${datetimeText(epoch)}.${String(hashString(seed) % 1_000_000).padStart(6, '0')}`;
}

/** One row a statement ran: its database, text, time and the rows it changed. */
export interface RanStatement {
  database: string | null;
  sql: string;
  at: number;
  affected: number;
}

/** The statements of binary-log events at or after `since`. */
export function statementsOfEvents(events: Iterable<ChangeEvent>, since: number): RanStatement[] {
  const out: RanStatement[] = [];
  for (const e of events) {
    if (e.at < since || e.sql === undefined) continue;
    const affected = e.kind === 'rows' ? e.changes.reduce((n, c) => n + c.rows.length, 0) : 0;
    out.push({ database: e.database, sql: e.sql, at: e.at, affected });
  }
  return out;
}

/** The digest table's rows, in the order the statements were first seen. */
export function digestRows(statements: readonly RanStatement[]): CellValue[][] {
  const groups = new Map<string, { s: RanStatement; text: string; count: number; affected: number; first: number; last: RanStatement; wait: number[] }>();
  for (const s of statements) {
    const text = digestText(s.sql);
    if (text === null) continue;
    const key = `${s.database ?? ''}\u0000${text}`;
    // A statement's time (picoseconds): a stable figure from its text and time, 0.1–1 ms.
    const wait = (100 + (hashString(`${s.sql}:${s.at}`) % 900)) * 1_000_000 + s.affected * 20_000_000;
    const g = groups.get(key);
    if (g) {
      g.count += 1;
      g.affected += s.affected;
      g.last = s;
      g.wait.push(wait);
    } else groups.set(key, { s, text, count: 1, affected: s.affected, first: s.at, last: s, wait: [wait] });
  }
  return [...groups.values()].map((g) => {
    const sum = g.wait.reduce((a, b) => a + b, 0);
    const max = Math.max(...g.wait);
    const digest = digestOf(`${g.s.database ?? ''}:${g.text}`);
    const quantile = 10 ** Math.ceil(Math.log10(max));
    return [g.s.database, digest, g.text, g.count, sum, Math.min(...g.wait), Math.round(sum / g.count), max, g.count * 1_000_000, 0, 0, g.affected, 0, g.affected, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      micros(g.first, `${digest}:${g.first}`), micros(g.last.at, `${digest}:${g.last.at}`), quantile, quantile, quantile, g.last.sql, micros(g.last.at, `${digest}:${g.last.at}`), g.wait[g.wait.length - 1]!];
  });
}
