/**
 * `rm` and `rmdir` (GNU coreutils 8.28). Removing is real: the entries leave the host's files
 * in this step's draft, and whatever depended on them sees them gone. Removing needs write and
 * search permission on the directory (and, in a sticky directory such as /tmp, owning the
 * entry or the directory); `-r` empties directories depth first and leaves a directory in
 * place when something inside it could not be removed. `/` is refused unless
 * --no-preserve-root. Questions (-i, -I, write-protected files) are shown and taken as "no".
 */
import type { FileNode } from '../../fs';
import type { ProgramContext, Sys } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, join, locate, may, mayChangeEntries, slotOf, stickyForbids, ERROR_TEXT, type Actor, type FileError } from './access';
import { removeNode } from './change';
import { sizeOf } from './attrs';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { fileKind, unanswered } from './prompt';
import { quoteAlways } from './quote';
import { joinShown } from './tree';

interface RmOptions {
  force: boolean;
  interactive: 'never' | 'once' | 'always';
  recursive: boolean;
  dir: boolean;
  verbose: boolean;
  preserveRoot: boolean;
}

class Remover {
  status = 0;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly actor: Actor,
    private readonly o: RmOptions,
  ) {}

  private fail(shown: string, error: FileError) {
    this.ctx.err(`rm: cannot remove ${quoteAlways(shown)}: ${ERROR_TEXT[error]}`);
    this.status = 1;
  }

  private get sys(): Sys {
    return this.ctx.sys;
  }

  /** Removes one entry (not descending), or says why not. */
  private unlink(shown: string, path: string, node: FileNode, dirNode: FileNode): boolean {
    if (!mayChangeEntries(this.actor, dirNode)) {
      this.fail(shown, 'EACCES');
      return false;
    }
    if (stickyForbids(this.actor, dirNode, node)) {
      this.fail(shown, 'EPERM');
      return false;
    }
    removeNode(this.actor, path);
    if (this.o.verbose) this.ctx.out(node.kind === 'dir' ? `removed directory ${quoteAlways(shown)}` : `removed ${quoteAlways(shown)}`);
    return true;
  }

  /** Asks what rm asks before removing this entry, if anything; true when it may go ahead. */
  private confirmed(shown: string, path: string, node: FileNode, descending: boolean): boolean {
    const empty = node.kind === 'file' && sizeOf(this.sys, node, path) === 0;
    if (this.o.interactive === 'always') {
      return unanswered(this.ctx, descending ? `rm: descend into directory ${quoteAlways(shown)}? ` : `rm: remove ${fileKind(node.kind, empty)} ${quoteAlways(shown)}? `);
    }
    // A file the user may not write is asked about when rm's input is the terminal.
    if (!this.o.force && this.o.interactive !== 'once' && node.kind !== 'link' && this.ctx.stdin === null && !may(this.actor, node, 'w')) {
      return unanswered(this.ctx, `rm: ${descending ? 'descend into' : 'remove'} write-protected ${fileKind(node.kind, empty)} ${quoteAlways(shown)}? `);
    }
    return true;
  }

  /** Removes a tree depth first; true when all of it went. */
  tree(shown: string, path: string, node: FileNode, dirNode: FileNode, children: (dir: string) => string[]): boolean {
    if (node.kind !== 'dir') {
      if (!this.confirmed(shown, path, node, false)) return false;
      return this.unlink(shown, path, node, dirNode);
    }
    if (!this.confirmed(shown, path, node, true)) return false;
    const names = children(path);
    if (names.length > 0 && !(may(this.actor, node, 'r') && may(this.actor, node, 'x'))) {
      this.fail(shown, 'EACCES');
      return false;
    }
    let all = true;
    const files = filesOf(this.actor);
    for (const name of names) {
      const childPath = join(path, name);
      if (!Object.hasOwn(files, childPath)) continue;
      if (!this.tree(joinShown(shown, name), childPath, files[childPath]!, node, children)) all = false;
    }
    if (!all) return false;
    const current = filesOf(this.actor);
    const self = Object.hasOwn(current, path) ? current[path]! : node;
    return this.unlink(shown, path, self, dirNode);
  }

  operand(arg: string): void {
    const trimmed = arg.replace(/\/+$/, '') || '/';
    const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    if (last === '.' || last === '..') {
      if (this.o.recursive) {
        this.ctx.err(`rm: refusing to remove '.' or '..' directory: skipping ${quoteAlways(arg)}`);
        this.status = 1;
      } else this.fail(arg, 'EISDIR');
      return;
    }
    const self = locate(this.actor, arg, false);
    if (self.ok && self.path === '/') {
      if (this.o.recursive && this.o.preserveRoot) {
        this.ctx.err(`rm: it is dangerous to operate recursively on ${quoteAlways('/')}`);
        this.ctx.err('rm: use --no-preserve-root to override this failsafe');
        this.status = 1;
        return;
      }
      if (!this.o.recursive) {
        this.fail(arg, 'EISDIR');
        return;
      }
      this.everything();
      return;
    }
    const slot = slotOf(this.actor, arg);
    if (!slot.ok || slot.node === null) {
      const error = slot.ok ? 'ENOENT' : slot.error;
      if (this.o.force && error === 'ENOENT') return;
      this.fail(arg, error);
      return;
    }
    if (arg.endsWith('/') && slot.node.kind !== 'dir') {
      const through = locate(this.actor, arg, true);
      if (!through.ok) {
        this.fail(arg, through.error);
        return;
      }
    }
    const { node, path, dirNode } = slot;
    if (node.kind === 'dir' && !this.o.recursive) {
      if (!this.o.dir) {
        this.fail(arg, 'EISDIR');
        return;
      }
      if (childIndex(filesOf(this.actor))(path).length > 0) {
        this.fail(arg, 'ENOTEMPTY');
        return;
      }
    }
    this.tree(arg, path, node, dirNode, childIndex(filesOf(this.actor)));
  }

  /** `rm -rf --no-preserve-root /`: everything under / that this user may remove. */
  private everything(): void {
    const files = filesOf(this.actor);
    const root = files['/']!;
    const children = childIndex(files);
    for (const name of children('/')) {
      const path = join('/', name);
      const current = filesOf(this.actor);
      if (Object.hasOwn(current, path)) this.tree(path, path, current[path]!, root, children);
    }
  }
}

