/**
 * `nmap` 7.60 (Ubuntu 18.04's package) as an unprivileged user runs it: a TCP connect scan of the
 * 1,000 most common ports (or `-p`), host discovery by connecting to ports 80 and 443 (`-Pn`
 * skips it), and its report: `open` for a socket that accepts, `closed` for a reset (nothing
 * listens, or the service is stopped), `filtered` for a firewall that drops. States with more than
 * 25 ports are summed up in `Not shown:`, as Nmap does at normal verbosity. Times come from the
 * path's round trip and the probes a dropped port costs (Nmap retries and waits), never the wall
 * clock.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { connectTcp } from './connect';
import { unitOf } from './jitter';
import { nmapDefaultPorts, nmapServiceName } from './nmapPorts';
import { lookupName, nameOfAddress } from './resolver';

const VERSION_LINE = 'Nmap version 7.60 ( https://nmap.org )';
/** Most ports one scan probes (a bound; `-p-` is all 65,535 and is cut to this many). */
const MAX_PORTS = 5000;
/** Targets one run scans. */
const MAX_TARGETS = 16;
/** A state with more ports than this is summed up in "Not shown" (Nmap's default at -v0). */
const SHOWN_LIMIT = 25;

type PortState = 'open' | 'closed' | 'filtered';

/** `22,80,443`, `1-1024`, `-` (all), `http` → the ports, or the text of Nmap's complaint. */
function parsePorts(text: string): number[] | string {
  if (text === '-') return Array.from({ length: Math.min(65535, MAX_PORTS) }, (_, i) => i + 1);
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^(\d*)-(\d*)$/.exec(part);
    if (range) {
      const lo = range[1] === '' ? 1 : Number(range[1]);
      const hi = range[2] === '' ? 65535 : Number(range[2]);
      if (lo > 65535 || hi > 65535 || lo > hi) return 'Your port specifications are illegal.  Example of proper form: "-100,200-1024,T:3000-4000,U:60000-"';
      for (let p = lo; p <= hi && out.size < MAX_PORTS; p += 1) out.add(p);
      continue;
    }
    if (/^\d+$/.test(part)) {
      const n = Number(part);
      if (n > 65535) return 'Your port specifications are illegal.  Example of proper form: "-100,200-1024,T:3000-4000,U:60000-"';
      out.add(n);
      continue;
    }
    const named = nmapDefaultPorts().find((p) => nmapServiceName(p) === part);
    if (named === undefined) return `Error #487: Your port specifications are illegal.  Example of proper form: "-100,200-1024,T:3000-4000,U:60000-"`;
    out.add(named);
  }
  return [...out].sort((a, b) => a - b);
}

/** Nmap's num_to_string_sigdigits(seconds, 2): `0.00028`, `0.019`, `0.10`. */
function latencyText(ms: number): string {
  return (ms / 1000).toPrecision(2);
}

interface Options {
  ports: number[] | null;
  skipDiscovery: boolean;
  noDns: boolean;
  targets: string[];
}

function parseArgs(ctx: ProgramContext): Options | number {
  const o: Options = { ports: null, skipDiscovery: false, noDns: false, targets: [] };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-p' || /^-p.+/.test(a)) {
      const value = a === '-p' ? args[++i] : a.slice(2);
      if (value === undefined) {
        ctx.err('nmap: option requires an argument -- \'p\'');
        ctx.err('See the output of nmap -h for a summary of options.');
        return 1;
      }
      const ports = parsePorts(value);
      if (typeof ports === 'string') {
        ctx.out(ports);
        ctx.out('QUITTING!');
        return 1;
      }
      o.ports = ports;
    } else if (a === '-Pn' || a === '-PN') o.skipDiscovery = true;
    else if (a === '-n') o.noDns = true;
    else if (a === '-V' || a === '--version') {
      ctx.out(VERSION_LINE);
      ctx.out('Platform: x86_64-pc-linux-gnu');
      ctx.out('Compiled with: liblua-5.3.3 openssl-1.1.0g nmap-libssh2-1.8.0 libz-1.2.8 libpcre-8.39 libpcap-1.8.1 nmap-libdnet-1.12 ipv6');
      ctx.out('Compiled without:');
      ctx.out('Available nsock engines: epoll poll select');
      return 0;
    } else if (a === '-sS' || a === '-sU' || a === '-O' || a === '-sA' || a === '-sN' || a === '-sF' || a === '-sX') {
      if (ctx.sys.user.uid !== 0) {
        ctx.out('You requested a scan type which requires root privileges.');
        ctx.out('QUITTING!');
        return 1;
      }
      ctx.note(`Not simulated in this drill: nmap ${a}; the drill runs a TCP connect scan (-sT).`);
    } else if (a === '-sT' || a === '-v' || a === '-vv' || a === '-R') continue;
    else if (/^-T[0-5]$/.test(a)) continue;
    else if (a === '-sV' || a === '-A' || a === '-sC' || a === '-F' || a === '--open' || a === '-sn') {
      if (a === '-F') o.ports = nmapDefaultPorts().slice(0, 100);
      ctx.note(`Not simulated in this drill: nmap ${a}; the drill lists port states only.`);
    } else if (a.startsWith('-')) {
      ctx.err(`nmap: unrecognized option '${a}'`);
      ctx.err('See the output of nmap -h for a summary of options.');
      return 255;
    } else if (o.targets.length < MAX_TARGETS) o.targets.push(a);
  }
  return o;
}

