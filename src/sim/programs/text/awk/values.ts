/**
 * awk's values as mawk 1.3.3 keeps them: numbers, strings, and "strnums" (input that looks like
 * a number, compared as one). A number becomes text as `%d` when it is a whole number within a
 * C int (mawk's Int is 32 bits, so 2147483648 prints as 2.14748e+09) and through CONVFMT or
 * OFMT otherwise; text becomes a number as C's strtod reads its start.
 */
import { formatNumber } from './format';

/** Input text that looks like a number: compared numerically, printed as it was typed. */
export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

/** undefined is the value of a variable never assigned: "" and 0 at once. */
export type Value = number | string | StrNum | undefined;

/** mawk's Max_Int: INT_MAX of a 32-bit C int. */
export const MAX_INT = 2147483647;

/** mawk's d_to_I: a double to a C int, clamped to ±Max_Int, NaN to -Max_Int. */
export function toInt(d: number): number {
  if (Number.isNaN(d)) return -MAX_INT;
  if (d >= MAX_INT) return MAX_INT;
  if (d > -MAX_INT) return Math.trunc(d);
  return -MAX_INT;
}

const STRTOD = /^[ \t\n\v\f\r]*([+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))/i;

/** C's strtod on the start of a string (0 when it reads nothing). */
export function strtod(s: string): { value: number; length: number } {
  const m = STRTOD.exec(s);
  if (!m) return { value: 0, length: 0 };
  const t = m[1]!;
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '').toLowerCase();
  let value: number;
  if (body.startsWith('inf')) value = Infinity;
  else if (body.startsWith('nan')) value = Number.NaN;
  else if (body.startsWith('0x')) {
    const [mant, exp] = body.slice(2).split('p');
    const [whole, frac = ''] = mant!.split('.');
    value = parseInt(whole || '0', 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0);
    if (exp !== undefined) value *= 2 ** Number(exp);
  } else value = Number(body);
  return { value: sign * value, length: m[0].length };
}

/** What mawk's check accepts: blanks, a sign, a decimal (or, through strtod, hex) number, blanks. */
const NUMERIC_INPUT = /^[ \t\n]*[+-]?(?:0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n]*$/;

/** mawk's test for input that is a number: blanks, a sign, a digit or dot, strtod, blanks. */
export function looksNumeric(s: string): boolean {
  if (s === '') return false;
  const c = s.charCodeAt(0);
  // Most fields are words: rule them out before any regular expression.
  if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 32 || c === 9 || c === 10)) return false;
  return NUMERIC_INPUT.test(s);
}

/** A value from input: a StrNum when it looks like a number. */
export function fromInput(s: string): Value {
  if (!looksNumeric(s)) return s;
  const plain = /^\s*[+-]?[\d.]/.test(s) && !/[xXpP]/.test(s);
  return new StrNum(s, plain ? Number(s.trim()) : strtod(s).value);
}

export function toNumber(v: Value): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (v instanceof StrNum) return v.n;
  return strtod(v).value;
}

/** A number as text: `%d` for whole numbers within a C int, else `fmt` (CONVFMT or OFMT). */
export function numberToString(n: number, fmt: string): string {
  if (Number.isFinite(n) && toInt(n) === n) return String(n === 0 ? 0 : n);
  return formatNumber(fmt, n);
}

export function toStr(v: Value, convfmt: string): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof StrNum) return v.s;
  return numberToString(v, convfmt);
}

export function isNumericValue(v: Value): boolean {
  return v === undefined || typeof v === 'number' || v instanceof StrNum;
}

/** Compares as awk does: numerically when both are numbers (or strnums, or unset), else as strings. */
export function compareValues(a: Value, b: Value, convfmt: string): number {
  if (isNumericValue(a) && isNumericValue(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  }
  const x = toStr(a, convfmt);
  const y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function truthy(v: Value): boolean {
  if (v === undefined) return false;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== '';
}
