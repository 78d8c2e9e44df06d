/**
 * `tee` (GNU coreutils 8.28): standard input to standard output and to each file (-a to
 * append), written as the user with the same permission checks as any other write; a file it
 * cannot open is reported and the others still get the text.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, locate, slotOf, ERROR_TEXT } from './access';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteIfNeeded } from './quote';
import { stdinText } from './stdin';

function tee(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'aip',
    long: [...STANDARD_LONG, { name: 'append', key: 'a' }, { name: 'ignore-interrupts', key: 'i' }, { name: 'output-error', key: 'p', arg: 'optional' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const text = stdinText(ctx);
  const actor = actorOf(ctx.sys);
  let status = 0;
  for (const name of options.operands) {
    if (name === '-') {
      ctx.write(text);
      continue;
    }
    // The directories on the way must be searchable; then the kernel's open(2) rules, as Sys.write has them.
    const slot = slotOf(actor, name);
    const through = locate(actor, name, true);
    const error = !slot.ok ? (slot.error === 'EBUSY' ? 'EISDIR' : slot.error) : through.ok && through.node.kind === 'dir' ? 'EISDIR' : null;
    const written = error === null ? ctx.sys.write(name, text, options.has('a')) : ({ ok: false, error } as const);
    if (!written.ok) {
      ctx.err(`tee: ${quoteIfNeeded(name)}: ${ERROR_TEXT[written.error]}`);
      status = 1;
    }
  }
  ctx.write(text);
  return status;
}

export const teePrograms: Readonly<Record<string, ProgramEntry>> = {
  tee: { main: tee, base: true },
};
