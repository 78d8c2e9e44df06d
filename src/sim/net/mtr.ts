/**
 * `mtr` 0.92 (Ubuntu 18.04's mtr-tiny) in report mode (`-r`/`--report`, `-w`/`--report-wide`,
 * `-c`/`--report-cycles`, `-n`/`--no-dns`, `-b`/`--show-ips`): the hops traceroute finds
 * (src/sim/net/hops.ts), each probed `-c` times (10 by default), printed as ui/report.c does
 * (`Start:` in iso_time's form, `HOST:` padded to 33 columns, each field written at its fixed
 * offset so a longer value loses its last character to the next field, as `100.0%` does). Times
 * are net.c's integer microseconds (a running integer average, the sum of squared differences
 * for StDev). The interactive (curses) display and the other output formats are not modelled,
 * and the drill says so.
 */
import type { ProgramContext } from '../process';
import { epochOf, strftime } from '../time';
import { formatIpv4 } from './address';
import { hopsTo, MAX_HOPS } from './hops';
import { unitOf } from './jitter';
import { has, parseOptions, valueOf } from './options';
import { LOOKUP_ERROR_TEXT, lookupName, nameOfAddress } from './resolver';

/** One row's statistics, as net.c keeps them (microseconds, integers). */
interface HopStats {
  xmit: number;
  returned: number;
  last: number;
  best: number;
  worst: number;
  avg: number;
  ssd: number;
}

/** net_process_ping's arithmetic for a run of round trips (µs): C's int and long long truncation included. */
function statsOf(samples: readonly number[], xmit: number): HopStats {
  const s: HopStats = { xmit, returned: 0, last: 0, best: 0, worst: 0, avg: 0, ssd: 0 };
  for (const us of samples) {
    s.last = us;
    if (s.returned < 1) {
      s.best = us;
      s.worst = us;
      s.avg = 0;
      s.ssd = 0;
    }
    s.best = Math.min(s.best, us);
    s.worst = Math.max(s.worst, us);
    s.returned += 1;
    const old = s.avg;
    s.avg = Math.trunc(s.avg + (us - old) / s.returned);
    s.ssd = Math.trunc(s.ssd + (us - old) * (us - s.avg));
  }
  return s;
}

/**
 * printf's `%N.1f` of a value in thousandths. Both round the exact binary value; on an exact tie
 * (x.x250, x.x750) glibc rounds to even and JavaScript up, which differ only for x.x250.
 */
function fixed1(thousandths: number, width: number): string {
  const rest = ((thousandths % 1000) + 1000) % 1000;
  const text = rest === 250 ? (Math.floor(thousandths / 100) / 10).toFixed(1) : (thousandths / 1000).toFixed(1);
  return text.padStart(width);
}

/** The fields of the default order `LS NABWV`: title, width, value. */
function fields(s: HopStats): { title: string; width: number; text: string }[] {
  const loss = s.xmit === 0 ? 0 : Math.trunc(1000 * (100 - (100 * s.returned) / s.xmit));
  const stdev = s.returned > 1 ? Math.trunc(Math.sqrt(s.ssd / (s.returned - 1))) : 0;
  return [
    { title: 'Loss%', width: 6, text: ` ${fixed1(loss, 4)}%` },
    { title: 'Snt', width: 6, text: ` ${String(s.xmit).padStart(5)}` },
    { title: ' ', width: 1, text: ' ' },
    { title: 'Last', width: 6, text: ` ${fixed1(s.last, 5)}` },
    { title: 'Avg', width: 6, text: ` ${fixed1(s.avg, 5)}` },
    { title: 'Best', width: 6, text: ` ${fixed1(s.best, 5)}` },
    { title: 'Wrst', width: 6, text: ` ${fixed1(s.worst, 5)}` },
    { title: 'StDev', width: 6, text: ` ${fixed1(stdev, 5)}` },
  ];
}

/** report_close's buffer: `head`, then each field written at its offset (snprintf at buf + len, so a longer one is cut by the next). */
function place(head: string, start: number, parts: readonly { width: number; text: string }[]): string {
  let buf = head.slice(0, start);
  let at = start;
  for (const p of parts) {
    buf = buf.slice(0, at) + p.text;
    at += p.width;
  }
  return buf;
}

const SHORT_FLAGS = 'hvrwxtglCjpnbzuTSe46';
const SHORT_VALUES = 'oyicsBQIafmUPLZGM';
const LONG = {
  help: { as: 'h' }, version: { as: 'v' }, report: { as: 'r' }, 'report-wide': { as: 'w' }, xml: { as: 'x' }, curses: { as: 't' }, gtk: { as: 'g' },
  raw: { as: 'l' }, csv: { as: 'C' }, json: { as: 'j' }, split: { as: 'p' }, 'no-dns': { as: 'n' }, 'show-ips': { as: 'b' }, aslookup: { as: 'z' },
  udp: { as: 'u' }, tcp: { as: 'T' }, sctp: { as: 'S' }, mpls: { as: 'e' }, inet: { as: '4' }, inet6: { as: '6' },
  order: { as: 'o', value: true }, ipinfo: { as: 'y', value: true }, interval: { as: 'i', value: true }, 'report-cycles': { as: 'c', value: true },
  psize: { as: 's', value: true }, bitpattern: { as: 'B', value: true }, tos: { as: 'Q', value: true }, interface: { as: 'I', value: true },
  address: { as: 'a', value: true }, 'first-ttl': { as: 'f', value: true }, 'max-ttl': { as: 'm', value: true }, 'max-unknown': { as: 'U', value: true },
  port: { as: 'P', value: true }, localport: { as: 'L', value: true }, timeout: { as: 'Z', value: true }, gracetime: { as: 'G', value: true }, mark: { as: 'M', value: true },
  displaymode: { as: 'displaymode', value: true }, filename: { as: 'F', value: true },
};

