/**
 * `python3 -m json.tool [infile [outfile]]` as Python 3.6 runs it: the JSON pretty-printed with
 * a 4-space indent, keys in their order (a repeated key keeps its first place and its last
 * value, as a dict does), strings with ensure_ascii's `\uXXXX`, floats as repr prints them; on
 * bad input the decoder's message (`Expecting value: line 1 column 1 (char 0)`), exit 1.
 * A parser of its own, so JavaScript's key order and number formats never leak in.
 */
import type { ProgramContext } from '../process';
import { FS_ERROR_TEXT } from '../process';

type Json = { kind: 'object'; entries: [string, Json][] } | { kind: 'array'; items: Json[] } | { kind: 'string'; value: string } | { kind: 'number'; text: string } | { kind: 'literal'; text: 'true' | 'false' | 'null' };

class DecodeError {
  constructor(readonly message: string, readonly pos: number) {}
}

/** Nesting deeper than this is refused (Python's own limit is its recursion limit, about 1000). */
const MAX_DEPTH = 500;

function parse(doc: string): Json {
  let i = 0;
  const ws = () => {
    while (i < doc.length && ' \t\n\r'.includes(doc[i]!)) i += 1;
  };
  const string = (): string => {
    const start = i;
    i += 1;
    let out = '';
    for (;;) {
      if (i >= doc.length) throw new DecodeError('Unterminated string starting at', start);
      const ch = doc[i]!;
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === '\\') {
        const esc = doc[i + 1];
        if (esc === undefined) throw new DecodeError('Unterminated string starting at', start);
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc === 'u') {
          const hex = doc.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new DecodeError('Invalid \\uXXXX escape', i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (Object.hasOwn(simple, esc)) {
          out += simple[esc];
          i += 2;
        } else throw new DecodeError(`Invalid \\escape: ${JSON.stringify(`\\${esc}`).slice(1, -1).replace(/\\\\/g, '\\')}`, i);
        continue;
      }
      if (ch < ' ') throw new DecodeError('Invalid control character at', i);
      out += ch;
      i += 1;
    }
  };
  const value = (depth: number): Json => {
    if (depth > MAX_DEPTH) throw new DecodeError('Expecting value', i);
    const ch = doc[i];
    if (ch === '"') return { kind: 'string', value: string() };
    if (ch === '{') {
      i += 1;
      ws();
      const entries: [string, Json][] = [];
      const index = new Map<string, number>();
      if (doc[i] === '}') {
        i += 1;
        return { kind: 'object', entries };
      }
      for (;;) {
        if (doc[i] !== '"') throw new DecodeError('Expecting property name enclosed in double quotes', i);
        const key = string();
        ws();
        if (doc[i] !== ':') throw new DecodeError("Expecting ':' delimiter", i);
        i += 1;
        ws();
        const v = value(depth + 1);
        const at = index.get(key);
        if (at === undefined) {
          index.set(key, entries.length);
          entries.push([key, v]);
        } else entries[at] = [key, v];
        ws();
        if (doc[i] === '}') {
          i += 1;
          return { kind: 'object', entries };
        }
        if (doc[i] !== ',') throw new DecodeError("Expecting ',' delimiter", i);
        i += 1;
        ws();
      }
    }
    if (ch === '[') {
      i += 1;
      ws();
      const items: Json[] = [];
      if (doc[i] === ']') {
        i += 1;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (doc[i] === ']') {
          i += 1;
          return { kind: 'array', items };
        }
        if (doc[i] !== ',') throw new DecodeError("Expecting ',' delimiter", i);
        i += 1;
        ws();
      }
    }
    for (const text of ['true', 'false', 'null'] as const) {
      if (doc.startsWith(text, i)) {
        i += text.length;
        return { kind: 'literal', text };
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(doc.slice(i, i + 400));
    if (number) {
      i += number[0].length;
      return { kind: 'number', text: number[0] };
    }
    throw new DecodeError('Expecting value', i);
  };
  ws();
  const result = value(0);
  ws();
  if (i < doc.length) throw new DecodeError('Extra data', i);
  return result;
}

/** A float as Python's repr writes it: `1.5`, `100000.0`, `1e+16`, `1e-07`. */
function floatRepr(text: string): string {
  const x = Number(text);
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  const plain = String(x);
  return plain.includes('.') ? plain : `${plain === '-0' ? '-0' : plain}.0`;
}

function numberText(text: string): string {
  if (/^-?\d+$/.test(text)) return text.replace(/^-0$/, '0');
  return floatRepr(text);
}

function stringText(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      // ensure_ascii: non-ASCII as \uXXXX, astral characters as their surrogate pair.
      for (const unit of code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code]) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function render(value: Json, indent: string): string {
  const inner = `${indent}    `;
  switch (value.kind) {
    case 'string':
      return stringText(value.value);
    case 'number':
      return numberText(value.text);
    case 'literal':
      return value.text;
    case 'array':
      if (value.items.length === 0) return '[]';
      return `[\n${value.items.map((v) => inner + render(v, inner)).join(',\n')}\n${indent}]`;
    case 'object':
      if (value.entries.length === 0) return '{}';
      return `{\n${value.entries.map(([k, v]) => `${inner}${stringText(k)}: ${render(v, inner)}`).join(',\n')}\n${indent}}`;
  }
}

/** Python's json error text: `MSG: line L column C (char P)`. */
function errorText(error: DecodeError, doc: string): string {
  const before = doc.slice(0, error.pos);
  const line = before.split('\n').length;
  const lastNewline = before.lastIndexOf('\n');
  const column = error.pos - lastNewline;
  return `${error.message}: line ${line} column ${column} (char ${error.pos})`;
}

export function jsonTool(ctx: ProgramContext, args: readonly string[]): number {
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  if (flags.some((f) => f !== '--sort-keys')) {
    ctx.err('usage: python -m json.tool [-h] [--sort-keys] [infile] [outfile]');
    ctx.err(`python -m json.tool: error: unrecognized arguments: ${flags.filter((f) => f !== '--sort-keys').join(' ')}`);
    return 2;
  }
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  let doc: string;
  if (files[0] && files[0] !== '-') {
    const read = ctx.sys.read(files[0]);
    if (!read.ok) {
      ctx.err('usage: python -m json.tool [-h] [--sort-keys] [infile] [outfile]');
      ctx.err(`python -m json.tool: error: argument infile: can't open '${files[0]}': [Errno ${read.error === 'ENOENT' ? 2 : read.error === 'EACCES' ? 13 : 21}] ${FS_ERROR_TEXT[read.error]}: '${files[0]}'`);
      return 2;
    }
    doc = read.text;
  } else doc = ctx.stdin ?? '';
  let parsed: Json;
  try {
    parsed = parse(doc);
  } catch (error) {
    if (error instanceof DecodeError) {
      ctx.err(errorText(error, doc));
      return 1;
    }
    throw error;
  }
  if (flags.includes('--sort-keys')) {
    const sortKeys = (v: Json): Json => (v.kind === 'object' ? { kind: 'object', entries: [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)]) } : v.kind === 'array' ? { kind: 'array', items: v.items.map(sortKeys) } : v);
    parsed = sortKeys(parsed);
  }
  ctx.out(render(parsed, ''));
  return 0;
}
