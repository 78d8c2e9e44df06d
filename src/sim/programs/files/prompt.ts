/**
 * The questions some programs ask on a terminal (`rm -i`, `cp -i`, gzip's "overwrite?"). The
 * drill's terminal cannot answer a question in the middle of a command, so the question is
 * shown, taken as unanswered (which the programs read as "no"), and the drill says so: nothing
 * is changed that the trainee did not confirm.
 */
import type { ProgramContext } from '../../process';

/** Shows the question and returns false (not confirmed). */
export function unanswered(ctx: ProgramContext, question: string): false {
  ctx.err(question);
  ctx.note(`Not simulated in this drill: answering ${ctx.argv[0]}'s question; it was taken as "no" and nothing was changed.`);
  return false;
}

/** How `rm` and `cp` name a kind of file in their questions. */
export function fileKind(kind: 'file' | 'dir' | 'link', empty: boolean): string {
  if (kind === 'dir') return 'directory';
  if (kind === 'link') return 'symbolic link';
  return empty ? 'regular empty file' : 'regular file';
}
