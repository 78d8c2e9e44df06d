/**
 * MySQL's built-in functions that SQLite lacks or spells differently (CONCAT's NULL rule, date
 * arithmetic with INTERVAL, DATE_FORMAT, REGEXP…), registered in every opened database. Time and
 * session values come from the simulation (the statement's context), never the wall clock.
 */
import type { Database } from 'sql.js';
import { sqlRegexEngine } from './sql-engine';
import { datetimeText, hashString } from './generate';

/** What NOW(), DATABASE(), USER() and friends answer while one statement runs. */
export interface SqlFunctionContext {
  /** Epoch seconds: NOW(). */
  now: number;
  database: string | null;
  /** USER(): `user@client-host`. */
  user: string;
  /** CURRENT_USER(): `user@host-pattern`. */
  currentUser: string;
  connectionId: number;
  lastInsertId: number;
  rowCount: number;
  foundRows: number;
  version: string;
  /** Seeds RAND() and UUID(): the same statement in the same run gives the same values. */
  seed: string;
  calls: number;
  /** Seconds SLEEP() slept during the statement (its `(2.00 sec)`). */
  slept: number;
  /** Divisions (/, DIV, %, MOD) by zero during the statement: MySQL's warnings 1365. */
  divisionsByZero: number;
}

type SqlValue = string | number | null | Uint8Array;

const pad = (n: number, w = 2) => String(Math.trunc(n)).padStart(w, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A MySQL date or date-time value as epoch seconds (UTC arithmetic), or null. */
export function parseTemporal(value: SqlValue): { epoch: number; hasTime: boolean } | null {
  if (value === null || value instanceof Uint8Array) return null;
  const text = String(value).trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?$/.exec(text);
  if (m) {
    const epoch = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) / 1000;
    return Number.isFinite(epoch) ? { epoch, hasTime: m[4] !== undefined } : null;
  }
  const digits = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  if (digits) return { epoch: Date.UTC(Number(digits[1]), Number(digits[2]) - 1, Number(digits[3]), Number(digits[4] ?? 0), Number(digits[5] ?? 0), Number(digits[6] ?? 0)) / 1000, hasTime: digits[4] !== undefined };
  return null;
}

function dateText(epoch: number): string {
  return datetimeText(epoch).slice(0, 10);
}

function parts(epoch: number) {
  const d = new Date(epoch * 1000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay() };
}

function dayOfYear(epoch: number): number {
  const p = parts(epoch);
  return Math.floor((Date.UTC(p.y, p.mo, p.d) - Date.UTC(p.y, 0, 1)) / 86_400_000) + 1;
}

/** DATE_ADD(x, INTERVAL n unit) (n negative for DATE_SUB). */
export function dateAdd(value: SqlValue, amount: SqlValue, unit: string): string | null {
  const t = parseTemporal(value);
  if (!t || amount === null) return null;
  const n = Number(amount);
  if (!Number.isFinite(n)) return null;
  const u = unit.toUpperCase();
  const p = parts(t.epoch);
  let epoch: number;
  let hasTime = t.hasTime;
  switch (u) {
    case 'SECOND': epoch = t.epoch + n; hasTime = true; break;
    case 'MINUTE': epoch = t.epoch + n * 60; hasTime = true; break;
    case 'HOUR': epoch = t.epoch + n * 3600; hasTime = true; break;
    case 'DAY': epoch = t.epoch + n * 86400; break;
    case 'WEEK': epoch = t.epoch + n * 7 * 86400; break;
    case 'MONTH': case 'QUARTER': case 'YEAR': {
      const months = u === 'MONTH' ? n : u === 'QUARTER' ? n * 3 : n * 12;
      const total = p.y * 12 + p.mo + Math.trunc(months);
      const y = Math.floor(total / 12);
      const mo = total - y * 12;
      const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
      epoch = Date.UTC(y, mo, Math.min(p.d, last), p.h, p.mi, p.s) / 1000;
      break;
    }
    default: return null;
  }
  return hasTime ? datetimeText(epoch) : dateText(epoch);
}