/** The states of the ports of the host at `address`, seen from where the scan runs. */
function scanPorts(ctx: ProgramContext, address: number, ports: readonly number[]): Map<number, PortState> {
  const states = new Map<number, PortState>();
  for (const port of ports) {
    const c = connectTcp(ctx.sys.draft, ctx.sys.host, address, port);
    states.set(port, c.kind === 'open' ? 'open' : c.kind === 'refused' ? 'closed' : 'filtered');
  }
  return states;
}

export function nmap(ctx: ProgramContext): number {
  const parsed = parseArgs(ctx);
  if (typeof parsed === 'number') return parsed;
  const started = ctx.sys.now();
  ctx.out(`Starting Nmap 7.60 ( https://nmap.org ) at ${ctx.sys.formatTime(started, '%Y-%m-%d %H:%M %Z')}`);
  if (parsed.targets.length === 0) {
    ctx.out('WARNING: No targets were specified, so 0 hosts scanned.');
    ctx.out('Nmap done: 0 IP addresses (0 hosts up) scanned in 0.04 seconds');
    return 0;
  }
  const ports = parsed.ports ?? nmapDefaultPorts();
  let scanned = 0;
  let up = 0;
  let seconds = 0.02;
  const seq = ctx.sys.draft.next();
  for (const target of parsed.targets) {
    const found = lookupName(ctx.sys.draft, ctx.sys.host, target);
    if (!found.ok) {
      ctx.out(`Failed to resolve "${target}".`);
      continue;
    }
    scanned += 1;
    const address = found.addresses[0]!;
    const ip = formatIpv4(address);
    // Host discovery without root: a connection to 80 and 443; an answer of either kind means up.
    const probes = [80, 443].map((p) => connectTcp(ctx.sys.draft, ctx.sys.host, address, p));
    const answered = probes.find((p) => p.kind === 'open' || p.kind === 'refused');
    if (!parsed.skipDiscovery && !answered) {
      seconds += 3.02;
      continue;
    }
    up += 1;
    const states = scanPorts(ctx, address, ports);
    const probe = answered && (answered.kind === 'open' || answered.kind === 'refused') ? answered.rttMs : 0.2;
    const rtt = probe * (0.9 + 0.2 * unitOf('nmap', ctx.sys.host, ip, seq));
    const filtered = [...states.values()].filter((s) => s === 'filtered').length;
    seconds += 0.03 + (ports.length * rtt) / 1000 / 10 + (filtered > 0 ? 1.1 + filtered * 0.0042 : 0);
    const rdns = parsed.noDns ? null : nameOfAddress(ctx.sys.draft, ctx.sys.host, address);
    const typedName = found.source === 'literal' ? null : target;
    const title = typedName ? `${typedName} (${ip})` : rdns ? `${rdns} (${ip})` : ip;
    ctx.out(`Nmap scan report for ${title}`);
    ctx.out(`Host is up (${latencyText(rtt)}s latency).`);
    if (typedName && rdns && rdns.toLowerCase() !== typedName.toLowerCase()) ctx.out(`rDNS record for ${ip}: ${rdns}`);
    const counts = new Map<PortState, number>();
    for (const s of states.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (counts.size === 1 && !counts.has('open')) {
      const [state, n] = [...counts.entries()][0]!;
      ctx.out(`All ${n} scanned ports on ${title} are ${state}`);
      ctx.out('');
      continue;
    }
    const hidden = [...counts.entries()].filter(([s, n]) => s !== 'open' && n > SHOWN_LIMIT).sort((a, b) => b[1] - a[1]);
    if (hidden.length) ctx.out(`Not shown: ${hidden.map(([s, n]) => `${n} ${s} ports`).join(', ')}`);
    const hiddenStates = new Set(hidden.map(([s]) => s));
    const rows = [...states.entries()].filter(([, s]) => !hiddenStates.has(s)).map(([p, s]) => [`${p}/tcp`, s, nmapServiceName(p)] as const);
    const w0 = Math.max(4, ...rows.map((r) => r[0].length));
    const w1 = Math.max(5, ...rows.map((r) => r[1].length));
    ctx.out(`${'PORT'.padEnd(w0)} ${'STATE'.padEnd(w1)} SERVICE`);
    for (const [p, s, name] of rows) ctx.out(`${p.padEnd(w0)} ${s.padEnd(w1)} ${name}`);
    ctx.out('');
  }
  if (scanned === 1 && up === 0) ctx.out('Note: Host seems down. If it is really up, but blocking our ping probes, try -Pn');
  ctx.out(`Nmap done: ${scanned} IP address${scanned === 1 ? '' : 'es'} (${up} host${up === 1 ? '' : 's'} up) scanned in ${seconds.toFixed(2)} seconds`);
  return 0;
}
