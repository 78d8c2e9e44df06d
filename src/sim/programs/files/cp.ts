/**
 * `cp` (GNU coreutils 8.28): a file onto a file or into a directory, several into a directory,
 * directories with -r/-R/-a; -p/-a keep mode and times (and, for root, ownership), -n and -u
 * skip, -f replaces what cannot be written, -v says each copy, -i asks (and is taken as "no").
 * A copy belongs to whoever made it, its mode the source's less the umask; links are copied as
 * links when recursive (-P), followed otherwise. A growing log is copied as it is now.
 */
import { baseName, type FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, isRoot, join, locate, may, mayChangeEntries, slotOf, stickyForbids, ERROR_TEXT, type Actor, type FileError } from './access';
import { mtimeOf, snapshotOf } from './attrs';
import { nowOf, putNode, removeNode, umaskOf } from './change';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { unanswered } from './prompt';
import { quoteAlways } from './quote';
import { joinShown } from './tree';

interface CpOptions {
  recursive: boolean;
  preserve: boolean;
  noDereference: boolean;
  force: boolean;
  noClobber: boolean;
  update: boolean;
  verbose: boolean;
  interactive: boolean;
  removeDestination: boolean;
}

/** Most entries one cp copies: a drill's trees are small, and this bounds a copy of `/`. */
const MAX_ENTRIES = 20_000;