function rm(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'dfiIrRv',
    long: [
      ...STANDARD_LONG,
      { name: 'force', key: 'f' },
      { name: 'interactive', key: 'interactive', arg: 'optional' },
      { name: 'recursive', key: 'r' },
      { name: 'dir', key: 'd' },
      { name: 'verbose', key: 'v' },
      { name: 'one-file-system', key: 'one-file-system' },
      { name: 'no-preserve-root', key: 'no-preserve-root' },
      { name: 'preserve-root', key: 'preserve-root' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const o: RmOptions = { force: false, interactive: 'never', recursive: false, dir: false, verbose: false, preserveRoot: true };
  for (const { key, value } of options.list) {
    if (key === 'f') {
      o.force = true;
      o.interactive = 'never';
    } else if (key === 'i') {
      o.interactive = 'always';
      o.force = false;
    } else if (key === 'I') {
      o.interactive = 'once';
      o.force = false;
    } else if (key === 'interactive') {
      const when = value ?? 'always';
      if (['never', 'no', 'none'].includes(when)) o.interactive = 'never';
      else if (when === 'once') o.interactive = 'once';
      else if (['always', 'yes'].includes(when)) o.interactive = 'always';
      else return usageError(ctx, `invalid argument ‘${when}’ for ‘--interactive’\nValid arguments are:\n  - ‘never’, ‘no’, ‘none’\n  - ‘once’\n  - ‘always’, ‘yes’`);
    } else if (key === 'r' || key === 'R') o.recursive = true;
    else if (key === 'd') o.dir = true;
    else if (key === 'v') o.verbose = true;
    else if (key === 'no-preserve-root') o.preserveRoot = false;
    else if (key === 'preserve-root') o.preserveRoot = true;
  }
  if (options.operands.length === 0) {
    if (o.force) return 0;
    return usageError(ctx, 'missing operand');
  }
  if (o.interactive === 'once' && (o.recursive || options.operands.length > 3)) {
    const n = options.operands.length;
    unanswered(ctx, `rm: remove ${n} argument${n === 1 ? '' : 's'}${o.recursive ? ' recursively' : ''}? `);
    return 0;
  }
  const remover = new Remover(ctx, actorOf(ctx.sys), o);
  for (const arg of options.operands) remover.operand(arg);
  return remover.status;
}

function rmdir(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'pv',
    long: [...STANDARD_LONG, { name: 'parents', key: 'p' }, { name: 'verbose', key: 'v' }, { name: 'ignore-fail-on-non-empty', key: 'ignore' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... DIRECTORY...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  const actor = actorOf(ctx.sys);
  let status = 0;
  const removeOne = (shown: string): boolean => {
    const fail = (error: FileError) => {
      if (error === 'ENOTEMPTY' && options.has('ignore')) return false;
      ctx.err(`rmdir: failed to remove ${quoteAlways(shown)}: ${ERROR_TEXT[error]}`);
      status = 1;
      return false;
    };
    const trimmed = shown.replace(/\/+$/, '');
    const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    if (last === '.') return fail('EINVAL');
    const slot = slotOf(actor, shown);
    if (!slot.ok) return fail(slot.error);
    if (slot.node === null) return fail('ENOENT');
    if (slot.node.kind !== 'dir') return fail('ENOTDIR');
    if (options.has('v')) ctx.out(`rmdir: removing directory, ${quoteAlways(shown)}`);
    if (childIndex(filesOf(actor))(slot.path).length > 0) return fail('ENOTEMPTY');
    if (!mayChangeEntries(actor, slot.dirNode)) return fail('EACCES');
    if (stickyForbids(actor, slot.dirNode, slot.node)) return fail('EPERM');
    removeNode(actor, slot.path);
    return true;
  };
  for (const arg of options.operands) {
    if (!removeOne(arg) || !options.has('p')) continue;
    let path = arg.replace(/\/+$/, '');
    while (path.includes('/')) {
      path = path.slice(0, path.lastIndexOf('/')).replace(/\/+$/, '');
      if (path === '' || !removeOne(path)) break;
    }
  }
  return status;
}

export const rmPrograms: Readonly<Record<string, ProgramEntry>> = {
  rm: { main: rm, base: true },
  rmdir: { main: rmdir, base: true },
};
