/**
 * `ifconfig` from net-tools 1.60+git20161116 (not installed on a fresh Ubuntu 18.04 server; the
 * host spec's `programs` installs it): interfaces sorted by name, flags as a number and words,
 * inet/inet6/ether lines and the RX/TX counters, from the same links `ip` shows.
 */
import type { ProgramContext } from '../process';
import { netmaskOf } from './address';
import { linksOf, type Link } from './links';

function flagsOf(link: Link): string {
  if (link.kind === 'loopback') return 'flags=73<UP,LOOPBACK,RUNNING>';
  if (link.kind === 'tun') return 'flags=4305<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST>';
  return 'flags=4163<UP,BROADCAST,RUNNING,MULTICAST>';
}

/** `(131.4 KB)`: Ubuntu's ifconfig scales byte counts by 1000. */
function scaled(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (unit < units.length - 1 && bytes >= 1000 ** (unit + 1)) unit += 1;
  const value = Math.floor((bytes * 10) / 1000 ** unit);
  return `(${Math.floor(value / 10)}.${value % 10} ${units[unit]})`;
}

function print(ctx: ProgramContext, link: Link): void {
  ctx.out(`${link.name}: ${flagsOf(link)}  mtu ${link.mtu}`);
  if (link.ipv4) {
    const p2p = link.kind === 'tun' ? `  destination ${link.ipv4.address}` : link.ipv4.broadcast ? `  broadcast ${link.ipv4.broadcast}` : '';
    ctx.out(`        inet ${link.ipv4.address}  netmask ${netmaskOf(link.ipv4.prefix)}${p2p}`);
  }
  if (link.ipv6) {
    const scope = link.ipv6.scope === 'host' ? '0x10<host>' : '0x20<link>';
    ctx.out(`        inet6 ${link.ipv6.address}  prefixlen ${link.ipv6.prefix}  scopeid ${scope}`);
  }
  if (link.kind === 'loopback') ctx.out(`        loop  txqueuelen ${link.qlen}  (Local Loopback)`);
  else if (link.kind === 'tun') ctx.out(`        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen ${link.qlen}  (UNSPEC)`);
  else ctx.out(`        ether ${link.mac}  txqueuelen ${link.qlen}  (Ethernet)`);
  ctx.out(`        RX packets ${link.rx.packets}  bytes ${link.rx.bytes} ${scaled(link.rx.bytes)}`);
  ctx.out('        RX errors 0  dropped 0  overruns 0  frame 0');
  ctx.out(`        TX packets ${link.tx.packets}  bytes ${link.tx.bytes} ${scaled(link.tx.bytes)}`);
  ctx.out('        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0');
  ctx.out('');
}

export function ifconfig(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1).filter((a) => a !== '-a' && a !== '-v' && a !== '-s');
  const links = linksOf(ctx.sys.draft, ctx.sys.host).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (args.length === 0) {
    for (const link of links) print(ctx, link);
    return 0;
  }
  const name = args[0]!;
  const link = links.find((l) => l.name === name);
  if (!link) {
    ctx.err(`${name}: error fetching interface information: Device not found`);
    return 1;
  }
  if (args.length > 1) {
    if (ctx.sys.user.uid !== 0) {
      ctx.err('SIOCSIFFLAGS: Operation not permitted');
      return 1;
    }
    ctx.note('Not simulated in this drill: changing an interface with ifconfig.');
    return 0;
  }
  print(ctx, link);
  return 0;
}
