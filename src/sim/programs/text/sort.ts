/**
 * sort as coreutils 8.28 in the C.UTF-8 locale (characters compare by code point): keys with
 * -k and -t as GNU reads them (a field's leading blanks belong to it without -t), -n -g -h -M -V
 * -f -d -i -b -r per key or for all, -u, -s, -c/-C, -o, and the last-resort whole-line
 * comparison when keys tie. sort -R shuffles by a hash seeded from the world's counter.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, shownData, splitLines } from './input';
import { quoteAlways, quoteIfNeeded, quoteLocale } from './quote';
import { COREUTILS_VERSION_TAIL } from './version';

const LONG: readonly LongOption[] = [
  { name: 'ignore-leading-blanks', key: 'b' },
  { name: 'check', key: 'check', arg: 'optional' },
  { name: 'compress-program', key: 'compress-program', arg: 'required' },
  { name: 'debug', key: 'debug' },
  { name: 'dictionary-order', key: 'd' },
  { name: 'field-separator', key: 't', arg: 'required' },
  { name: 'files0-from', key: 'files0-from', arg: 'required' },
  { name: 'general-numeric-sort', key: 'g' },
  { name: 'human-numeric-sort', key: 'h' },
  { name: 'ignore-case', key: 'f' },
  { name: 'ignore-nonprinting', key: 'i' },
  { name: 'key', key: 'k', arg: 'required' },
  { name: 'merge', key: 'm' },
  { name: 'month-sort', key: 'M' },
  { name: 'numeric-sort', key: 'n' },
  { name: 'output', key: 'o', arg: 'required' },
  { name: 'parallel', key: 'parallel', arg: 'required' },
  { name: 'random-sort', key: 'R' },
  { name: 'random-source', key: 'random-source', arg: 'required' },
  { name: 'reverse', key: 'r' },
  { name: 'sort', key: 'sort', arg: 'required' },
  { name: 'stable', key: 's' },
  { name: 'buffer-size', key: 'S', arg: 'required' },
  { name: 'temporary-directory', key: 'T', arg: 'required' },
  { name: 'unique', key: 'u' },
  { name: 'version-sort', key: 'V' },
  { name: 'zero-terminated', key: 'z' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'version' },
];

interface Key {
  /** Zero-based field and character where the key starts; sword -1 = the line's start. */
  sword: number;
  schar: number;
  /** Zero-based end field (Infinity = end of line) and character (0 = end of that field). */
  eword: number;
  echar: number;
  skipStartBlanks: boolean;
  skipEndBlanks: boolean;
  ignore: 'none' | 'dictionary' | 'nonprinting';
  fold: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  version: boolean;
  random: boolean;
  reverse: boolean;
}

function emptyKey(): Key {
  return { sword: -1, schar: 0, eword: Number.POSITIVE_INFINITY, echar: 0, skipStartBlanks: false, skipEndBlanks: false, ignore: 'none', fold: false, numeric: false, general: false, human: false, month: false, version: false, random: false, reverse: false };
}

