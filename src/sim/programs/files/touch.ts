/**
 * `touch` (GNU coreutils 8.28): sets a file's time to now (its owner, or anyone who may write
 * it) or to a given time (-d, -t, -r: its owner only), creating an empty file when there is
 * none (unless -c). The drill keeps one time per file (the modification time), so -a and -m
 * both change it.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, isRoot, locate, may, mayChangeEntries, slotOf, ERROR_TEXT } from './access';
import { mtimeOf } from './attrs';
import { nowOf, ownNode, putNode, umaskOf } from './change';
import { parseDateString, parseTouchStamp } from './datestring';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteAlways, quoteLocale } from './quote';

function touch(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'acfhm',
    withArg: 'drt',
    long: [
      ...STANDARD_LONG,
      { name: 'no-create', key: 'c' },
      { name: 'date', key: 'd', arg: 'required' },
      { name: 'reference', key: 'r', arg: 'required' },
      { name: 'no-dereference', key: 'h' },
      { name: 'time', key: 'time', arg: 'required' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const actor = actorOf(ctx.sys);
  const now = nowOf(actor);
  let when = now;
  let explicit = false;
  const date = options.value('d');
  const stamp = options.value('t');
  const reference = options.value('r');
  if (date !== undefined) {
    const parsedDate = parseDateString(date, now);
    if (parsedDate === null) {
      ctx.err(`touch: invalid date format ${quoteLocale(date)}`);
      return 1;
    }
    when = parsedDate;
    explicit = true;
  }
  if (stamp !== undefined) {
    const parsedStamp = parseTouchStamp(stamp, now);
    if (parsedStamp === null) {
      ctx.err(`touch: invalid date format ${quoteLocale(stamp)}`);
      return 1;
    }
    when = parsedStamp;
    explicit = true;
  }
  if (reference !== undefined) {
    const ref = locate(actor, reference, true);
    if (!ref.ok) {
      ctx.err(`touch: failed to get attributes of ${quoteAlways(reference)}: ${ERROR_TEXT[ref.error]}`);
      return 1;
    }
    when = mtimeOf(ctx.sys, ref.node);
    explicit = true;
  }
  if (options.operands.length === 0) return usageError(ctx, 'missing file operand');
  let status = 0;
  for (const arg of options.operands) {
    if (arg === '-') continue;
    const found = locate(actor, arg, !options.has('h'));
    if (found.ok) {
      const owner = isRoot(actor) || found.node.owner === actor.user.name;
      if (explicit && !owner) {
        ctx.err(`touch: setting times of ${quoteAlways(arg)}: ${ERROR_TEXT.EPERM}`);
        status = 1;
        continue;
      }
      if (!owner && !may(actor, found.node, 'w')) {
        ctx.err(`touch: cannot touch ${quoteAlways(arg)}: ${ERROR_TEXT.EACCES}`);
        status = 1;
        continue;
      }
      ctx.sys.draft.setFile(actor.host, found.path, { ...found.node, mtime: when });
      continue;
    }
    if (found.error !== 'ENOENT' || options.has('c')) {
      if (found.error !== 'ENOENT') {
        ctx.err(`touch: cannot touch ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`);
        status = 1;
      }
      continue;
    }
    const slot = slotOf(actor, arg);
    if (!slot.ok || (slot.node !== null && slot.node.kind !== 'link')) {
      ctx.err(`touch: cannot touch ${quoteAlways(arg)}: ${ERROR_TEXT[slot.ok ? 'ENOENT' : slot.error]}`);
      status = 1;
      continue;
    }
    if (slot.node !== null) {
      // A dangling link: the file is made where it points.
      ctx.note(`Not simulated in this drill: touch creating the target of a dangling link (${arg}).`);
      continue;
    }
    if (!mayChangeEntries(actor, slot.dirNode)) {
      ctx.err(`touch: cannot touch ${quoteAlways(arg)}: ${ERROR_TEXT.EACCES}`);
      status = 1;
      continue;
    }
    putNode(actor, slot.path, ownNode(actor, 'file', 0o666 & ~umaskOf(actor), { content: '', mtime: when }));
  }
  return status;
}

export const touchPrograms: Readonly<Record<string, ProgramEntry>> = {
  touch: { main: touch, base: true },
};
