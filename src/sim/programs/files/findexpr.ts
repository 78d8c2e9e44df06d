/**
 * find's expression (findutils 4.6): operators `!`/-not, -a/-and (also implied), -o/-or, `,`
 * and parentheses; tests, actions and global options, each compiled to a predicate over one
 * entry. Errors and warnings are findutils' own words.
 */
import type { FileNode } from '../../fs';
import { RE2JS } from 're2js';
import { fnmatch } from './fnmatch';
import { parseMode } from './modes';
import { quoteLocale } from './quote';

/** One file find looks at: how it prints, where it is, and what it is. */
export interface Entry {
  shown: string;
  path: string;
  node: FileNode;
  depth: number;
  name: string;
}

/** What predicates may ask of the walk (sizes, owners, times) and do (print, run, delete). */
export interface FindEnv {
  now: number;
  dayStart: boolean;
  size(e: Entry): number;
  kilobytes(e: Entry): number;
  mtime(e: Entry): number;
  inode(e: Entry): number;
  links(e: Entry): number;
  empty(e: Entry): boolean;
  can(e: Entry, want: 'r' | 'w' | 'x'): boolean;
  uid(e: Entry): number;
  gid(e: Entry): number;
  /** The node a link leads to, for -xtype and -L. */
  followed(e: Entry): FileNode | null;
  print(text: string): void;
  ls(e: Entry): void;
  printf(e: Entry, format: string): void;
  exec(words: readonly string[], e: Entry): boolean;
  execBatch(words: readonly string[], e: Entry): void;
  ask(words: readonly string[], e: Entry): boolean;
  remove(e: Entry): boolean;
  prune(): void;
  quit(): void;
}

export type Predicate = (e: Entry, env: FindEnv) => boolean;

export interface Expression {
  predicate: Predicate;
  /** Whether the expression has an action; if not, -print is added. */
  hasAction: boolean;
  maxDepth: number;
  minDepth: number;
  depthFirst: boolean;
  dayStart: boolean;
  warnings: string[];
}

export class FindError extends Error {}

const GLOBAL_OPTIONS = new Set(['-maxdepth', '-mindepth', '-depth', '-d', '-xdev', '-mount', '-noleaf', '-ignore_readdir_race', '-noignore_readdir_race', '-regextype', '-warn', '-nowarn', '-follow', '-help', '--help', '-version', '--version']);
const POSITIONAL_OPTIONS = new Set(['-daystart']);

type Comparison = { op: '+' | '-' | '='; n: number };

function comparison(arg: string, primary: string): Comparison {
  const m = /^([+-]?)(\d+)$/.exec(arg);
  if (!m) throw new FindError(`invalid argument \`${arg}' to \`${primary}'`);
  return { op: (m[1] || '=') as Comparison['op'], n: Number(m[2]) };
}

function compare(value: number, c: Comparison): boolean {
  return c.op === '+' ? value > c.n : c.op === '-' ? value < c.n : value === c.n;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 512, c: 1, w: 2, k: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 };

/** What the parser checks as it reads: names and files the expression mentions must exist. */
export interface Lookups {
  user(nameOrId: string): number | null;
  group(nameOrId: string): number | null;
  reference(path: string): { mtime: number; inode: number } | string;
}

