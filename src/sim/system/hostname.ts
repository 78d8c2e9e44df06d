/**
 * `hostname` (net-tools' hostname 3.20 on Ubuntu 18.04): the name, `-f` the FQDN, `-s`,
 * `-d`, `-i` (the name's address from /etc/hosts, 127.0.1.1 on Ubuntu), `-I` every address
 * of the host (from its interfaces, as `ip addr` lists them), and a refusal to rename for non-root.
 */
import type { ProgramContext } from '../process';
import { linksOf } from '../net/links';

/** The FQDN: the first name of this host in the scenario that extends its short name. */
function fqdnOf(ctx: ProgramContext): string {
  const short = ctx.sys.hostname;
  const names = ctx.sys.config.hosts.find((h) => h.id === ctx.sys.host)?.names ?? [];
  return names.find((n) => n.startsWith(`${short}.`)) ?? short;
}

/** The address the name resolves to in /etc/hosts (`127.0.1.1 web-01` on Ubuntu), if the file says. */
function hostsAddress(ctx: ProgramContext): string {
  const read = ctx.sys.read('/etc/hosts');
  const short = ctx.sys.hostname;
  if (read.ok) {
    for (const line of read.text.split('\n')) {
      const words = line.replace(/#.*/, '').trim().split(/\s+/);
      if (words.length > 1 && words.slice(1).some((w) => w === short || w.startsWith(`${short}.`))) return words[0]!;
    }
  }
  return '127.0.1.1';
}

export function hostname(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const flag = args.find((a) => a.startsWith('-'));
  const operand = args.find((a) => !a.startsWith('-'));
  if (operand && !flag) {
    if (ctx.sys.user.name !== 'root') {
      ctx.err('hostname: you must be root to change the host name');
      return 1;
    }
    ctx.note('Not simulated in this drill: renaming a host.');
    return 0;
  }
  switch (flag) {
    case undefined:
      ctx.out(ctx.sys.hostname);
      return 0;
    case '-f': case '--fqdn': case '--long': case '-A': case '--all-fqdns':
      ctx.out(flag === '-A' || flag === '--all-fqdns' ? `${fqdnOf(ctx)} ` : fqdnOf(ctx));
      return 0;
    case '-s': case '--short':
      ctx.out(ctx.sys.hostname.split('.')[0]!);
      return 0;
    case '-d': case '--domain': {
      const fqdn = fqdnOf(ctx);
      ctx.out(fqdn.includes('.') ? fqdn.slice(fqdn.indexOf('.') + 1) : '');
      return 0;
    }
    case '-i': case '--ip-address':
      ctx.out(hostsAddress(ctx));
      return 0;
    case '-I': case '--all-ip-addresses': {
      // Every address on every interface but the loopback's and IPv6 link-local ones, each followed by a space.
      const links = linksOf(ctx.sys.draft, ctx.sys.host).filter((l) => l.kind !== 'loopback');
      const addresses = links.flatMap((l) => [l.ipv4?.address, l.ipv6 && l.ipv6.scope !== 'link' ? l.ipv6.address : undefined]).filter((a) => a !== undefined);
      ctx.out(addresses.map((a) => `${a} `).join(''));
      return 0;
    }
    case '-V': case '--version':
      ctx.err('hostname 3.20');
      return 0;
    default:
      ctx.err(`hostname: invalid option -- '${flag.replace(/^-+/, '').slice(0, 1)}'`);
      ctx.err('Usage: hostname [-b] {hostname|-F file}         set host name (from file)');
      ctx.err('       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name');
      ctx.err('       hostname                                 display host name');
      return 1;
  }
}