/** DATE_FORMAT with MySQL's specifiers. */
export function dateFormat(value: SqlValue, format: SqlValue): string | null {
  const t = parseTemporal(value);
  if (!t || format === null) return null;
  const p = parts(t.epoch);
  const hour12 = p.h % 12 === 0 ? 12 : p.h % 12;
  return String(format).replace(/%(.)/g, (_w, c: string) => {
    switch (c) {
      case 'a': return DAYS[p.wd]!.slice(0, 3);
      case 'b': return MONTHS[p.mo]!.slice(0, 3);
      case 'c': return String(p.mo + 1);
      case 'D': { const s = ['th', 'st', 'nd', 'rd'][p.d % 10 > 3 || Math.floor(p.d / 10) === 1 ? 0 : p.d % 10] ?? 'th'; return `${p.d}${s}`; }
      case 'd': return pad(p.d);
      case 'e': return String(p.d);
      case 'f': return '000000';
      case 'H': return pad(p.h);
      case 'h': case 'I': return pad(hour12);
      case 'i': return pad(p.mi);
      case 'j': return pad(dayOfYear(t.epoch), 3);
      case 'k': return String(p.h);
      case 'l': return String(hour12);
      case 'M': return MONTHS[p.mo]!;
      case 'm': return pad(p.mo + 1);
      case 'p': return p.h < 12 ? 'AM' : 'PM';
      case 'r': return `${pad(hour12)}:${pad(p.mi)}:${pad(p.s)} ${p.h < 12 ? 'AM' : 'PM'}`;
      case 'S': case 's': return pad(p.s);
      case 'T': return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
      case 'W': return DAYS[p.wd]!;
      case 'w': return String(p.wd);
      case 'Y': return String(p.y);
      case 'y': return pad(p.y % 100);
      case 'u': case 'v': case 'U': case 'V': return pad(Math.floor((dayOfYear(t.epoch) + 6) / 7));
      case 'X': case 'x': return String(p.y);
      default: return c;
    }
  });
}

/** YEAR(), MONTH(), HOUR()… and EXTRACT(unit FROM x). */
export function datePart(value: SqlValue, unit: string): number | string | null {
  const t = parseTemporal(value);
  if (!t) return null;
  const p = parts(t.epoch);
  switch (unit.toUpperCase()) {
    case 'YEAR': return p.y;
    case 'MONTH': return p.mo + 1;
    case 'DAY': case 'DAYOFMONTH': return p.d;
    case 'HOUR': return p.h;
    case 'MINUTE': return p.mi;
    case 'SECOND': return p.s;
    case 'QUARTER': return Math.floor(p.mo / 3) + 1;
    case 'DAYOFWEEK': return p.wd + 1;
    case 'WEEKDAY': return (p.wd + 6) % 7;
    case 'DAYOFYEAR': return dayOfYear(t.epoch);
    case 'WEEK': return Math.floor((dayOfYear(t.epoch) + 6) / 7) - 1;
    case 'DAYNAME': return DAYS[p.wd]!;
    case 'MONTHNAME': return MONTHS[p.mo]!;
    case 'DATE': return dateText(t.epoch);
    case 'TIME': return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
    default: return null;
  }
}

function timestampDiff(unit: string, a: SqlValue, b: SqlValue): number | null {
  const x = parseTemporal(a);
  const y = parseTemporal(b);
  if (!x || !y) return null;
  const seconds = y.epoch - x.epoch;
  switch (unit.toUpperCase()) {
    case 'SECOND': return seconds;
    case 'MINUTE': return Math.trunc(seconds / 60);
    case 'HOUR': return Math.trunc(seconds / 3600);
    case 'DAY': return Math.trunc(seconds / 86400);
    case 'WEEK': return Math.trunc(seconds / 604800);
    case 'MONTH': case 'QUARTER': case 'YEAR': {
      const px = parts(x.epoch);
      const py = parts(y.epoch);
      let months = (py.y - px.y) * 12 + (py.mo - px.mo);
      const restX = ((px.d * 24 + px.h) * 60 + px.mi) * 60 + px.s;
      const restY = ((py.d * 24 + py.h) * 60 + py.mi) * 60 + py.s;
      if (months > 0 && restY < restX) months -= 1;
      if (months < 0 && restY > restX) months += 1;
      const u = unit.toUpperCase();
      return u === 'MONTH' ? months : u === 'QUARTER' ? Math.trunc(months / 3) : Math.trunc(months / 12);
    }
    default: return null;
  }
}

function toText(value: SqlValue): string {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}

/** Registers a function that takes any number of arguments (sql.js takes the arity from `length`). */
function variadic(db: Database, name: string, fn: (...args: SqlValue[]) => SqlValue) {
  Object.defineProperty(fn, 'length', { value: -1 });
  db.create_function(name, fn);
}

