/**
 * What each process has open, as the kernel's /proc/PID/{cwd,root,exe,maps,fd} say it and
 * lsof 4.89 lists it: its working and root directories, its executable, the shared libraries
 * it has mapped, and its numbered descriptors (standard input and output, the logs it writes,
 * its listening sockets and connections, its pipes and event polls). Made from the world: the
 * unit's executable and kind, the logs the host's configuration names (nginx's access and
 * error logs, MySQL's error log, InnoDB's files, the binary log, an app's log, rsyslog's
 * files), and the same sockets ss and netstat list (src/sim/net/sockets.ts, established.ts),
 * on the same descriptors and with the same inodes. lsof, `ls -l /proc/PID/fd` and
 * `readlink /proc/PID/exe` all read this one model.
 */
import type { Sys } from '../process';
import { userOf } from '../process';
import type { FileNode } from '../fs';
import { lookup } from '../fs';
import { hostSpec } from '../world';
import { inodeOf, sizeOf, stableHash } from '../programs/files/attrs';
import { connectionsOf, socketInode } from '../net/established';
import { socketsOf } from '../net/sockets';
import { blockDeviceNumbers, filesystemOf, filesystemsOf } from './disks';
import { processesOf, type Proc } from './processes';
import { unitsOf, type UnitDefinition } from './units';