/** No ordering option at all (then a key takes the global ones). */
function plain(k: Key): boolean {
  return k.ignore === 'none' && !k.fold && !k.skipStartBlanks && !k.skipEndBlanks && !k.month && !k.numeric && !k.version && !k.general && !k.human && !k.random;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function setOrdering(spec: string, at: number, key: Key, where: 'start' | 'end' | 'both'): number {
  let i = at;
  for (; i < spec.length; i += 1) {
    const c = spec[i]!;
    if (c === 'b') {
      if (where !== 'end') key.skipStartBlanks = true;
      if (where !== 'start') key.skipEndBlanks = true;
    } else if (c === 'd') key.ignore = 'dictionary';
    else if (c === 'f') key.fold = true;
    else if (c === 'g') key.general = true;
    else if (c === 'h') key.human = true;
    else if (c === 'i') key.ignore = key.ignore === 'none' ? 'nonprinting' : key.ignore;
    else if (c === 'M') key.month = true;
    else if (c === 'n') key.numeric = true;
    else if (c === 'R') key.random = true;
    else if (c === 'r') key.reverse = true;
    else if (c === 'V') key.version = true;
    else break;
  }
  return i;
}

/** Parses `-k F[.C][opts][,F[.C][opts]]`, or the error sort prints. */
function parseKey(spec: string): Key | string {
  const bad = (why: string) => `sort: ${why}: invalid field specification ${quoteLocale(spec)}`;
  const count = (at: number, why: string): { n: number; next: number } | string => {
    const m = /^\d+/.exec(spec.slice(at));
    if (!m) return `sort: ${why}: invalid count at start of ${quoteLocale(spec.slice(at))}`;
    return { n: Math.min(Number(m[0]), Number.MAX_SAFE_INTEGER), next: at + m[0].length };
  };
  const key = emptyKey();
  let r = count(0, 'invalid number at field start');
  if (typeof r === 'string') return r;
  if (r.n === 0) return bad('field number is zero');
  key.sword = r.n - 1;
  let i = r.next;
  if (spec[i] === '.') {
    r = count(i + 1, "invalid number after '.'");
    if (typeof r === 'string') return r;
    if (r.n === 0) return bad('character offset is zero');
    key.schar = r.n - 1;
    i = r.next;
  }
  if (key.sword === 0 && key.schar === 0) key.sword = -1;
  i = setOrdering(spec, i, key, 'start');
  if (spec[i] === ',') {
    r = count(i + 1, "invalid number after ','");
    if (typeof r === 'string') return r;
    if (r.n === 0) return bad('field number is zero');
    key.eword = r.n - 1;
    i = r.next;
    if (spec[i] === '.') {
      r = count(i + 1, "invalid number after '.'");
      if (typeof r === 'string') return r;
      key.echar = r.n;
      i = r.next;
    }
    i = setOrdering(spec, i, key, 'end');
  }
  if (i < spec.length) return bad('stray character in field spec');
  return key;
}

/** Where a key starts in a line (GNU sort's begfield). */
function keyStart(line: string, key: Key, tab: string | null): number {
  let p = 0;
  const lim = line.length;
  if (key.sword >= 0) {
    let sword = key.sword;
    if (tab !== null) {
      while (p < lim && sword-- > 0) {
        while (p < lim && line[p] !== tab) p += 1;
        if (p < lim) p += 1;
      }
    } else {
      while (p < lim && sword-- > 0) {
        while (p < lim && isBlank(line[p])) p += 1;
        while (p < lim && !isBlank(line[p])) p += 1;
      }
    }
  }
  if (key.skipStartBlanks) while (p < lim && isBlank(line[p])) p += 1;
  return Math.min(lim, p + key.schar);
}

/** Where a key ends (GNU sort's limfield). */
function keyEnd(line: string, key: Key, tab: string | null): number {
  let p = 0;
  let lim = line.length;
  if (key.eword === Number.POSITIVE_INFINITY) return lim;
  let eword = key.echar === 0 ? key.eword + 1 : key.eword;
  if (tab !== null) {
    while (p < lim && eword-- > 0) {
      while (p < lim && line[p] !== tab) p += 1;
      if (p < lim && (eword > 0 || key.echar !== 0)) p += 1;
    }
  } else {
    while (p < lim && eword-- > 0) {
      while (p < lim && isBlank(line[p])) p += 1;
      while (p < lim && !isBlank(line[p])) p += 1;
    }
  }
  if (key.echar !== 0) {
    // The end character counts within its field only.
    if (tab !== null) {
      const next = line.indexOf(tab, p);
      if (next >= 0) lim = next;
    } else {
      let q = p;
      while (q < lim && isBlank(line[q])) q += 1;
      while (q < lim && !isBlank(line[q])) q += 1;
      lim = q;
    }
    if (key.skipEndBlanks) while (p < lim && isBlank(line[p])) p += 1;
    p = Math.min(lim, p + key.echar);
  }
  return p;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two numbers written in decimal (GNU's numcompare, exact for any length). */
export function numericCompare(a: string, b: string): number {
  const parse = (s: string) => {
    const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
    const int = m[2]!.replace(/^0+/, '');
    const frac = (m[3] ?? '').replace(/0+$/, '');
    const zero = int === '' && frac === '';
    return { negative: m[1] === '-' && !zero, int, frac };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.int.length !== y.int.length) return sign * (x.int.length < y.int.length ? -1 : 1);
  const ints = cmp(x.int, y.int);
  if (ints !== 0) return sign * ints;
  return sign * cmp(x.frac, y.frac);
}

function humanCompare(a: string, b: string): number {
  const order = (s: string) => {
    const m = /^[ \t]*(-?)\d*(?:\.\d*)?([KMGTPEZYk]?)/.exec(s)!;
    const unit = m[2] ? ' kMGTPEZY'.indexOf(m[2] === 'K' ? 'k' : m[2]) : 0;
    return (m[1] === '-' ? -1 : 1) * unit;
  };
  const d = order(a) - order(b);
  return d !== 0 ? Math.sign(d) : numericCompare(a, b);
}

/** strtold's reading of the start of a string: NaN when it reads nothing. */
function generalValue(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?(?:inf(?:inity)?|nan|0x[0-9a-f]+(?:\.[0-9a-f]*)?(?:p[+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))/i.exec(s);
  if (!m) return Number.NaN;
  const t = m[1]!.toLowerCase();
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.includes('nan')) return Number.NaN;
  if (t.includes('0x')) return (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[+-]?0x/, '').split('.')[0]!, 16);
  return Number(t);
}

function generalCompare(a: string, b: string): number {
  const readable = (s: string) => /^[ \t\n\v\f\r]*[+-]?(?:inf|nan|0x[0-9a-f]|\d|\.\d)/i.test(s);
  const ra = readable(a);
  const rb = readable(b);
  if (!ra) return rb ? -1 : 0;
  if (!rb) return 1;
  const x = generalValue(a);
  const y = generalValue(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function monthOf(s: string): number {
  return MONTHS.indexOf(s.replace(/^[ \t]+/, '').slice(0, 3).toUpperCase()) + 1;
}

/** gnulib's filevercmp: what `sort -V` and `ls -v` order by. */
export function versionCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  for (const special of ['.', '..']) {
    if (a === special) return -1;
    if (b === special) return 1;
  }
  if (a.startsWith('.') && !b.startsWith('.')) return -1;
  if (!a.startsWith('.') && b.startsWith('.')) return 1;
  const suffix = /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/;
  const pa = a.replace(suffix, '');
  const pb = b.replace(suffix, '');
  const d = pa === pb ? 0 : verrevcmp(pa, pb);
  return d !== 0 ? d : verrevcmp(a, b);
}

function verrevcmp(a: string, b: string): number {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const order = (c: string) => (isDigit(c) ? 0 : /[A-Za-z]/.test(c) ? c.charCodeAt(0) : c === '~' ? -1 : c.charCodeAt(0) + 256);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ca = i === a.length ? 0 : order(a[i]!);
      const cb = j === b.length ? 0 : order(b[j]!);
      if (ca !== cb) return ca - cb;
      i += 1;
      j += 1;
    }
    while (a[i] === '0') i += 1;
    while (b[j] === '0') j += 1;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i += 1;
      j += 1;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

function hash(text: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

function filtered(text: string, key: Key): string {
  let t = text;
  if (key.ignore === 'dictionary') t = t.replace(/[^ \tA-Za-z0-9\p{L}\p{Nd}]/gu, '');
  else if (key.ignore === 'nonprinting') t = t.replace(/\p{Cc}/gu, '');
  if (key.fold) t = t.toUpperCase();
  return t;
}

function keyCompare(a: string, b: string, key: Key, seed: number): number {
  if (key.numeric) return numericCompare(a, b);
  if (key.human) return humanCompare(a, b);
  if (key.general) return generalCompare(a, b);
  if (key.month) return monthOf(a) - monthOf(b);
  if (key.random) {
    const d = hash(filtered(a, key), seed) - hash(filtered(b, key), seed);
    if (d !== 0) return d;
  }
  if (key.version) return versionCompare(a, b);
  if (key.ignore !== 'none' || key.fold) return cmp(filtered(a, key), filtered(b, key));
  return cmp(a, b);
}

interface Ordering {
  keys: Key[];
  tab: string | null;
  reverse: boolean;
  stable: boolean;
  unique: boolean;
  seed: number;
}

function compareLines(a: string, b: string, o: Ordering): number {
  for (const key of o.keys) {
    const ka = a.slice(keyStart(a, key, o.tab), Math.max(keyStart(a, key, o.tab), keyEnd(a, key, o.tab)));
    const kb = b.slice(keyStart(b, key, o.tab), Math.max(keyStart(b, key, o.tab), keyEnd(b, key, o.tab)));
    const d = keyCompare(ka, kb, key, o.seed);
    if (d !== 0) return key.reverse ? -Math.sign(d) : Math.sign(d);
  }
  if (o.keys.length > 0 && (o.unique || o.stable)) return 0;
  const d = cmp(a, b);
  return o.reverse ? -d : d;
}

export function sort(ctx: ProgramContext): number {
  const parsed = parseArgs('sort', ctx.argv.slice(1), { flags: 'bcCdfghiMmnRrsuVz', withArg: 'kotST', long: LONG });
  const fail = (message: string) => {
    ctx.err(message);
    return 2;
  };
  if (!parsed.ok) {
    ctx.err(parsed.error);
    ctx.err("Try 'sort --help' for more information.");
    return 2;
  }
  const global = emptyKey();
  const keys: Key[] = [];
  let tab: string | null = null;
  let unique = false;
  let stable = false;
  let check: 'c' | 'C' | null = null;
  let output: string | null = null;
  for (const { key, value } of parsed.args.list) {
    const v = value ?? '';
    if ('bdfghiMnRrV'.includes(key) && key.length === 1) setOrdering(key, 0, global, 'both');
    else if (key === 'sort') {
      const map: Record<string, string> = { 'general-numeric': 'g', 'human-numeric': 'h', month: 'M', numeric: 'n', random: 'R', version: 'V' };
      if (!Object.hasOwn(map, v)) {
        ctx.err(`sort: invalid argument ${quoteLocale(v)} for ${quoteLocale('--sort')}`);
        ctx.err(`Valid arguments are:\n  - \u2018general-numeric\u2019\n  - \u2018human-numeric\u2019\n  - \u2018month\u2019\n  - \u2018numeric\u2019\n  - \u2018random\u2019\n  - \u2018version\u2019`);
        ctx.err("Try 'sort --help' for more information.");
        return 2;
      }
      setOrdering(map[v]!, 0, global, 'both');
    } else if (key === 'k') {
      const k = parseKey(v);
      if (typeof k === 'string') return fail(k);
      keys.push(k);
    } else if (key === 't') {
      if (v === '') return fail('sort: empty tab');
      const t = v === '\\0' ? '\u0000' : [...v].length > 1 ? null : v;
      if (t === null) return fail(`sort: multi-character tab ${quoteLocale(v)}`);
      if (tab !== null && tab !== t) return fail('sort: incompatible tabs');
      tab = t;
    } else if (key === 'u') unique = true;
    else if (key === 's') stable = true;
    else if (key === 'c' || key === 'C' || key === 'check') {
      const kind = key === 'check' ? (v === 'quiet' || v === 'silent' ? 'C' : 'c') : key;
      if (check !== null && check !== kind) return fail("sort: options '-cC' are incompatible");
      check = kind;
    } else if (key === 'o') {
      if (output !== null && output !== v) return fail('sort: multiple output files specified');
      output = v;
    } else if (key === 'help') {
      ctx.note('Not simulated in this drill: sort --help.');
      return 0;
    } else if (key === 'version') {
      ctx.out(`sort (GNU coreutils) 8.28\n${COREUTILS_VERSION_TAIL}\n\nWritten by Mike Haertel and Paul Eggert.`);
      return 0;
    } else if (key === 'z') ctx.note('Not simulated in this drill: sort -z (NUL-separated lines).');
    else if (key === 'files0-from') {
      ctx.note('Not simulated in this drill: sort --files0-from.');
      return 0;
    }
  }
  for (const k of keys) {
    if (plain(k) && !k.reverse) {
      Object.assign(k, { ignore: global.ignore, fold: global.fold, skipStartBlanks: global.skipStartBlanks, skipEndBlanks: global.skipEndBlanks, month: global.month, numeric: global.numeric, general: global.general, human: global.human, version: global.version, random: global.random, reverse: global.reverse });
    }
  }
  if (keys.length === 0 && !plain(global)) keys.push({ ...global, reverse: global.reverse });
  for (const k of keys) {
    const kinds = Number(k.numeric) + Number(k.general) + Number(k.human) + Number(k.month) + Number(k.version || k.random || k.ignore !== 'none');
    if (kinds > 1) {
      const letters = `${k.ignore === 'dictionary' ? 'd' : ''}${k.fold ? 'f' : ''}${k.general ? 'g' : ''}${k.human ? 'h' : ''}${k.ignore === 'nonprinting' ? 'i' : ''}${k.month ? 'M' : ''}${k.numeric ? 'n' : ''}${k.random ? 'R' : ''}${k.version ? 'V' : ''}`;
      return fail(`sort: options '-${letters}' are incompatible`);
    }
  }
  const files = parsed.args.operands.length > 0 ? parsed.args.operands : ['-'];
  if (check !== null && files.length > 1) return fail(`sort: extra operand ${quoteAlways(files[1]!)} not allowed with -${check}`);
  const ordering: Ordering = { keys, tab, reverse: global.reverse, stable, unique, seed: keys.some((k) => k.random) ? ctx.sys.draft.next() : 0 };
  const all: string[] = [];
  for (const name of files) {
    if (name !== '-' && !ctx.sys.node(name)) return fail(`sort: cannot read: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT.ENOENT}`);
    const read = readInput(ctx, name);
    if (!read.ok) {
      if (read.error === 'EISDIR') return fail(`sort: read failed: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT.EISDIR}`);
      return fail(`sort: cannot read: ${quoteIfNeeded(name)}: ${FS_ERROR_TEXT[read.error]}`);
    }
    const lines = splitLines(output === null ? shownData(ctx, read.file) : read.file.data).lines;
    if (check !== null) {
      for (let i = 1; i < lines.length; i += 1) {
        const d = compareLines(lines[i - 1]!, lines[i]!, ordering);
        if (d > 0 || (unique && d === 0)) {
          if (check === 'c') ctx.err(`sort: ${name}:${i + 1}: disorder: ${lines[i]}`);
          return 1;
        }
      }
      return 0;
    }
    all.push(...lines);
  }
  // Array.prototype.sort is stable: equal lines keep their input order, as sort -s does.
  const sorted = all.map((line, index) => ({ line, index })).sort((x, y) => compareLines(x.line, y.line, ordering) || x.index - y.index).map((e) => e.line);
  let result = sorted;
  if (unique) {
    const uniqueOrdering = { ...ordering, unique: true };
    result = sorted.filter((line, i) => i === 0 || compareLines(sorted[i - 1]!, line, uniqueOrdering) !== 0);
  }
  const text = result.map((l) => `${l}\n`).join('');
  if (output !== null) {
    const written = ctx.sys.write(output, text);
    if (!written.ok) return fail(`sort: open failed: ${quoteIfNeeded(output)}: ${FS_ERROR_TEXT[written.error]}`);
    return 0;
  }
  ctx.write(text);
  return 0;
}
