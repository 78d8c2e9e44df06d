/**
 * The kernel's tunables the drill models, and procps' `sysctl` reading them. Linux 4.15 caps a
 * listening socket's backlog at net.core.somaxconn (128 by default): `listen(fd, 511)` by nginx or
 * HAProxy's `backlog`/`maxconn` of 3000 gives a queue of 128, which `ss -l` prints as Send-Q.
 */
import type { HostSpec } from '../../scenario/world';
import type { ProgramContext } from '../process';
import { hostSpec } from '../world';
import { memoryTotalKib } from './machine';
import { stableHex } from './baseImage';

/** Linux 4.15's default net.core.somaxconn (include/linux/socket.h SOMAXCONN). */
export const SOMAXCONN = 128;

/** The backlog the kernel keeps for a `listen(fd, asked)`: at most somaxconn. */
export function listenBacklog(asked: number): number {
  return Math.min(asked, SOMAXCONN);
}

/**
 * The kernel variables the drill models on a host, in `sysctl -a`'s order, with Linux 4.15's
 * defaults on Ubuntu 18.04: fs.file-max is a tenth of the RAM in KiB (files_maxfiles_init),
 * fs.file-nr the handles in use (fixed per host), kernel.hostname the host's name.
 * /proc/sys holds the same values (stockFiles.ts).
 */
export function kernelVariables(spec: HostSpec | undefined): Readonly<Record<string, string>> {
  const fileMax = Math.floor(memoryTotalKib(spec) / 10);
  const handles = 1024 + (parseInt(stableHex(`${spec?.hostname ?? ''}:file-nr`, 4), 16) % 512);
  return {
    'fs.file-max': String(fileMax),
    'fs.file-nr': `${handles}\t0\t${fileMax}`,
    'kernel.hostname': spec?.hostname ?? 'localhost',
    'kernel.pid_max': '32768',
    'net.core.somaxconn': String(SOMAXCONN),
    'net.ipv4.ip_forward': '0',
    'net.ipv4.ip_local_port_range': '32768\t60999',
    'vm.swappiness': '60',
  };
}

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
  const values = kernelVariables(hostSpec(ctx.sys.config, ctx.sys.host));
  for (const name of names) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) {
      ctx.note(`Not simulated in this drill: the kernel variable ${name}.`);
      continue;
    }
    ctx.out(valuesOnly ? value : `${name} = ${value}`);
  }
  return 0;
}
