/**
 * `ip` from iproute2 4.15 (ss180129): `ip address`, `ip link`, `ip route` (and `route get`),
 * `ip neigh`, with objects and commands matched by prefix as iproute2 does (`ip a`, `ip r`), the
 * `-4`/`-6`/`-br` options, and the exact spacing (iproute2 4.15 leaves a space at the end of
 * many lines).
 */
import type { ProgramContext } from '../process';
import { formatIpv4, parseIpv4 } from './address';
import { routeTable } from './routes';
import { ipFlags, linksOf, type Link } from './links';
import { neighbourLine, neighboursOf } from './neighbours';
import { pathTo } from './path';
import { netHost } from './topology';

const USAGE = [
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }',
  '       ip [ -force ] -batch filename',
  'where  OBJECT := { link | address | addrlabel | route | rule | neigh | ntable |',
  '                   tunnel | tuntap | maddress | mroute | mrule | monitor | xfrm |',
  '                   netns | l2tp | fou | macsec | tcp_metrics | token | netconf | ila |',
  '                   vrf | sr }',
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |',
  '                    -h[uman-readable] | -iec |',
  '                    -f[amily] { inet | inet6 | ipx | dnet | mpls | bridge | link } |',
  '                    -4 | -6 | -I | -D | -B | -0 |',
  '                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |',
  '                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |',
  '                    -rc[vbuf] [size] | -n[etns] name | -a[ll] | -c[olor]}',
];

const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'help'];

/** iproute2's `matches`: `word` is a prefix of `full`. */
const matches = (word: string, full: string) => word.length > 0 && word.length <= full.length && full.startsWith(word);

interface IpOptions {
  family: 'all' | 'inet' | 'inet6' | 'link';
  brief: boolean;
  stats: boolean;
  details: boolean;
}

function linkLine(link: Link, withMode: boolean): string {
  const mode = withMode ? 'mode DEFAULT ' : '';
  return `${link.index}: ${link.name}: ${ipFlags(link)} mtu ${link.mtu} qdisc ${link.qdisc} state ${link.state} ${mode}group default qlen ${link.qlen}`;
}

function linkAddressLine(link: Link): string {
  if (link.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  if (link.kind === 'tun') return '    link/none ';
  return `    link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff`;
}

function addressLines(link: Link, family: IpOptions['family']): string[] {
  const out: string[] = [];
  if (link.ipv4 && (family === 'all' || family === 'inet')) {
    const v4 = link.ipv4;
    out.push(`    inet ${v4.address}/${v4.prefix} ${v4.broadcast ? `brd ${v4.broadcast} ` : ''}scope ${v4.scope} ${v4.dynamic ? 'dynamic ' : ''}${link.name}`);
    out.push(v4.validLft !== null ? `       valid_lft ${v4.validLft}sec preferred_lft ${v4.validLft}sec` : '       valid_lft forever preferred_lft forever');
  }
  if (link.ipv6 && (family === 'all' || family === 'inet6')) {
    out.push(`    inet6 ${link.ipv6.address}/${link.ipv6.prefix} scope ${link.ipv6.scope} ${link.ipv6.flags ? `${link.ipv6.flags} ` : ''}`);
    out.push('       valid_lft forever preferred_lft forever');
  }
  return out;
}

function briefAddresses(link: Link, family: IpOptions['family']): string {
  const parts: string[] = [];
  if (link.ipv4 && family !== 'inet6') parts.push(`${link.ipv4.address}/${link.ipv4.prefix} `);
  if (link.ipv6 && family !== 'inet') parts.push(`${link.ipv6.address}/${link.ipv6.prefix} `);
  return parts.join('');
}

function showLinks(ctx: ProgramContext, links: Link[], options: IpOptions, addresses: boolean): void {
  for (const link of links) {
    if (options.brief) {
      const head = `${link.name.padEnd(16)} ${link.state.padEnd(14)} `;
      if (addresses) ctx.out(`${head}${briefAddresses(link, options.family)}`);
      else ctx.out(`${head}${link.mac ? `${link.mac} ` : ''}${ipFlags(link)} `);
      continue;
    }
    ctx.out(linkLine(link, !addresses));
    if (!addresses || options.family === 'all' || options.details) ctx.out(linkAddressLine(link));
    if (!addresses && options.stats) {
      ctx.out('    RX: bytes  packets  errors  dropped overrun mcast   ');
      ctx.out(`    ${String(link.rx.bytes).padEnd(10)} ${String(link.rx.packets).padEnd(8)} 0       0       0       0       `);
      ctx.out('    TX: bytes  packets  errors  dropped carrier collsns ');
      ctx.out(`    ${String(link.tx.bytes).padEnd(10)} ${String(link.tx.packets).padEnd(8)} 0       0       0       0       `);
    }
    if (addresses) for (const line of addressLines(link, options.family)) ctx.out(line);
  }
}

/** `dev NAME`, `NAME`, or nothing: the links a show command selects; null when the device does not exist. */
function selectLinks(ctx: ProgramContext, links: Link[], args: string[]): Link[] | null {
  let name: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === 'dev') name = args[++i] ?? null;
    else if (['up', 'permanent', 'dynamic', 'primary', 'secondary'].includes(a)) continue;
    else if (a === 'scope' || a === 'to' || a === 'label' || a === 'type') i += 1;
    else name = a;
  }
  if (name === null) return links;
  const found = links.filter((l) => l.name === name);
  if (found.length === 0) {
    ctx.err(`Device "${name}" does not exist.`);
    return null;
  }
  return found;
}

