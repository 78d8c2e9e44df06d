/**
 * `netstat` from net-tools 1.60+git20161116 (installed only where the host spec lists it): the
 * Internet sockets table (`-t -u -l -a -n -p`) with net-tools' column widths, the routing table
 * (`-r`), and the warning a non-root user gets for `-p`. The same sockets ss shows.
 */
import type { ProgramContext } from '../process';
import { formatIpv4, netmaskOf, parseIpv4 } from './address';
import { routeTable } from './routes';
import { nameOfAddress } from './resolver';
import { serviceName } from './services';
import { socketsOf, type NetSocket } from './sockets';
import { netHost } from './topology';

function portName(port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (port === 0) return '*';
  return numeric ? String(port) : (serviceName(port, proto) ?? String(port));
}

/** net-tools' addr_do_one: `address:port`, the address cut when both do not fit in 22 characters. */
function addressPort(address: string, port: string): string {
  if (address.length + port.length > 22) {
    const portLen = Math.min(port.length, 22 - 4);
    return `${address.slice(0, 22 - portLen)}:${port.slice(0, portLen)}`;
  }
  return `${address}:${port}`;
}

function hostText(ctx: ProgramContext, s: NetSocket, numeric: boolean): string {
  if (s.family === 6) return s.host === '::' ? (numeric ? '::' : '[::]') : s.host;
  if (s.host === '0.0.0.0' || numeric) return s.host;
  const address = parseIpv4(s.host);
  return (address !== null ? nameOfAddress(ctx.sys.draft, ctx.sys.host, address) : null) ?? s.host;
}

function socketLines(ctx: ProgramContext, flags: Set<string>): number {
  const numeric = flags.has('n');
  const all = flags.has('a');
  const listening = flags.has('l');
  const withPrograms = flags.has('p');
  const tcp = flags.has('t') || (!flags.has('t') && !flags.has('u'));
  const udp = flags.has('u') || (!flags.has('t') && !flags.has('u'));
  const root = ctx.sys.user.uid === 0;
  if (withPrograms && !root) {
    ctx.err('(Not all processes could be identified, non-owned process info');
    ctx.err(' will not be shown, you would have to be root to see it all.)');
  }
  ctx.out(`Active Internet connections ${all ? '(servers and established)' : listening ? '(only servers)' : '(w/o servers)'}`);
  ctx.out(`Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${withPrograms ? ' PID/Program name    ' : ''}`);
  // Sockets in /proc/net/tcp, tcp6, udp, udp6 order, each file in the kernel's listening-hash
  // order (32 buckets by port, as ss finds them too); established ones are not modelled.
  const sockets = all || listening ? socketsOf(ctx.sys.draft, ctx.sys.host) : [];
  const order = (s: NetSocket) => ((s.proto === 'tcp' ? 0 : 2) + (s.family === 6 ? 1 : 0)) * 64 + (s.port % 32);
  for (const s of [...sockets].sort((a, b) => order(a) - order(b))) {
    if ((s.proto === 'tcp' && !tcp) || (s.proto === 'udp' && !udp)) continue;
    const proto = `${s.proto}${s.family === 6 ? '6' : ''}`;
    const local = addressPort(hostText(ctx, s, numeric), portName(s.port, s.proto, numeric));
    const foreign = addressPort(s.family === 6 ? (numeric ? '::' : '[::]') : '0.0.0.0', '*');
    const state = s.proto === 'tcp' ? 'LISTEN' : '';
    const head = s.proto === 'tcp' ? `${proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)}` : `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)}`;
    const main = [...s.holders].sort((a, b) => a.pid - b.pid)[0];
    const program = !withPrograms ? '' : ` ${(root || s.user === ctx.sys.user.name) && main ? `${main.pid}/${main.name}`.slice(0, 20).padEnd(20) : '-'.padEnd(20)}`;
    ctx.out(`${head} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)}${program}`);
  }
  if (!flags.has('t') && !flags.has('u')) ctx.note('Not simulated in this drill: UNIX domain sockets (netstat lists the Internet ones only).');
  return 0;
}

function routes(ctx: ProgramContext, numeric: boolean): number {
  const net = netHost(ctx.sys.config, ctx.sys.host);
  ctx.out('Kernel IP routing table');
  ctx.out('Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface');
  const line = (dest: string, gateway: string, mask: string, flags: string, iface: string) => `${dest.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} ${'0'.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${iface}`;
  const gatewayName = (address: string) => {
    if (numeric) return address;
    const a = parseIpv4(address);
    return (a !== null ? nameOfAddress(ctx.sys.draft, ctx.sys.host, a) : null) ?? address;
  };
  for (const r of routeTable(net)) {
    const dest = r.base === null ? (numeric ? '0.0.0.0' : 'default') : formatIpv4(r.base);
    const mask = netmaskOf(r.prefix);
    const flags = `U${r.via ? 'G' : ''}${r.prefix === 32 ? 'H' : ''}`;
    ctx.out(line(dest, r.via ? gatewayName(r.via) : '0.0.0.0', mask, flags, r.dev));
  }
  return 0;
}

export function netstat(ctx: ProgramContext): number {
  const flags = new Set<string>();
  const long: Record<string, string> = { numeric: 'n', all: 'a', listening: 'l', programs: 'p', tcp: 't', udp: 'u', route: 'r', interfaces: 'i', statistics: 's', extend: 'e', timers: 'o', wide: 'W', verbose: 'v', continuous: 'c', groups: 'g', help: 'h', version: 'V' };
  for (const arg of ctx.argv.slice(1)) {
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!Object.hasOwn(long, name)) {
        ctx.err(`netstat: unrecognized option '${arg}'`);
        ctx.err('usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}');
        return 1;
      }
      flags.add(long[name]!);
      continue;
    }
    if (!arg.startsWith('-')) continue;
    for (const letter of arg.slice(1)) {
      if (!'natuplriseoWvcgxwhVNC46'.includes(letter)) {
        ctx.err(`netstat: invalid option -- '${letter}'`);
        ctx.err('usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}');
        return 1;
      }
      flags.add(letter);
    }
  }
  if (flags.has('V')) {
    ctx.out('net-tools 2.10-alpha');
    return 0;
  }
  if (flags.has('r')) return routes(ctx, flags.has('n'));
  for (const f of ['i', 's', 'e', 'o', 'c', 'g']) if (flags.has(f)) ctx.note(`Not simulated in this drill: netstat -${f}; the drill lists the sockets.`);
  return socketLines(ctx, flags);
}
