/**
 * tr as coreutils 8.28: translates, deletes (-d) or squeezes (-s) bytes of standard input.
 * Sets take escapes (`\n`, `\t`, `\\`, `\NNN`), ranges (`a-z`), classes (`[:upper:]`…, in the C
 * locale as tr reads bytes), `[=c=]` and `[c*n]`; -c complements SET1 over all 256 bytes, so a
 * multibyte character counts as its bytes, as on a real host.
 */
import type { ProgramContext } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, stdinOf } from './input';
import { quoteLocale } from './quote';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'complement', key: 'c' },
  { name: 'delete', key: 'd' },
  { name: 'squeeze-repeats', key: 's' },
  { name: 'truncate-set1', key: 't' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

const CLASSES: ReadonlyMap<string, (c: number) => boolean> = new Map([
  ['alnum', (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)],
  ['alpha', (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)],
  ['blank', (c: number) => c === 9 || c === 32],
  ['cntrl', (c: number) => c < 32 || c === 127],
  ['digit', (c: number) => c >= 48 && c <= 57],
  ['graph', (c: number) => c > 32 && c < 127],
  ['lower', (c: number) => c >= 97 && c <= 122],
  ['print', (c: number) => c >= 32 && c < 127],
  ['punct', (c: number) => c > 32 && c < 127 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))],
  ['space', (c: number) => (c >= 9 && c <= 13) || c === 32],
  ['upper', (c: number) => c >= 65 && c <= 90],
  ['xdigit', (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)],
]);

/** One element of a set: literal code points, a class, or `[c*n]` (n = 0: fill). */
type Elem = { kind: 'chars'; codes: number[] } | { kind: 'class'; name: string } | { kind: 'repeat'; code: number; count: number };

interface ParsedSet {
  elems: Elem[];
}

function unescape(chars: readonly string[], i: number, warn: (message: string) => void): { code: number; next: number } {
  const c = chars[i]!;
  if (c !== '\\') return { code: c.codePointAt(0)!, next: i + 1 };
  const n = chars[i + 1];
  if (n === undefined) {
    warn('tr: warning: an unescaped backslash at end of string is not portable');
    return { code: 92, next: i + 1 };
  }
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (Object.hasOwn(simple, n)) return { code: simple[n]!, next: i + 2 };
  if (n >= '0' && n <= '7') {
    let value = 0;
    let k = i + 1;
    for (let digits = 0; digits < 3 && chars[k] !== undefined && chars[k]! >= '0' && chars[k]! <= '7'; digits += 1, k += 1) {
      const next = value * 8 + Number(chars[k]);
      if (next > 255) {
        warn(`tr: warning: the ambiguous octal escape \\${chars.slice(i + 1, k + 1).join('')} is being\n\tinterpreted as the 2-byte sequence \\0${chars.slice(i + 1, k).join('')}, ${chars[k]}`);
        break;
      }
      value = next;
    }
    return { code: value, next: k };
  }
  return { code: n.codePointAt(0)!, next: i + 2 };
}

