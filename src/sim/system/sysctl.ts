/**
 * The kernel's tunables the drill models, and procps' `sysctl` reading them. Linux 4.15 caps a
 * listening socket's backlog at net.core.somaxconn (128 by default): `listen(fd, 511)` by nginx or
 * HAProxy's `backlog`/`maxconn` of 3000 gives a queue of 128, which `ss -l` prints as Send-Q.
 */
import type { ProgramContext } from '../process';

/** Linux 4.15's default net.core.somaxconn (include/linux/socket.h SOMAXCONN). */
export const SOMAXCONN = 128;

/** The backlog the kernel keeps for a `listen(fd, asked)`: at most somaxconn. */
export function listenBacklog(asked: number): number {
  return Math.min(asked, SOMAXCONN);
}

const VALUES: Readonly<Record<string, string>> = {
  'net.core.somaxconn': String(SOMAXCONN),
};

/** `sysctl NAME…`, `sysctl -n NAME`: the values above; any other key is the drill's note. */
export function sysctl(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let valuesOnly = false;
  const names: string[] = [];
  for (const arg of args) {
    if (arg === '-n' || arg === '--values') valuesOnly = true;
    else if (arg.startsWith('-')) {
      ctx.note(`Not simulated in this drill: sysctl ${arg}.`);
      return 0;
    } else names.push(arg.replace(/\//g, '.'));
  }
  if (names.length === 0) {
    ctx.note('Not simulated in this drill: listing every kernel variable with sysctl.');
    return 0;
  }
  for (const name of names) {
    const value = VALUES[name];
    if (value === undefined) {
      ctx.note(`Not simulated in this drill: the kernel variable ${name}.`);
      continue;
    }
    ctx.out(valuesOnly ? value : `${name} = ${value}`);
  }
  return 0;
}
