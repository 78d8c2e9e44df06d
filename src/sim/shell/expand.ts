/**
 * Word expansion, in bash's order: tilde, parameters and `$(…)`, then word splitting and
 * pathname expansion (globs) on the unquoted parts only.
 */
import type { Word } from './parse';
import { childrenOf, resolvePath, type FileNode } from '../fs';
import { evaluateArithmetic } from './arith';

/** An expansion error (`$((1/0))`): bash writes it and abandons the rest of the line. */
export class ExpansionError extends Error {}

export interface ExpandEnv {
  vars: Readonly<Record<string, string>>;
  /** `$0` and the positional parameters (`bash -c STRING NAME ARG…`); the login shell has `-bash` and none. */
  args?: readonly string[];
  /** `$?`: the last exit status. */
  status: number;
  home(user: string): string | null;
  /** Runs `$(…)` and returns its standard output. */
  substitute(source: string): string;
  /** Runs `<(…)` and returns the name of the file its output can be read from (`/dev/fd/63`). */
  process?(source: string): string;
  files: Readonly<Record<string, FileNode>>;
  cwd: string;
  /** Sets a shell variable (`$((x += 1))`); later words of the same command see it. */
  assign?(name: string, value: string): void;
}

interface Piece {
  text: string;
  /** Text that came from quotes: never split, never globbed. */
  quoted: boolean;
  /** The result of an unquoted `$VAR` or `$(…)`: split on blanks. */
  split?: boolean;
  /** Between two positional parameters of `$@` (and unquoted `$*`): a new field starts here. */
  field?: boolean;
}

function valueOf(name: string, env: ExpandEnv): string {
  if (name === '?') return String(env.status);
  if (name === '$') return env.vars.$$ ?? '1';
  const args = env.args ?? ['-bash'];
  if (name === '#') return String(args.length - 1);
  if (/^\d+$/.test(name)) return args[Number(name)] ?? '';
  if (name === '@' || name === '*') return args.slice(1).join(' ');
  return Object.hasOwn(env.vars, name) ? env.vars[name]! : '';
}

/** The text of `$(( … ))` or `(( … ))` after its own expansions (`$x`, `${x}`, `$?`, `$(…)`) and quote removal. */
export function arithmeticText(source: string, env: ExpandEnv): string {
  let out = '';
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '"') continue;
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const rest = source.slice(i + 1);
    if (rest.startsWith('(')) {
      let depth = 0;
      let j = i + 1;
      for (; j < source.length; j += 1) {
        if (source[j] === '(') depth += 1;
        else if (source[j] === ')' && --depth === 0) break;
      }
      const inner = source.slice(i + 2, j);
      out += inner.startsWith('(') && inner.endsWith(')') ? arithmetic(inner.slice(1, -1), env) : env.substitute(inner).replace(/\n+$/, '');
      i = j;
      continue;
    }
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])\}/.exec(rest);
    const plain = /^(?:[A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(rest);
    if (braced) {
      out += valueOf(braced[1]!, env);
      i += braced[0].length;
    } else if (plain) {
      out += valueOf(plain[0], env);
      i += plain[0].length;
    } else out += ch;
  }
  return out;
}

/** Evaluates an arithmetic expression as bash does; its error text (without `-bash: `) on failure. */
export function evaluateIn(source: string, env: ExpandEnv): { ok: true; value: bigint } | { ok: false; error: string } {
  return evaluateArithmetic(arithmeticText(source, env), {
    get: (name) => (Object.hasOwn(env.vars, name) ? env.vars[name] : undefined),
    set: (name, value) => env.assign?.(name, value),
  });
}

function arithmetic(source: string, env: ExpandEnv): string {
  const result = evaluateIn(source, env);
  if (!result.ok) throw new ExpansionError(result.error);
  return String(result.value);
}

