/**
 * `mv` (GNU coreutils 8.28): renames within a host, keeping each file's content, owner, mode,
 * times and inode; onto a file (replacing it), into a directory, or several into a directory.
 * Needs write and search permission on both directories (and, in a sticky one, owning the
 * entry). -f -i -n -u -v -t -T.
 */
import { baseName, type FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, locate, may, mayChangeEntries, slotOf, stickyForbids, ERROR_TEXT } from './access';
import { inodeOf, mtimeOf } from './attrs';
import { moveTree, removeNode } from './change';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { permissionString } from './modes';
import { unanswered } from './prompt';
import { quoteAlways } from './quote';
import { joinShown } from './tree';

function mv(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'bfinTuvZ',
    withArg: 'St',
    long: [
      ...STANDARD_LONG,
      { name: 'backup', key: 'b', arg: 'optional' },
      { name: 'force', key: 'f' },
      { name: 'interactive', key: 'i' },
      { name: 'no-clobber', key: 'n' },
      { name: 'strip-trailing-slashes', key: 'strip' },
      { name: 'suffix', key: 'S', arg: 'required' },
      { name: 'target-directory', key: 't', arg: 'required' },
      { name: 'no-target-directory', key: 'T' },
      { name: 'update', key: 'u' },
      { name: 'verbose', key: 'v' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [-T] SOURCE DEST');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.has('b')) ctx.note('Not simulated in this drill: mv --backup; the destination is replaced.');
  // The last of -f, -i and -n wins.
  let mode: 'force' | 'interactive' | 'no-clobber' | 'default' = 'default';
  for (const { key } of options.list) {
    if (key === 'f') mode = 'force';
    else if (key === 'i') mode = 'interactive';
    else if (key === 'n') mode = 'no-clobber';
  }
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
      ctx.err(found.ok ? `mv: target ${quoteAlways(dest)} is not a directory` : `mv: failed to access ${quoteAlways(dest)}: ${ERROR_TEXT[found.error]}`);
      return 1;
    }
    into = true;
  } else {
    dest = operands.pop()!;
    const found = locate(actor, dest, true);
    const isDir = found.ok && found.node.kind === 'dir';
    if (options.has('T')) {
      if (operands.length > 1) return usageError(ctx, `extra operand ${quoteAlways(operands[1]!)}`);
      into = false;
    } else if (operands.length > 1 && !isDir) {
      ctx.err(`mv: target ${quoteAlways(dest)} is not a directory`);
      return 1;
    } else into = isDir;
  }
  let status = 0;
  for (const src of operands) {
    const destShown = into ? joinShown(dest, baseName(src)) : dest;
    const cannotMove = (error: keyof typeof ERROR_TEXT) => {
      ctx.err(`mv: cannot move ${quoteAlways(src)} to ${quoteAlways(destShown)}: ${ERROR_TEXT[error]}`);
      status = 1;
    };
    const from = slotOf(actor, src);
    if (!from.ok && from.error === 'EBUSY') {
      cannotMove('EBUSY');
      continue;
    }
    if (!from.ok || from.node === null) {
      ctx.err(`mv: cannot stat ${quoteAlways(src)}: ${ERROR_TEXT[from.ok ? 'ENOENT' : from.error]}`);
      status = 1;
      continue;
    }
    const to = slotOf(actor, destShown);
    if (!to.ok) {
      cannotMove(to.error === 'EBUSY' ? 'EBUSY' : to.error);
      continue;
    }
    const node = from.node;
    if (to.path === from.path) {
      ctx.err(`mv: ${quoteAlways(src)} and ${quoteAlways(destShown)} are the same file`);
      status = 1;
      continue;
    }
    if (node.kind === 'dir' && to.path.startsWith(`${from.path}/`)) {
      ctx.err(`mv: cannot move ${quoteAlways(src)} to a subdirectory of itself, ${quoteAlways(destShown)}`);
      status = 1;
      continue;
    }
    const existing: FileNode | null = to.node;
    if (existing) {
      if (node.kind === 'dir' && existing.kind !== 'dir') {
        ctx.err(`mv: cannot overwrite non-directory ${quoteAlways(destShown)} with directory ${quoteAlways(src)}`);
        status = 1;
        continue;
      }
      if (node.kind !== 'dir' && existing.kind === 'dir') {
        ctx.err(`mv: cannot overwrite directory ${quoteAlways(destShown)} with non-directory`);
        status = 1;
        continue;
      }
      if (mode === 'no-clobber') continue;
      if (options.has('u') && mtimeOf(ctx.sys, existing) >= mtimeOf(ctx.sys, node)) continue;
      if (mode === 'interactive') {
        unanswered(ctx, `mv: overwrite ${quoteAlways(destShown)}? `);
        continue;
      }
      if (mode !== 'force' && ctx.stdin === null && existing.kind !== 'link' && !may(actor, existing, 'w')) {
        const bits = existing.mode & 0o7777;
        unanswered(ctx, `mv: replace ${quoteAlways(destShown)}, overriding mode ${`0${bits.toString(8).padStart(3, '0')}`} (${permissionString(bits)})? `);
        continue;
      }
    }
    if (!mayChangeEntries(actor, from.dirNode) || !mayChangeEntries(actor, to.dirNode)) {
      cannotMove('EACCES');
      continue;
    }
    if (stickyForbids(actor, from.dirNode, node) || (existing && stickyForbids(actor, to.dirNode, existing))) {
      cannotMove('EPERM');
      continue;
    }
    if (existing?.kind === 'dir' && childIndex(filesOf(actor))(to.path).length > 0) {
      cannotMove('ENOTEMPTY');
      continue;
    }
    if (existing) removeNode(actor, to.path);
    moveTree(actor, from.path, to.path, (path, n) => inodeOf(actor.host, path, n));
    if (options.has('v')) ctx.out(`renamed ${quoteAlways(src)} -> ${quoteAlways(destShown)}`);
  }
  return status;
}

export const mvPrograms: Readonly<Record<string, ProgramEntry>> = {
  mv: { main: mv, base: true },
};