function parseSet(text: string, warn: (message: string) => void): ParsedSet | string {
  const chars = [...text];
  const elems: Elem[] = [];
  const push = (code: number) => {
    const last = elems[elems.length - 1];
    if (last?.kind === 'chars') last.codes.push(code);
    else elems.push({ kind: 'chars', codes: [code] });
  };
  for (let i = 0; i < chars.length; ) {
    if (chars[i] === '[' && (chars[i + 1] === ':' || chars[i + 1] === '=')) {
      const delim = chars[i + 1]!;
      let close = -1;
      for (let k = i + 2; k + 1 < chars.length; k += 1) {
        if (chars[k] === delim && chars[k + 1] === ']') {
          close = k;
          break;
        }
      }
      if (close >= 0) {
        const name = chars.slice(i + 2, close).join('');
        if (name === '') return delim === ':' ? "tr: missing character class name '[::]'" : "tr: missing equivalence class character '[==]'";
        if (delim === ':') {
          if (!CLASSES.has(name)) return `tr: invalid character class ${quoteLocale(name)}`;
          elems.push({ kind: 'class', name });
        } else {
          if ([...name].length !== 1) return `tr: ${name}: equivalence class operand must be a single character`;
          push(name.codePointAt(0)!);
        }
        i = close + 2;
        continue;
      }
    }
    if (chars[i] === '[' && i + 2 < chars.length) {
      // `[c*n]` or `[c*]`.
      const first = unescape(chars, i + 1, () => {});
      if (chars[first.next] === '*') {
        const close = chars.indexOf(']', first.next + 1);
        if (close >= 0) {
          const digits = chars.slice(first.next + 1, close).join('');
          if (/^\d*$/.test(digits)) {
            const count = digits === '' ? 0 : digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
            if (Number.isNaN(count) || (digits.startsWith('0') && /[89]/.test(digits))) return `tr: invalid repeat count ${quoteLocale(digits)} in [c*n] construct`;
            elems.push({ kind: 'repeat', code: first.code, count });
            i = close + 1;
            continue;
          }
          return `tr: invalid repeat count ${quoteLocale(digits)} in [c*n] construct`;
        }
      }
    }
    const from = unescape(chars, i, warn);
    if (chars[from.next] === '-' && from.next + 1 < chars.length) {
      const to = unescape(chars, from.next + 1, warn);
      if (to.code < from.code) {
        const show = (k: number, end: number) => chars.slice(k, end).join('');
        return `tr: range-endpoints of '${show(i, from.next)}-${show(from.next + 1, to.next)}' are in reverse collating sequence order`;
      }
      for (let c = from.code; c <= to.code; c += 1) push(c);
      i = to.next;
      continue;
    }
    push(from.code);
    i = from.next;
  }
  return { elems };
}

/** A set as its list of codes; `[c*]` (count 0) fills up to `fillTo` in SET2. */
function expand(set: ParsedSet, fillTo = 0): number[] {
  const fixed = set.elems.reduce((n, e) => n + (e.kind === 'chars' ? e.codes.length : e.kind === 'class' ? [...Array(256).keys()].filter(CLASSES.get(e.name)!).length : e.count), 0);
  const out: number[] = [];
  for (const e of set.elems) {
    if (e.kind === 'chars') out.push(...e.codes);
    else if (e.kind === 'class') {
      for (let c = 0; c < 256; c += 1) if (CLASSES.get(e.name)!(c)) out.push(c);
    } else {
      for (let k = 0; k < (e.count === 0 ? Math.max(0, fillTo - fixed) : e.count); k += 1) out.push(e.code);
    }
  }
  return out;
}

/** How many UTF-8 bytes a code point takes (tr sees each of them). */
const utf8Length = (code: number) => (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);

