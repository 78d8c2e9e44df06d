/**
 * `lsof` 4.89 (Ubuntu 18.04) for network files: `-i [46][proto][@host][:port]`, `-P`, `-n`,
 * `-p PID`, `-a`, `-t`, `-sTCP:STATE`, laid out as print.c does (COMMAND cut to 9 characters
 * and left-aligned, the other columns right-aligned to their widest value, FD as `%4d` plus the
 * access mode). The sockets are the ones ss lists (listening and established), held by the PIDs
 * ps shows; a user who is not root sees only their own processes' files. Files other than
 * sockets are not modelled, and the drill says so.
 */
import type { ProgramContext } from '../process';
import { processesOf, type Proc } from '../system/processes';
import { parseIpv4 } from './address';
import { nameOfAddress } from './resolver';
import { portOf, serviceName } from './services';
import { networkFiles, openFilesOfProc, procOwner, type NetFile, type OpenFile } from '../system/openFiles';
import { lookup, resolvePath } from '../fs';

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

interface Row {
  command: string;
  pid: string;
  user: string;
  fd: string;
  type: string;
  device: string;
  size: string;
  node: string;
  name: string;
}

/** lsof's FD column: the number or name in four places, then the access mode and the lock. */
function fdText(f: OpenFile): string {
  return `${String(f.fd).padStart(4)}${f.mode || ' '}${f.lock || ' '}`;
}

