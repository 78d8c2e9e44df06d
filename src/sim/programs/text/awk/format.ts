/**
 * printf as mawk 1.3.3 hands it to C's printf: %d %i (through a 32-bit int, so large values stop
 * at 2147483647), %o %x %X %u %c %s %e %E %f %g %G %%, flags `-+ #0`, width and precision
 * (also `*`), with glibc's rounding (ties to even) and its `inf` and `-nan`.
 */

/** A double written the way glibc's printf writes it for %f, %e or %g. */
function special(n: number, upper: boolean): string | null {
  if (Number.isNaN(n)) return upper ? '-NAN' : '-nan';
  if (n === Infinity) return upper ? 'INF' : 'inf';
  if (n === -Infinity) return upper ? '-INF' : '-inf';
  return null;
}

/** toFixed with glibc's rounding of exact ties to even. */
function fixed(n: number, precision: number): string {
  const p = Math.min(precision, 100);
  let s = Math.abs(n).toFixed(p);
  // A tie (…5 exactly) rounds to even in glibc; JavaScript rounds it up.
  const scaled = Math.abs(n) * 10 ** p;
  if (p <= 15 && Number.isFinite(scaled) && scaled - Math.floor(scaled) === 0.5 && Math.floor(scaled) % 2 === 0) {
    s = (Math.floor(scaled) / 10 ** p).toFixed(p);
  }
  return (n < 0 || Object.is(n, -0) ? '-' : '') + s;
}

function exponential(n: number, precision: number, upper: boolean): string {
  const p = Math.min(precision, 100);
  let s = Math.abs(n).toExponential(p);
  const [mant, exp] = s.split('e');
  const e = Number(exp);
  s = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  s = (n < 0 || Object.is(n, -0) ? '-' : '') + s;
  return upper ? s.toUpperCase() : s;
}

function general(n: number, precision: number, alt: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (n === 0) {
    const zero = alt ? `0.${'0'.repeat(p - 1)}` : '0';
    return (Object.is(n, -0) ? '-' : '') + zero;
  }
  const e = Number(Math.abs(n).toExponential(p - 1).split('e')[1]);
  let s = e < -4 || e >= p ? exponential(n, p - 1, upper) : fixed(n, p - 1 - e);
  if (!alt) {
    if (s.includes('e') || s.includes('E')) s = s.replace(/\.?0+(?=[eE])/, '');
    else if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

/** A number through one conversion such as `%.6g` (awk's CONVFMT and OFMT). */
export function formatNumber(spec: string, n: number): string {
  const { text } = sprintf(spec, [n], (v) => (typeof v === 'number' ? v : Number(v)), (v) => String(v));
  return text;
}

export interface Conversion {
  flags: string;
  width: number | null;
  precision: number | null;
  conv: string;
}

/**
 * Formats `args` by `format`. `num` and `str` turn an argument into a number or a string as
 * awk does; a missing argument is "" / 0. Returns the text and whether arguments ran out.
 */
export function sprintf<T>(format: string, args: readonly T[], num: (v: T | undefined) => number, str: (v: T | undefined) => string): { text: string; missing: boolean } {
  let out = '';
  let argIndex = 0;
  let missing = false;
  const nextArg = (): T | undefined => {
    if (argIndex >= args.length) {
      missing = true;
      return undefined;
    }
    return args[argIndex++];
  };
  for (let i = 0; i < format.length; i += 1) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([diouxXeEfFgGcs%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const flags = m[1]!;
    let width = m[2] === undefined ? null : m[2] === '*' ? Math.trunc(num(nextArg())) : Number(m[2]);
    const precision = m[3] === undefined ? null : m[3] === '*' ? Math.trunc(num(nextArg())) : Number(m[3] || '0');
    let left = flags.includes('-');
    if (width !== null && width < 0) {
      left = true;
      width = -width;
    }
    const conv = m[5]!;
    if (conv === '%') {
      out += '%';
      continue;
    }
    let body: string;
    let numeric = true;
    if (conv === 'c') {
      numeric = false;
      const v = nextArg();
      body = typeof v === 'number' ? String.fromCharCode(Math.trunc(v) & 0xff) : str(v).slice(0, 1);
    } else if (conv === 's') {
      numeric = false;
      body = str(nextArg());
      if (precision !== null) body = body.slice(0, precision);
    } else {
      const n = num(nextArg());
      if (conv === 'd' || conv === 'i' || conv === 'o' || conv === 'x' || conv === 'X' || conv === 'u') {
        let v = Number.isNaN(n) ? -2147483647 : n >= 2147483647 ? 2147483647 : n > -2147483647 ? Math.trunc(n) : -2147483647;
        if (conv === 'u' && v < 0) v += 4294967296;
        const magnitude = Math.abs(v);
        let digits = conv === 'o' ? magnitude.toString(8) : conv === 'x' ? magnitude.toString(16) : conv === 'X' ? magnitude.toString(16).toUpperCase() : String(magnitude);
        if (precision !== null) digits = precision === 0 && magnitude === 0 ? '' : digits.padStart(precision, '0');
        if (flags.includes('#') && conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
        if (flags.includes('#') && (conv === 'x' || conv === 'X') && magnitude !== 0) digits = (conv === 'x' ? '0x' : '0X') + digits;
        const sign = v < 0 ? '-' : conv === 'd' || conv === 'i' ? (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '';
        body = sign + digits;
        if (precision !== null) numeric = false;
      } else {
        const upper = conv === 'E' || conv === 'G' || conv === 'F';
        const p = precision ?? 6;
        const sp = special(n, upper);
        if (sp !== null) {
          body = sp === '-nan' || sp === '-NAN' ? sp : n > 0 && flags.includes('+') ? `+${sp}` : n > 0 && flags.includes(' ') ? ` ${sp}` : sp;
          numeric = false;
        } else {
          body = conv === 'f' || conv === 'F' ? fixed(n, p) : conv === 'e' || conv === 'E' ? exponential(n, p, upper) : general(n, p, flags.includes('#'), upper);
          if (flags.includes('#') && (conv === 'f' || conv === 'F' || conv === 'e' || conv === 'E') && p === 0 && !body.includes('.')) body = body.replace(/^(-?\d+)/, '$1.');
          if (!body.startsWith('-')) {
            if (flags.includes('+')) body = `+${body}`;
            else if (flags.includes(' ')) body = ` ${body}`;
          }
        }
      }
    }
    if (width !== null && body.length < width) {
      if (left) body = body.padEnd(width);
      else if (numeric && flags.includes('0')) {
        const sign = /^[-+ ]/.test(body) ? body[0]! : '';
        const prefix = /^[-+ ]?0[xX]/.test(body) ? body.slice(sign.length, sign.length + 2) : '';
        const rest = body.slice(sign.length + prefix.length);
        body = sign + prefix + rest.padStart(width - sign.length - prefix.length, '0');
      } else body = body.padStart(width);
    }
    out += body;
  }
  return { text: out, missing };
}