export function tr(ctx: ProgramContext): number {
  const usage = (message: string) => {
    ctx.err(message);
    ctx.err("Try 'tr --help' for more information.");
    return 1;
  };
  const parsed = parseArgs('tr', ctx.argv.slice(1), { flags: 'cCdst', long: LONG });
  if (!parsed.ok) return usage(parsed.error);
  const keys = new Set(parsed.args.list.map((o) => o.key));
  if (keys.has('help')) {
    ctx.note('Not simulated in this drill: tr --help.');
    return 0;
  }
  if (keys.has('version')) {
    ctx.out(`tr (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Jim Meyering.`);
    return 0;
  }
  const complement = keys.has('c') || keys.has('C');
  const del = keys.has('d');
  const squeeze = keys.has('s');
  const truncate = keys.has('t');
  const operands = parsed.args.operands;
  const translating = operands.length === 2 && !del;
  const min = 1 + (del === squeeze ? 1 : 0);
  const max = 1 + (del <= squeeze ? 1 : 0);
  if (operands.length < min) {
    if (operands.length === 0) return usage('tr: missing operand');
    return usage(`tr: missing operand after ${quoteLocale(operands[operands.length - 1]!)}\n${squeeze ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.'}`);
  }
  if (operands.length > max) return usage(`tr: extra operand ${quoteLocale(operands[max]!)}${operands.length === 2 ? '\nOnly one string may be given when deleting without squeezing repeats.' : ''}`);
  const warn = (m: string) => ctx.err(m);
  const p1 = parseSet(operands[0]!, warn);
  if (typeof p1 === 'string') return (ctx.err(p1), 1);
  const p2 = operands[1] !== undefined ? parseSet(operands[1], warn) : null;
  if (typeof p2 === 'string') return (ctx.err(p2), 1);
  if (p1.elems.some((e) => e.kind === 'repeat' && e.count === 0)) return (ctx.err('tr: the [c*] repeat construct may not appear in string1'), 1);
  let set1 = expand(p1);
  if (complement) {
    const inSet = new Set(set1);
    set1 = [...Array(256).keys()].filter((c) => !inSet.has(c));
  }
  const in1 = new Set(set1);
  // Code points above 255 stand for their UTF-8 bytes, all of which are >= 0x80.
  const highInSet1 = set1.some((c) => c >= 0x80);
  let map: Map<number, number> | null = null;
  let set2: number[] = [];
  if (p2) {
    if (translating) {
      if (p2.elems.some((e) => e.kind === 'class' && e.name !== 'upper' && e.name !== 'lower')) return (ctx.err("tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'"), 1);
      set2 = expand(p2, set1.length);
      if (set2.length === 0 && !truncate && set1.length > 0) return (ctx.err('tr: when not truncating set1, string2 must be non-empty'), 1);
      if (set2.length < set1.length && !truncate) {
        const last = p2.elems[p2.elems.length - 1];
        if (last?.kind === 'class') return (ctx.err('tr: when translating with string1 longer than string2,\nthe latter string must not end with a character class'), 1);
        while (set2.length < set1.length) set2.push(set2[set2.length - 1]!);
      }
      map = new Map();
      for (let i = 0; i < set1.length && i < set2.length; i += 1) map.set(set1[i]!, set2[i]!);
    } else set2 = expand(p2);
  }
  const squeezeSet = new Set(squeeze ? (translating || (del && p2) ? set2 : set1) : []);
  const input = readInput(ctx, '-');
  const data = input.ok ? shownData(ctx, input.file) : stdinOf(ctx);
  // Output as UTF-16 code units, turned into text 8,192 at a time.
  const chunks: string[] = [];
  const buffer = new Uint16Array(8192);
  let used = 0;
  const flush = () => {
    chunks.push(String.fromCharCode(...buffer.subarray(0, used)));
    used = 0;
  };
  let last = -1;
  const emit = (code: number) => {
    if (code === last && squeezeSet.has(code)) return;
    last = code;
    if (used >= buffer.length - 2) flush();
    if (code > 0xffff) {
      buffer[used++] = 0xd800 + ((code - 0x10000) >> 10);
      buffer[used++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
    } else buffer[used++] = code;
  };
  // ASCII through a table (-1: deleted), the rest one character at a time.
  const table = new Int32Array(128);
  for (let c = 0; c < 128; c += 1) table[c] = del && in1.has(c) ? -1 : (map?.get(c) ?? c);
  for (let i = 0; i < data.length; i += 1) {
    const unit = data.charCodeAt(i);
    if (unit < 0x80) {
      const to = table[unit]!;
      if (to >= 0) emit(to);
      continue;
    }
    const code = data.codePointAt(i)!;
    if (code > 0xffff) i += 1;
    // A multibyte character: tr sees its bytes, all >= 0x80 (in SET1 only when it holds such bytes).
    if (del && highInSet1) continue;
    const to = map && highInSet1 ? (map.get(255) ?? set2[set2.length - 1]) : undefined;
    if (to !== undefined) for (let k = 0; k < utf8Length(code); k += 1) emit(to);
    else emit(code);
  }
  flush();
  ctx.write(chunks.join(''));
  return 0;
}
