/**
 * `lsof` 4.89 (Ubuntu 18.04) for network files: `-i [46][proto][@host][:port]`, `-P`, `-n`,
 * `-p PID`, `-a`, `-t`, `-sTCP:STATE`, laid out as print.c does (COMMAND cut to 9 characters
 * and left-aligned, the other columns right-aligned to their widest value, FD as `%4d` plus the
 * access mode). The sockets are the ones ss lists (listening and established), held by the PIDs
 * ps shows; a user who is not root sees only their own processes' files. Files other than
 * sockets are not modelled, and the drill says so.
 */
import type { ProgramContext } from '../process';
import { processesOf } from '../system/processes';
import { parseIpv4 } from './address';
import { connectionsOf, socketInode } from './established';
import { nameOfAddress } from './resolver';
import { portOf, serviceName } from './services';
import { socketsOf } from './sockets';

interface NetFile {
  pid: number;
  fd: number;
  family: 4 | 6;
  proto: 'TCP' | 'UDP';
  inode: number;
  /** IPv4 text, or null for the wildcard address. */
  local: string | null;
  localPort: number;
  peer: string | null;
  peerPort: number;
  state: 'LISTEN' | 'ESTABLISHED' | null;
  /** The address is v4-mapped on an IPv6 socket. */
  mapped: boolean;
  /** Who may read the holder's /proc/PID/fd: the socket's owner (sshd's session child changed uid, so it stays root's). */
  owner: string;
}

interface Selector {
  family: 4 | 6 | null;
  proto: 'TCP' | 'UDP' | null;
  host: number | null;
  ports: { from: number; to: number } | null;
}

/** An `-i` address, or why lsof refuses it (its message, after `lsof: `). */
function parseSelector(text: string): Selector | string {
  const m = /^([46])?([A-Za-z]+)?(@[^:]*)?(:.*)?$/.exec(text);
  if (!m) return `unacceptable Internet address in: -i ${text}`;
  const proto = m[2] ? m[2].toUpperCase() : null;
  if (proto !== null && proto !== 'TCP' && proto !== 'UDP') return `unknown protocol name (${m[2]}) in: -i ${text}`;
  let host: number | null = null;
  if (m[3] !== undefined) {
    host = parseIpv4(m[3].slice(1));
    if (host === null) return `unacceptable Internet address in: -i ${text}`;
  }
  let ports: Selector['ports'] = null;
  if (m[4] !== undefined) {
    const range = /^:(\w+)(?:-(\d+))?$/.exec(m[4]);
    const from = range ? portOf(range[1]!) : null;
    const to = range?.[2] !== undefined ? portOf(range[2]) : from;
    if (from === null || to === null) return `unacceptable port specification in: -i ${text}`;
    ports = { from, to };
  }
  return { family: m[1] ? (Number(m[1]) as 4 | 6) : null, proto: proto as Selector['proto'], host, ports };
}

function selects(s: Selector, f: NetFile): boolean {
  if (s.family !== null && s.family !== f.family) return false;
  if (s.proto !== null && s.proto !== f.proto) return false;
  if (s.host !== null && ![f.local, f.peer].some((a) => a !== null && parseIpv4(a) === s.host)) return false;
  if (s.ports && ![f.localPort, f.peerPort].some((p) => p >= s.ports!.from && p <= s.ports!.to)) return false;
  return true;
}

const USAGE_NOTE = "Not simulated in this drill: lsof's usage text.";

