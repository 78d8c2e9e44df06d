/**
 * `netstat` from net-tools 1.60+git20161116 (installed only where the host spec lists it): the
 * Internet sockets table (`-t -u -l -a -n -p`) with net-tools' column widths, the routing table
 * (`-r`), and the warning a non-root user gets for `-p`. The same sockets ss and lsof show: the
 * listening ones and the long-lived connections (src/sim/net/established.ts), in /proc/net's
 * order, `-p` naming the process as prg_cache_load does.
 */
import type { ProgramContext } from '../process';
import { processesOf, type Proc } from '../system/processes';
import { formatIpv4, netmaskOf, parseIpv4 } from './address';
import { routeTable } from './routes';
import { nameOfAddress } from './resolver';
import { serviceName } from './services';
import { connectionsOf } from './established';
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
  return addressText(ctx, s.host, numeric);
}

/** An IPv4 address as net-tools prints it: numeric, or the name gethostbyaddr finds (glibc resolves a v4-mapped address by its IPv4). */
function addressText(ctx: ProgramContext, text: string, numeric: boolean): string {
  if (text === '0.0.0.0' || numeric) return text;
  const address = parseIpv4(text);
  return (address !== null ? nameOfAddress(ctx.sys.draft, ctx.sys.host, address) : null) ?? text;
}

/**
 * What prg_cache_load keeps for a process: `PID/` and the first string of /proc/PID/cmdline, cut
 * to its basename when it is a path (a title a daemon set itself, `nginx: master process …`,
 * stays whole), all in a 20-byte buffer: 19 characters at most.
 */
function programOf(pid: number, args: string): string {
  const first = args.split(' ')[0] ?? '';
  const argv0 = first.endsWith(':') ? args : first;
  const name = argv0.startsWith('/') ? argv0.slice(argv0.lastIndexOf('/') + 1) : argv0;
  return `${pid}/${name}`.slice(0, 19);
}

/** One line of netstat's Internet table, as /proc/net/{tcp,tcp6,udp,udp6} give it. */
interface Row {
  proto: 'tcp' | 'udp';
  family: 4 | 6;
  local: string;
  foreign: string;
  state: 'LISTEN' | 'ESTABLISHED' | '';
  listening: boolean;
  holders: readonly { pid: number }[];
  user: string;
  /** Position in its /proc file: the listening hash (by port), then the established hash. */
  order: number;
}