export function lsof(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const selectors: Selector[] = [];
  let internet = false;
  let numericHosts = false;
  let numericPorts = false;
  let and = false;
  let terse = false;
  const pids: number[] = [];
  const commands: string[] = [];
  const users: string[] = [];
  const tcpStates: string[] = [];
  const names: string[] = [];
  const other: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-i' || a.startsWith('-i')) {
      internet = true;
      let value = a.length > 2 ? a.slice(2) : null;
      if (value === null && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') && !args[i + 1]!.startsWith('/')) value = args[++i]!;
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
    } else if (a === '-c' || a.startsWith('-c') || a === '-u' || a.startsWith('-u')) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) {
        ctx.err(`lsof: missing ${a.slice(0, 2) === '-c' ? 'command' : 'user'} specification`);
        ctx.note(USAGE_NOTE);
        return 1;
      }
      (a.startsWith('-c') ? commands : users).push(...value.split(','));
    } else if (a.startsWith('-s')) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      const m = value ? /^TCP:(\^?[A-Z_]+)$/i.exec(value) : null;
      if (m) tcpStates.push(m[1]!.toUpperCase());
    } else if (/^-[nPatl]+$/.test(a)) {
      for (const letter of a.slice(1)) {
        if (letter === 'n') numericHosts = true;
        else if (letter === 'P') numericPorts = true;
        else if (letter === 'a') and = true;
        else if (letter === 't') terse = true;
      }
    } else if (a === '-h' || a === '-?') {
      ctx.note(USAGE_NOTE);
      return 0;
    } else if (a === '--') {
      names.push(...args.slice(i + 1));
      break;
    } else if (!a.startsWith('-') && !a.startsWith('+')) names.push(a);
    else other.push(a);
  }
  if (other.length) {
    ctx.note(`Not simulated in this drill: lsof ${other.join(' ')}; lsof here takes -i, -p, -c, -u, -a, -n, -P, -t, -s and file names.`);
    return 0;
  }
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  const files = draft.host(host)?.files ?? {};
  const targets: string[] = [];
  for (const n of names) {
    const full = resolvePath(ctx.sys.cwd, n);
    const found = lookup(files, full);
    if (!found) {
      ctx.err(`lsof: status error on ${n}: No such file or directory`);
      continue;
    }
    targets.push(found.path);
  }
  if (names.length && targets.length === 0 && !internet && !pids.length && !commands.length && !users.length) {
    ctx.err('lsof 4.89');
    ctx.err(' latest revision: ftp://lsof.itap.purdue.edu/pub/tools/unix/lsof/');
    ctx.err(' latest FAQ: ftp://lsof.itap.purdue.edu/pub/tools/unix/lsof/FAQ');
    ctx.err(' latest man page: ftp://lsof.itap.purdue.edu/pub/tools/unix/lsof/lsof_man');
    ctx.err(' usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-f[gG]] [+|-e s]');
    ctx.err(' [-F [f]] [-g [s]] [-i [i]] [-k k] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]');
    ctx.err(' [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]');
    ctx.err("Use the ``-h'' option to get more help information.");
    return 1;
  }
  const procs = processesOf(draft, host);
  const net = networkFiles(ctx.sys);
  const root = ctx.sys.user.uid === 0;
  const me = ctx.sys.user.name;
  const readable = (p: Proc) => root || (p.user === me && procOwner(p) === me);
  const selective = internet || pids.length > 0 || commands.length > 0 || users.length > 0 || targets.length > 0;
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
  const socketName = (f: NetFile): string => {
    let name = `${hostText(f.local, f.mapped)}:${portText(f.localPort, f.proto)}`;
    if (f.peer !== null) name += `->${hostText(f.peer, f.mapped)}:${portText(f.peerPort, f.proto)}`;
    if (f.state) name += ` (${f.state})`;
    return name;
  };
  const byInternet = (f: OpenFile): boolean => {
    const n = f.net;
    if (!internet || !n) return false;
    return (selectors.length === 0 || selectors.some((s) => selects(s, n))) && (tcpStates.length === 0 || n.proto !== 'TCP' || tcpStates.some((st) => (st.startsWith('^') ? st.slice(1) !== n.state : st === n.state)));
  };
  const rows: Row[] = [];
  const matchedPids: number[] = [];
  for (const p of procs) {
    // The process selections (-p, -c, -u) and the file selections (-i, names): ORed, or all of them with -a.
    const processTests = [pids.length ? pids.includes(p.pid) : null, commands.length ? commands.some((c) => p.comm.startsWith(c)) : null, users.length ? users.includes(p.user) : null].filter((t): t is boolean => t !== null);
    const fileTests: ((f: OpenFile) => boolean)[] = [];
    if (internet) fileTests.push(byInternet);
    if (targets.length) fileTests.push((f) => f.path !== undefined && targets.includes(f.path) && !f.name.endsWith(' (deleted)'));
    const includes = (f: OpenFile): boolean => {
      if (!selective) return true;
      if (!and) return processTests.some(Boolean) || fileTests.some((t) => t(f));
      return processTests.every(Boolean) && fileTests.every((t) => t(f));
    };
    const wantsAll = !selective || (!and ? processTests.some(Boolean) : processTests.length > 0 && processTests.every(Boolean) && fileTests.length === 0);
    const row = (f: OpenFile): Row => ({ command: p.comm.slice(0, 9), pid: String(p.pid), user: p.user, fd: fdText(f), type: f.type, device: f.device, size: f.sizeOff, node: f.node, name: f.net ? socketName(f.net) : f.name });
    if (!readable(p)) {
      // lsof cannot read another user's /proc/PID: it says so for the process when all its files were asked for.
      if (!wantsAll) continue;
      matchedPids.push(p.pid);
      for (const [fd, link] of [['cwd', 'cwd'], ['rtd', 'root'], ['txt', 'exe']] as const) rows.push({ ...row({ fd, mode: '', lock: '', type: 'unknown', device: '', sizeOff: '', node: '', name: '', link: '' }), name: `/proc/${p.pid}/${link} (readlink: Permission denied)` });
      if (!p.kernel) rows.push({ ...row({ fd: 'NOFD' as never, mode: '', lock: '', type: '' as never, device: '', sizeOff: '', node: '', name: '', link: '' }), fd: 'NOFD  ', name: `/proc/${p.pid}/fd (opendir: Permission denied)` });
      continue;
    }
    const open = openFilesOfProc(ctx.sys, p, procs, net);
    const chosen = open.filter(includes);
    if (chosen.length === 0) continue;
    matchedPids.push(p.pid);
    for (const f of chosen) rows.push(row(f));
  }
  if (rows.length === 0) return 1;
  if (terse) {
    for (const pid of [...new Set(matchedPids)]) ctx.out(String(pid));
    return 0;
  }
  const w = (key: keyof Row, title: string) => Math.max(title.length, ...rows.map((r) => r[key].length));
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