/** Parses the words after the starting points. */
export function parseExpression(words: readonly string[], lookups: Lookups): Expression {
  const out: Expression = { predicate: () => true, hasAction: false, maxDepth: Infinity, minDepth: 0, depthFirst: false, dayStart: false, warnings: [] };
  let i = 0;
  let firstNonOption: string | null = null;
  const peek = () => words[i];
  const need = (primary: string): string => {
    const value = words[i];
    if (value === undefined) throw new FindError(`missing argument to \`${primary}'`);
    i += 1;
    return value;
  };

  const primary = (): Predicate => {
    const word = words[i]!;
    i += 1;
    if (GLOBAL_OPTIONS.has(word) && firstNonOption !== null && word !== '-follow') {
      out.warnings.push(`warning: you have specified the ${word} option after a non-option argument ${firstNonOption}, but options are not positional (${word} affects tests specified before it as well as those specified after it).  Please specify options before other arguments.\n`);
    }
    if (!GLOBAL_OPTIONS.has(word) && !POSITIONAL_OPTIONS.has(word) && firstNonOption === null) firstNonOption = word;
    switch (word) {
      case '-maxdepth':
      case '-mindepth': {
        const value = need(word);
        if (!/^\d+$/.test(value)) throw new FindError(`Expected a positive decimal integer argument to ${word}, but got ${quoteLocale(value)}`);
        if (word === '-maxdepth') out.maxDepth = Number(value);
        else out.minDepth = Number(value);
        return () => true;
      }
      case '-depth':
      case '-d':
        out.depthFirst = true;
        return () => true;
      case '-daystart':
        out.dayStart = true;
        return () => true;
      case '-xdev': case '-mount': case '-noleaf': case '-ignore_readdir_race': case '-noignore_readdir_race': case '-warn': case '-nowarn': case '-follow':
        return () => true;
      case '-regextype':
        need(word);
        return () => true;
      case '-true': return () => true;
      case '-false': return () => false;
      case '-name': case '-iname': {
        const pattern = need(word);
        const caseless = word === '-iname';
        return (e) => fnmatch(pattern, e.name, { caseless });
      }
      case '-path': case '-ipath': case '-wholename': case '-iwholename': {
        const pattern = need(word);
        const caseless = word.startsWith('-i');
        return (e) => fnmatch(pattern, e.shown, { slashes: true, caseless });
      }
      case '-lname': case '-ilname': {
        const pattern = need(word);
        return (e) => e.node.kind === 'link' && fnmatch(pattern, e.node.target ?? '', { slashes: true, caseless: word === '-ilname' });
      }
      case '-regex': case '-iregex': {
        const pattern = need(word);
        let re: RE2JS;
        try {
          re = RE2JS.compile(pattern, word === '-iregex' ? RE2JS.CASE_INSENSITIVE : 0);
        } catch {
          throw new FindError(`Invalid regular expression: ${quoteLocale(pattern)}`);
        }
        return (e) => re.matches(e.shown);
      }
      case '-type': case '-xtype': {
        const value = need(word);
        const letters = value.split(',');
        for (const l of letters) {
          if (l.length !== 1 || !'bcdpflsD'.includes(l)) {
            if (l.length > 1 && [...l].every((c) => 'bcdpflsD'.includes(c))) throw new FindError(`Must separate multiple arguments to ${word} using: ','`);
            throw new FindError(`Unknown argument to ${word}: ${l}`);
          }
        }
        const letterOf = (n: FileNode | null) => (n === null ? 'l' : n.kind === 'dir' ? 'd' : n.kind === 'link' ? 'l' : 'f');
        return (e, env) => letters.includes(letterOf(word === '-xtype' && e.node.kind === 'link' ? env.followed(e) : e.node));
      }
      case '-size': {
        const value = need(word);
        const m = /^([+-]?)(\d+)([a-zA-Z]?)$/.exec(value);
        if (!m) throw new FindError(`invalid argument \`${value}' to \`-size'`);
        const unitLetter = m[3] || 'b';
        if (!Object.hasOwn(SIZE_UNITS, unitLetter)) throw new FindError(`invalid -size type \`${unitLetter}'`);
        const unit = SIZE_UNITS[unitLetter]!;
        const c: Comparison = { op: (m[1] || '=') as Comparison['op'], n: Number(m[2]) };
        return (e, env) => compare(Math.ceil(env.size(e) / unit), c);
      }
      case '-mtime': case '-atime': case '-ctime': {
        const c = comparison(need(word), word);
        return (e, env) => compare(Math.floor((env.now - env.mtime(e)) / 86400), c);
      }
      case '-mmin': case '-amin': case '-cmin': {
        const c = comparison(need(word), word);
        return (e, env) => {
          const seconds = env.now - env.mtime(e);
          return c.op === '+' ? seconds > c.n * 60 : c.op === '-' ? seconds < c.n * 60 : Math.ceil(seconds / 60) === c.n;
        };
      }
      case '-newer': case '-anewer': case '-cnewer': case '-samefile': {
        const name = need(word);
        const ref = lookups.reference(name);
        if (typeof ref === 'string') throw new FindError(`${quoteLocale(name)}: ${ref}`);
        if (word === '-samefile') return (e, env) => ref.inode === env.inode(e);
        return (e, env) => env.mtime(e) > ref.mtime;
      }
      case '-inum': {
        const c = comparison(need(word), word);
        return (e, env) => compare(env.inode(e), c);
      }
      case '-links': {
        const c = comparison(need(word), word);
        return (e, env) => compare(env.links(e), c);
      }
      case '-user': case '-uid': {
        const value = need(word);
        if (word === '-uid') {
          const c = comparison(value, word);
          return (e, env) => compare(env.uid(e), c);
        }
        const id = lookups.user(value);
        if (id === null) throw new FindError(`${quoteLocale(value)} is not the name of a known user`);
        return (e, env) => env.uid(e) === id;
      }
      case '-group': case '-gid': {
        const value = need(word);
        if (word === '-gid') {
          const c = comparison(value, word);
          return (e, env) => compare(env.gid(e), c);
        }
        const id = lookups.group(value);
        if (id === null) throw new FindError(`${quoteLocale(value)} is not the name of an existing group`);
        return (e, env) => env.gid(e) === id;
      }
      case '-nouser': return (e) => lookups.user(e.node.owner) === null;
      case '-nogroup': return (e) => lookups.group(e.node.group) === null;
      case '-perm': {
        const value = need(word);
        const kind = value.startsWith('-') ? 'all' : value.startsWith('/') || value.startsWith('+') ? 'any' : 'exact';
        const modeText = kind === 'exact' ? value : value.slice(1);
        const change = parseMode(modeText);
        if (!change) throw new FindError(`invalid mode ${quoteLocale(value)}`);
        const bits = change(0, false) & 0o7777;
        return (e) => {
          const mode = e.node.mode & 0o7777;
          if (kind === 'all') return (mode & bits) === bits;
          if (kind === 'any') return bits === 0 || (mode & bits) !== 0;
          return mode === bits;
        };
      }
      case '-empty': return (e, env) => env.empty(e);
      case '-readable': return (e, env) => env.can(e, 'r');
      case '-writable': return (e, env) => env.can(e, 'w');
      case '-executable': return (e, env) => env.can(e, 'x');
      case '-print':
        out.hasAction = true;
        return (e, env) => {
          env.print(`${e.shown}\n`);
          return true;
        };
      case '-print0':
        out.hasAction = true;
        return (e, env) => {
          env.print(`${e.shown}\u0000`);
          return true;
        };
      case '-ls':
        out.hasAction = true;
        return (e, env) => {
          env.ls(e);
          return true;
        };
      case '-printf': {
        const format = need(word);
        out.hasAction = true;
        return (e, env) => {
          env.printf(e, format);
          return true;
        };
      }
      case '-fprint': case '-fprint0': case '-fls': case '-fprintf':
        throw new FindError(`Not simulated in this drill: find ${word}`);
      case '-delete':
        out.hasAction = true;
        out.depthFirst = true;
        return (e, env) => env.remove(e);
      case '-prune':
        return (_e, env) => {
          env.prune();
          return true;
        };
      case '-quit':
        return (_e, env) => {
          env.quit();
          return true;
        };
      case '-exec': case '-execdir': case '-ok': case '-okdir': {
        const command: string[] = [];
        let batch = false;
        for (;;) {
          const w = words[i];
          if (w === undefined) throw new FindError(`missing argument to \`${word}'`);
          i += 1;
          if (w === ';') break;
          if (w === '+' && command[command.length - 1] === '{}' && !word.startsWith('-ok')) {
            batch = true;
            break;
          }
          command.push(w);
        }
        if (command.length === 0) throw new FindError(`missing argument to \`${word}'`);
        out.hasAction = true;
        if (word.startsWith('-ok')) return (e, env) => env.ask(command, e);
        if (batch) {
          return (e, env) => {
            env.execBatch(command, e);
            return true;
          };
        }
        return (e, env) => env.exec(command, e);
      }
      default:
        if (word.startsWith('-') && word.length > 1) throw new FindError(`unknown predicate \`${word}'`);
        throw new FindError(`paths must precede expression: ${word}`);
    }
  };

  const unary = (): Predicate => {
    const word = peek();
    if (word === undefined) throw new FindError('invalid expression; you have used a binary operator with nothing before it.');
    if (word === '!' || word === '-not') {
      i += 1;
      if (peek() === undefined) throw new FindError(`invalid expression; you have used a unary operator '${word}' with nothing after it.`);
      const inner = unary();
      return (e, env) => !inner(e, env);
    }
    if (word === '(') {
      i += 1;
      if (peek() === ')') throw new FindError("invalid expression; empty parentheses are not allowed.");
      const inner = list();
      if (peek() !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      i += 1;
      return inner;
    }
    if (word === ')') throw new FindError("invalid expression; you have too many ')'");
    if (word === '-a' || word === '-and' || word === '-o' || word === '-or' || word === ',') throw new FindError(`invalid expression; you have used a binary operator '${word}' with nothing before it.`);
    return primary();
  };

  const and = (): Predicate => {
    let left = unary();
    for (;;) {
      const word = peek();
      if (word === undefined || word === ')' || word === '-o' || word === '-or' || word === ',') return left;
      if (word === '-a' || word === '-and') {
        i += 1;
        if (peek() === undefined) throw new FindError(`invalid expression; you have used a binary operator '${word}' with nothing after it.`);
      }
      const l = left;
      const r = unary();
      left = (e, env) => l(e, env) && r(e, env);
    }
  };

  const or = (): Predicate => {
    let left = and();
    while (peek() === '-o' || peek() === '-or') {
      const word = peek()!;
      i += 1;
      if (peek() === undefined) throw new FindError(`invalid expression; you have used a binary operator '${word}' with nothing after it.`);
      const l = left;
      const r = and();
      left = (e, env) => l(e, env) || r(e, env);
    }
    return left;
  };

  const list = (): Predicate => {
    let left = or();
    while (peek() === ',') {
      i += 1;
      const l = left;
      const r = or();
      left = (e, env) => {
        l(e, env);
        return r(e, env);
      };
    }
    return left;
  };

  if (words.length > 0) {
    out.predicate = list();
    if (i < words.length) {
      if (words[i] === ')') throw new FindError("invalid expression; you have too many ')'");
      throw new FindError(`paths must precede expression: ${words[i]}`);
    }
  }
  return out;
}