/** `ip route` lines, from the kernel's table (iproute2 4.15 ends each with a space). */
function routeLines(ctx: ProgramContext): string[] {
  return routeTable(netHost(ctx.sys.config, ctx.sys.host)).map((r) => {
    const dest = r.base === null ? 'default' : r.prefix === 32 ? formatIpv4(r.base) : `${formatIpv4(r.base)}/${r.prefix}`;
    const proto = r.proto ? `proto ${r.proto} ` : '';
    const scope = r.proto === 'kernel' ? 'scope link ' : '';
    return `${dest} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${proto}${scope}${r.src ? `src ${r.src} ` : ''}${r.metric !== null ? `metric ${r.metric} ` : ''}`;
  });
}

function route(ctx: ProgramContext, args: string[], options: IpOptions): number {
  const command = args[0] ?? 'show';
  if (matches(command, 'show') || matches(command, 'list')) {
    if (options.family === 'inet6') {
      const links = linksOf(ctx.sys.draft, ctx.sys.host).filter((l) => l.kind !== 'loopback');
      ctx.out('::1 dev lo proto kernel metric 256 pref medium');
      for (const l of links) ctx.out(`fe80::/64 dev ${l.name} proto kernel metric 256 pref medium`);
      return 0;
    }
    for (const line of routeLines(ctx)) ctx.out(line);
    return 0;
  }
  if (matches(command, 'get')) {
    const target = args.slice(1).find((a) => a !== 'to');
    const address = target ? parseIpv4(target) : null;
    if (!target) {
      ctx.err('need at least a destination address');
      return 1;
    }
    if (address === null) {
      ctx.err(`Error: any valid prefix is expected rather than "${target}".`);
      return 1;
    }
    const path = pathTo(ctx.sys.config, ctx.sys.host, address);
    if (path.kind === 'no-route') {
      ctx.err('RTNETLINK answers: Network is unreachable');
      return 2;
    }
    if (path.kind === 'local') {
      ctx.out(`local ${target} dev lo src ${target.startsWith('127.') ? '127.0.0.1' : target} uid ${ctx.sys.user.uid} `);
      ctx.out('    cache <local> ');
      return 0;
    }
    const via = path.gateway !== null ? `via ${formatIpv4(path.gateway)} ` : '';
    ctx.out(`${target} ${via}dev ${path.via.name} src ${formatIpv4(path.via.address)} uid ${ctx.sys.user.uid} `);
    ctx.out('    cache ');
    return 0;
  }
  if (matches(command, 'help')) {
    ctx.err('Usage: ip route { list | flush } SELECTOR');
    ctx.err('       ip route save SELECTOR');
    ctx.err('       ip route restore');
    ctx.err('       ip route showdump');
    ctx.err('       ip route get ADDRESS [ from ADDRESS iif STRING ]');
    ctx.err('                            [ oif STRING ] [ tos TOS ]');
    ctx.err('                            [ mark NUMBER ] [ vrf NAME ]');
    ctx.err('                            [ uid NUMBER ]');
    ctx.err('       ip route { add | del | change | append | replace } ROUTE');
    return 255;
  }
  if (['add', 'del', 'delete', 'change', 'append', 'replace', 'flush'].some((c) => matches(command, c))) {
    if (ctx.sys.user.uid !== 0) {
      ctx.err('RTNETLINK answers: Operation not permitted');
      return 2;
    }
    ctx.note('Not simulated in this drill: changing the routing table.');
    return 0;
  }
  ctx.err(`Command "${command}" is unknown, try "ip route help".`);
  return 255;
}

