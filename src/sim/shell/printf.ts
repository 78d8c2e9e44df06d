/**
 * bash's printf builtin: the format's backslash escapes, conversions %s %b %c %d %i %u %o %x %X
 * %e %E %f %g %G %% with flags, width and precision (`*` too), and the format used again while
 * arguments remain, as bash does. A number that is not one is bash's "invalid number" (exit 1).
 */
import type { ProgramContext } from '../process';

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', e: '\u001b', '\\': '\\', '"': '"', "'": "'" };

/** Backslash escapes as printf's format (and %b) reads them; `stop` is set by %b's `\c`. */
function unescape(text: string, inFormat: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1]!;
    if (Object.hasOwn(ESCAPES, next)) {
      out += ESCAPES[next];
      i += 1;
    } else if (next === 'c' && !inFormat) {
      return { text: out, stop: true };
    } else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i + (next === '0' && !inFormat ? 2 : 1)))?.[0] ?? '';
      out += String.fromCharCode(parseInt(oct || '0', 8) & 0xff);
      i += (next === '0' && !inFormat ? 1 : 0) + oct.length;
    } else {
      out += c;
    }
  }
  return { text: out, stop: false };
}

/** A shell number: decimal, 0x hex, leading-0 octal, or 'c (a character's code); null if it is not one. */
function shellNumber(arg: string): number | null {
  if (/^['"]/.test(arg)) return arg.length > 1 ? arg.codePointAt(1)! : 0;
  const t = arg.trim();
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t, 16);
  if (/^[+-]?0[0-7]+$/.test(t)) return Number.parseInt(t, 8);
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  return null;
}

function pad(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[+\- ]/.test(body) ? body[0]! : '';
    const prefix = /^[+\- ]?0[xX]/.test(body) ? body.slice(sign.length, sign.length + 2) : '';
    return sign + prefix + body.slice(sign.length + prefix.length).padStart(width - sign.length - prefix.length, '0');
  }
  return body.padStart(width);
}

export function printf(ctx: ProgramContext): number {
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args[0] === '-v') {
    ctx.note('Not simulated in this drill: printf -v (into a variable); the text is printed instead.');
    args = args.slice(2);
  }
  if (args.length === 0) {
    ctx.err('-bash: printf: usage: printf [-v var] format [arguments]');
    return 2;
  }
  const [format, ...rest] = args as [string, ...string[]];
  let status = 0;
  let used = 0;
  let out = '';
  const take = () => (used < rest.length ? rest[used++]! : undefined);
  const number = (value: string | undefined): number => {
    if (value === undefined || value === '') return 0;
    const n = shellNumber(value);
    if (n !== null) return n;
    const f = Number(value);
    if (!Number.isNaN(f)) return Math.trunc(f);
    ctx.err(`-bash: printf: ${value}: invalid number`);
    status = 1;
    return 0;
  };
  const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([sbcdiuoxXeEfFgG%])|%/g;
  // The format is used again while arguments remain, as long as it takes some (bash's rule); bounded by them.
  for (let pass = 0; pass === 0 || (used < rest.length && used > 0); pass += 1) {
    const before = used;
    let last = 0;
    let stopped = false;
    for (const m of format.matchAll(SPEC)) {
      out += unescape(format.slice(last, m.index), true).text;
      last = m.index + m[0].length;
      const [, flags = '', widthText, precisionText, conversion] = m;
      if (!conversion) {
        out += '%';
        continue;
      }
      if (conversion === '%') {
        out += '%';
        continue;
      }
      const width = widthText === '*' ? number(take()) : Number(widthText ?? 0);
      const precision = precisionText === undefined ? undefined : precisionText === '*' ? number(take()) : Number(precisionText || 0);
      const arg = take();
      switch (conversion) {
        case 's':
        case 'b': {
          let text = arg ?? '';
          if (conversion === 'b') {
            const read = unescape(text, false);
            text = read.text;
            stopped = read.stop;
          }
          if (precision !== undefined) text = text.slice(0, precision);
          out += pad(text, flags, Math.abs(width), false);
          break;
        }
        case 'c':
          out += pad((arg ?? '').slice(0, 1), flags, width, false);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const n = number(arg);
          const base = conversion === 'o' ? 8 : conversion === 'x' || conversion === 'X' ? 16 : 10;
          let body = Math.abs(n).toString(base);
          if (precision !== undefined) body = body.padStart(precision, '0');
          if (conversion === 'X') body = body.toUpperCase();
          if (flags.includes('#') && n !== 0) body = (base === 16 ? (conversion === 'X' ? '0X' : '0x') : base === 8 ? '0' : '') + body;
          const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          out += pad(sign + body, flags, width, true);
          break;
        }
        default: {
          const f = arg === undefined || arg === '' ? 0 : Number(arg);
          const value = Number.isNaN(f) ? 0 : f;
          if (Number.isNaN(f)) {
            ctx.err(`-bash: printf: ${arg}: invalid number`);
            status = 1;
          }
          const p = precision ?? 6;
          let body = conversion === 'e' || conversion === 'E' ? value.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : conversion === 'g' || conversion === 'G' ? String(Number(value.toPrecision(p || 1))) : value.toFixed(p);
          if (conversion === 'E' || conversion === 'G') body = body.toUpperCase();
          if (value >= 0 && flags.includes('+')) body = `+${body}`;
          out += pad(body, flags, width, true);
        }
      }
      if (stopped) break;
    }
    if (stopped) break;
    out += unescape(format.slice(last), true).text;
    if (used === before) break;
  }
  ctx.write(out);
  return status;
}
