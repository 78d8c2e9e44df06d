/**
 * `ss` from iproute2 4.15: the listening TCP and UDP sockets of the host's running units, laid out
 * by ss 4.15's own column algorithm (fields measured, then the screen's spare width spread over
 * them; left and right alignment per column), `users:((…))` for `-p` (only the caller's own
 * processes unless root), service names unless `-n`.
 */
import type { ProgramContext } from '../process';
import { EPHEMERAL, serviceName } from './services';
import { socketsOf, type NetSocket } from './sockets';

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

function addressText(s: NetSocket): string {
  if (s.family === 6) return s.host === '::' ? (s.dualStack ? '*' : '[::]') : `[${s.host}]`;
  return s.unit === 'systemd-resolved.service' ? `${s.host}%lo` : s.host;
}

function peerText(s: NetSocket): string {
  if (s.family === 6) return s.dualStack ? '*' : '[::]';
  return '0.0.0.0';
}

/** `users:(("nginx",pid=813,fd=6),("nginx",pid=812,fd=6))`, highest PID first as ss finds them. */
function usersText(s: NetSocket, ctx: ProgramContext): string {
  const mayRead = ctx.sys.user.uid === 0 || s.user === ctx.sys.user.name;
  if (!mayRead || s.holders.length === 0) return '';
  const holders = [...s.holders].sort((a, b) => b.pid - a.pid);
  return ` users:(${holders.map((h) => `("${h.name}",pid=${h.pid},fd=${h.fd})`).join(',')})`;
}

const USAGE_FIRST = 'Usage: ss [ OPTIONS ]';

export function ss(ctx: ProgramContext): number {
  const flags = new Set<string>();
  const long: Record<string, string> = { numeric: 'n', resolve: 'r', all: 'a', listening: 'l', processes: 'p', tcp: 't', udp: 'u', ipv4: '4', ipv6: '6', unix: 'x', raw: 'w', summary: 's', extended: 'e', memory: 'm', info: 'i', options: 'o', help: 'h', version: 'V', 'no-header': 'H', kill: 'K', context: 'Z', contexts: 'z', sctp: 'S', dccp: 'd', packet: '0', events: 'E' };
  const filters: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!Object.hasOwn(long, name)) {
        ctx.err(`ss: unrecognized option '${arg}'`);
        ctx.err(USAGE_FIRST);
        return 255;
      }
      flags.add(long[name]!);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (!'nralptu46xwsemioVhHKZzSd0E'.includes(letter)) {
          ctx.err(`ss: invalid option -- '${letter}'`);
          ctx.err(USAGE_FIRST);
          return 255;
        }
        flags.add(letter);
      }
    } else filters.push(arg);
  }
  if (flags.has('V')) {
    ctx.out('ss utility, iproute2-ss180129');
    return 0;
  }
  if (flags.has('h')) {
    ctx.out(USAGE_FIRST);
    return 0;
  }
  // ss -s prints a summary instead of the table: the drill's note stands alone, no table header.
  if (flags.has('s')) {
    ctx.note('Not simulated in this drill: ss -s (the socket summary).');
    return 0;
  }
  for (const f of ['e', 'm', 'i', 'o', 'K', 'Z', 'z', 'E']) if (flags.has(f)) ctx.note(`Not simulated in this drill: ss -${f}; the drill lists the sockets without it.`);
  if (filters.length) ctx.note(`Not simulated in this drill: ss filter expressions ("${filters.join(' ').slice(0, 80)}"); all matching sockets are listed.`);
  const tcp = flags.has('t');
  const udp = flags.has('u');
  const anyTable = tcp || udp || flags.has('x') || flags.has('w') || flags.has('S') || flags.has('d') || flags.has('0');
  if (!anyTable || flags.has('x') || flags.has('w') || flags.has('0')) ctx.note('Not simulated in this drill: UNIX domain, raw, netlink and packet sockets; ss lists TCP and UDP sockets only.');
  const wantTcp = tcp || !anyTable;
  const wantUdp = udp || !anyTable;
  const listening = flags.has('l');
  const all = flags.has('a');
  const numeric = flags.has('n');
  const family = flags.has('4') && !flags.has('6') ? 4 : flags.has('6') && !flags.has('4') ? 6 : 0;
  const tables = (wantTcp ? 1 : 0) + (wantUdp ? 1 : 0) + (!anyTable ? 2 : 0);
  // Established sockets are not modelled: without -l or -a there are none to show.
  const sockets = listening || all ? socketsOf(ctx.sys.draft, ctx.sys.host).filter((s) => ((s.proto === 'tcp' && wantTcp) || (s.proto === 'udp' && wantUdp)) && (family === 0 || s.family === family)) : [];
  // ss asks for UDP before TCP, IPv4 before IPv6; the kernel answers in its listening hash's
  // order (32 buckets by port).
  const order = (x: NetSocket) => [x.proto === 'udp' ? 0 : 1, x.family, x.port % 32] as const;
  sockets.sort((a, b) => {
    const [pa, fa, ba] = order(a);
    const [pb, fb, bb] = order(b);
    return pa - pb || fa - fb || ba - bb;
  });
  const cols = columns(tables > 1, true);
  const header = [...cols.slice(0, 8).map((c) => c.header), ''];
  const rows = sockets.map((s) => [
    s.proto,
    s.proto === 'tcp' ? 'LISTEN' : 'UNCONN',
    String(0).padEnd(6),
    String(s.proto === 'tcp' ? s.backlog : 0).padEnd(6),
    `${addressText(s)}:`,
    portText(s.port, s.proto, numeric),
    `${peerText(s)}:`,
    '*',
    flags.has('p') ? usersText(s, ctx) : '',
  ]);
  const lines = renderColumns(cols, flags.has('H') ? rows : [header, ...rows]);
  for (const l of lines) ctx.out(l);
  return 0;
}