function neigh(ctx: ProgramContext, args: readonly string[]): number {
  // `ip neigh [show] [dev IFNAME] [ADDRESS]`: the kernel's table (src/sim/net/neighbours.ts).
  const rest = args[0] !== undefined && (matches(args[0], 'show') || matches(args[0], 'list')) ? args.slice(1) : [...args];
  if (rest.length > 0 && !rest.every((a, i) => a === 'dev' || rest[i - 1] === 'dev' || parseIpv4(a) !== null)) {
    ctx.note(`Not simulated in this drill: ip neigh ${args.join(' ')}; \`ip neigh\` lists the table.`);
    return 0;
  }
  const at = rest.indexOf('dev');
  const dev = at >= 0 ? rest[at + 1] : undefined;
  if (at >= 0 && (dev === undefined || !linksOf(ctx.sys.draft, ctx.sys.host).some((l) => l.name === dev))) {
    ctx.err(`Cannot find device "${dev ?? ''}"`);
    return 1;
  }
  const address = rest.filter((a, i) => a !== 'dev' && rest[i - 1] !== 'dev').map(parseIpv4)[0] ?? null;
  for (const n of neighboursOf(ctx.sys.draft, ctx.sys.host)) {
    if (dev !== undefined && n.dev !== dev) continue;
    if (address !== null && n.address !== address) continue;
    // With `dev`, iproute2 leaves the device out of each line.
    ctx.out(dev !== undefined ? neighbourLine(n).replace(` dev ${n.dev}`, '') : neighbourLine(n));
  }
  return 0;
}

export function ip(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const options: IpOptions = { family: 'all', brief: false, stats: false, details: false };
  while (args.length > 0 && args[0]!.startsWith('-') && args[0]!.length > 1) {
    const opt = args.shift()!;
    const name = opt.replace(/^--?/, '-');
    if (opt === '-4') options.family = 'inet';
    else if (opt === '-6') options.family = 'inet6';
    else if (opt === '-0') options.family = 'link';
    else if (matches(name, '-brief') && name.length >= 3) options.brief = true;
    else if (matches(name, '-stats') || matches(name, '-statistics')) options.stats = true;
    else if (matches(name, '-details')) options.details = true;
    else if (matches(name, '-family')) {
      const f = args.shift() ?? '';
      options.family = f === 'inet' ? 'inet' : f === 'inet6' ? 'inet6' : f === 'link' ? 'link' : 'all';
    } else if (matches(name, '-Version')) {
      ctx.out('ip utility, iproute2-ss180129');
      return 0;
    } else if (matches(name, '-color') || matches(name, '-oneline') || matches(name, '-resolve') || matches(name, '-human') || matches(name, '-iec') || matches(name, '-timestamp') || matches(name, '-json')) {
      continue;
    } else if (matches(name, '-help')) {
      for (const line of USAGE) ctx.err(line);
      return 255;
    } else {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".`);
      return 255;
    }
  }
  const object = args.shift();
  if (!object) {
    for (const line of USAGE) ctx.err(line);
    return 255;
  }
  const full = OBJECTS.find((o) => matches(object, o));
  if (!full) {
    ctx.err(`Object "${object}" is unknown, try "ip help".`);
    return 1;
  }
  const links = linksOf(ctx.sys.draft, ctx.sys.host);
  switch (full) {
    case 'address': {
      const command = args[0];
      if (command && !matches(command, 'show') && !matches(command, 'list') && !matches(command, 'lst')) {
        if (['add', 'delete', 'change', 'replace', 'flush'].some((c) => matches(command, c))) {
          if (ctx.sys.user.uid !== 0) {
            ctx.err('RTNETLINK answers: Operation not permitted');
            return 2;
          }
          ctx.note('Not simulated in this drill: changing addresses.');
          return 0;
        }
        if (matches(command, 'help')) {
          ctx.err('Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]');
          ctx.err('                                                      [ CONFFLAG-LIST ]');
          ctx.err('       ip address del IFADDR dev IFNAME [mngtmpaddr]');
          ctx.err('       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]');
          ctx.err('                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]');
          ctx.err('       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]');
          return 255;
        }
        ctx.err(`Command "${command}" is unknown, try "ip address help".`);
        return 255;
      }
      const selected = selectLinks(ctx, links, args.slice(1));
      if (!selected) return 1;
      showLinks(ctx, selected, options, true);
      return 0;
    }
    case 'link': {
      const command = args[0];
      if (command && !matches(command, 'show') && !matches(command, 'list') && !matches(command, 'lst')) {
        if (matches(command, 'set') || matches(command, 'add') || matches(command, 'delete')) {
          if (ctx.sys.user.uid !== 0) {
            ctx.err('RTNETLINK answers: Operation not permitted');
            return 2;
          }
          ctx.note('Not simulated in this drill: changing network links.');
          return 0;
        }
        ctx.err(`Command "${command}" is unknown, try "ip link help".`);
        return 255;
      }
      const selected = selectLinks(ctx, links, args.slice(1));
      if (!selected) return 1;
      showLinks(ctx, selected, options, false);
      return 0;
    }
    case 'route':
      return route(ctx, args, options);
    case 'neighbor':
    case 'neighbour':
      return neigh(ctx, args);
    case 'help':
      for (const line of USAGE) ctx.err(line);
      return 255;
    default:
      ctx.note(`Not simulated in this drill: ip ${full}.`);
      return 0;
  }
}
