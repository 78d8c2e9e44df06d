/**
 * `od` (coreutils 8.28): 16 bytes a line in the formats asked for (`-c`, `-x`, `-o`, `-d`,
 * `-b`, `-t x1|x2|x4|o1|o2|d1|d2|u1|u2|c`), addresses in octal, hex, decimal or none (`-A`,
 * `-An`), repeated lines folded into `*` unless `-v`, the final address last.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { readInput, shownData } from './input';
import { toBytes } from './bytes';

interface Format {
  kind: 'c' | 'x' | 'o' | 'd' | 'u';
  /** Bytes per field. */
  size: number;
}

const ESCAPES: Readonly<Record<number, string>> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** The printed width of one field (its leading space not counted). */
function widthOf(f: Format): number {
  if (f.kind === 'c') return 3;
  const max = 2 ** (8 * f.size) - 1;
  if (f.kind === 'x') return f.size * 2;
  if (f.kind === 'o') return max.toString(8).length;
  if (f.kind === 'u') return String(max).length;
  return String(-(2 ** (8 * f.size - 1))).length;
}

function field(f: Format, bytes: Uint8Array, at: number): string {
  if (f.kind === 'c') {
    const b = bytes[at]!;
    return ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'));
  }
  let value = 0;
  for (let i = f.size - 1; i >= 0; i -= 1) value = value * 256 + (bytes[at + i] ?? 0);
  if (f.kind === 'x') return value.toString(16).padStart(f.size * 2, '0');
  if (f.kind === 'o') return value.toString(8).padStart(widthOf(f), '0');
  if (f.kind === 'd' && value >= 2 ** (8 * f.size - 1)) value -= 2 ** (8 * f.size);
  return String(value);
}

function parseType(spec: string): Format | null {
  const m = /^([cxoduaf])(\d*)$/.exec(spec);
  if (!m) return null;
  const kind = m[1]!;
  if (kind === 'a' || kind === 'f') return null;
  if (kind === 'c') return { kind: 'c', size: 1 };
  const size = m[2] ? Number(m[2]) : kind === 'x' || kind === 'o' || kind === 'd' || kind === 'u' ? 4 : 1;
  return [1, 2, 4].includes(size) ? { kind: kind as Format['kind'], size } : null;
}

function usage(ctx: ProgramContext, line: string): number {
  ctx.err(line);
  ctx.err("Try 'od --help' for more information.");
  return 1;
}

export function od(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const formats: Format[] = [];
  let radix = 'o' as 'o' | 'x' | 'd' | 'n';
  let verbose = false;
  let skip = 0;
  let limit: number | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    if (a === '--version') {
      ctx.out('od (GNU coreutils) 8.28');
      return 0;
    }
    if (a === '-v' || a === '--output-duplicates') {
      verbose = true;
      continue;
    }
    const valued = /^-([AtjN])(.*)$/.exec(a);
    if (valued) {
      const value = valued[2] || args[++i];
      if (value === undefined) return usage(ctx, `od: option requires an argument -- '${valued[1]}'`);
      if (valued[1] === 'A') {
        if (!['o', 'x', 'd', 'n'].includes(value)) return usage(ctx, `od: invalid output address radix '${value}'; it must be one character from [doxn]`);
        radix = value as typeof radix;
      } else if (valued[1] === 't') {
        const f = parseType(value);
        if (!f) {
          ctx.note(`Not simulated in this drill: od -t ${value}; od prints -c, -x, -o, -d, -b and -t c, x, o, d, u with sizes 1, 2, 4.`);
          return 0;
        }
        formats.push(f);
      } else if (!/^\d+$/.test(value)) return usage(ctx, `od: invalid ${valued[1] === 'j' ? 'skip' : 'limit'} argument '${value}'`);
      else if (valued[1] === 'j') skip = Number(value);
      else limit = Number(value);
      continue;
    }
    for (const letter of a.slice(1)) {
      if (letter === 'c') formats.push({ kind: 'c', size: 1 });
      else if (letter === 'x') formats.push({ kind: 'x', size: 2 });
      else if (letter === 'o') formats.push({ kind: 'o', size: 2 });
      else if (letter === 'd') formats.push({ kind: 'u', size: 2 });
      else if (letter === 'b') formats.push({ kind: 'o', size: 1 });
      else if (letter === 'v') verbose = true;
      else if (letter === 'a' || letter === 'f' || letter === 'i' || letter === 'l' || letter === 's' || letter === 'w') {
        ctx.note(`Not simulated in this drill: od -${letter}.`);
        return 0;
      } else return usage(ctx, `od: invalid option -- '${letter}'`);
    }
  }
  if (formats.length === 0) formats.push({ kind: 'o', size: 2 });
  const chunks: Uint8Array[] = [];
  let ok = true;
  for (const name of files.length ? files : ['-']) {
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`od: ${name}: ${FS_ERROR_TEXT[read.error]}`);
      ok = false;
      continue;
    }
    chunks.push(toBytes(shownData(ctx, read.file)));
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  let bytes = all.subarray(Math.min(skip, all.length));
  if (limit !== null) bytes = bytes.subarray(0, limit);
  const address = (n: number) => (radix === 'n' ? '' : radix === 'x' ? n.toString(16).padStart(6, '0') : radix === 'd' ? String(n).padStart(7, '0') : n.toString(8).padStart(7, '0'));
  const indent = radix === 'n' ? '' : ' '.repeat(address(0).length);
  // Every format's line is as wide as the widest one: narrower fields get spaces in front.
  const blockWidth = (f: Format) => (16 / f.size) * (widthOf(f) + 1);
  const widest = Math.max(...formats.map(blockWidth));
  let previous: string | null = null;
  let starred = false;
  for (let at = 0; at < bytes.length; at += 16) {
    const line = bytes.subarray(at, at + 16);
    const key = Array.from(line).join(',');
    if (!verbose && line.length === 16 && key === previous) {
      if (!starred) ctx.out('*');
      starred = true;
      continue;
    }
    previous = key;
    starred = false;
    formats.forEach((f, index) => {
      const fields = 16 / f.size;
      const pad = widest - blockWidth(f);
      let text = '';
      for (let i = 0, n = 0; i < line.length; i += f.size, n += 1) {
        const extra = Math.floor((pad * (n + 1)) / fields) - Math.floor((pad * n) / fields);
        text += ' '.repeat(1 + extra) + field(f, line, i).padStart(widthOf(f));
      }
      ctx.out(`${index === 0 ? address(skip + at) : indent}${text}`);
    });
  }
  if (radix !== 'n') ctx.out(address(skip + bytes.length));
  return ok ? 0 : 1;
}