class Copier {
  status = 0;
  copied = 0;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly actor: Actor,
    private readonly o: CpOptions,
  ) {}

  private fail(message: string) {
    this.ctx.err(`cp: ${message}`);
    this.status = 1;
  }

  private owned(src: FileNode): Pick<FileNode, 'owner' | 'group'> {
    const user = this.actor.user;
    if (this.o.preserve && isRoot(this.actor)) return { owner: src.owner, group: src.group };
    const group = this.o.preserve && user.groups.includes(src.group) ? src.group : (user.groups[0] ?? user.name);
    return { owner: user.name, group };
  }

  private newMode(src: FileNode): number {
    return this.o.preserve ? src.mode : src.mode & 0o777 & ~umaskOf(this.actor);
  }

  /** Copies one entry (and, for a directory, what is in it) to `destPath`. */
  copy(srcShown: string, srcPath: string, src: FileNode, destShown: string): void {
    if (this.copied >= MAX_ENTRIES) return;
    this.copied += 1;
    const slot = slotOf(this.actor, destShown);
    if (!slot.ok) {
      const what = src.kind === 'dir' ? 'directory' : 'regular file';
      this.fail(`cannot create ${what} ${quoteAlways(destShown)}: ${ERROR_TEXT[slot.error === 'EBUSY' ? 'EISDIR' : slot.error]}`);
      return;
    }
    let existing = slot.node;
    let destPath = slot.path;
    // Writing onto a link writes the file it points to (unless copying links as links).
    if (existing?.kind === 'link' && !(src.kind === 'link' && this.o.noDereference)) {
      const through = locate(this.actor, destShown, true);
      if (through.ok) {
        existing = through.node;
        destPath = through.path;
      }
    }
    if (existing && destPath === srcPath) {
      this.fail(`${quoteAlways(srcShown)} and ${quoteAlways(destShown)} are the same file`);
      return;
    }
    if (src.kind === 'dir') this.copyDir(srcShown, srcPath, src, destShown, destPath, existing, slot.dirNode);
    else if (src.kind === 'link') this.copyLink(srcShown, src, destShown, destPath, existing, slot.dirNode);
    else this.copyFile(srcShown, src, destShown, destPath, existing, slot.dirNode);
  }

  private verbose(srcShown: string, destShown: string) {
    if (this.o.verbose) this.ctx.out(`${quoteAlways(srcShown)} -> ${quoteAlways(destShown)}`);
  }

  /** Whether an existing destination may be replaced; false (after any message) when it is to be left. */
  private mayReplace(src: FileNode, destShown: string, existing: FileNode): boolean {
    if (this.o.noClobber) return false;
    if (this.o.update && mtimeOf(this.ctx.sys, existing) >= mtimeOf(this.ctx.sys, src)) return false;
    if (this.o.interactive) return unanswered(this.ctx, `cp: overwrite ${quoteAlways(destShown)}? `);
    return true;
  }

  private copyFile(srcShown: string, src: FileNode, destShown: string, destPath: string, existing: FileNode | null, dirNode: FileNode): void {
    if (!may(this.actor, src, 'r')) {
      this.fail(`cannot open ${quoteAlways(srcShown)} for reading: ${ERROR_TEXT.EACCES}`);
      return;
    }
    const body = snapshotOf(this.ctx.sys, src);
    const data: Partial<FileNode> = { content: body.content, timed: body.timed, repeat: body.repeat, size: body.size, gzip: body.gzip, mtime: this.o.preserve ? mtimeOf(this.ctx.sys, src) : nowOf(this.actor) };
    if (existing) {
      if (existing.kind === 'dir') {
        this.fail(`cannot overwrite directory ${quoteAlways(destShown)} with non-directory`);
        return;
      }
      if (!this.mayReplace(src, destShown, existing)) return;
      const writable = may(this.actor, existing, 'w');
      if (writable && !this.o.removeDestination) {
        const kept = this.o.preserve ? { mode: src.mode, ...this.owned(src) } : {};
        this.actor.draft.setFile(this.actor.host, destPath, { ...existing, ...data, ...kept, inode: existing.inode });
        this.verbose(srcShown, destShown);
        return;
      }
      if (!this.o.force && !this.o.removeDestination) {
        this.fail(`cannot create regular file ${quoteAlways(destShown)}: ${ERROR_TEXT.EACCES}`);
        return;
      }
      if (!mayChangeEntries(this.actor, dirNode) || stickyForbids(this.actor, dirNode, existing)) {
        this.fail(`cannot remove ${quoteAlways(destShown)}: ${ERROR_TEXT[mayChangeEntries(this.actor, dirNode) ? 'EPERM' : 'EACCES']}`);
        return;
      }
      removeNode(this.actor, destPath);
    } else if (!mayChangeEntries(this.actor, dirNode)) {
      this.fail(`cannot create regular file ${quoteAlways(destShown)}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    putNode(this.actor, destPath, { kind: 'file', ...this.owned(src), mode: this.newMode(src), ...data } as FileNode);
    this.verbose(srcShown, destShown);
  }

  private copyLink(srcShown: string, src: FileNode, destShown: string, destPath: string, existing: FileNode | null, dirNode: FileNode): void {
    if (existing) {
      if (existing.kind === 'dir') {
        this.fail(`cannot overwrite directory ${quoteAlways(destShown)} with non-directory`);
        return;
      }
      if (!this.mayReplace(src, destShown, existing)) return;
    }
    if (!mayChangeEntries(this.actor, dirNode)) {
      this.fail(`cannot create symbolic link ${quoteAlways(destShown)}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    if (existing) removeNode(this.actor, destPath);
    putNode(this.actor, destPath, { kind: 'link', ...this.owned(src), mode: 0o777, target: src.target, mtime: this.o.preserve ? src.mtime : nowOf(this.actor) });
    this.verbose(srcShown, destShown);
  }

  private copyDir(srcShown: string, srcPath: string, src: FileNode, destShown: string, destPath: string, existing: FileNode | null, dirNode: FileNode): void {
    if (existing && existing.kind !== 'dir') {
      this.fail(`cannot overwrite non-directory ${quoteAlways(destShown)} with directory ${quoteAlways(srcShown)}`);
      return;
    }
    if (destPath === srcPath || destPath.startsWith(`${srcPath}/`)) {
      this.fail(`cannot copy a directory, ${quoteAlways(srcShown)}, into itself, ${quoteAlways(destShown)}`);
      return;
    }
    if (!may(this.actor, src, 'r') || !may(this.actor, src, 'x')) {
      this.fail(`cannot access ${quoteAlways(srcShown)}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    if (!existing) {
      if (!mayChangeEntries(this.actor, dirNode)) {
        this.fail(`cannot create directory ${quoteAlways(destShown)}: ${ERROR_TEXT.EACCES}`);
        return;
      }
      putNode(this.actor, destPath, { kind: 'dir', ...this.owned(src), mode: this.newMode(src) | 0o700, mtime: nowOf(this.actor) });
      this.verbose(srcShown, destShown);
    }
    const files = filesOf(this.actor);
    for (const name of childIndex(files)(srcPath)) {
      const childPath = join(srcPath, name);
      const now = filesOf(this.actor);
      if (Object.hasOwn(now, childPath)) this.copy(joinShown(srcShown, name), childPath, now[childPath]!, joinShown(destShown, name));
    }
    // The directory's own mode (and, with -p, its time) once its entries are in.
    const made = filesOf(this.actor);
    if (Object.hasOwn(made, destPath) && !existing) {
      this.actor.draft.setFile(this.actor.host, destPath, { ...made[destPath]!, mode: this.newMode(src), ...(this.o.preserve ? { mtime: src.mtime } : {}) });
    }
  }
}

function cp(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'abdfHilLnPprRsTuvx',
    withArg: 'St',
    long: [
      ...STANDARD_LONG,
      { name: 'archive', key: 'a' },
      { name: 'backup', key: 'b', arg: 'optional' },
      { name: 'force', key: 'f' },
      { name: 'interactive', key: 'i' },
      { name: 'link', key: 'l' },
      { name: 'dereference', key: 'L' },
      { name: 'no-clobber', key: 'n' },
      { name: 'no-dereference', key: 'P' },
      { name: 'preserve', key: 'preserve', arg: 'optional' },
      { name: 'no-preserve', key: 'no-preserve', arg: 'required' },
      { name: 'parents', key: 'parents' },
      { name: 'recursive', key: 'r' },
      { name: 'remove-destination', key: 'remove-destination' },
      { name: 'symbolic-link', key: 's' },
      { name: 'target-directory', key: 't', arg: 'required' },
      { name: 'no-target-directory', key: 'T' },
      { name: 'update', key: 'u' },
      { name: 'verbose', key: 'v' },
      { name: 'one-file-system', key: 'x' },
      { name: 'sparse', key: 'sparse', arg: 'required' },
      { name: 'reflink', key: 'reflink', arg: 'optional' },
      { name: 'suffix', key: 'S', arg: 'required' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [-T] SOURCE DEST');
  if (options.has('version')) return coreutilsVersion(ctx);
  const has = (k: string) => options.has(k);
  if (has('l') || has('s') || has('parents') || has('b')) ctx.note('Not simulated in this drill: cp --link, --symbolic-link, --parents and --backup; cp copied the files.');
  const recursive = has('r') || has('R') || has('a');
  const o: CpOptions = {
    recursive,
    preserve: has('p') || has('a') || (has('preserve') && !/^(links|context|xattr)$/.test(options.value('preserve') ?? '')),
    noDereference: has('P') || has('d') || has('a') || (recursive && !has('L') && !has('H')),
    force: has('f'),
    noClobber: has('n'),
    update: has('u'),
    verbose: has('v'),
    interactive: has('i') && !has('n'),
    removeDestination: has('remove-destination'),
  };
  const operands = [...options.operands];
  const targetDir = options.value('t');
  if (operands.length === 0) return usageError(ctx, 'missing file operand');
  if (operands.length === 1 && targetDir === undefined) return usageError(ctx, `missing destination file operand after ${quoteAlways(operands[0]!)}`);
  const actor = actorOf(ctx.sys);
  let dest: string;
  let into: boolean;
  if (targetDir !== undefined) {
    dest = targetDir;
    const found = locate(actor, dest, true);
    if (!found.ok || found.node.kind !== 'dir') {
      ctx.err(found.ok ? `cp: target ${quoteAlways(dest)} is not a directory` : `cp: failed to access ${quoteAlways(dest)}: ${ERROR_TEXT[found.error]}`);
      return 1;
    }
    into = true;
  } else {
    dest = operands.pop()!;
    const found = locate(actor, dest, true);
    const isDir = found.ok && found.node.kind === 'dir';
    if (has('T')) {
      if (operands.length > 1) return usageError(ctx, `extra operand ${quoteAlways(operands[1]!)}`);
      into = false;
    } else if (operands.length > 1 && !isDir) {
      ctx.err(`cp: target ${quoteAlways(dest)} is not a directory`);
      return 1;
    } else into = isDir;
  }
  const copier = new Copier(ctx, actor, o);
  for (const src of operands) {
    const found = locate(actor, src, !o.noDereference);
    if (!found.ok) {
      ctx.err(`cp: cannot stat ${quoteAlways(src)}: ${ERROR_TEXT[found.error as FileError]}`);
      copier.status = 1;
      continue;
    }
    if (found.node.kind === 'dir' && !recursive) {
      ctx.err(`cp: -r not specified; omitting directory ${quoteAlways(src)}`);
      copier.status = 1;
      continue;
    }
    const destShown = into ? joinShown(dest, baseName(src)) : dest;
    copier.copy(src, found.path, found.node, destShown);
  }
  if (copier.copied >= MAX_ENTRIES) ctx.note(`Not simulated in this drill: copying more than ${MAX_ENTRIES.toLocaleString('en')} entries in one cp.`);
  return copier.status;
}

export const cpPrograms: Readonly<Record<string, ProgramEntry>> = {
  cp: { main: cp, base: true },
};
