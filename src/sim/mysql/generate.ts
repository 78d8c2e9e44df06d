/**
 * Rows made from a seed: the same seed and counts always give the same names, e-mails, dates
 * and references, so a scenario can declare "1,281 users" without listing them and every replay
 * sees the same rows. No Math.random: a small seeded generator (mulberry32).
 */
import type { MysqlColumnGenerator } from '../../scenario/world/mysql';
import { scaleOf, type TableDef } from './catalog';

export type CellValue = string | number | null;

/** A seeded pseudo-random generator: `next()` in [0, 1). */
export interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/** A 32-bit hash of a string (FNV-1a), for seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function seededRandom(seed: string): Random {
  let state = hashString(seed) || 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2020-05-04 08:35:02` for epoch seconds (the simulation's clock is UTC-labelled local time). */
export function datetimeText(epoch: number): string {
  const d = new Date(epoch * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Epoch seconds of `08:35:02` on `date`, or of `2020-03-14 10:02:00`, or of `2020-03-14`. */
export function whenToEpoch(date: string, when: string): number {
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(when);
  if (full) return Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]), Number(full[4] ?? 0), Number(full[5] ?? 0), Number(full[6] ?? 0)) / 1000;
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, min = 0, s = 0] = when.split(':').map(Number);
  return Date.UTC(y, m - 1, d) / 1000 + h * 3600 + min * 60 + s;
}

/** Lower-case ASCII letters and digits only: `Ben Salah` → `bensalah`, `Sélim` → `selim`. */
export function asciiSlug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const isWeekend = (epoch: number) => [0, 6].includes(new Date(epoch * 1000).getUTCDay());

/** The day `days` days after `from` (epoch seconds), counting only Monday to Friday if `weekdays`. */
function dayAfter(from: number, days: number, weekdays: boolean): number {
  if (!weekdays) return from + days * 86400;
  let epoch = from;
  while (isWeekend(epoch)) epoch += 86400;
  epoch += Math.floor(days / 5) * 7 * 86400;
  for (let left = days % 5; left > 0; left -= 1) {
    epoch += 86400;
    while (isWeekend(epoch)) epoch += 86400;
  }
  return epoch;
}

