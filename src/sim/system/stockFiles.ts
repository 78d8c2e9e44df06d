/**
 * Standard files of an Ubuntu 18.04 host that follow from what it is and runs: /etc/fstab from
 * its disks, the packages' /etc/logrotate.d files, (sudo's files are sudoers.ts's),
 * MySQL's shared files, /proc/sys's tunables, the daemons' runtime files under /run (HAProxy's
 * stats socket where haproxy.cfg declares it, mysqld's sockets and their locks), and what
 * cron.daily leaves in /var/backups; /tmp's and /var/tmp's times. Built from the host's spec, its
 * services and the files made before it, never over a file the scenario gives.
 */
import type { HostSpec } from '../../scenario/world';
import type { FileNode } from '../fs';
import { parentOf } from '../fs';
import type { SimConfig } from '../world';
import type { ServiceState } from './state';
import { epochOf } from '../time';
import { isDesktopInstall, stableHex } from './baseImage';
import { kernelVariables } from './sysctl';

type Files = Record<string, FileNode>;

/** A filesystem's UUID, fixed per host and device: ext4's 8-4-4-4-12, vfat's volume id XXXX-XXXX. */
export function filesystemUuid(hostname: string, device: string, type: string): string {
  const hex = stableHex(`${hostname}:${device}:uuid`, 32);
  if (type === 'vfat') return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`.toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * /etc/fstab for the host's disks. The cloud image's names its root by label
 * (`LABEL=cloudimg-rootfs`) and its EFI partition too (`LABEL=UEFI`); any other disk is the
 * admin's line by UUID. A desktop install's is the installer's (partman), with its comments,
 * its UUIDs, and the swap file 18.04's installer makes when the host has swap.
 */
export function fstabText(spec: HostSpec): string {
  const disks: readonly { device: string; mount: string; type?: string }[] = spec.system?.disks?.length ? spec.system.disks : [{ device: '/dev/vda1', mount: '/' }];
  const typeOf = (d: { type?: string }) => d.type ?? 'ext4';
  const swap = String(spec.system?.swap?.total ?? '0').replace(/[^0-9.]/g, '');
  if (isDesktopInstall(spec)) {
    const lines = [
      '# /etc/fstab: static file system information.',
      '#',
      "# Use 'blkid' to print the universally unique identifier for a",
      '# device; this may be used with UUID= as a more robust way to name devices',
      '# that works even if disks are added and removed. See fstab(5).',
      '#',
      '# <file system> <mount point>   <type>  <options>       <dump>  <pass>',
    ];
    for (const d of disks) {
      const type = typeOf(d);
      const options = d.mount === '/' ? 'errors=remount-ro' : type === 'vfat' ? 'umask=0077' : 'defaults';
      const pass = d.mount === '/' || type === 'vfat' ? 1 : 2;
      lines.push(`# ${d.mount} was on ${d.device} during installation`);
      lines.push(`${`UUID=${filesystemUuid(spec.hostname, d.device, type)}`.padEnd(15)} ${d.mount.padEnd(15)} ${type.padEnd(7)} ${options.padEnd(15)} ${'0'.padEnd(7)} ${pass}`);
    }
    if (Number(swap) > 0) lines.push('/swapfile                                 none            swap    sw              0       0');
    return `${lines.join('\n')}\n`;
  }
  const lines: string[] = [];
  for (const d of disks) {
    const type = typeOf(d);
    if (d.mount === '/') lines.push(`LABEL=cloudimg-rootfs\t/\t ${type}\tdefaults\t0 0`);
    else if (d.mount === '/boot/efi' && type === 'vfat') lines.push('LABEL=UEFI\t/boot/efi\tvfat\tdefaults\t0 0');
    else lines.push(`UUID=${filesystemUuid(spec.hostname, d.device, type)}\t${d.mount}\t${type}\tdefaults,nofail\t0 2`);
  }
  return `${lines.join('\n')}\n`;
}

