/**
 * `ln` (GNU coreutils 8.28): `ln -s TARGET [LINK]`, into a directory when the last operand is
 * one, -f to replace, -n/-T to treat a link to a directory as a file, -v. Hard links are not
 * modelled (the drill's files have no shared inodes): `ln` without -s makes a copy that keeps
 * the inode number, and the drill says so.
 */
import { baseName } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, locate, mayChangeEntries, slotOf, stickyForbids, ERROR_TEXT, type FileError } from './access';
import { inodeOf } from './attrs';
import { ownNode, putNode, removeNode } from './change';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { unanswered } from './prompt';
import { quoteAlways } from './quote';

function ln(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'bdfFinrsTvLP',
    withArg: 'St',
    long: [
      ...STANDARD_LONG,
      { name: 'symbolic', key: 's' },
      { name: 'force', key: 'f' },
      { name: 'interactive', key: 'i' },
      { name: 'no-dereference', key: 'n' },
      { name: 'no-target-directory', key: 'T' },
      { name: 'target-directory', key: 't', arg: 'required' },
      { name: 'verbose', key: 'v' },
      { name: 'relative', key: 'r' },
      { name: 'backup', key: 'b', arg: 'optional' },
      { name: 'suffix', key: 'S', arg: 'required' },
      { name: 'logical', key: 'L' },
      { name: 'physical', key: 'P' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [-T] TARGET LINK_NAME');
  if (options.has('version')) return coreutilsVersion(ctx);
  const symbolic = options.has('s');
  const noDeref = options.has('n') || options.has('T');
  if (options.has('r')) ctx.note('Not simulated in this drill: ln --relative; the link points where you wrote.');
  const actor = actorOf(ctx.sys);
  const operands = [...options.operands];
  const targetDir = options.value('t');
  if (operands.length === 0) return usageError(ctx, 'missing file operand');
  let pairs: { target: string; link: string }[];
  const isDir = (path: string) => {
    const found = locate(actor, path, !noDeref);
    return found.ok && found.node.kind === 'dir';
  };
  if (targetDir !== undefined) {
    if (!isDir(targetDir)) {
      ctx.err(`ln: target ${quoteAlways(targetDir)} is not a directory`);
      return 1;
    }
    pairs = operands.map((t) => ({ target: t, link: `${targetDir.replace(/\/+$/, '')}/${baseName(t)}` }));
  } else if (operands.length === 1) {
    pairs = [{ target: operands[0]!, link: baseName(operands[0]!) }];
  } else {
    const last = operands[operands.length - 1]!;
    const sources = operands.slice(0, -1);
    if (!options.has('T') && isDir(last)) {
      pairs = sources.map((t) => ({ target: t, link: `${last.replace(/\/+$/, '')}/${baseName(t)}` }));
    } else if (sources.length > 1) {
      ctx.err(`ln: target ${quoteAlways(last)} is not a directory`);
      return 1;
    } else pairs = [{ target: sources[0]!, link: last }];
  }
  let status = 0;
  for (const { target, link } of pairs) {
    const kind = symbolic ? 'symbolic link' : 'hard link';
    const fail = (error: FileError) => {
      ctx.err(`ln: failed to create ${kind} ${quoteAlways(link)}: ${ERROR_TEXT[error]}`);
      status = 1;
    };
    let source = null;
    if (!symbolic) {
      const found = locate(actor, target, false);
      if (!found.ok) {
        ctx.err(`ln: failed to access ${quoteAlways(target)}: ${ERROR_TEXT[found.error]}`);
        status = 1;
        continue;
      }
      if (found.node.kind === 'dir') {
        ctx.err(`ln: ${quoteAlways(target)}: hard link not allowed for directory`);
        status = 1;
        continue;
      }
      source = found;
    }
    const slot = slotOf(actor, link);
    if (!slot.ok) {
      fail(slot.error === 'EBUSY' ? 'EEXIST' : slot.error);
      continue;
    }
    if (slot.node !== null) {
      if (options.has('i')) {
        unanswered(ctx, `ln: replace ${quoteAlways(link)}? `);
        continue;
      }
      if (!options.has('f')) {
        fail('EEXIST');
        continue;
      }
      if (slot.node.kind === 'dir') {
        ctx.err(`ln: ${quoteAlways(link)}: cannot overwrite directory`);
        status = 1;
        continue;
      }
      if (source && source.path === slot.path) {
        ctx.err(`ln: ${quoteAlways(target)} and ${quoteAlways(link)} are the same file`);
        status = 1;
        continue;
      }
    }
    if (!mayChangeEntries(actor, slot.dirNode)) {
      fail('EACCES');
      continue;
    }
    if (slot.node !== null) {
      if (stickyForbids(actor, slot.dirNode, slot.node)) {
        fail('EPERM');
        continue;
      }
      removeNode(actor, slot.path);
    }
    if (symbolic) putNode(actor, slot.path, ownNode(actor, 'link', 0o777, { target }));
    else {
      const node = source!.node;
      putNode(actor, slot.path, { ...node, inode: inodeOf(actor.host, source!.path, node) });
      ctx.note('Not simulated in this drill: hard links; ln made a copy with the same inode number, which will not follow later changes.');
    }
    if (options.has('v')) ctx.out(`${quoteAlways(link)} ${symbolic ? '->' : '=>'} ${quoteAlways(target)}`);
  }
  return status;
}

export const lnPrograms: Readonly<Record<string, ProgramEntry>> = {
  ln: { main: ln, base: true },
};
