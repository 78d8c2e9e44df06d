/** What a host runs and is made of: systemctl, journalctl, service, ps, top, free, uptime, df, uname… */
import type { ProgramTable } from '../programs/registry';
import type { ProgramContext } from '../process';
import { systemctl } from './systemctl';
import { journalctl } from './journalctl';
import { service } from './service';
import { ps } from './ps';
import { pgrep, pkill, pidof, killall } from './pgrep';
import { kill } from './kill';
import { top } from './top';
import { free } from './free';
import { uptime } from './uptime';
import { df } from './df';
import { uname } from './uname';
import { sysctl } from './sysctl';
import { hostname } from './hostname';
import { date } from './date';
import { whoami, id, groups } from './identity';
import { w, who, users, last, tty } from './logins';
import { nproc, lscpu } from './cpu';
import { dmesg } from './dmesg';
import { sleep } from './sleep';
import { nginx } from './nginx';
import { haproxy } from './haproxy';
import { lsbRelease } from './lsbRelease';
import { getent } from './getent';
import { vmstat } from './vmstat';
import { timedatectl, hostnamectl, systemdDetectVirt } from './timedatectl';
import { mysqld, hasMysqlServer } from './mysqld';
import { lsblk } from './lsblk';
import { isDesktopInstall } from './baseImage';
import { hostSpec } from '../world';
import { watch } from './watch';
import { lastlog, logger } from './loginTools';
import { hasNode, node, python3 } from './runtimes';
import { crontab, sshAdd } from './userTools';
import { sshKeygen } from './sshKeygen';

export const systemPrograms: ProgramTable = {
  systemctl: { main: systemctl, base: true },
  journalctl: { main: journalctl, base: true },
  service: { main: service, base: true },
  ps: { main: ps, base: true },
  pgrep: { main: pgrep, base: true },
  pkill: { main: pkill, base: true },
  pidof: { main: pidof, base: true },
  killall: { main: killall, base: true },
  kill: { main: kill, base: true },
  top: { main: top, base: true },
  free: { main: free, base: true },
  uptime: { main: uptime, base: true },
  df: { main: df, base: true },
  lsblk: { main: lsblk, base: true },
  watch: { main: watch, base: true },
  node: { main: node, installedWhen: hasNode, installable: { apt: ['nodejs'] } },
  python3: { main: python3, base: true },
  'ssh-add': { main: sshAdd, base: true },
  'ssh-keygen': { main: sshKeygen, base: true },
  crontab: { main: crontab, base: true },
  // In a desktop install, not in Ubuntu 18.04's server image (command-not-found names its package there).
  bc: { main: (ctx) => (ctx.note("Not simulated in this drill: bc's calculator."), 0), installedWhen: (config, host) => isDesktopInstall(hostSpec(config, host)), installable: { apt: ['bc'] } },
  // Not in the server image: command-not-found names the package; a scenario that lists them gets the drill's note.
  ...Object.fromEntries(
    ([['iostat', 'sysstat'], ['mpstat', 'sysstat'], ['pidstat', 'sysstat'], ['sar', 'sysstat'], ['jq', 'jq'], ['socat', 'socat']] as const).map(([name, pkg]) => [name, { main: (ctx: ProgramContext) => (ctx.note(`Not simulated in this drill: ${name}.`), 0), installable: { apt: [pkg] } }]),
  ),
  uname: { main: uname, base: true },
  sysctl: { main: sysctl, base: true },
  lsb_release: { main: lsbRelease, base: true },
  hostname: { main: hostname, base: true },
  date: { main: date, base: true },
  whoami: { main: whoami, base: true },
  id: { main: id, base: true },
  groups: { main: groups, base: true },
  w: { main: w, base: true },
  who: { main: who, base: true },
  tty: { main: tty, base: true },
  users: { main: users, base: true },
  last: { main: last, base: true },
  lastlog: { main: lastlog, base: true },
  logger: { main: logger, base: true },
  nproc: { main: nproc, base: true },
  lscpu: { main: lscpu, base: true },
  dmesg: { main: dmesg, base: true },
  sleep: { main: sleep, base: true },
  getent: { main: getent, base: true },
  vmstat: { main: vmstat, base: true },
  timedatectl: { main: timedatectl, base: true },
  hostnamectl: { main: hostnamectl, base: true },
  'systemd-detect-virt': { main: systemdDetectVirt, base: true },
  mysqld: { main: mysqld, installedWhen: hasMysqlServer },
  nginx: { main: nginx },
  haproxy: { main: haproxy },
};