/** The /etc/logrotate.d files of Ubuntu 18.04's packages, as they ship them. */
export const LOGROTATE_D: Readonly<Record<string, string>> = {
  apt: '/var/log/apt/term.log {\n  rotate 12\n  monthly\n  compress\n  missingok\n  notifempty\n}\n\n/var/log/apt/history.log {\n  rotate 12\n  monthly\n  compress\n  missingok\n  notifempty\n}\n\n',
  dpkg: ['/var/log/dpkg.log', '/var/log/alternatives.log'].map((log) => `${log} {\n\tmonthly\n\trotate 12\n\tcompress\n\tdelaycompress\n\tmissingok\n\tnotifempty\n\tcreate 644 root root\n}\n`).join(''),
  ufw: '/var/log/ufw.log\n{\n\trotate 4\n\tweekly\n\tmissingok\n\tnotifempty\n\tcompress\n\tdelaycompress\n\tsharedscripts\n\tpostrotate\n\t\tinvoke-rc.d rsyslog rotate >/dev/null 2>&1 || true\n\tendscript\n}\n',
  'unattended-upgrades': '/var/log/unattended-upgrades/unattended-upgrades.log\n/var/log/unattended-upgrades/unattended-upgrades-dpkg.log\n/var/log/unattended-upgrades/unattended-upgrades-shutdown.log\n{\n  rotate 6\n  monthly\n  compress\n  missingok\n  notifempty\n}\n',
};

/** MySQL 8.0.19's error-message languages (each a directory with its errmsg.sys). */
const MYSQL_LANGUAGES = ['bulgarian', 'czech', 'danish', 'dutch', 'english', 'estonian', 'french', 'german', 'greek', 'hungarian', 'italian', 'japanese', 'korean', 'norwegian', 'norwegian-ny', 'polish', 'portuguese', 'romanian', 'russian', 'serbian', 'slovak', 'spanish', 'swedish', 'ukrainian'];
/** Its character-set definitions. */
const MYSQL_CHARSETS = ['Index.xml', 'README', 'armscii8.xml', 'ascii.xml', 'cp1250.xml', 'cp1251.xml', 'cp1256.xml', 'cp1257.xml', 'cp850.xml', 'cp852.xml', 'cp866.xml', 'dec8.xml', 'geostd8.xml', 'greek.xml', 'hebrew.xml', 'hp8.xml', 'keybcs2.xml', 'koi8r.xml', 'koi8u.xml', 'latin1.xml', 'latin2.xml', 'latin5.xml', 'latin7.xml', 'macce.xml', 'macroman.xml', 'swe7.xml'];
/** Where Oracle's 8.0 packages put the server's shared files (lc_messages_dir, character_sets_dir). */
export const MYSQL_SHARE_DIR = '/usr/share/mysql-8.0';
/** When mysql-community-server-core 8.0.19-1ubuntu18.04 was built (its files' mtimes): 18 December 2019. */
const MYSQL_BUILT = Date.parse('2019-12-18T08:36:02Z') / 1000;

/** The files the server's packages install under /usr/share/mysql-8.0 (Oracle's packaging/deb-in: server-core's support files and error messages, the server's SQL scripts and helpers); their bytes are not held, and the sizes are approximate. */
function mysqlShareFiles(): Files {
  const file = (size: number, magic: string): FileNode => ({ kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: MYSQL_BUILT, size, magic });
  const dir = (): FileNode => ({ kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: MYSQL_BUILT });
  const files: Files = { [MYSQL_SHARE_DIR]: dir(), [`${MYSQL_SHARE_DIR}/charsets`]: dir() };
  for (const name of MYSQL_CHARSETS) files[`${MYSQL_SHARE_DIR}/charsets/${name}`] = file(name === 'Index.xml' ? 19_235 : name === 'README' ? 1_159 : 6_000 + (parseInt(stableHex(name, 3), 16) % 3_000), name === 'README' ? 'ASCII text' : 'XML 1.0 document, ASCII text');
  for (const lang of MYSQL_LANGUAGES) {
    files[`${MYSQL_SHARE_DIR}/${lang}`] = dir();
    files[`${MYSQL_SHARE_DIR}/${lang}/errmsg.sys`] = file(lang === 'english' ? 283_517 : 240_000 + (parseInt(stableHex(lang, 4), 16) % 40_000), 'MySQL binary error message file');
  }
  files[`${MYSQL_SHARE_DIR}/dictionary.txt`] = file(27_850, 'ASCII text');
  files[`${MYSQL_SHARE_DIR}/install_rewriter.sql`] = file(1_890, 'ASCII text');
  files[`${MYSQL_SHARE_DIR}/uninstall_rewriter.sql`] = file(1_214, 'ASCII text');
  files[`${MYSQL_SHARE_DIR}/mysql-log-rotate`] = file(1_011, 'ASCII text');
  // The packaging's helpers (debian/rules installs them there): the unit's ExecStartPre and the maintainer scripts' functions.
  files[`${MYSQL_SHARE_DIR}/mysql-helpers`] = file(5_321, 'POSIX shell script, ASCII text executable');
  files[`${MYSQL_SHARE_DIR}/mysql-systemd-start`] = { ...file(1_596, 'POSIX shell script, ASCII text executable'), mode: 0o755 };
  return files;
}

