/**
 * `sleep` (coreutils 8.28): checks its operands as sleep does, then waits on the simulated
 * clock: what runs after it on the line (and the replica, cron, the logs) is that much later,
 * and the step costs at least the wait. A wait longer than the drill's limit stops there, as
 * the trainee's Ctrl-C would, and the drill says so.
 */
import type { ProgramContext } from '../process';
import { passTime } from '../tickers';

/** The longest one sleep waits in the drill: ten minutes of an incident. */
export const MAX_SLEEP_SECONDS = 600;

export function sleep(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.err('sleep: missing operand');
    ctx.err("Try 'sleep --help' for more information.");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.err(`sleep: invalid time interval ‘${a}’`);
      ctx.err("Try 'sleep --help' for more information.");
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86_400 } as const)[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  const waited = Math.min(total, MAX_SLEEP_SECONDS);
  passTime(ctx.sys.draft, ctx.sys.draft.clock + waited);
  if (total > MAX_SLEEP_SECONDS) {
    ctx.err('^C');
    ctx.note(`The drill waits at most ${MAX_SLEEP_SECONDS / 60} minutes for one sleep: it stopped this one there, as Ctrl-C would.`);
    return 130;
  }
  return 0;
}
