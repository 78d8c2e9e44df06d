/**
 * Standard input for programs that read it: the pipe's or redirection's text, or, when it is
 * the terminal, nothing (the drill does not let a program read what the trainee types next, so
 * it is as if they pressed Ctrl-D at once, and the drill says so).
 */
import type { ProgramContext } from '../../process';

export function stdinText(ctx: ProgramContext): string {
  if (ctx.stdin !== null) return ctx.stdin;
  ctx.note(`Not simulated in this drill: typing input for ${ctx.argv[0]} at the terminal; it read nothing (as after Ctrl-D).`);
  return '';
}
