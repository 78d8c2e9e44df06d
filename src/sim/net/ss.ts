/**
 * `ss` from iproute2 4.15: the listening TCP and UDP sockets of the host's running units, laid out
 * by ss 4.15's own column algorithm (fields measured, then the screen's spare width spread over
 * them; left and right alignment per column), `users:((…))` for `-p` (only the caller's own
 * processes unless root), service names unless `-n`.
 */
import type { ProgramContext } from '../process';
import { EPHEMERAL, serviceName } from './services';
import { connectionsOf, type TcpConnection } from './established';
import { socketsOf, type NetSocket } from './sockets';
import { ALL_STATES, parseFilter, statesNamed, type FilterSubject, type SocketState } from './ssFilter';

type Align = 'left' | 'right';

interface Column {
  header: string;
  align: Align;
  /** Length of the delimiter before it (counted in widths, never printed: ss 4.15 prints the current field's empty one). */
  delim: number;
  disabled: boolean;
}

/** ss 4.15's columns: Netid, State, Recv-Q, Send-Q, local address, port, peer address, port, extras. */
function columns(netid: boolean, state: boolean): Column[] {
  return [
    { header: 'Netid', align: 'left', delim: 0, disabled: !netid },
    { header: 'State', align: 'left', delim: 1, disabled: !state },
    { header: 'Recv-Q', align: 'left', delim: 1, disabled: false },
    { header: 'Send-Q', align: 'left', delim: 1, disabled: false },
    { header: 'Local Address:', align: 'right', delim: 1, disabled: false },
    { header: 'Port', align: 'left', delim: 0, disabled: false },
    { header: 'Peer Address:', align: 'right', delim: 1, disabled: false },
    { header: 'Port', align: 'left', delim: 0, disabled: false },
    { header: '', align: 'left', delim: 0, disabled: false },
  ];
}

/** ss's render_calc_width: each column's width, from its longest field and the screen's width. */
function widths(cols: Column[], rows: string[][], screen: number): number[] {
  const width = cols.map(() => 0);
  let first = true;
  cols.forEach((c, i) => {
    if (c.disabled) return;
    const max = Math.max(0, ...rows.map((r) => r[i]!.length));
    width[i] = Math.min(!first && max ? max + c.delim : max, screen);
    if (width[i]) first = false;
  });
  let eol = -1;
  let len = 0;
  let lineCols = 0;
  for (let c = 0; c < cols.length; c += 1) {
    if (!width[c]) continue;
    lineCols += 1;
    len += width[c]!;
    const last = !width.slice(c + 1).some((w) => w > 0);
    if (!last && len < screen) continue;
    if (len !== screen) {
      if (len > screen) {
        len -= width[c]!;
        c -= 1;
        lineCols -= 1;
      }
      const pad = screen - len;
      const spacing = lineCols > 0 ? Math.floor(pad / lineCols) : 0;
      let rem = lineCols > 0 ? pad % lineCols : 0;
      for (let t = c; t > eol; t -= 1) {
        if (!width[t]) continue;
        width[t] = width[t]! + spacing;
        if (rem) {
          width[t] = width[t]! + 1;
          rem -= 1;
        }
      }
    }
    eol = c;
    len = 0;
    lineCols = 0;
  }
  return width;
}

/** The lines ss prints for these rows (the first is the header), each row one field per column. */
export function renderColumns(cols: Column[], rows: string[][], screen = 80): string[] {
  const width = widths(cols, rows, screen);
  return rows.map((row) => {
    let line = '';
    cols.forEach((c, i) => {
      if (c.disabled) return;
      const text = row[i]!;
      const w = width[i]!;
      if (!w) line += text;
      else if (c.align === 'right') line += ' '.repeat(Math.max(0, w - text.length)) + text;
      else line += text + ' '.repeat(Math.max(0, w - text.length));
    });
    return line;
  });
}

function portText(port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (port === 0) return '*';
  if (numeric || (port >= EPHEMERAL.min && port <= EPHEMERAL.max)) return String(port);
  return serviceName(port, proto) ?? String(port);
}

/** One socket as ss lists it: a listening one, or an established connection. */
interface Entry {
  proto: 'tcp' | 'udp';
  state: SocketState;
  family: 4 | 6;
  recvQ: number;
  sendQ: number;
  localText: string;
  localPort: number;
  peerText: string;
  peerPort: number;
  /** For the filter: IPv4 text (a v4-mapped address as its IPv4), null for a wildcard. */
  subject: FilterSubject;
  holders: readonly { pid: number; name: string; fd: number }[];
  user: string;
  /** Where the kernel's dump puts it: listening hash (by port), then established hash. */
  order: number;
}