const GLOB = /[*?[]/;

/** A glob pattern (one path segment) as a regular expression built here, never from raw input. */
function segmentRegex(segment: string): RegExp {
  let out = '^';
  for (let i = 0; i < segment.length; i += 1) {
    const ch = segment[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/[\\\]]/g, '\\$&');
        out += `[${body}]`;
        i = close;
      }
    } else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${out}$`);
}

/** Paths matching a glob, sorted; hidden files only when the pattern's segment starts with `.`. */
function glob(pattern: string, env: ExpandEnv): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let results: { full: string; typed: string }[] = [{ full: absolute ? '/' : env.cwd, typed: '' }];
  for (const segment of segments) {
    const next: { full: string; typed: string }[] = [];
    for (const base of results) {
      if (!GLOB.test(segment)) {
        const full = resolvePath(base.full, segment);
        if (Object.hasOwn(env.files, full)) next.push({ full, typed: base.typed ? `${base.typed}/${segment}` : absolute ? `/${segment}` : segment });
        continue;
      }
      const re = segmentRegex(segment);
      for (const name of childrenOf(env.files, base.full)) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (re.test(name)) next.push({ full: resolvePath(base.full, name), typed: base.typed ? `${base.typed}/${name}` : absolute ? `/${name}` : name });
      }
    }
    results = next;
    if (results.length > 5_000) break;
  }
  return results.map((r) => r.typed).sort();
}

/** The fields a word expands to (usually one; none for an unquoted empty variable). */
export function expandWord(word: Word, env: ExpandEnv): string[] {
  // `"$@"` with no positional parameters is no word at all, quotes and all.
  if ((env.args ?? []).length <= 1 && word.some((p) => p.kind === 'var' && p.name === '@' && p.quoted) && word.every((p) => (p.kind === 'var' && p.name === '@') || (p.kind === 'text' && p.text === ''))) return [];
  const pieces: Piece[] = [];
  for (const part of word) {
    switch (part.kind) {
      case 'text':
        pieces.push({ text: part.text, quoted: part.quoted });
        break;
      case 'tilde': {
        const home = part.user === '' ? (env.vars.HOME ?? null) : env.home(part.user);
        pieces.push({ text: home ?? `~${part.user}`, quoted: true });
        break;
      }
      case 'var': {
        // `"$@"` is one word per positional parameter; `"$*"` one word, joined by IFS's first character;
        // unquoted, both are each parameter split again.
        if ((part.name === '@' || part.name === '*') && !(part.name === '*' && part.quoted)) {
          (env.args ?? ['-bash']).slice(1).forEach((arg, i) => {
            if (i > 0) pieces.push({ text: '', quoted: false, field: true });
            pieces.push({ text: arg, quoted: part.quoted, split: !part.quoted });
          });
          break;
        }
        const text = part.name === '*' ? (env.args ?? []).slice(1).join((env.vars.IFS ?? ' ').slice(0, 1)) : valueOf(part.name, env);
        pieces.push({ text, quoted: part.quoted, split: !part.quoted });
        break;
      }
      case 'command':
        pieces.push({ text: env.substitute(part.source).replace(/\n+$/, ''), quoted: part.quoted, split: !part.quoted });
        break;
      case 'arith':
        pieces.push({ text: arithmetic(part.source, env), quoted: part.quoted, split: !part.quoted });
        break;
      case 'process':
        pieces.push({ text: env.process?.(part.source) ?? '/dev/fd/63', quoted: true });
        break;
    }
  }
  // Word splitting: only the results of unquoted expansions split on blanks.
  const fields: { text: string; globbable: boolean; quotedAny: boolean }[] = [{ text: '', globbable: false, quotedAny: false }];
  for (const piece of pieces) {
    if (piece.field) fields.push({ text: '', globbable: false, quotedAny: false });
    else if (piece.split) {
      const parts = piece.text.split(/[ \t\n]+/);
      parts.forEach((p, i) => {
        if (i > 0) fields.push({ text: '', globbable: false, quotedAny: false });
        const f = fields[fields.length - 1]!;
        f.text += p;
        if (GLOB.test(p)) f.globbable = true;
      });
    } else {
      const f = fields[fields.length - 1]!;
      f.text += piece.text;
      if (piece.quoted) f.quotedAny = true;
      else if (GLOB.test(piece.text)) f.globbable = true;
    }
  }
  const out: string[] = [];
  for (const f of fields) {
    if (f.text === '' && !f.quotedAny) continue;
    if (f.globbable) {
      const matches = glob(f.text, env);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}
