/**
 * `sleep` (coreutils 8.28): checks its operands as sleep does, but waits for nothing: the
 * drill's clock moves with what the trainee does, so the wait is said, not spent.
 */
import type { ProgramContext } from '../process';

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
  ctx.note(`Not simulated in this drill: waiting (sleep ${args.join(' ')}). The clock moves with what you do; nothing waited ${total} s.`);
  return 0;
}