/** Registers MySQL's functions on a database; they read `ctx` when called. */
export function registerFunctions(db: Database, ctx: SqlFunctionContext): void {
  const now = () => datetimeText(ctx.now);
  db.create_function('mysql_now', now);
  variadic(db, 'm_concat', (...args) => (args.some((a) => a === null) ? null : args.map(toText).join('')));
  variadic(db, 'm_concat_ws', (sep, ...args) => (sep === null ? null : args.filter((a) => a !== null).map(toText).join(toText(sep))));
  db.create_function('m_date_add', (x: SqlValue, n: SqlValue, unit: SqlValue) => dateAdd(x, n, String(unit)));
  db.create_function('m_date_format', (x: SqlValue, f: SqlValue) => dateFormat(x, f));
  db.create_function('m_date_part', (x: SqlValue, unit: SqlValue) => datePart(x, String(unit)));
  db.create_function('m_timestampdiff', (unit: SqlValue, a: SqlValue, b: SqlValue) => timestampDiff(String(unit), a, b));
  db.create_function('m_datediff', (a: SqlValue, b: SqlValue) => {
    const x = parseTemporal(a);
    const y = parseTemporal(b);
    return x && y ? Math.round((Math.floor(x.epoch / 86400) - Math.floor(y.epoch / 86400))) : null;
  });
  variadic(db, 'm_unix_timestamp', (x) => {
    if (x === undefined) return ctx.now;
    const t = parseTemporal(x);
    return t ? t.epoch : null;
  });
  variadic(db, 'm_from_unixtime', (n, f) => (n === null ? null : f !== undefined && f !== null ? dateFormat(datetimeText(Number(n)), f) : datetimeText(Number(n))));
  db.create_function('m_last_day', (x: SqlValue) => {
    const t = parseTemporal(x);
    if (!t) return null;
    const p = parts(t.epoch);
    return dateText(Date.UTC(p.y, p.mo + 1, 0) / 1000);
  });
  db.create_function('m_left', (s: SqlValue, n: SqlValue) => (s === null || n === null ? null : toText(s).slice(0, Math.max(0, Number(n)))));
  db.create_function('m_right', (s: SqlValue, n: SqlValue) => (s === null || n === null ? null : Number(n) <= 0 ? '' : toText(s).slice(-Number(n))));
  db.create_function('m_lpad', (s: SqlValue, n: SqlValue, p: SqlValue) => {
    if (s === null || n === null || p === null) return null;
    const text = toText(s);
    const len = Math.min(Math.max(0, Number(n)), 10_000);
    if (text.length >= len) return text.slice(0, len);
    const padText = toText(p);
    if (padText === '') return null;
    return (padText.repeat(Math.ceil(len / padText.length)).slice(0, len - text.length) + text);
  });
  db.create_function('m_rpad', (s: SqlValue, n: SqlValue, p: SqlValue) => {
    if (s === null || n === null || p === null) return null;
    const text = toText(s);
    const len = Math.min(Math.max(0, Number(n)), 10_000);
    if (text.length >= len) return text.slice(0, len);
    const padText = toText(p);
    if (padText === '') return null;
    return text + padText.repeat(Math.ceil(len / padText.length)).slice(0, len - text.length);
  });
  db.create_function('m_repeat', (s: SqlValue, n: SqlValue) => (s === null || n === null ? null : toText(s).repeat(Math.min(Math.max(0, Number(n)), Math.floor(100_000 / Math.max(1, toText(s).length))))));
  db.create_function('m_space', (n: SqlValue) => (n === null ? null : ' '.repeat(Math.min(Math.max(0, Number(n)), 10_000))));
  db.create_function('m_reverse', (s: SqlValue) => (s === null ? null : [...toText(s)].reverse().join('')));
  variadic(db, 'm_locate', (sub, s, pos) => {
    if (sub === null || s === null) return null;
    const from = pos === undefined || pos === null ? 0 : Math.max(0, Number(pos) - 1);
    return toText(s).toLowerCase().indexOf(toText(sub).toLowerCase(), from) + 1;
  });
  db.create_function('m_substring_index', (s: SqlValue, delim: SqlValue, count: SqlValue) => {
    if (s === null || delim === null || count === null) return null;
    const text = toText(s);
    const d = toText(delim);
    const n = Number(count);
    if (d === '' || n === 0) return '';
    const pieces = text.split(d);
    return n > 0 ? pieces.slice(0, n).join(d) : pieces.slice(n).join(d);
  });
  variadic(db, 'm_field', (x, ...list) => (x === null ? 0 : list.findIndex((v) => v !== null && toText(v).toLowerCase() === toText(x).toLowerCase()) + 1));
  db.create_function('m_find_in_set', (x: SqlValue, set: SqlValue) => (x === null || set === null ? null : toText(set).split(',').findIndex((v) => v.toLowerCase() === toText(x).toLowerCase()) + 1));
  variadic(db, 'm_elt', (n, ...list) => (n === null ? null : (list[Number(n) - 1] ?? null)));
  db.create_function('m_format', (x: SqlValue, d: SqlValue) => {
    if (x === null || d === null) return null;
    const digits = Math.min(Math.max(0, Math.trunc(Number(d))), 30);
    const [int = '0', frac] = Math.abs(Number(x)).toFixed(digits).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${Number(x) < 0 ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
  });
  db.create_function('m_truncate', (x: SqlValue, d: SqlValue) => {
    if (x === null || d === null) return null;
    const f = 10 ** Math.trunc(Number(d));
    return Math.trunc(Number(x) * f) / f;
  });
  db.create_function('m_pow', (a: SqlValue, b: SqlValue) => (a === null || b === null ? null : Number(a) ** Number(b)));
  variadic(db, 'm_log', (a, b) => {
    if (a === null || (b !== undefined && b === null)) return null;
    if (b === undefined) return Number(a) > 0 ? Math.log(Number(a)) : null;
    return Number(a) > 0 && Number(a) !== 1 && Number(b) > 0 ? Math.log(Number(b)) / Math.log(Number(a)) : null;
  });
  db.create_function('m_ln', (a: SqlValue) => (a === null || Number(a) <= 0 ? null : Math.log(Number(a))));
  db.create_function('m_log2', (a: SqlValue) => (a === null || Number(a) <= 0 ? null : Math.log2(Number(a))));
  db.create_function('m_mod', (a: SqlValue, b: SqlValue) => {
    if (a !== null && b !== null && Number(b) === 0) ctx.divisionsByZero += 1;
    return a === null || b === null || Number(b) === 0 ? null : Number(a) % Number(b);
  });
  db.create_function('m_dz', (b: SqlValue) => {
    if (b !== null && !(b instanceof Uint8Array) && Number(b) === 0) ctx.divisionsByZero += 1;
    // sql.js hands a number back as a REAL; as text, SQLite's arithmetic reads an integer as an integer again (7 DIV 2 stays 3).
    return typeof b === 'number' ? String(b) : b;
  });
  db.create_function('m_ceiling', (a: SqlValue) => (a === null ? null : Math.ceil(Number(a))));
  db.create_function('m_xor', (a: SqlValue, b: SqlValue) => (a === null || b === null ? null : (Number(a) !== 0) !== (Number(b) !== 0) ? 1 : 0));
  variadic(db, 'm_rand', () => {
    ctx.calls += 1;
    return (hashString(`${ctx.seed}:${ctx.calls}`) % 1_000_000_007) / 1_000_000_007;
  });
  db.create_function('m_uuid', () => {
    ctx.calls += 1;
    const h = (k: number) => hashString(`${ctx.seed}:uuid:${ctx.calls}:${k}`).toString(16).padStart(8, '0');
    const hex = h(1) + h(2) + h(3) + h(4);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-11ea-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  });
  db.create_function('m_json_unquote', (x: SqlValue) => {
    if (x === null) return null;
    const text = toText(x);
    if (text.startsWith('"') && text.endsWith('"')) {
      try {
        return String(JSON.parse(text));
      } catch {
        return text;
      }
    }
    return text;
  });
  db.create_function('m_hex', (x: SqlValue) => {
    if (x === null) return null;
    if (typeof x === 'number') return Math.trunc(x).toString(16).toUpperCase();
    const bytes = x instanceof Uint8Array ? x : new TextEncoder().encode(x);
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  });
  db.create_function('regexp', (pattern: SqlValue, value: SqlValue) => {
    if (pattern === null || value === null) return null;
    const RE2JS = sqlRegexEngine();
    return RE2JS.compile(toText(pattern), RE2JS.CASE_INSENSITIVE).matcher(toText(value)).find() ? 1 : 0;
  });
  db.create_function('m_database', () => ctx.database);
  db.create_function('m_user', () => ctx.user);
  db.create_function('m_current_user', () => ctx.currentUser);
  db.create_function('m_connection_id', () => ctx.connectionId);
  db.create_function('m_last_insert_id', () => ctx.lastInsertId);
  db.create_function('m_row_count', () => ctx.rowCount);
  db.create_function('m_found_rows', () => ctx.foundRows);
  db.create_function('m_version', () => ctx.version);
  // SLEEP(n) returns 0 after n seconds (NULL or a negative n: at once); the drill keeps the seconds for the client's timing.
  db.create_function('m_sleep', (n: SqlValue) => {
    const seconds = n === null ? 0 : Number(n);
    if (Number.isFinite(seconds) && seconds > 0) ctx.slept += seconds;
    return 0;
  });
}
