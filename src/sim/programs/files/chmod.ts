/**
 * `chmod` (GNU coreutils 8.28): octal or symbolic modes (also written as an option: `chmod -w
 * f`), -R, -v, -c, -f, --reference. Only a file's owner (or root) may change its mode; links
 * on the command line are followed, links met during -R are left alone.
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, isRoot, locate, ERROR_TEXT } from './access';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { parseMode, permissionString, type ModeChange } from './modes';
import { umaskOf } from './change';
import { quoteAlways, quoteLocale } from './quote';
import { walkTree } from './tree';

/** A word chmod takes as a mode although it starts with `-` (`-w`, `-x`, `-rwx`). */
const MODE_LIKE_OPTION = /^-[rwxXst]+(,.*)?$/;

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

function chmod(ctx: ProgramContext): number {
  const raw = ctx.argv.slice(1);
  let modeWord: string | null = null;
  const rest: string[] = [];
  for (const arg of raw) {
    if (modeWord === null && MODE_LIKE_OPTION.test(arg)) modeWord = arg;
    else rest.push(arg);
  }
  const parsed = parseOptions(rest, {
    flags: 'cfvR',
    long: [...STANDARD_LONG, { name: 'changes', key: 'c' }, { name: 'silent', key: 'f' }, { name: 'quiet', key: 'f' }, { name: 'verbose', key: 'v' }, { name: 'recursive', key: 'R' }, { name: 'reference', key: 'reference', arg: 'required' }, { name: 'no-preserve-root', key: 'npr' }, { name: 'preserve-root', key: 'pr' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... MODE[,MODE]... FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const actor = actorOf(ctx.sys);
  const operands = [...options.operands];
  let change: ModeChange;
  const reference = options.value('reference');
  if (reference !== undefined) {
    const ref = locate(actor, reference, true);
    if (!ref.ok) {
      ctx.err(`chmod: failed to get attributes of ${quoteAlways(reference)}: ${ERROR_TEXT[ref.error]}`);
      return 1;
    }
    const mode = ref.node.mode;
    change = () => mode;
  } else {
    if (modeWord === null) modeWord = operands.shift() ?? null;
    if (modeWord === null) return usageError(ctx, 'missing operand');
    const compiled = parseMode(modeWord, umaskOf(actorOf(ctx.sys)));
    if (!compiled) return usageError(ctx, `invalid mode: ${quoteLocale(modeWord)}`);
    change = compiled;
  }
  if (operands.length === 0) return usageError(ctx, modeWord !== null && reference === undefined ? `missing operand after ${quoteLocale(modeWord)}` : 'missing operand');
  const quiet = options.has('f');
  let status = 0;
  const apply = (shown: string, path: string, node: FileNode) => {
    if (node.kind === 'link') return;
    if (!isRoot(actor) && node.owner !== actor.user.name) {
      if (!quiet) ctx.err(`chmod: changing permissions of ${quoteAlways(shown)}: ${ERROR_TEXT.EPERM}`);
      status = 1;
      return;
    }
    const before = node.mode & 0o7777;
    const after = change(before, node.kind === 'dir');
    if (after !== before) ctx.sys.draft.setFile(actor.host, path, { ...node, mode: after });
    if (options.has('v') || (options.has('c') && after !== before)) {
      ctx.out(after === before ? `mode of ${quoteAlways(shown)} retained as ${octal(before)} (${permissionString(before)})` : `mode of ${quoteAlways(shown)} changed from ${octal(before)} (${permissionString(before)}) to ${octal(after)} (${permissionString(after)})`);
    }
  };
  for (const arg of operands) {
    const found = locate(actor, arg, true);
    if (!found.ok) {
      if (!quiet) ctx.err(`chmod: cannot access ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`);
      status = 1;
      continue;
    }
    if (!options.has('R')) {
      apply(arg, found.path, found.node);
      continue;
    }
    walkTree(actor, arg, found.path, found.node, {
      visit: apply,
      cannotRead: (shown) => {
        if (!quiet) ctx.err(`chmod: cannot read directory ${quoteAlways(shown)}: ${ERROR_TEXT.EACCES}`);
        status = 1;
      },
    });
  }
  return status;
}

export const chmodPrograms: Readonly<Record<string, ProgramEntry>> = {
  chmod: { main: chmod, base: true },
};