/** A TCP or UDP socket as lsof's -i selects it. */
export interface NetFile {
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

export interface OpenFile {
  /** `cwd`, `rtd`, `txt`, `mem`, or the descriptor's number. */
  fd: 'cwd' | 'rtd' | 'txt' | 'mem' | number;
  /** The access mode lsof prints after a descriptor: `r`, `w`, `u` (read and write). */
  mode: 'r' | 'w' | 'u' | '';
  /** `W`: a write lock on the whole file (InnoDB's). */
  lock: '' | 'W';
  type: 'DIR' | 'REG' | 'CHR' | 'IPv4' | 'IPv6' | 'unix' | 'FIFO' | 'a_inode' | 'unknown';
  device: string;
  sizeOff: string;
  node: string;
  /** What lsof prints as NAME. */
  name: string;
  /** The file's path, for a file on disk (what `lsof PATH` matches). */
  path?: string;
  /** Where /proc/PID/fd/N (or cwd, exe) points: `/dev/null`, `socket:[12345]`, `pipe:[123]`, `anon_inode:[eventpoll]`. */
  link: string;
  net?: NetFile;
}

/** The shared libraries a program maps, in the order /proc/PID/maps lists them (the loader last). Sizes are Ubuntu 18.04's packages'. */
const LIB = '/lib/x86_64-linux-gnu';
const USRLIB = '/usr/lib/x86_64-linux-gnu';
const LIBRARY_SIZES: Readonly<Record<string, number>> = {
  [`${LIB}/libc-2.27.so`]: 2_030_544,
  [`${LIB}/ld-2.27.so`]: 170_960,
  [`${LIB}/libpthread-2.27.so`]: 144_976,
  [`${LIB}/libdl-2.27.so`]: 14_560,
  [`${LIB}/libm-2.27.so`]: 1_700_792,
  [`${LIB}/librt-2.27.so`]: 31_680,
  [`${LIB}/libcrypt-2.27.so`]: 39_208,
  [`${LIB}/libnss_files-2.27.so`]: 47_568,
  [`${LIB}/libnss_nis-2.27.so`]: 47_576,
  [`${LIB}/libnss_compat-2.27.so`]: 39_744,
  [`${LIB}/libnsl-2.27.so`]: 97_176,
  [`${LIB}/libz.so.1.2.11`]: 116_960,
  [`${LIB}/libpcre.so.3.13.3`]: 464_824,
  [`${LIB}/liblzma.so.5.2.2`]: 153_984,
  [`${LIB}/libexpat.so.1.6.7`]: 202_880,
  [`${LIB}/libbsd.so.0.8.7`]: 84_008,
  [`${LIB}/libgcrypt.so.20.2.1`]: 1_155_768,
  [`${LIB}/libgpg-error.so.0.22.0`]: 80_240,
  [`${LIB}/libgcc_s.so.1`]: 96_616,
  [`${LIB}/libsystemd.so.0.21.0`]: 555_928,
  [`${LIB}/libselinux.so.1`]: 154_832,
  [`${LIB}/libwrap.so.0.7.6`]: 43_112,
  [`${LIB}/libpam.so.0.83.1`]: 55_848,
  [`${LIB}/libaudit.so.1.0.0`]: 116_192,
  [`${LIB}/libcap-ng.so.0.0.0`]: 18_424,
  [`${LIB}/libkeyutils.so.1.5`]: 14_256,
  [`${LIB}/libtinfo.so.5.9`]: 170_784,
  [`${LIB}/libaio.so.1.0.1`]: 5_392,
  [`${USRLIB}/libssl.so.1.1`]: 577_312,
  [`${USRLIB}/libcrypto.so.1.1`]: 2_917_216,
  [`${USRLIB}/libstdc++.so.6.0.25`]: 1_594_864,
  [`${USRLIB}/libGeoIP.so.1.6.12`]: 142_752,
  [`${USRLIB}/libgd.so.3.0.5`]: 375_520,
  [`${USRLIB}/libxml2.so.2.9.4`]: 1_822_008,
  [`${USRLIB}/libxslt.so.1.1.29`]: 255_872,
  [`${USRLIB}/libexslt.so.0.8.17`]: 81_944,
  [`${USRLIB}/libicuuc.so.60.2`]: 1_948_000,
  [`${USRLIB}/libicudata.so.60.2`]: 27_002_480,
  [`${USRLIB}/libjpeg.so.8.1.2`]: 284_128,
  [`${USRLIB}/libpng16.so.16.34.0`]: 202_880,
  [`${USRLIB}/libfreetype.so.6.15.0`]: 727_600,
  [`${USRLIB}/libfontconfig.so.1.10.1`]: 277_344,
  [`${USRLIB}/libtiff.so.5.3.0`]: 498_024,
  [`${USRLIB}/libwebp.so.6.0.2`]: 419_168,
  [`${USRLIB}/libXpm.so.4.11.0`]: 68_912,
  [`${USRLIB}/libX11.so.6.3.0`]: 1_309_544,
  [`${USRLIB}/libxcb.so.1.1.0`]: 162_632,
  [`${USRLIB}/libXau.so.6.0.0`]: 10_464,
  [`${USRLIB}/libXdmcp.so.6.0.0`]: 22_712,
  [`${USRLIB}/libjbig.so.0`]: 64_808,
  [`${USRLIB}/libnuma.so.1.0.0`]: 43_600,
  [`${USRLIB}/libgssapi_krb5.so.2.2`]: 305_456,
  [`${USRLIB}/libkrb5.so.3.3`]: 877_056,
  [`${USRLIB}/libk5crypto.so.3.1`]: 199_104,
  [`${USRLIB}/libkrb5support.so.0.1`]: 44_232,
  [`${USRLIB}/liblz4.so.1.7.1`]: 112_672,
  ['/usr/lib/locale/locale-archive']: 3_004_464,
};

const GLIBC_TAIL = [`${LIB}/libpthread-2.27.so`, `${LIB}/libdl-2.27.so`, `${LIB}/libc-2.27.so`, `${LIB}/ld-2.27.so`];
/** nginx-core 1.14.0 with the modules its package enables (geoip, image filter, XSLT, mail, stream). */
const NGINX_MODULES = ['ngx_stream_module.so', 'ngx_mail_module.so', 'ngx_http_xslt_filter_module.so', 'ngx_http_image_filter_module.so', 'ngx_http_geoip_module.so'].map((m) => `/usr/lib/nginx/modules/${m}`);
const NGINX_LIBS = [
  `${LIB}/libnss_files-2.27.so`, `${LIB}/libnss_nis-2.27.so`, `${LIB}/libnsl-2.27.so`, `${LIB}/libnss_compat-2.27.so`, ...NGINX_MODULES,
  `${USRLIB}/libGeoIP.so.1.6.12`, `${USRLIB}/libXdmcp.so.6.0.0`, `${USRLIB}/libXau.so.6.0.0`, `${USRLIB}/libxcb.so.1.1.0`, `${USRLIB}/libjbig.so.0`,
  `${LIB}/libexpat.so.1.6.7`, `${USRLIB}/libX11.so.6.3.0`, `${USRLIB}/libXpm.so.4.11.0`, `${USRLIB}/libwebp.so.6.0.2`, `${USRLIB}/libtiff.so.5.3.0`,
  `${USRLIB}/libjpeg.so.8.1.2`, `${USRLIB}/libfontconfig.so.1.10.1`, `${USRLIB}/libfreetype.so.6.15.0`, `${USRLIB}/libpng16.so.16.34.0`, `${USRLIB}/libgd.so.3.0.5`,
  `${USRLIB}/libicudata.so.60.2`, `${LIB}/libm-2.27.so`, `${USRLIB}/libicuuc.so.60.2`, `${LIB}/liblzma.so.5.2.2`, `${USRLIB}/libxml2.so.2.9.4`,
  `${USRLIB}/libexslt.so.0.8.17`, `${USRLIB}/libxslt.so.1.1.29`, `${USRLIB}/libcrypto.so.1.1`, `${USRLIB}/libssl.so.1.1`, `${LIB}/libz.so.1.2.11`,
  `${LIB}/libpcre.so.3.13.3`, `${LIB}/libcrypt-2.27.so`, ...GLIBC_TAIL,
];
const MYSQL_LIBS = [`${LIB}/libnss_files-2.27.so`, `${LIB}/libgcc_s.so.1`, `${LIB}/libm-2.27.so`, `${USRLIB}/libstdc++.so.6.0.25`, `${LIB}/librt-2.27.so`, `${USRLIB}/libnuma.so.1.0.0`, `${LIB}/libaio.so.1.0.1`, `${USRLIB}/libcrypto.so.1.1`, `${USRLIB}/libssl.so.1.1`, ...GLIBC_TAIL];
const NODE_LIBS = [`${LIB}/libgcc_s.so.1`, `${LIB}/libm-2.27.so`, `${USRLIB}/libstdc++.so.6.0.25`, `${LIB}/librt-2.27.so`, ...GLIBC_TAIL];
const SSHD_LIBS = [`${LIB}/libnss_files-2.27.so`, `${LIB}/libkeyutils.so.1.5`, `${USRLIB}/libkrb5support.so.0.1`, `${USRLIB}/libk5crypto.so.3.1`, `${LIB}/libcap-ng.so.0.0.0`, `${USRLIB}/libkrb5.so.3.3`, `${USRLIB}/libgssapi_krb5.so.2.2`, `${LIB}/libz.so.1.2.11`, `${USRLIB}/libcrypto.so.1.1`, `${LIB}/libaudit.so.1.0.0`, `${LIB}/libpam.so.0.83.1`, `${LIB}/libselinux.so.1`, `${LIB}/libwrap.so.0.7.6`, `${LIB}/libcrypt-2.27.so`, ...GLIBC_TAIL];
const BASH_LIBS = ['/usr/lib/locale/locale-archive', `${LIB}/libtinfo.so.5.9`, `${LIB}/libdl-2.27.so`, `${LIB}/libc-2.27.so`, `${LIB}/ld-2.27.so`];
const SYSTEMD_LIBS = [`${LIB}/libgpg-error.so.0.22.0`, `${LIB}/libgcrypt.so.20.2.1`, `${USRLIB}/liblz4.so.1.7.1`, `${LIB}/liblzma.so.5.2.2`, `${LIB}/librt-2.27.so`, `${LIB}/libselinux.so.1`, `${LIB}/libpcre.so.3.13.3`, `${LIB}/libaudit.so.1.0.0`, `${LIB}/libpam.so.0.83.1`, ...GLIBC_TAIL];
const DAEMON_LIBS = [`${LIB}/libnss_files-2.27.so`, `${LIB}/libgpg-error.so.0.22.0`, `${LIB}/libgcrypt.so.20.2.1`, `${LIB}/liblzma.so.5.2.2`, `${LIB}/librt-2.27.so`, `${LIB}/libsystemd.so.0.21.0`, ...GLIBC_TAIL];

/** The executable a command line runs, as /proc/PID/exe names it. */
function executableOf(files: Readonly<Record<string, FileNode>>, proc: Proc, def: UnitDefinition | undefined): string {
  if (proc.pid === 1 || proc.args === '/lib/systemd/systemd --user') return '/lib/systemd/systemd';
  if (proc.comm === '(sd-pam)') return '/lib/systemd/systemd';
  if (proc.comm === 'sshd') return '/usr/sbin/sshd';
  if (proc.comm === 'bash') return '/bin/bash';
  if (proc.comm === 'su') return '/bin/su';
  if (proc.comm === 'sudo') return '/usr/bin/sudo';
  const fromUnit = def && proc.unit === def.name ? def.execStart.replace(/^[-@+!:]+/, '').split(/\s+/)[0] : undefined;
  const word = fromUnit && fromUnit.startsWith('/') ? fromUnit : proc.args.split(/\s+/)[0] ?? proc.comm;
  if (word.startsWith('/')) return word;
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (lookup(files, `${dir}/${word}`)) return `${dir}/${word}`;
  return `/usr/bin/${word}`;
}

function librariesOf(proc: Proc, def: UnitDefinition | undefined): readonly string[] {
  if (proc.comm === 'bash') return BASH_LIBS;
  if (proc.comm === 'sshd') return SSHD_LIBS;
  if (proc.unit === 'init.scope' || proc.comm === 'systemd' || proc.comm === '(sd-pam)') return SYSTEMD_LIBS;
  switch (def?.kind) {
    case 'nginx': return NGINX_LIBS;
    case 'mysql': return MYSQL_LIBS;
    case 'app': return NODE_LIBS;
    default: return DAEMON_LIBS;
  }
}

/** A number that stays the same for the same key, in [0, range). */
function steady(key: string, range: number): number {
  return stableHash(key) % range;
}

/** The kernel address of a socket lsof prints as a UNIX socket's DEVICE. */
function kernelAddress(key: string): string {
  return `0xffff${(0x8c00 + steady(`${key}:hi`, 0x400)).toString(16)}${(steady(`${key}:lo`, 0x10000000) * 0x100).toString(16).padStart(10, '0').slice(-8)}`;
}

/** Who may read a process's /proc/PID/fd, cwd and exe: its owner, or root for sshd's session child (it changed uid, so it is not dumpable). */
export function procOwner(proc: Proc): string {
  return proc.comm === 'sshd' && proc.args.startsWith('sshd: ') && proc.args.includes('@') ? 'root' : proc.user;
}

/** Every TCP and UDP socket on the host, on its holders' descriptors: what ss -p and netstat -p show too. */
export function networkFiles(sys: Sys): NetFile[] {
  const { draft, host } = sys;
  const files: NetFile[] = [];
  for (const s of socketsOf(draft, host)) {
    const inode = socketInode(`${host}:listen:${s.unit}:${s.proto}:${s.family}:${s.host}:${s.port}`);
    const wildcard = s.host === '0.0.0.0' || s.host === '::';
    for (const h of s.holders) files.push({ pid: h.pid, fd: h.fd, family: s.family, proto: s.proto === 'tcp' ? 'TCP' : 'UDP', inode, local: wildcard ? null : s.host, localPort: s.port, peer: null, peerPort: 0, state: s.proto === 'tcp' ? 'LISTEN' : null, mapped: false, owner: s.user });
  }
  for (const c of connectionsOf(draft, host)) {
    for (const h of c.holders) files.push({ pid: h.pid, fd: h.fd, family: c.family, proto: 'TCP', inode: c.inode, local: c.local, localPort: c.localPort, peer: c.peer, peerPort: c.peerPort, state: 'ESTABLISHED', mapped: c.family === 6, owner: c.user });
  }
  return files;
}

interface Builder {
  sys: Sys;
  files: Readonly<Record<string, FileNode>>;
  deviceOf: (path: string) => string;
}

function builder(sys: Sys): Builder {
  const files = sys.draft.host(sys.host)?.files ?? {};
  const list = filesystemsOf(sys.spec, []);
  const deviceOf = (path: string): string => {
    const fs = filesystemOf(list, path);
    const n = fs ? blockDeviceNumbers(fs.device) : null;
    return n ? `${n.major},${n.minor}` : '252,1';
  };
  return { sys, files, deviceOf };
}

/** A file on disk: its device, size and inode as ls and stat give them; `(deleted)` when the process holds a file no longer there. */
function diskFile(b: Builder, fd: OpenFile['fd'], mode: OpenFile['mode'], path: string, lock: OpenFile['lock'] = ''): OpenFile {
  const found = lookup(b.files, path);
  const device = b.deviceOf(path);
  if (!found) {
    const inode = steady(`${b.sys.host}:deleted:${path}`, 3_800_000) + 131_073;
    const size = LIBRARY_SIZES[path] ?? (fd === 'mem' || fd === 'txt' ? 20_000 + steady(`${path}:size`, 400_000) : 0);
    const missing = fd === 'mem' || fd === 'txt' || fd === 'cwd' || fd === 'rtd' ? '' : ' (deleted)';
    return { fd, mode, lock, type: fd === 'cwd' || fd === 'rtd' ? 'DIR' : 'REG', device, sizeOff: String(size), node: String(fd === 'mem' || fd === 'txt' ? inodeOf(b.sys.host, path, { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: 0 }) : inode), name: `${path}${missing}`, path, link: `${path}${missing}` };
  }
  const node = found.node;
  if (node.device) {
    return { fd, mode, lock, type: 'CHR', device: `${node.device.major},${node.device.minor}`, sizeOff: '0t0', node: String(inodeOf(b.sys.host, found.path, node)), name: found.path, path: found.path, link: found.path };
  }
  return { fd, mode, lock, type: node.kind === 'dir' ? 'DIR' : 'REG', device, sizeOff: String(sizeOf(b.sys, node, found.path)), node: String(inodeOf(b.sys.host, found.path, node)), name: found.path, path: found.path, link: found.path };
}

/** A character device (the tty's pseudo-terminal, /dev/ptmx) the drill keeps no node for. */
function charDevice(fd: number, mode: OpenFile['mode'], path: string, major: number, minor: number, inode: number): OpenFile {
  return { fd, mode, lock: '', type: 'CHR', device: `${major},${minor}`, sizeOff: '0t0', node: String(inode), name: path, path, link: path };
}

function devNull(b: Builder, fd: number, mode: OpenFile['mode']): OpenFile {
  if (lookup(b.files, '/dev/null')) return diskFile(b, fd, mode, '/dev/null');
  return charDevice(fd, mode, '/dev/null', 1, 3, 6);
}

function unixSocket(key: string, fd: number): OpenFile {
  const inode = socketInode(`unix:${key}`);
  return { fd, mode: 'u', lock: '', type: 'unix', device: kernelAddress(key), sizeOff: '0t0', node: String(inode), name: 'type=STREAM', link: `socket:[${inode}]` };
}

function anonInode(key: string, fd: number, what: 'eventpoll' | 'eventfd' | 'signalfd' | 'inotify' | 'timerfd'): OpenFile {
  return { fd, mode: what === 'inotify' ? 'r' : 'u', lock: '', type: 'a_inode', device: '0,13', sizeOff: '0', node: String(9_000 + steady(key, 1_000)), name: what === 'inotify' ? 'inotify' : `[${what}]`, link: `anon_inode:${what === 'inotify' ? 'inotify' : `[${what}]`}` };
}

/** A file of the proc filesystem (device 0,4) held open for reading. */
function procFile(key: string, fd: number, path: string): OpenFile {
  return { fd, mode: 'r', lock: '', type: 'REG', device: '0,4', sizeOff: '0', node: String(4_026_531_840 + steady(`${key}:${path}`, 2_000)), name: path, link: path };
}

function pipe(key: string, fd: number, mode: 'r' | 'w'): OpenFile {
  const inode = socketInode(`pipe:${key}`);
  return { fd, mode, lock: '', type: 'FIFO', device: '0,12', sizeOff: '0t0', node: String(inode), name: 'pipe', link: `pipe:[${inode}]` };
}

function socketFile(f: NetFile): OpenFile {
  return { fd: f.fd, mode: 'u', lock: '', type: f.family === 4 ? 'IPv4' : 'IPv6', device: String(f.inode), sizeOff: '0t0', node: f.proto, name: '', link: `socket:[${f.inode}]`, net: f };
}

/** The pseudo-terminal a session's processes have as their standard input and output (devpts: major 136, inode the number plus 3). */
function pts(fd: number, tty: string): OpenFile {
  const n = Number(tty.slice(4));
  return charDevice(fd, 'u', `/dev/${tty}`, 136, n, n + 3);
}

/** Descriptors taken by the model, filled from 3 up around the sockets' fixed numbers. */
class Descriptors {
  readonly list: OpenFile[] = [];
  private readonly taken = new Set<number>();
  constructor(fixed: readonly OpenFile[]) {
    for (const f of fixed) this.add(f);
  }