/** The `stats socket` lines of haproxy.cfg's global section: each socket's path and mode. */
export function haproxyStatsSockets(cfg: string): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  let global = false;
  for (const raw of cfg.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    if (!/^\s/.test(raw)) global = /^global\b/.test(line);
    const m = global ? /^stats\s+socket\s+(\/\S+)(.*)$/.exec(line) : null;
    if (m) out.push({ path: m[1]!, mode: /\bmode\s+([0-7]{3,4})\b/.exec(m[2]!) ? parseInt(/\bmode\s+([0-7]{3,4})\b/.exec(m[2]!)![1]!, 8) : 0o755 });
  }
  return out;
}

/**
 * What a daemon of `kind` makes under /run as it starts (`pid`, at epoch `at`), besides its PID
 * file (pidFiles.ts): HAProxy its haproxy.cfg's stats sockets, mysqld its two sockets and their
 * lock files (each holding its PID). `files` is the host's, for the config and directories.
 */
export function runtimeFilesOf(kind: string, files: Readonly<Files>, pid: number, at: number): Files {
  const out: Files = {};
  const cfg = files['/etc/haproxy/haproxy.cfg']?.content;
  if (kind === 'haproxy' && cfg !== undefined) {
    for (const s of haproxyStatsSockets(cfg)) {
      const dir = parentOf(s.path);
      // haproxy's tmpfiles.d line makes /run/haproxy haproxy:haproxy 2775; the socket, made by the root master, takes the setgid directory's group.
      if (dir === '/run/haproxy' && !Object.hasOwn(files, dir)) out[dir] = { kind: 'dir', owner: 'haproxy', group: 'haproxy', mode: 0o2775, mtime: at };
      const parent = out[dir] ?? files[dir];
      if (parent) out[s.path] = { kind: 'file', owner: 'root', group: parent.mode & 0o2000 ? parent.group : 'root', mode: s.mode, mtime: at, size: 0, socket: true };
    }
  }
  if (kind === 'mysql' && Object.hasOwn(files, '/run/mysqld')) {
    const sock: FileNode = { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o777, mtime: at, size: 0, socket: true };
    out['/run/mysqld/mysqld.sock'] = sock;
    out['/run/mysqld/mysqlx.sock'] = sock;
    // 8.0's socket lock files (0600) hold the server's PID.
    for (const name of ['mysqld.sock.lock', 'mysqlx.sock.lock']) out[`/run/mysqld/${name}`] = { kind: 'file', owner: 'mysql', group: 'mysql', mode: 0o600, mtime: at, content: `${pid}\n` };
  }
  return out;
}

/** What a daemon of `kind` removes as it shuts down cleanly (a crash leaves them): mysqld its sockets and locks. */
export function runtimeFilesRemovedAtStop(kind: string): readonly string[] {
  return kind === 'mysql' ? ['/run/mysqld/mysqld.sock', '/run/mysqld/mysqlx.sock', '/run/mysqld/mysqld.sock.lock', '/run/mysqld/mysqlx.sock.lock'] : [];
}

/** The runtime files of the services running at the start, none over the scenario's (mysqld.sock, made by mysql/files.ts, becomes a socket). */
function runtimeFiles(files: Files, units: readonly { name: string; kind: string }[], services: Readonly<Record<string, ServiceState>>, at: (clock: number) => number): Files {
  const out: Files = {};
  for (const u of units) {
    const state = Object.hasOwn(services, u.name) ? services[u.name]! : null;
    if (!state || state.pid === null) continue;
    for (const [path, node] of Object.entries(runtimeFilesOf(u.kind, files, state.pid, at(state.since)))) {
      if (!Object.hasOwn(files, path)) out[path] = node;
      else if (path === '/run/mysqld/mysqld.sock') out[path] = { ...files[path]!, content: undefined, size: 0, socket: true };
    }
  }
  return out;
}

/** Clock seconds of the cron.daily runs (06:25:01) from the install to `now`, oldest first; none while the host was down before this boot (`booted`). */
function cronDailyRuns(installedEpoch: number, bootedEpoch: number, nowEpoch: number, dayEpoch: number): number[] {
  const runs: number[] = [];
  for (let day = dayEpoch - Math.ceil((dayEpoch - installedEpoch) / 86400) * 86400; day <= dayEpoch; day += 86400) {
    const run = day + 6 * 3600 + 25 * 60 + 1;
    if (run > installedEpoch && run <= nowEpoch && !(run < bootedEpoch && run > bootedEpoch - 86400 && day === dayEpoch)) runs.push(run);
  }
  return runs;
}

