/**
 * `less` (487, with Ubuntu's lesspipe, so `.gz` files show their text) and `more` (util-linux
 * 2.31): the drill's terminal does not page, so both print the file as they do when their
 * output is captured, and the drill says that paging and searching are not simulated.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, ERROR_TEXT } from './access';
import { readAs } from './read';

function operandsOf(ctx: ProgramContext, withArg: string): string[] {
  const out: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('+') || (a.startsWith('-') && a.length > 1)) {
      if (a.length === 2 && withArg.includes(a[1]!)) i += 1;
      continue;
    }
    out.push(a);
  }
  return out;
}

function pagerNote(ctx: ProgramContext) {
  if (ctx.stdoutIsTerminal) ctx.note(`Not simulated in this drill: paging and searching in ${ctx.argv[0]}; it printed the whole text, as it does into a pipe.`);
}

function less(ctx: ProgramContext): number {
  const files = operandsOf(ctx, 'bhjkoOpPtTxyz#');
  if (files.length === 0) {
    if (ctx.stdin === null) {
      ctx.err('Missing filename ("less --help" for help)');
      return 1;
    }
    pagerNote(ctx);
    ctx.write(ctx.stdin);
    return 0;
  }
  const actor = actorOf(ctx.sys);
  let status = 0;
  let shown = false;
  for (const name of files) {
    const read = readAs(actor, ctx.sys, name);
    if (!read.ok) {
      ctx.err(read.error === 'EISDIR' ? `${name} is a directory` : `${name}: ${ERROR_TEXT[read.error]}`);
      status = 1;
      continue;
    }
    if (read.opaque) {
      ctx.out(`"${name}" may be a binary file.  See it anyway? `);
      ctx.note(`Not simulated in this drill: the bytes of ${name}, a binary file.`);
      continue;
    }
    shown = true;
    ctx.write(read.text);
  }
  if (shown) pagerNote(ctx);
  return status;
}

function more(ctx: ProgramContext): number {
  const files = operandsOf(ctx, 'n');
  if (files.length === 0) {
    if (ctx.stdin === null) {
      ctx.err('Usage:');
      ctx.err(` ${ctx.argv[0]} [options] <file>...`);
      return 1;
    }
    pagerNote(ctx);
    ctx.write(ctx.stdin);
    return 0;
  }
  const actor = actorOf(ctx.sys);
  let status = 0;
  let shown = false;
  for (const name of files) {
    const read = readAs(actor, ctx.sys, name);
    if (!read.ok) {
      if (read.error === 'EISDIR') ctx.write(`\n*** ${name}: directory ***\n\n`);
      else if (read.error === 'EACCES') ctx.err(`more: cannot open ${name}: ${ERROR_TEXT.EACCES}`);
      else ctx.err(`more: stat of ${name} failed: ${ERROR_TEXT[read.error]}`);
      status = 1;
      continue;
    }
    if (files.length > 1) ctx.write(`::::::::::::::\n${name}\n::::::::::::::\n`);
    if (read.opaque || read.gzip) {
      ctx.write(`\n******** ${name}: Not a text file ********\n\n`);
      continue;
    }
    shown = true;
    ctx.write(read.text);
  }
  if (shown) pagerNote(ctx);
  return status;
}

export const pagerPrograms: Readonly<Record<string, ProgramEntry>> = {
  less: { main: less, base: true },
  more: { main: more, base: true },
  zless: { main: less, base: true },
};