  add(f: OpenFile): void {
    if (typeof f.fd === 'number') {
      if (this.taken.has(f.fd)) return;
      this.taken.add(f.fd);
    }
    this.list.push(f);
  }

  /** The lowest free descriptor from `from` (open(2) gives the lowest). */
  next(from = 0): number {
    let fd = from;
    while (this.taken.has(fd)) fd += 1;
    return fd;
  }

  /** Opens `make(fd)` on the lowest free descriptor (from `from`). */
  open(make: (fd: number) => OpenFile, from = 0): void {
    this.add(make(this.next(from)));
  }
}

function nginxLogs(sys: Sys): { access: string; error: string } {
  const spec = hostSpec(sys.config, sys.host)?.network?.http?.nginx;
  return { access: spec?.accessLog ?? '/var/log/nginx/access.log', error: spec?.errorLog ?? '/var/log/nginx/error.log' };
}

/** The numbered descriptors of one process. */
function descriptorsOf(b: Builder, proc: Proc, def: UnitDefinition | undefined, sockets: readonly NetFile[], all: readonly Proc[]): OpenFile[] {
  const key = `${b.sys.host}:${proc.pid}:${proc.started}`;
  const d = new Descriptors(sockets.map(socketFile));
  const journal = () => {
    const s = unixSocket(`${key}:journal`, 1);
    d.add(s);
    d.add({ ...s, fd: 2 });
  };
  if (proc.session !== undefined) {
    if (proc.comm === 'bash' || proc.comm === 'su' || proc.comm === 'sudo') {
      for (const fd of [0, 1, 2]) d.add(pts(fd, proc.tty));
      if (proc.comm === 'bash') d.add(pts(255, proc.tty));
      else d.open((fd) => unixSocket(`${key}:pam`, fd), 3);
    } else {
      for (const fd of [0, 1, 2]) d.add(devNull(b, fd, 'u'));
      d.open((fd) => unixSocket(`${key}:priv`, fd), 3);
      d.open((fd) => unixSocket(`${key}:log`, fd), 3);
      if (proc.user !== 'root') {
        const tty = all.find((p) => p.ppid === proc.pid)?.tty;
        d.open((fd) => charDevice(fd, 'u', '/dev/ptmx', 5, 2, 87), 3);
        if (tty && tty.startsWith('pts/')) d.open((fd) => ({ ...pts(fd, tty), fd }), 3);
      }
    }
    return sorted(d.list);
  }
  if (proc.kernel) return [];
  const kind = def?.kind;
  if (proc.pid === 1) {
    for (const fd of [0, 1, 2]) d.add(devNull(b, fd, 'u'));
    d.open((fd) => anonInode(`${key}:epoll`, fd, 'eventpoll'), 3);
    d.open((fd) => anonInode(`${key}:signal`, fd, 'signalfd'), 3);
    d.open((fd) => anonInode(`${key}:inotify`, fd, 'inotify'), 3);
    d.open((fd) => procFile(key, fd, '/proc/1/mountinfo'), 3);
    d.open((fd) => anonInode(`${key}:timer`, fd, 'timerfd'), 3);
    d.open((fd) => unixSocket(`${key}:notify`, fd), 3);
    d.open((fd) => unixSocket(`${key}:private`, fd), 3);
    return sorted(d.list);
  }
  if (kind === 'nginx') {
    const logs = nginxLogs(b.sys);
    d.add(devNull(b, 0, 'u'));
    d.add(devNull(b, 1, 'u'));
    d.add(diskFile(b, 2, 'w', logs.error));
    d.open((fd) => unixSocket(`${key}:init`, fd), 3);
    d.open((fd) => diskFile(b, fd, 'w', logs.access), 3);
    d.open((fd) => diskFile(b, fd, 'w', logs.error), 3);
    // The master keeps both ends of each worker's channel; a worker its own end and an event poll.
    const master = proc.ppid === 1;
    const workers = master ? all.filter((p) => p.ppid === proc.pid) : [proc];
    for (const w of workers) {
      const channel = `${b.sys.host}:${w.pid}:channel`;
      d.open((fd) => unixSocket(`${channel}:0`, fd), 3);
      if (master) d.open((fd) => unixSocket(`${channel}:1`, fd), 3);
    }
    if (!master) {
      d.open((fd) => anonInode(`${key}:epoll`, fd, 'eventpoll'), 3);
      d.open((fd) => anonInode(`${key}:eventfd`, fd, 'eventfd'), 3);
    }
    return sorted(d.list);
  }
  if (kind === 'mysql') {
    const datadir = '/var/lib/mysql';
    const error = '/var/log/mysql/error.log';
    d.add(devNull(b, 0, 'r'));
    d.add(diskFile(b, 1, 'w', error));
    d.add(diskFile(b, 2, 'w', error));
    const tmp = (n: number) => `/tmp/ib${stableHexName(`${key}:tmp${n}`)}`;
    const early = [
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/ibdata1`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', tmp(1)),
      (fd: number) => diskFile(b, fd, 'u', tmp(2)),
      (fd: number) => diskFile(b, fd, 'u', tmp(3)),
      (fd: number) => diskFile(b, fd, 'u', tmp(4)),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/ib_logfile0`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/ib_logfile1`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/undo_001`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/undo_002`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/mysql.ibd`, 'W'),
      (fd: number) => diskFile(b, fd, 'u', `${datadir}/ibtmp1`, 'W'),
      (fd: number) => anonInode(`${key}:epoll`, fd, 'eventpoll'),
    ];
    for (const make of early) d.open(make, 3);
    d.open((fd) => unixSocket(`${key}:mysqlx.sock`, fd), 22);
    d.open((fd) => unixSocket(`${key}:mysqld.sock`, fd), 24);
    // Files opened once the server runs: the binary log and its index, the relay log, the temporary and table tablespaces.
    const later: string[] = [];
    const index = Object.keys(b.files).filter((p) => p.startsWith(`${datadir}/`) && p.endsWith('.index')).sort();
    for (const p of index) {
      later.push(p);
      const names = (b.sys.textOf(b.files[p]!) ?? '').split('\n').filter(Boolean);
      const last = names[names.length - 1];
      if (last) later.push(`${datadir}/${last.replace(/^\.\//, '')}`);
    }
    for (const p of Object.keys(b.files).sort()) {
      if (p.startsWith(`${datadir}/#innodb_temp/`) && p.endsWith('.ibt')) later.push(p);
    }
    for (const p of Object.keys(b.files).sort()) {
      const rest = p.slice(datadir.length + 1);
      if (p.startsWith(`${datadir}/`) && /^[^/#]+\/[^/]+\.ibd$/.test(rest)) later.push(p);
    }
    const first = Math.max(d.next(3), ...sockets.map((s) => s.fd + 1));
    for (const p of later) d.open((fd) => diskFile(b, fd, 'u', p, p.endsWith('.ibd') || p.endsWith('.ibt') ? 'W' : ''), first);
    return sorted(d.list);
  }
  d.add(devNull(b, 0, 'r'));
  journal();
  if (kind === 'app') {
    const app = hostSpec(b.sys.config, b.sys.host)?.network?.http?.apps?.find((a) => a.unit === proc.unit);
    d.open((fd) => anonInode(`${key}:epoll`, fd, 'eventpoll'), 3);
    d.open((fd) => pipe(`${key}:signal`, fd, 'r'), 3);
    d.open((fd) => pipe(`${key}:signal`, fd, 'w'), 3);
    d.open((fd) => pipe(`${key}:wake`, fd, 'r'), 3);
    d.open((fd) => pipe(`${key}:wake`, fd, 'w'), 3);
    d.open((fd) => anonInode(`${key}:eventfd`, fd, 'eventfd'), 3);
    if (app?.log?.path) d.open((fd) => diskFile(b, fd, 'w', app.log!.path!), 3);
    return sorted(d.list);
  }
  if (proc.unit === 'rsyslog.service') {
    d.open((fd) => unixSocket(`${key}:syslog`, fd), 3);
    d.open((fd) => procFile(key, fd, '/proc/kmsg'), 3);
    const logs = ['/var/log/syslog', '/var/log/kern.log', '/var/log/auth.log'];
    const haproxy = hostSpec(b.sys.config, b.sys.host)?.network?.http?.haproxy?.log;
    if (haproxy) logs.push(haproxy);
    for (const p of logs) if (lookup(b.files, p)) d.open((fd) => diskFile(b, fd, 'w', p), 3);
    return sorted(d.list);
  }
  if (proc.unit?.startsWith('user@')) {
    d.open((fd) => anonInode(`${key}:epoll`, fd, 'eventpoll'), 3);
    d.open((fd) => anonInode(`${key}:signal`, fd, 'signalfd'), 3);
    return sorted(d.list);
  }
  if (!sockets.length) d.open((fd) => anonInode(`${key}:epoll`, fd, 'eventpoll'), 3);
  return sorted(d.list);
}

function stableHexName(key: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < 6; i += 1) out += letters[steady(`${key}:${i}`, letters.length)];
  return out;
}

function sorted(list: OpenFile[]): OpenFile[] {
  return list.sort((a, b) => (a.fd as number) - (b.fd as number));
}

function workingDirectory(b: Builder, proc: Proc, def: UnitDefinition | undefined): string {
  if (proc.session !== undefined && proc.comm === 'bash') {
    // The shell the command runs in is the innermost session: its cwd is the one it has now.
    const sessions = b.sys.draft.sessions;
    if (proc.session === sessions.length - 1) return b.sys.cwd;
    const s = sessions[proc.session];
    if (s && s.kind === 'shell') return s.cwd;
  }
  if (def?.kind === 'mysql') return '/var/lib/mysql';
  if (proc.unit?.startsWith('user@')) {
    return userOf(b.sys.config, b.sys.host, proc.user)?.home ?? '/';
  }
  return '/';
}

/** Everything one process has open, in lsof's order (cwd, rtd, txt, mem, then the descriptors). */
export function openFilesOfProc(sys: Sys, proc: Proc, all: readonly Proc[] = processesOf(sys.draft, sys.host), net: readonly NetFile[] = networkFiles(sys)): OpenFile[] {
  const b = builder(sys);
  const defs = unitsOf(sys.config, sys.host);
  const def = proc.unit ? defs.find((x) => x.name === proc.unit) : undefined;
  const out: OpenFile[] = [];
  const cwd = workingDirectory(b, proc, def);
  out.push(diskFile(b, 'cwd', '', cwd), diskFile(b, 'rtd', '', '/'));
  if (proc.kernel) {
    out.push({ fd: 'txt', mode: '', lock: '', type: 'unknown', device: '', sizeOff: '', node: '', name: `/proc/${proc.pid}/exe`, link: '' });
    return out;
  }
  const exe = executableOf(b.files, proc, def);
  out.push(diskFile(b, 'txt', '', exe));
  for (const lib of librariesOf(proc, def)) out.push(diskFile(b, 'mem', '', lib));
  out.push(...descriptorsOf(b, proc, def, net.filter((f) => f.pid === proc.pid), all));
  return out;
}

/** The /proc/PID link targets: cwd, root, exe and each descriptor. */
export function procLinks(sys: Sys, proc: Proc): { cwd: string; root: string; exe: string | null; fds: { fd: number; mode: OpenFile['mode']; target: string }[] } {
  const files = openFilesOfProc(sys, proc);
  const named = (fd: OpenFile['fd']) => files.find((f) => f.fd === fd);
  return {
    cwd: named('cwd')?.link ?? '/',
    root: '/',
    exe: proc.kernel ? null : (named('txt')?.link ?? null),
    fds: files.filter((f): f is OpenFile & { fd: number } => typeof f.fd === 'number').map((f) => ({ fd: f.fd, mode: f.mode, target: f.link })),
  };
}