export interface StockContext {
  installed: number;
  booted: number;
  /** Epoch seconds of the scenario's start. */
  now: number;
  /** When the host's MySQL data directory was initialised (its packages' install), or null. */
  mysqlInstalled: number | null;
  services: Readonly<Record<string, ServiceState>>;
  /** The host's units (their names and kinds). */
  units: readonly { name: string; kind: string }[];
}

/** The stock files for a host, none over one already in `files`; /tmp's and /var/tmp's times where they are the base image's. */
export function stockFiles(config: SimConfig, spec: HostSpec, files: Files, c: StockContext): Files {
  const out: Files = {};
  const add = (path: string, node: FileNode) => {
    if (!Object.hasOwn(files, path)) out[path] = node;
  };
  const dir = (mode = 0o755, mtime = c.installed, owner = 'root', group = owner): FileNode => ({ kind: 'dir', owner, group, mode, mtime });
  const file = (content: string, mode = 0o644, mtime = c.installed, owner = 'root', group = owner): FileNode => ({ kind: 'file', owner, group, mode, mtime, content });
  add('/etc/fstab', file(fstabText(spec)));
  // The packages' logrotate policies (rsyslog's, nginx's and haproxy's are logrotate.ts's, added by init: its copies of the logs follow them).
  add('/etc/logrotate.d', dir());
  add('/etc/logrotate.conf', file('# see "man logrotate" for details\n# rotate log files weekly\nweekly\n\n# use the syslog group by default, since this is the owning group\n# of /var/log/syslog.\nsu root syslog\n\n# keep 4 weeks worth of backlogs\nrotate 4\n\n# create new (empty) log files after rotating old ones\ncreate\n\n# uncomment this if you want your log files compressed\n#compress\n\n# packages drop log rotation information into this directory\ninclude /etc/logrotate.d\n\n# no packages own wtmp, or btmp -- we\'ll rotate them here\n/var/log/wtmp {\n    missingok\n    monthly\n    create 0664 root utmp\n    rotate 1\n}\n\n/var/log/btmp {\n    missingok\n    monthly\n    create 0660 root utmp\n    rotate 1\n}\n\n# system-specific logs may be configured here\n'));
  for (const [name, text] of Object.entries(LOGROTATE_D)) add(`/etc/logrotate.d/${name}`, file(text));
  if (spec.mysql) {
    const at = c.mysqlInstalled ?? c.installed;
    for (const [path, node] of Object.entries(mysqlShareFiles())) add(path, path === MYSQL_SHARE_DIR ? { ...node, mtime: at } : node);
  }
  // /proc/sys: the tunables sysctl reads, as the kernel shows them (size 0).
  const variables = kernelVariables(spec);
  add('/proc/sys', { ...dir(0o555, c.booted) });
  for (const [name, value] of Object.entries(variables)) {
    const path = `/proc/sys/${name.replace(/\./g, '/')}`;
    for (let d = parentOf(path); d !== '/proc/sys' && !Object.hasOwn(out, d); d = parentOf(d)) add(d, dir(0o555, c.booted));
    add(path, { kind: 'file', owner: 'root', group: 'root', mode: name === 'fs.file-nr' ? 0o444 : 0o644, mtime: c.booted, content: `${value}\n`, size: 0 });
  }
  const clockAt = (clock: number) => epochOf(config.date, clock);
  Object.assign(out, runtimeFiles(files, c.units, c.services, clockAt));
  // /tmp and /var/tmp last changed when the boot's services made their PrivateTmp directories in them; /tmp also when mysqld (tmpdir=/tmp) made and unlinked its temporary files at its start.
  const privateTmp = c.booted + 9;
  const mysqlStarts = c.units.filter((u) => u.kind === 'mysql').map((u) => c.services[u.name]).filter((s) => s?.pid).map((s) => clockAt(s!.since));
  const tmpChanged = Math.max(privateTmp, ...mysqlStarts);
  for (const [path, mtime] of [['/tmp', tmpChanged], ['/var/tmp', privateTmp]] as const) if (files[path]?.mtime === c.installed) out[path] = { ...files[path]!, mtime };
  for (const path of Object.keys(files)) if (/^\/(var\/)?tmp\/(systemd-private-|\.[A-Za-z0-9]+-unix$)/.test(path) && files[path]!.mtime === c.installed) out[path] = { ...files[path]!, mtime: path.includes('systemd-private-') ? privateTmp : c.booted + 2 };
  for (const path of Object.keys(files)) {
    const m = /^\/tmp\/(systemd-private-[0-9a-f]+-.+-)[0-9A-Za-z]{6}$/.exec(path);
    if (m) add(`/var/tmp/${m[1]}${stableHex(`${path}:var`, 6)}`, { ...files[path]!, mtime: privateTmp });
  }
  Object.assign(out, backupFiles(files, c, epochOf(config.date, 0)));
  return out;
}

