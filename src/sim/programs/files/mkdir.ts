/**
 * `mkdir` (GNU coreutils 8.28): -p makes missing parents and accepts directories that exist,
 * -m sets the mode, -v says what it made. A new directory belongs to its maker, mode 755
 * (777 less the umask); making one needs write and search permission on its parent.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, locate, mayChangeEntries, slotOf, ERROR_TEXT, type Actor, type FileError } from './access';
import { ownNode, putNode, umaskOf } from './change';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { parseMode } from './modes';
import { quoteAlways, quoteLocale } from './quote';

function mkdir(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'pv',
    withArg: 'mZ',
    long: [...STANDARD_LONG, { name: 'parents', key: 'p' }, { name: 'verbose', key: 'v' }, { name: 'mode', key: 'm', arg: 'required' }, { name: 'context', key: 'Z', arg: 'optional' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... DIRECTORY...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const modeText = options.value('m');
  const change = modeText === undefined ? null : parseMode(modeText);
  if (modeText !== undefined && !change) {
    ctx.err(`mkdir: invalid mode ${quoteLocale(modeText)}`);
    return 1;
  }
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  const actor = actorOf(ctx.sys);
  const finalMode = change ? change(0o777, true) : 0o777 & ~umaskOf(actor);
  let status = 0;
  const fail = (shown: string, error: FileError) => {
    ctx.err(`mkdir: cannot create directory ${quoteLocale(shown)}: ${ERROR_TEXT[error]}`);
    status = 1;
  };
  const make = (a: Actor, shown: string, mode: number, existingOk: boolean): boolean => {
    const slot = slotOf(a, shown);
    if (!slot.ok) {
      fail(shown, slot.error === 'EBUSY' ? 'EEXIST' : slot.error);
      return false;
    }
    if (slot.node !== null) {
      const through = locate(a, shown, true);
      if (existingOk && through.ok && through.node.kind === 'dir') return true;
      fail(shown, existingOk && through.ok ? 'ENOTDIR' : 'EEXIST');
      return false;
    }
    if (!mayChangeEntries(a, slot.dirNode)) {
      fail(shown, 'EACCES');
      return false;
    }
    putNode(a, slot.path, ownNode(a, 'dir', mode));
    if (options.has('v')) ctx.out(`mkdir: created directory ${quoteAlways(shown)}`);
    return true;
  };
  for (const arg of options.operands) {
    if (!options.has('p')) {
      make(actor, arg, finalMode, false);
      continue;
    }
    // Each missing ancestor first (mode 755 plus u+wx), then the directory itself.
    const parts = arg.split('/');
    let ok = true;
    for (let i = 1; i < parts.length && ok; i += 1) {
      const prefix = parts.slice(0, i).join('/');
      if (prefix === '' || prefix.endsWith('/') || parts[i - 1] === '' || parts[i - 1] === '.' || parts[i - 1] === '..') continue;
      ok = make(actor, prefix, (0o777 & ~umaskOf(actor)) | 0o300, true);
    }
    if (ok && arg.replace(/\/+$/, '') !== '') make(actor, arg, finalMode, true);
  }
  return status;
}

export const mkdirPrograms: Readonly<Record<string, ProgramEntry>> = {
  mkdir: { main: mkdir, base: true },
};