export function mtr(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: SHORT_FLAGS, values: SHORT_VALUES, long: LONG });
  if (!parsed.ok) {
    const e = parsed.error;
    if (e.kind === 'invalid') ctx.err(`mtr: invalid option -- '${e.option}'`);
    else if (e.kind === 'missing') ctx.err(e.option.length === 1 ? `mtr: option requires an argument -- '${e.option}'` : `mtr: option '--${e.option}' requires an argument`);
    else if (e.kind === 'ambiguous') ctx.err(`mtr: option '${e.option}' is ambiguous`);
    else ctx.err(`mtr: unrecognized option '${e.option}'`);
    ctx.note("Not simulated in this drill: mtr's usage text.");
    return 1;
  }
  const o = parsed.options;
  if (has(o, 'v')) {
    ctx.out('mtr 0.92');
    return 0;
  }
  if (has(o, 'h')) {
    ctx.note("Not simulated in this drill: mtr's usage text.");
    return 0;
  }
  const other = ['x', 'g', 'l', 'C', 'j', 'p', 'F'].find((f) => has(o, f));
  if (other !== undefined) {
    ctx.note(`Not simulated in this drill: mtr's ${({ x: 'XML', g: 'GTK', l: 'raw', C: 'CSV', j: 'JSON', p: 'split', F: 'file of hosts' } as Record<string, string>)[other]} mode; \`mtr -r\` (--report) prints the same hops as a report.`);
    return 0;
  }
  const report = has(o, 'r') || has(o, 'w');
  if (!report || has(o, 't')) {
    ctx.note("Not simulated in this drill: mtr's interactive (curses) display; `mtr -r` (--report, `-c N` cycles) prints the same hops as a report.");
    return 0;
  }
  if (has(o, 'u') || has(o, 'T') || has(o, 'S') || has(o, '6')) ctx.note('Not simulated in this drill: mtr over UDP, TCP, SCTP or IPv6; the report uses ICMP over IPv4, as traceroute -I would.');
  if (has(o, 'z') || has(o, 'y')) ctx.note('Not simulated in this drill: mtr\'s AS and IP-information lookups (-z, -y); the report lists the hops without them.');
  const cyclesText = valueOf(o, 'c');
  const cycles = cyclesText === null ? 10 : Number(cyclesText);
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > 1000) {
    ctx.note(`Not simulated in this drill: mtr -c ${cyclesText ?? ''}; the drill sends 1 to 1000 cycles.`);
    return 1;
  }
  const numeric = has(o, 'n');
  const showIps = has(o, 'b');
  const wide = has(o, 'w');
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  const local = draft.config.world.hosts[host]?.hostname ?? host;
  const targets = o.operands.length ? o.operands : ['localhost'];
  for (const target of targets) {
    const found = lookupName(draft, host, target);
    if (!found.ok) {
      ctx.err(`mtr: Failed to resolve host: ${target}: ${LOOKUP_ERROR_TEXT[found.error]}`);
      continue;
    }
    const address = found.addresses[0]!;
    ctx.out(`Start: ${strftime(epochOf(draft.config.date, draft.clock), '%Y-%m-%dT%H:%M:%S%z', draft.config.timezone)}`);
    const route = hopsTo(draft.config, host, address);
    const seq = draft.next();
    // net_max: up to the destination when it answers, else one `???` after the last router that did.
    const rows: { address: number | null; rttMs: number }[] = [];
    if (!route.noRoute) {
      const all = [...route.hops, ...(route.reached ? [{ address, rttMs: route.rttMs }] : [])].slice(0, MAX_HOPS - 1);
      const end = route.reached ? all.length : Math.min(all.length, all.reduce((last, h, i) => (h.address !== null ? i + 2 : last), 0));
      rows.push(...all.slice(0, end));
    }
    const name = (a: number | null): string => {
      if (a === null) return '???';
      const text = formatIpv4(a);
      const resolved = numeric ? null : nameOfAddress(draft, host, a);
      if (!resolved) return text;
      return showIps ? `${resolved} (${text})` : resolved;
    };
    const names = rows.map((r) => name(r.address));
    const hostsWidth = wide ? Math.max(local.length, ...names.map((n) => n.length)) : 33;
    const titles = fields(statsOf([], 0)).map((f) => ({ width: f.width, text: f.title.padStart(f.width) }));
    const header = `HOST: ${local.padEnd(hostsWidth)}`;
    ctx.out(place(header, wide ? header.length : hostsWidth, titles));
    rows.forEach((r, i) => {
      const samples = r.address === null ? [] : Array.from({ length: cycles }, (_, k) => Math.max(1, Math.round(1000 * r.rttMs * (0.9 + 0.2 * unitOf(host, address, seq, 'mtr', i + 1, k)))));
      const head = ` ${String(i + 1).padStart(2)}.|-- ${names[i]!.padEnd(hostsWidth)}`;
      ctx.out(place(head, wide ? head.length : hostsWidth, fields(statsOf(samples, cycles))));
    });
  }
  return 0;
}