function listeningEntry(s: NetSocket): Entry {
  const localText = s.family === 6 ? (s.host === '::' ? (s.dualStack ? '*' : '[::]') : `[${s.host}]`) : s.unit === 'systemd-resolved.service' ? `${s.host}%lo` : s.host;
  const peerText = s.family === 6 ? (s.dualStack ? '*' : '[::]') : '0.0.0.0';
  const wildcard = s.host === '0.0.0.0' || s.host === '::';
  return {
    proto: s.proto,
    state: s.proto === 'tcp' ? 'LISTEN' : 'UNCONN',
    family: s.family,
    recvQ: 0,
    sendQ: s.proto === 'tcp' ? s.backlog : 0,
    localText,
    localPort: s.port,
    peerText,
    peerPort: 0,
    subject: { local: wildcard || s.family === 6 ? null : s.host, localPort: s.port, peer: null, peerPort: 0 },
    holders: s.holders,
    user: s.user,
    order: s.port % 32,
  };
}

function connectionEntry(c: TcpConnection): Entry {
  const text = (address: string) => (c.family === 6 ? `[::ffff:${address}]` : address);
  return {
    proto: 'tcp',
    state: 'ESTAB',
    family: c.family,
    recvQ: 0,
    sendQ: 0,
    localText: text(c.local),
    localPort: c.localPort,
    peerText: text(c.peer),
    peerPort: c.peerPort,
    subject: { local: c.local, localPort: c.localPort, peer: c.peer, peerPort: c.peerPort },
    holders: c.holders,
    user: c.user,
    order: 1000 + (c.inode % 997),
  };
}

/** `users:(("nginx",pid=813,fd=6),("nginx",pid=812,fd=6))`, highest PID first as ss finds them. */
function usersText(e: Entry, ctx: ProgramContext): string {
  const mayRead = ctx.sys.user.uid === 0 || e.user === ctx.sys.user.name;
  if (!mayRead || e.holders.length === 0) return '';
  const holders = [...e.holders].sort((a, b) => b.pid - a.pid);
  return ` users:(${holders.map((h) => `("${h.name}",pid=${h.pid},fd=${h.fd})`).join(',')})`;
}

const USAGE_FIRST = 'Usage: ss [ OPTIONS ]';

/** ss -s: the socket summary (print_summary), from the sockets the drill models. */
function summary(ctx: ProgramContext, entries: readonly Entry[]): void {
  const tcp = entries.filter((e) => e.proto === 'tcp');
  const udp = entries.filter((e) => e.proto === 'udp');
  const tcp4 = tcp.filter((e) => e.family === 4).length;
  const tcp6 = tcp.length - tcp4;
  const udp4 = udp.filter((e) => e.family === 4).length;
  const udp6 = udp.length - udp4;
  const estab = tcp.filter((e) => e.state === 'ESTAB' || e.state === 'CLOSE-WAIT').length;
  const col = (n: number | string) => String(n).padEnd(9);
  ctx.out(`Total: ${tcp.length + udp.length} (kernel 0)`);
  ctx.out(`TCP:   ${tcp.length} (estab ${estab}, closed 0, orphaned 0, synrecv 0, timewait 0/0), ports 0`);
  ctx.out('');
  ctx.out('Transport Total     IP        IPv6');
  ctx.out(`*\t  ${col(0)} ${col('-')} ${col('-')}`);
  ctx.out(`RAW\t  ${col(0)} ${col(0)} ${col(0)}`);
  ctx.out(`UDP\t  ${col(udp.length)} ${col(udp4)} ${col(udp6)}`);
  ctx.out(`TCP\t  ${col(tcp.length)} ${col(tcp4)} ${col(tcp6)}`);
  ctx.out(`INET\t  ${col(tcp.length + udp.length)} ${col(tcp4 + udp4)} ${col(tcp6 + udp6)}`);
  ctx.out(`FRAG\t  ${col(0)} ${col(0)} ${col(0)}`);
  ctx.out('');
  ctx.note('Not simulated in this drill: UNIX-domain and raw sockets, short-lived connections (TIME-WAIT) and the kernel\'s slab counts; ss -s counts the TCP and UDP sockets the drill models.');
}