/**
 * /var/backups as the daily jobs leave it: dpkg's (dpkg.status.N: `cp -p` of the status file
 * whenever it changed, so each keeps the change's time; alternatives.tar.N, made at the run after
 * /var/lib/dpkg/alternatives changed), apt's extended_states the same way, and passwd's (*.bak,
 * `cp -p` of the account files). The packages changed at the install and when MySQL's were
 * installed (which also registered the my.cnf alternative).
 */
function backupFiles(files: Files, c: StockContext, dayEpoch: number): Files {
  const out: Files = {};
  const runs = cronDailyRuns(c.installed, c.booted, c.now, dayEpoch);
  const firstRunAfter = (t: number) => runs.find((r) => r > t) ?? null;
  const changes = [c.installed + 1800, ...(c.mysqlInstalled !== null && c.mysqlInstalled > c.installed + 1800 ? [c.mysqlInstalled - 60] : [])].filter((t) => firstRunAfter(t) !== null);
  const backed = (path: string) => files[path] && files[path]!.mtime === c.installed;
  const versions = [...changes].reverse();
  versions.forEach((t, i) => {
    if (backed('/var/backups/dpkg.status.0') || i > 0) {
      const name = i === 0 ? 'dpkg.status.0' : `dpkg.status.${i}.gz`;
      out[`/var/backups/${name}`] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: t, ...(i === 0 ? { size: files['/var/backups/dpkg.status.0']?.size ?? 1_178_640, magic: 'ASCII text' } : { size: 280_000 + i * 1_000, magic: 'gzip compressed data, max compression, from Unix' }) };
    }
    const apt = i === 0 ? 'apt.extended_states.0' : `apt.extended_states.${i}.gz`;
    if (backed('/var/backups/apt.extended_states.0') || i > 0) out[`/var/backups/${apt}`] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: firstRunAfter(t)!, ...(i === 0 ? { size: files['/var/backups/apt.extended_states.0']?.size ?? 11_437, magic: 'ASCII text' } : { size: 1_200 + i * 50, magic: 'gzip compressed data, max compression, from Unix' }) };
    out[`/var/backups/${i === 0 ? 'alternatives.tar.0' : `alternatives.tar.${i}.gz`}`] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: firstRunAfter(t)!, ...(i === 0 ? { size: 51_200, magic: 'POSIX tar archive (GNU)' } : { size: 2_100 + i * 10, magic: 'gzip compressed data, max compression, from Unix' }) };
  });
  // passwd's job: the account files' backups keep their times (`cp -p`); gshadow's too.
  const group = files['/etc/group']?.content;
  if (group !== undefined && !Object.hasOwn(files, '/var/backups/gshadow.bak')) {
    const users = new Set((files['/etc/passwd']?.content ?? '').split('\n').filter((l) => Number(l.split(':')[2]) >= 1000 && Number(l.split(':')[2]) < 65534).map((l) => l.split(':')[0]!));
    const text = group.split('\n').filter(Boolean).map((l) => { const [name, , , members] = l.split(':'); return `${name}:${users.has(name!) ? '!' : '*'}::${members ?? ''}`; }).join('\n');
    out['/var/backups/gshadow.bak'] = { kind: 'file', owner: 'root', group: 'shadow', mode: 0o600, mtime: files['/etc/group']!.mtime, content: `${text}\n` };
  }
  // The directory last changed at the latest run that renamed something in it (savelog).
  const latest = Math.max(...Object.values(out).map((n) => n.mtime), c.installed);
  const dirRun = firstRunAfter(latest - 1) ?? latest;
  if (files['/var/backups']?.mtime === c.installed) out['/var/backups'] = { ...files['/var/backups']!, mtime: Math.max(dirRun, ...Object.values(out).map((n) => n.mtime)) };
  return out;
}