function socketLines(ctx: ProgramContext, flags: Set<string>): number {
  const numeric = flags.has('n');
  const all = flags.has('a');
  const listening = flags.has('l');
  const withPrograms = flags.has('p');
  const wide = flags.has('W');
  const tcp = flags.has('t') || (!flags.has('t') && !flags.has('u'));
  const udp = flags.has('u') || (!flags.has('t') && !flags.has('u'));
  const root = ctx.sys.user.uid === 0;
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  if (withPrograms && !root) {
    ctx.err('(Not all processes could be identified, non-owned process info');
    ctx.err(' will not be shown, you would have to be root to see it all.)');
  }
  ctx.out(`Active Internet connections ${all ? '(servers and established)' : listening ? '(only servers)' : '(w/o servers)'}`);
  ctx.out(`Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${withPrograms ? ' PID/Program name    ' : ''}`);
  const join = (address: string, port: string) => (wide ? `${address}:${port}` : addressPort(address, port));
  const rows: Row[] = [];
  for (const s of socketsOf(draft, host)) {
    rows.push({
      proto: s.proto,
      family: s.family,
      local: join(hostText(ctx, s, numeric), portName(s.port, s.proto, numeric)),
      foreign: join(s.family === 6 ? (numeric ? '::' : '[::]') : '0.0.0.0', '*'),
      state: s.proto === 'tcp' ? 'LISTEN' : '',
      listening: true,
      holders: s.holders,
      user: s.user,
      order: s.port % 32,
    });
  }
  for (const c of connectionsOf(draft, host)) {
    // A v4-mapped peer on a dual-stack socket is `::ffff:10.0.2.11` in numeric form, its name otherwise.
    const text = (address: string) => {
      if (c.family === 4) return addressText(ctx, address, numeric);
      const name = numeric ? null : addressText(ctx, address, false);
      return name !== null && name !== address ? name : `::ffff:${address}`;
    };
    rows.push({
      proto: 'tcp',
      family: c.family,
      local: join(text(c.local), portName(c.localPort, 'tcp', numeric)),
      foreign: join(text(c.peer), portName(c.peerPort, 'tcp', numeric)),
      state: 'ESTABLISHED',
      listening: false,
      holders: c.holders,
      user: c.user,
      // The same established-hash position ss uses.
      order: 1000 + (c.inode % 997),
    });
  }
  // /proc/net/tcp, tcp6, udp, udp6 in turn; in each, the kernel's listening hash (32 buckets by
  // port, as ss finds them too), then the established hash.
  const file = (r: Row) => (r.proto === 'tcp' ? 0 : 2) + (r.family === 6 ? 1 : 0);
  rows.sort((a, b) => file(a) - file(b) || a.order - b.order);
  const programs = withPrograms ? new Map(processesOf(draft, host).map((p) => [p.pid, p])) : new Map<number, Proc>();
  for (const r of rows) {
    if ((r.proto === 'tcp' && !tcp) || (r.proto === 'udp' && !udp)) continue;
    // tcp_do_one / udp_do_one: -a shows all, -l the listening ones, neither the others.
    if (!all && r.listening !== listening) continue;
    const proto = `${r.proto}${r.family === 6 ? '6' : ''}`;
    const head = r.proto === 'tcp' ? `${proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)}` : `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)}`;
    // The first process /proc lists (lowest PID) that holds the socket, when its fds are readable.
    const main = [...r.holders].sort((a, b) => a.pid - b.pid)[0];
    const proc = main ? programs.get(main.pid) : undefined;
    const program = !withPrograms ? '' : ` ${((root || r.user === ctx.sys.user.name) && proc ? programOf(proc.pid, proc.args) : '-').padEnd(20)}`;
    ctx.out(`${head} ${r.local.padEnd(23)} ${r.foreign.padEnd(23)} ${r.state.padEnd(11)}${program}`);
  }
  if (!flags.has('t') && !flags.has('u')) ctx.note('Not simulated in this drill: UNIX domain sockets (netstat lists the Internet ones only).');
  if (tcp && (all || !listening)) ctx.note('Not simulated in this drill: short-lived TCP connections (HTTP requests, health checks, TIME_WAIT); netstat lists the listening sockets and the long-lived connections (SSH sessions, MySQL).');
  return 0;
}

/**
 * The kernel's IPv4 routing table as net-tools prints it: `netstat -r` with its MSS, Window and
 * irtt columns, `route` (inet_gr.c's rprint_fib) with Metric, Ref and Use.
 */
function routes(ctx: ProgramContext, numeric: boolean, style: 'netstat' | 'route' = 'netstat'): number {
  const net = netHost(ctx.sys.config, ctx.sys.host);
  ctx.out('Kernel IP routing table');
  ctx.out(style === 'netstat' ? 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface' : 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface');
  const line = (dest: string, gateway: string, mask: string, flags: string, iface: string, metric: number) =>
    style === 'netstat'
      ? `${dest.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} ${'0'.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${iface}`
      : `${dest.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} ${String(metric).padEnd(6)} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${iface}`;
  const gatewayName = (address: string) => {
    if (numeric) return address;
    const a = parseIpv4(address);
    return (a !== null ? nameOfAddress(ctx.sys.draft, ctx.sys.host, a) : null) ?? address;
  };
  for (const r of routeTable(net)) {
    const dest = r.base === null ? (numeric ? '0.0.0.0' : 'default') : formatIpv4(r.base);
    const mask = netmaskOf(r.prefix);
    const flags = `U${r.via ? 'G' : ''}${r.prefix === 32 ? 'H' : ''}`;
    ctx.out(line(dest, r.via ? gatewayName(r.via) : '0.0.0.0', mask, flags, r.dev, r.metric ?? 0));
  }
  return 0;
}

/** net-tools' `route` (`-n`, `-e`, `-v`): the table only; anything else is the drill's note. */
export function route(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const shown = args.every((a) => /^-[nevF]+$/.test(a) || a === '--numeric');
  if (!shown) {
    ctx.note('Not simulated in this drill: route beyond printing the table (adding, deleting, other families); `route -n` and `ip route` show it.');
    return 0;
  }
  return routes(ctx, args.some((a) => a === '--numeric' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n'))), 'route');
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
