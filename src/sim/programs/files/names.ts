/**
 * Programs about names: `readlink` (-f -e -m -n), `realpath` (-e -m -s), `basename` (-a -s) and
 * `dirname` (GNU coreutils 8.28). Links are resolved on the host as this user sees it.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, filesOf, join, locate, may, ERROR_TEXT, type Actor, type FileError } from './access';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteLocale } from './quote';
import { parentOf, resolvePath } from '../../fs';

type Existence = 'all' | 'all-but-last' | 'none';

/**
 * The canonical absolute path (links followed, `.` and `..` resolved physically), or why not:
 * `all` needs every component, `all-but-last` lets the last one be missing, `none` lets any be.
 */
export function canonical(actor: Actor, path: string, existence: Existence): { ok: true; path: string } | { ok: false; error: FileError } {
  const files = filesOf(actor);
  const queue = (path.startsWith('/') ? path : `${actor.cwd}/${path}`).split('/').filter((c) => c !== '' && c !== '.');
  let current = '/';
  let links = 0;
  let missing = false;
  while (queue.length > 0) {
    const component = queue.shift()!;
    if (component === '..') {
      current = parentOf(current);
      continue;
    }
    const next = join(current, component);
    if (missing) {
      current = next;
      continue;
    }
    const dir = Object.hasOwn(files, current) ? files[current]! : null;
    if (dir && dir.kind === 'dir' && !may(actor, dir, 'x')) return { ok: false, error: 'EACCES' };
    const node = Object.hasOwn(files, next) ? files[next]! : null;
    if (!node) {
      if (existence === 'all' || (existence === 'all-but-last' && queue.length > 0)) return { ok: false, error: 'ENOENT' };
      missing = true;
      current = next;
      continue;
    }
    if (node.kind === 'link') {
      links += 1;
      if (links > 40) return { ok: false, error: 'ELOOP' };
      const target = node.target ?? '';
      if (target.startsWith('/')) current = '/';
      queue.unshift(...target.split('/').filter((c) => c !== '' && c !== '.'));
      continue;
    }
    if (node.kind !== 'dir' && queue.length > 0) {
      if (existence === 'none') {
        missing = true;
        current = next;
        continue;
      }
      return { ok: false, error: 'ENOTDIR' };
    }
    current = next;
  }
  return { ok: true, path: current };
}

function readlink(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'femnqsvz',
    long: [...STANDARD_LONG, { name: 'canonicalize', key: 'f' }, { name: 'canonicalize-existing', key: 'e' }, { name: 'canonicalize-missing', key: 'm' }, { name: 'no-newline', key: 'n' }, { name: 'quiet', key: 'q' }, { name: 'silent', key: 's' }, { name: 'verbose', key: 'v' }, { name: 'zero', key: 'z' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  const actor = actorOf(ctx.sys);
  let mode: Existence | null = null;
  for (const { key } of options.list) {
    if (key === 'f') mode = 'all-but-last';
    else if (key === 'e') mode = 'all';
    else if (key === 'm') mode = 'none';
  }
  const end = options.has('z') ? '\u0000' : options.has('n') && options.operands.length === 1 ? '' : '\n';
  let status = 0;
  for (const name of options.operands) {
    if (mode) {
      const result = canonical(actor, name, mode);
      if (result.ok) ctx.write(result.path + end);
      else {
        if (options.has('v')) ctx.err(`readlink: ${name}: ${ERROR_TEXT[result.error]}`);
        status = 1;
      }
      continue;
    }
    const found = locate(actor, name, false);
    if (found.ok && found.node.kind === 'link') ctx.write((found.node.target ?? '') + end);
    else {
      if (options.has('v')) ctx.err(`readlink: ${name}: ${ERROR_TEXT[found.ok ? 'EINVAL' : found.error]}`);
      status = 1;
    }
  }
  return status;
}

function realpath(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'eLmPqsz',
    long: [...STANDARD_LONG, { name: 'canonicalize-existing', key: 'e' }, { name: 'canonicalize-missing', key: 'm' }, { name: 'logical', key: 'L' }, { name: 'physical', key: 'P' }, { name: 'quiet', key: 'q' }, { name: 'strip', key: 's' }, { name: 'no-symlinks', key: 's' }, { name: 'zero', key: 'z' }, { name: 'relative-to', key: 'relative-to', arg: 'required' }, { name: 'relative-base', key: 'relative-base', arg: 'required' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  if (options.has('relative-to') || options.has('relative-base')) ctx.note('Not simulated in this drill: realpath --relative-to and --relative-base; the paths are absolute.');
  const actor = actorOf(ctx.sys);
  const mode: Existence = options.has('e') ? 'all' : options.has('m') ? 'none' : 'all-but-last';
  let status = 0;
  for (const name of options.operands) {
    if (options.has('s')) {
      ctx.out(resolvePath(actor.cwd, name));
      continue;
    }
    const result = canonical(actor, name, mode);
    if (result.ok) ctx.out(result.path);
    else {
      if (!options.has('q')) ctx.err(`realpath: ${name}: ${ERROR_TEXT[result.error]}`);
      status = 1;
    }
  }
  return status;
}

/** POSIX basename: the last component, trailing slashes gone, a suffix taken off unless it is all that is left. */
export function baseNameOf(name: string, suffix = ''): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

/** POSIX dirname: everything before the last component, `.` when there is nothing, `/` for the root. */
export function dirNameOf(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name.startsWith('/') ? '/' : '.';
  const cut = trimmed.lastIndexOf('/');
  if (cut < 0) return '.';
  const dir = trimmed.slice(0, cut).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

function basename(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'az', withArg: 's', long: [...STANDARD_LONG, { name: 'multiple', key: 'a' }, { name: 'suffix', key: 's', arg: 'required' }, { name: 'zero', key: 'z' }] });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, 'NAME [SUFFIX]');
  if (options.has('version')) return coreutilsVersion(ctx);
  const names = options.operands;
  if (names.length === 0) return usageError(ctx, 'missing operand');
  const end = options.has('z') ? '\u0000' : '\n';
  const suffix = options.value('s');
  if (options.has('a') || suffix !== undefined) {
    for (const n of names) ctx.write(baseNameOf(n, suffix ?? '') + end);
    return 0;
  }
  if (names.length > 2) return usageError(ctx, `extra operand ${quoteLocale(names[2]!)}`);
  ctx.write(baseNameOf(names[0]!, names[1] ?? '') + end);
  return 0;
}

function dirname(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'z', long: [...STANDARD_LONG, { name: 'zero', key: 'z' }] });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION] NAME...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  const end = options.has('z') ? '\u0000' : '\n';
  for (const n of options.operands) ctx.write(dirNameOf(n) + end);
  return 0;
}

export const namePrograms: Readonly<Record<string, ProgramEntry>> = {
  readlink: { main: readlink, base: true },
  realpath: { main: realpath, base: true },
  basename: { main: basename, base: true },
  dirname: { main: dirname, base: true },
};