export interface GeneratorContext {
  /** The scenario's day (dates without a day are on it). */
  date: string;
  dictionaries: Readonly<Record<string, readonly (string | number | boolean | null)[]>>;
  /** Values of a column of another table of the same database (for `ref`). */
  column(table: string, column: string): readonly CellValue[];
  /** The time of the binary-log event a row is made for. */
  eventTime?: number;
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick<T>(random: Random, values: readonly T[], weights?: readonly number[]): T | undefined {
  if (values.length === 0) return undefined;
  if (!weights || weights.length !== values.length) return values[Math.floor(random.next() * values.length)];
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  let r = random.next() * total;
  for (let i = 0; i < values.length; i += 1) {
    r -= Math.max(0, weights[i]!);
    if (r < 0) return values[i];
  }
  return values[values.length - 1];
}

function toCell(value: string | number | boolean | null | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Makes `count` rows for a table; `start` is the row number of the first (after literal rows). */
export function generateRows(table: TableDef, spec: { count: number; seed?: string; columns: Readonly<Record<string, MysqlColumnGenerator>> }, ctx: GeneratorContext, start = 1): Record<string, CellValue>[] {
  const random = seededRandom(spec.seed ?? `${table.database}.${table.name}`);
  const rows: Record<string, CellValue>[] = [];
  const usedEmails = new Map<string, Set<string>>();
  const refs = new Map<string, readonly CellValue[]>();
  for (let i = 0; i < spec.count; i += 1) {
    const row: Record<string, CellValue> = {};
    for (const [column, generator] of Object.entries(spec.columns)) {
      row[column] = generateValue(table, column, generator, { random, index: i, count: spec.count, number: start + i, row, ctx, usedEmails, refs });
    }
    rows.push(row);
  }
  return rows;
}

interface ValueState {
  random: Random;
  /** 0-based index in this batch. */
  index: number;
  count: number;
  /** The row's number in the table (1-based). */
  number: number;
  row: Record<string, CellValue>;
  ctx: GeneratorContext;
  usedEmails: Map<string, Set<string>>;
  /** The referenced columns' values, read once per batch (the batch's own rows are not in them yet). */
  refs: Map<string, readonly CellValue[]>;
}

function generateValue(table: TableDef, column: string, g: MysqlColumnGenerator, s: ValueState): CellValue {
  const { random } = s;
  if ('serial' in g) return (g.serial ?? 1) + s.index;
  if ('oneOf' in g) {
    const values = typeof g.oneOf === 'string' ? (Object.hasOwn(s.ctx.dictionaries, g.oneOf) ? s.ctx.dictionaries[g.oneOf]! : []) : g.oneOf;
    return toCell(pick(random, values, g.weights));
  }
  if ('email' in g) {
    const parts = g.email.from.map((c) => asciiSlug(String(s.row[c] ?? '')));
    const first = parts[0] || 'user';
    const last = parts[1] || String(s.number);
    const domains = typeof g.email.domains === 'string' ? (Object.hasOwn(s.ctx.dictionaries, g.email.domains) ? s.ctx.dictionaries[g.email.domains]!.map(String) : ['example.com']) : g.email.domains;
    const domain = pick(random, domains) ?? 'example.com';
    const style = random.next();
    const local = style < 0.4 ? `${first}.${last}` : style < 0.55 ? `${first}${last}` : style < 0.7 ? `${first}.${last}${random.int(70, 99)}` : style < 0.8 ? `${first[0]}.${last}` : style < 0.9 ? `${first}_${last}` : `${last}.${first}`;
    const used = s.usedEmails.get(column) ?? new Set<string>();
    s.usedEmails.set(column, used);
    let address = `${local}@${domain}`;
    for (let n = 2; used.has(address); n += 1) address = `${local}${n}@${domain}`;
    used.add(address);
    return address;
  }
  if ('ref' in g) {
    const [refTable = '', refColumn = ''] = g.ref.split('.');
    let values = s.refs.get(g.ref);
    if (!values) {
      values = s.ctx.column(refTable, refColumn);
      s.refs.set(g.ref, values);
    }
    if (values.length === 0) return null;
    return g.each ? values[s.index % values.length]! : values[Math.floor(random.next() * values.length)]!;
  }
  if ('int' in g) return random.int(Math.min(g.int[0], g.int[1]), Math.max(g.int[0], g.int[1]));
  if ('decimal' in g) {
    const c = table.columns.find((col) => col.name === column);
    const scale = c ? scaleOf(c.type) : 2;
    const value = g.decimal[0] + random.next() * (g.decimal[1] - g.decimal[0]);
    return Number(value.toFixed(scale));
  }
  if ('datetime' in g) {
    const from = whenToEpoch(s.ctx.date, g.datetime[0]);
    const to = whenToEpoch(s.ctx.date, g.datetime[1]);
    const share = g.order === 'random' ? random.next() : (s.index + random.next()) / Math.max(1, s.count);
    return datetimeText(Math.floor(from + (to - from) * share));
  }
  if ('after' in g) {
    const base = s.row[g.after];
    if (typeof base !== 'string') return null;
    const baseEpoch = whenToEpoch(s.ctx.date, base);
    let value = baseEpoch + random.int(Math.min(g.seconds[0], g.seconds[1]), Math.max(g.seconds[0], g.seconds[1]));
    const until = g.until ? whenToEpoch(s.ctx.date, g.until) : Infinity;
    // Past `until`: somewhere between the base and `until` (clamping would pile those rows on one instant).
    if (value > until) value = baseEpoch + Math.floor(random.next() * Math.max(0, until - baseEpoch));
    return datetimeText(Math.max(baseEpoch, value));
  }
  if ('day' in g) {
    const days = Math.floor(s.index / Math.max(1, g.day.every ?? 1));
    return datetimeText(dayAfter(whenToEpoch(g.day.from, g.day.from), days, g.day.weekdays === true)).slice(0, 10);
  }
  if ('template' in g) {
    return g.template.replace(/\{([a-zA-Z0-9_]+)\}/g, (_w, name: string) => (name === 'n' ? String(s.number) : Object.hasOwn(s.row, name) ? String(s.row[name] ?? '') : ''));
  }
  if ('hex' in g) {
    let out = '';
    for (let i = 0; i < g.hex; i += 1) out += '0123456789abcdef'[random.int(0, 15)];
    return out;
  }
  if ('passwordHash' in g) {
    let out = '$2b$10$';
    for (let i = 0; i < 53; i += 1) out += BCRYPT_ALPHABET[random.int(0, BCRYPT_ALPHABET.length - 1)];
    return out;
  }
  if ('value' in g) return toCell(g.value);
  if ('nullShare' in g) {
    if (random.next() < g.nullShare) return null;
    return generateValue(table, column, g.otherwise as MysqlColumnGenerator, s);
  }
  if ('eventTime' in g) return s.ctx.eventTime !== undefined ? datetimeText(s.ctx.eventTime) : null;
  return null;
}