export function lsof(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const selectors: Selector[] = [];
  let internet = false;
  let numericHosts = false;
  let numericPorts = false;
  let and = false;
  let terse = false;
  const pids: number[] = [];
  const tcpStates: string[] = [];
  const other: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-i' || a.startsWith('-i')) {
      internet = true;
      let value = a.length > 2 ? a.slice(2) : null;
      if (value === null && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) value = args[++i]!;
      if (value !== null) {
        const s = parseSelector(value);
        if (typeof s === 'string') {
          ctx.err(`lsof: ${s}`);
          ctx.note(USAGE_NOTE);
          return 1;
        }
        selectors.push(s);
      }
    } else if (a === '-p' || a.startsWith('-p')) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined || !/^\d+(,\d+)*$/.test(value)) {
        ctx.err(`lsof: illegal process ID: ${value ?? ''}`);
        ctx.note(USAGE_NOTE);
        return 1;
      }
      pids.push(...value.split(',').map(Number));
    } else if (a.startsWith('-s')) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      const m = value ? /^TCP:(\^?[A-Z_]+)$/i.exec(value) : null;
      if (m) tcpStates.push(m[1]!.toUpperCase());
    } else if (/^-[nPat]+$/.test(a)) {
      for (const letter of a.slice(1)) {
        if (letter === 'n') numericHosts = true;
        else if (letter === 'P') numericPorts = true;
        else if (letter === 'a') and = true;
        else terse = true;
      }
    } else if (a === '-h' || a === '-?') {
      ctx.note(USAGE_NOTE);
      return 0;
    } else other.push(a);
  }
  if (other.length || (!internet && pids.length === 0)) {
    ctx.note(`Not simulated in this drill: lsof ${other.join(' ') || 'without -i or -p'} (files other than network sockets); lsof -i lists the sockets.`);
    return 0;
  }
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  const procs = new Map(processesOf(draft, host).map((p) => [p.pid, p]));
  const files: NetFile[] = [];
  for (const s of socketsOf(draft, host)) {
    const inode = socketInode(`${host}:listen:${s.unit}:${s.proto}:${s.family}:${s.host}:${s.port}`);
    const wildcard = s.host === '0.0.0.0' || s.host === '::';
    for (const h of s.holders) files.push({ pid: h.pid, fd: h.fd, family: s.family, proto: s.proto === 'tcp' ? 'TCP' : 'UDP', inode, local: wildcard ? null : s.host, localPort: s.port, peer: null, peerPort: 0, state: s.proto === 'tcp' ? 'LISTEN' : null, mapped: false, owner: s.user });
  }
  for (const c of connectionsOf(draft, host)) {
    for (const h of c.holders) files.push({ pid: h.pid, fd: h.fd, family: c.family, proto: 'TCP', inode: c.inode, local: c.local, localPort: c.localPort, peer: c.peer, peerPort: c.peerPort, state: 'ESTABLISHED', mapped: c.family === 6, owner: c.user });
  }
  const root = ctx.sys.user.uid === 0;
  const chosen = files.filter((f) => {
    const proc = procs.get(f.pid);
    if (!proc || (!root && (proc.user !== ctx.sys.user.name || f.owner !== ctx.sys.user.name))) return false;
    const byInternet = internet && (selectors.length === 0 || selectors.some((s) => selects(s, f))) && (tcpStates.length === 0 || f.proto !== 'TCP' || tcpStates.some((st) => (st.startsWith('^') ? st.slice(1) !== f.state : st === f.state)));
    const byPid = pids.includes(f.pid);
    if (internet && pids.length) return and ? byInternet && byPid : byInternet || byPid;
    return internet ? byInternet : byPid;
  });
  if (pids.length && !(internet && and)) ctx.note('Not simulated in this drill: a process\'s files other than its network sockets (cwd, txt, mem, pipes, logs); lsof lists only its sockets here.');
  chosen.sort((a, b) => a.pid - b.pid || a.fd - b.fd);
  if (chosen.length === 0) return 1;
  if (terse) {
    for (const pid of [...new Set(chosen.map((f) => f.pid))]) ctx.out(String(pid));
    return 0;
  }
  const hostText = (address: string | null, mapped: boolean): string => {
    if (address === null) return '*';
    if (!numericHosts) {
      const value = parseIpv4(address);
      const name = value === null ? null : nameOfAddress(draft, host, value);
      if (name) return name;
    }
    return mapped ? `[::ffff:${address}]` : address;
  };
  const portText = (port: number, proto: 'TCP' | 'UDP'): string => (port === 0 ? '*' : numericPorts ? String(port) : (serviceName(port, proto === 'TCP' ? 'tcp' : 'udp') ?? String(port)));
  const rows = chosen.map((f) => {
    const proc = procs.get(f.pid)!;
    let name = `${hostText(f.local, f.mapped)}:${portText(f.localPort, f.proto)}`;
    if (f.peer !== null) name += `->${hostText(f.peer, f.mapped)}:${portText(f.peerPort, f.proto)}`;
    if (f.state) name += ` (${f.state})`;
    return { command: proc.comm.slice(0, 9), pid: String(f.pid), user: proc.user, fd: `${String(f.fd).padStart(4)}u `, type: f.family === 4 ? 'IPv4' : 'IPv6', device: String(f.inode), size: '0t0', node: f.proto, name };
  });
  const w = (key: keyof (typeof rows)[number], title: string) => Math.max(title.length, ...rows.map((r) => r[key].length));
  const cmdW = w('command', 'COMMAND');
  const pidW = w('pid', 'PID');
  const userW = w('user', 'USER');
  const fdW = w('fd', 'FD');
  const typeW = w('type', 'TYPE');
  const devW = w('device', 'DEVICE');
  const sizeW = w('size', 'SIZE/OFF');
  const nodeW = w('node', 'NODE');
  ctx.out(`${'COMMAND'.padEnd(cmdW)} ${'PID'.padStart(pidW)} ${'USER'.padStart(userW)} ${'FD'.padStart(fdW - 2)}   ${'TYPE'.padStart(typeW)} ${'DEVICE'.padStart(devW)} ${'SIZE/OFF'.padStart(sizeW)} ${'NODE'.padStart(nodeW)} NAME`);
  for (const r of rows) ctx.out(`${r.command.padEnd(cmdW)} ${r.pid.padStart(pidW)} ${r.user.padStart(userW)} ${r.fd.padStart(fdW)} ${r.type.padStart(typeW)} ${r.device.padStart(devW)} ${r.size.padStart(sizeW)} ${r.node.padStart(nodeW)} ${r.name}`);
  return 0;
}