export function ss(ctx: ProgramContext): number {
  const flags = new Set<string>();
  const long: Record<string, string> = { numeric: 'n', resolve: 'r', all: 'a', listening: 'l', processes: 'p', tcp: 't', udp: 'u', ipv4: '4', ipv6: '6', unix: 'x', raw: 'w', summary: 's', extended: 'e', memory: 'm', info: 'i', options: 'o', help: 'h', version: 'V', 'no-header': 'H', kill: 'K', context: 'Z', contexts: 'z', sctp: 'S', dccp: 'd', packet: '0', events: 'E' };
  const rest: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (rest.length === 0 && arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!Object.hasOwn(long, name)) {
        ctx.err(`ss: unrecognized option '${arg}'`);
        ctx.err(USAGE_FIRST);
        return 255;
      }
      flags.add(long[name]!);
    } else if (rest.length === 0 && arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (!'nralptu46xwsemioVhHKZzSd0E'.includes(letter)) {
          ctx.err(`ss: invalid option -- '${letter}'`);
          ctx.err(USAGE_FIRST);
          return 255;
        }
        flags.add(letter);
      }
    } else rest.push(arg);
  }
  if (flags.has('V')) {
    ctx.out('ss utility, iproute2-ss180129');
    return 0;
  }
  if (flags.has('h')) {
    ctx.out(USAGE_FIRST);
    return 0;
  }
  const tcp = flags.has('t');
  const udp = flags.has('u');
  const anyTable = tcp || udp || flags.has('x') || flags.has('w') || flags.has('S') || flags.has('d') || flags.has('0');
  const wantTcp = tcp || !anyTable;
  const wantUdp = udp || !anyTable;
  const listening = flags.has('l');
  const all = flags.has('a');
  const numeric = flags.has('n');
  const family = flags.has('4') && !flags.has('6') ? 4 : flags.has('6') && !flags.has('4') ? 6 : 0;
  const everything: Entry[] = [...socketsOf(ctx.sys.draft, ctx.sys.host).map(listeningEntry), ...connectionsOf(ctx.sys.draft, ctx.sys.host).map(connectionEntry)];
  if (flags.has('s')) {
    summary(ctx, everything);
    if (!anyTable && !listening && !all && rest.length === 0) return 0;
  }
  // The state words come first (state X, exclude X), then the filter expression.
  let states: Set<SocketState> = new Set(all ? ALL_STATES : listening ? (['LISTEN', 'UNCONN'] as SocketState[]) : ALL_STATES.filter((s) => s !== 'LISTEN' && s !== 'UNCONN'));
  let sawStates = false;
  let at = 0;
  while (at < rest.length && (rest[at] === 'state' || rest[at] === 'exclude' || rest[at] === 'excl')) {
    const word = rest[at + 1];
    if (word === undefined) {
      ctx.err(`Command line is not complete. Try option "help"`);
      return 255;
    }
    const named = statesNamed(word);
    if (!named) {
      ctx.err(`ss: wrong state name: ${word}`);
      return 255;
    }
    if (rest[at] === 'state') {
      if (!sawStates) states = new Set();
      for (const s of named) states.add(s);
    } else {
      if (!sawStates) states = new Set(ALL_STATES);
      for (const s of named) states.delete(s);
    }
    sawStates = true;
    at += 2;
  }
  if (states.size === 0) {
    ctx.err('ss: no socket states to show with such filter.');
    return 0;
  }
  const parsed = parseFilter(rest.slice(at));
  if (!parsed.ok) {
    if (parsed.error === 'unsupported') {
      ctx.note(`Not simulated in this drill: this ss filter expression ("${rest.slice(at).join(' ').slice(0, 80)}"); ss reads sport, dport, src and dst with IPv4 addresses.`);
      return 0;
    }
    // bison's message ends without a newline: the usage follows on the same line.
    if (parsed.error === 'port') ctx.err(`Error: "${parsed.text}" does not look like a port.`);
    ctx.err(parsed.error === 'syntax' ? `ss: bison bellows (while parsing filter): "syntax error!"${USAGE_FIRST}` : USAGE_FIRST);
    return 255;
  }
  for (const f of ['e', 'm', 'i', 'o', 'K', 'Z', 'z', 'E']) if (flags.has(f)) ctx.note(`Not simulated in this drill: ss -${f}; the drill lists the sockets without it.`);
  if (!anyTable || flags.has('x') || flags.has('w') || flags.has('0')) ctx.note('Not simulated in this drill: UNIX domain, raw, netlink and packet sockets; ss lists TCP and UDP sockets only.');
  if (wantTcp && [...states].some((s) => s !== 'LISTEN' && s !== 'UNCONN')) ctx.note('Not simulated in this drill: short-lived TCP connections (HTTP requests, health checks, TIME-WAIT); ss lists the listening sockets and the long-lived connections (SSH sessions, MySQL).');
  const tables = (wantTcp ? 1 : 0) + (wantUdp ? 1 : 0) + (!anyTable ? 2 : 0);
  const entries = everything.filter((e) => ((e.proto === 'tcp' && wantTcp) || (e.proto === 'udp' && wantUdp)) && (family === 0 || e.family === family) && states.has(e.state) && parsed.filter(e.subject));
  // ss asks for UDP before TCP; the kernel answers listening sockets first, IPv4 before IPv6, in
  // its listening hash's order (32 buckets by port), then the established hash.
  const key = (x: Entry) => [x.proto === 'udp' ? 0 : 1, x.order >= 1000 ? 1 : 0, x.family, x.order] as const;
  entries.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || ka[3] - kb[3];
  });
  const cols = columns(tables > 1, states.size > 1);
  const header = [...cols.slice(0, 8).map((c) => c.header), ''];
  const rows = entries.map((e) => [
    e.proto,
    e.state,
    String(e.recvQ).padEnd(6),
    String(e.sendQ).padEnd(6),
    `${e.localText}:`,
    portText(e.localPort, e.proto, numeric),
    `${e.peerText}:`,
    e.peerPort === 0 ? '*' : portText(e.peerPort, e.proto, numeric),
    flags.has('p') ? usersText(e, ctx) : '',
  ]);
  const lines = renderColumns(cols, flags.has('H') ? rows : [header, ...rows]);
  for (const l of lines) ctx.out(l);
  return 0;
}
