/**
 * The world at the scenario's start: every host's files (the generic ones an Ubuntu host has,
 * then the scenario's), services and databases, and the trainee's shell on the start host.
 */
import { rootStoredKib } from './system/mountUsage';
import type { FileSpec, HostSpec } from '../scenario/world';
import type { FileNode } from './fs';
import { parentOf } from './fs';
import { Draft } from './draft';
import { epochOf } from './time';
import { HISTSIZE, type HostState, type SimConfig, type SimWorld } from './world';
import { userOf } from './process';
import { envFor } from './shell/run';
import { initialServices } from './system/init';
import { pidFileNode, pidFileOf } from './system/pidFiles';
import { unitsOf, type UnitDefinition } from './system/units';
import { unitDiskFiles } from './system/unitLinks';
import { isRunning } from './system/state';
import { initialMysql } from './mysql/init';
import { networkFiles } from './net/init';
import { netplanFiles } from './net/netplan';
import { initialMysqlFiles } from './mysql/files';
import { dataDirInitializedAt } from './mysql/binlog-history';
import { aptFiles } from './system/aptSources';
import { sshConfigFiles } from './system/sshConfig';
import { stockFiles } from './system/stockFiles';
import { DEFAULT_UNIT as MYSQL_UNIT } from './mysql/specs';
import { initialLogins, loginFileTimes, loginJournal } from './system/wtmp';
import { baseImageFiles, deviceFiles, isDesktopInstall, runFiles } from './system/baseImage';
import { sudoersFiles } from './system/sudoers';
import { DEFAULT_UPTIME_SECONDS } from './system/machine';
import { pidBefore } from './system/pids';
import { DESKTOP_LOGIN_AFTER_BOOT } from './system/processes';
import { ROOT_FILES, SKEL_FILES } from './system/skel';
import { kindOfName } from './system/kinds';
import { HAPROXY_LOGROTATE, NGINX_LOGROTATE, RSYSLOG_LOGROTATE, rotatedLogs } from './system/logrotate';
import { filledKnownHosts, serverSshFiles, sshHostName } from './system/sshFiles';
import { HOST_KEYS_AFTER_INSTALL, hostKeyFiles } from './system/hostKeys';
import { installLogFiles } from './system/installLogs';
import { rotatedSource } from './system/liveFiles';

function parseClockText(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/** `"08:35"` on the scenario's day, or an ISO date-time, as epoch seconds. */
export function timeOf(config: SimConfig, text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(text)) return epochOf(config.date, parseClockText(text));
  const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : fallback;
}

function linesOf(text: string | readonly string[] | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return text.length ? `${text.join('\n')}\n` : '';
}

function fileNode(config: SimConfig, spec: FileSpec, defaultTime: number): FileNode {
  const kind = spec.kind ?? 'file';
  const owner = spec.owner ?? 'root';
  return {
    kind,
    owner,
    group: spec.group ?? owner,
    mode: spec.mode ? parseInt(spec.mode, 8) : kind === 'dir' ? 0o755 : 0o644,
    mtime: timeOf(config, spec.mtime, defaultTime),
    content: linesOf(spec.content),
    timed: spec.lines?.map((l) => ({ at: parseClockText(l.at), text: l.text })).sort((a, b) => a.at - b.at),
    repeat: spec.repeat?.map((r) => ({ from: parseClockText(r.from), until: r.until ? parseClockText(r.until) : null, every: r.every, text: r.text })),
    size: spec.size,
    magic: spec.magic,
    target: spec.target,
    gzip: spec.path.endsWith('.gz') ? true : undefined,
  };
}

/** The accounts of a fresh Ubuntu 18.04 server (its base-passwd and the packages of the server image), in their order. */
const UBUNTU_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
  'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
  'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
  'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
  'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
  'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
  'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
  'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
  'irc:x:39:39:ircd:/var/run/ircd:/usr/sbin/nologin',
  'gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  'systemd-network:x:100:102:systemd Network Management,,,:/run/systemd/netif:/usr/sbin/nologin',
  'systemd-resolve:x:101:103:systemd Resolver,,,:/run/systemd/resolve:/usr/sbin/nologin',
  'syslog:x:102:106::/home/syslog:/usr/sbin/nologin',
  'messagebus:x:103:107::/nonexistent:/usr/sbin/nologin',
  '_apt:x:104:65534::/nonexistent:/usr/sbin/nologin',
  'lxd:x:105:65534::/var/lib/lxd/:/bin/false',
  'uuidd:x:106:110::/run/uuidd:/usr/sbin/nologin',
  'dnsmasq:x:107:65534:dnsmasq,,,:/var/lib/misc:/usr/sbin/nologin',
  'landscape:x:108:112::/var/lib/landscape:/usr/sbin/nologin',
  'pollinate:x:109:1::/var/cache/pollinate:/bin/false',
  'sshd:x:110:65534::/run/sshd:/usr/sbin/nologin',
];

/** The groups of a fresh Ubuntu 18.04 server, in their order (members come from the host's users). */
const UBUNTU_GROUPS: Record<string, number> = {
  root: 0, daemon: 1, bin: 2, sys: 3, adm: 4, tty: 5, disk: 6, lp: 7, mail: 8, news: 9, uucp: 10, man: 12, proxy: 13, kmem: 15,
  dialout: 20, fax: 21, voice: 22, cdrom: 24, floppy: 25, tape: 26, sudo: 27, audio: 29, dip: 30, 'www-data': 33, backup: 34,
  operator: 37, list: 38, irc: 39, src: 40, gnats: 41, shadow: 42, utmp: 43, video: 44, sasl: 45, plugdev: 46, staff: 50, games: 60,
  users: 100, nogroup: 65534, 'systemd-journal': 101, 'systemd-network': 102, 'systemd-resolve': 103, input: 104, crontab: 105,
  syslog: 106, messagebus: 107, lxd: 108, mlocate: 109, uuidd: 110, ssh: 111, landscape: 112, netdev: 113,
};

/**
 * The accounts a host's daemons' packages add when the scenario does not list them (adduser
 * --system: the next free system uid from 100 and gid from 100): mysql-community-server's
 * `mysql` and haproxy's `haproxy`.
 */
function impliedAccounts(spec: HostSpec): { name: string; gid: number; passwd: string }[] {
  const kinds = new Set((spec.system?.units ?? []).map((u) => u.kind ?? kindOfName(u.name)));
  if (spec.mysql) kinds.add('mysql');
  if (spec.programs?.includes('haproxy')) kinds.add('haproxy');
  const uids = new Set([...UBUNTU_PASSWD.map((l) => Number(l.split(':')[2])), ...spec.users.map((u) => u.uid)]);
  const gidsTaken = new Set([...Object.values(UBUNTU_GROUPS), ...Object.values(spec.groups ?? {}), ...spec.users.map((u) => u.gid ?? u.uid)]);
  const next = (taken: Set<number>) => {
    let n = 100;
    while (taken.has(n)) n += 1;
    taken.add(n);
    return n;
  };
  const out: { name: string; gid: number; passwd: string }[] = [];
  const add = (name: string, gecos: string, home: string, shell: string) => {
    if (spec.users.some((u) => u.name === name)) return;
    const uid = next(uids);
    const gid = Object.hasOwn(spec.groups ?? {}, name) ? spec.groups![name]! : next(gidsTaken);
    out.push({ name, gid, passwd: `${name}:x:${uid}:${gid}:${gecos}:${home}:${shell}` });
  };
  if (kinds.has('mysql')) add('mysql', 'MySQL Server,,,', '/nonexistent', '/bin/false');
  if (kinds.has('haproxy')) add('haproxy', '', '/var/lib/haproxy', '/usr/sbin/nologin');
  return out;
}

/** Files every Ubuntu host has, made from the host's own facts (users, name). */
function baseFiles(config: SimConfig, id: string, spec: HostSpec, installed: number): Record<string, FileNode> {
  const dir = (owner = 'root', mode = 0o755, group = owner): FileNode => ({ kind: 'dir', owner, group, mode, mtime: installed });
  const file = (content: string, mode = 0o644, owner = 'root', group = owner): FileNode => ({ kind: 'file', owner, group, mode, mtime: installed, content });
  const files: Record<string, FileNode> = {};
  for (const path of ['/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/run', '/sbin', '/srv', '/sys', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/etc', '/usr/local/games', '/usr/local/include', '/usr/local/lib', '/usr/local/share', '/usr/local/src', '/usr/share', '/var', '/var/lib', '/var/log', '/var/www', '/var/cache', '/var/mail', '/var/tmp', '/etc/systemd', '/etc/systemd/system']) files[path] = dir();
  // base-files makes /usr/local's tree (Ubuntu's root:root 0755), with man as a link into share.
  files['/usr/local/man'] = { kind: 'link', owner: 'root', group: 'root', mode: 0o777, mtime: installed, target: 'share/man' };
  files['/usr/local/share/man'] = dir();
  files['/tmp'] = dir('root', 0o1777);
  files['/var/tmp'] = dir('root', 0o1777);
  files['/root'] = dir('root', 0o700);
  for (const [name, { text, mtime }] of Object.entries(ROOT_FILES)) files[`/root/${name}`] = { ...file(text), mtime };
  files['/var/log'] = dir('root', 0o775, 'syslog');
  const users = spec.users.filter((u) => u.name !== 'root');
  const line = (u: (typeof users)[number]) => {
    const info = userOf(config, id, u.name)!;
    return `${u.name}:x:${info.uid}:${info.gid}:${u.gecos ?? (info.uid >= 1000 ? `${u.name},,,` : '')}:${info.home}:${info.shell}`;
  };
  const implied = impliedAccounts(spec);
  // Package accounts first (made when their packages were installed), then the people's.
  const passwd = [...UBUNTU_PASSWD,
    ...users.filter((u) => u.uid < 1000).map(line),
    ...implied.map((a) => a.passwd),
    ...users.filter((u) => u.uid >= 1000).map(line),
  ];
  const seen = new Set<string>();
  files['/etc/passwd'] = file(`${passwd.filter((l) => { const n = l.split(':')[0]!; if (seen.has(n)) return false; seen.add(n); return true; }).join('\n')}\n`);
  const groupMembers = new Map<string, string[]>();
  for (const u of spec.users) for (const g of u.groups ?? []) groupMembers.set(g, [...(groupMembers.get(g) ?? []), u.name]);
  // syslog is in adm on every Ubuntu host (it writes the logs adm may read).
  groupMembers.set('adm', ['syslog', ...(groupMembers.get('adm') ?? [])]);
  const gids: Record<string, number> = { ...UBUNTU_GROUPS, ...Object.fromEntries(implied.map((a) => [a.name, a.gid])), ...(spec.groups ?? {}) };
  const groupLines = Object.entries(gids).map(([g, gid]) => `${g}:x:${gid}:${(groupMembers.get(g) ?? []).join(',')}`);
  for (const u of spec.users) if (!Object.hasOwn(gids, u.name)) groupLines.push(`${u.name}:x:${u.gid ?? u.uid}:`);
  files['/etc/group'] = file(`${groupLines.join('\n')}\n`);
  files['/etc/shadow'] = file(`${passwd.map((l) => `${l.split(':')[0]}:*:18000:0:99999:7:::`).join('\n')}\n`, 0o640, 'root', 'shadow');
  Object.assign(files, sudoersFiles(spec, isDesktopInstall(spec), installed));
  files['/etc/hostname'] = file(`${spec.hostname}\n`);
  files['/etc/os-release'] = file(['NAME="Ubuntu"', 'VERSION="18.04.4 LTS (Bionic Beaver)"', 'ID=ubuntu', 'ID_LIKE=debian', 'PRETTY_NAME="Ubuntu 18.04.4 LTS"', 'VERSION_ID="18.04"', 'HOME_URL="https://www.ubuntu.com/"', 'SUPPORT_URL="https://help.ubuntu.com/"', 'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"', 'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"', 'VERSION_CODENAME=bionic', 'UBUNTU_CODENAME=bionic', ''].join('\n'));
  files['/etc/lsb-release'] = file('DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=18.04\nDISTRIB_CODENAME=bionic\nDISTRIB_DESCRIPTION="Ubuntu 18.04.4 LTS"\n');
  files['/etc/issue'] = file('Ubuntu 18.04.4 LTS \\n \\l\n\n');
  Object.assign(files, networkFiles(spec, installed, installed), netplanFiles(config, id, spec, isDesktopInstall(spec), installed));
  Object.assign(files, baseImageFiles(config, id, spec, installed, { passwd: files['/etc/passwd'].content ?? '', group: files['/etc/group'].content ?? '', shadow: files['/etc/shadow'].content ?? '' }));
  files['/etc/skel'] = dir('root', 0o755);
  for (const [name, text] of Object.entries(SKEL_FILES)) files[`/etc/skel/${name}`] = file(text);
  for (const u of spec.users) {
    const info = userOf(config, id, u.name)!;
    if (info.home.startsWith('/home/')) {
      files[info.home] = dir(u.name, 0o755, info.groups[0]);
      for (const [name, text] of Object.entries(SKEL_FILES)) files[`${info.home}/${name}`] = file(text, 0o644, u.name, info.groups[0]);
    }
  }
  return files;
}

function hostState(config: SimConfig, id: string, spec: HostSpec, startHost: string, startClock: number): HostState {
  // 120 days before the scenario's day, or the midnight before the day its MySQL data directory
  // was initialised if that is older: nothing on a host predates its install.
  const mysqlInitialized = spec.mysql ? dataDirInitializedAt(config, spec.mysql, startClock) : null;
  const installed = Math.min(epochOf(config.date, 0) - 120 * 86400, mysqlInitialized === null ? Infinity : mysqlInitialized - (mysqlInitialized % 86400) - 86400);
  const files = baseFiles(config, id, spec, installed);
  const booted = epochOf(config.date, startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS));
  Object.assign(files, deviceFiles(booted), runFiles(booted));
  // kern.log.1 once a Sunday's rotation came after the boot (the kernel writes only while booting; notifempty).
  const startEpoch = epochOf(config.date, startClock);
  for (let day = Math.floor(booted / 86_400); day * 86_400 <= startEpoch; day += 1) {
    const at = day * 86_400 + 6 * 3600 + 25 * 60 + 1;
    if (at > booted + 60 && at <= startEpoch && new Date(at * 1000).getUTCDay() === 0) files['/var/log/kern.log.1'] = { kind: 'file', owner: 'syslog', group: 'adm', mode: 0o640, mtime: booted, live: rotatedSource('kern.log', 1) };
  }
  const services = initialServices(config, id, spec, startClock);
  // The units' files and the links that enable them, as their packages left them.
  const fileState = (def: UnitDefinition) => (Object.hasOwn(services, def.name) ? services[def.name]!.enabled : def.enabled);
  Object.assign(files, unitDiskFiles(unitsOf(config, id), fileState, installed));
  const mysqld = spec.mysql ? (services[spec.mysql.unit ?? MYSQL_UNIT]?.pid ?? null) : null;
  for (const [path, node] of Object.entries(initialMysqlFiles(config, id, spec, startClock, mysqld))) if (!Object.hasOwn(files, path)) files[path] = node;
  Object.assign(files, aptFiles(spec, installed, mysqlInitialized));
  // What dpkg, apt, cloud-init and unattended-upgrades logged of the host's life so far.
  Object.assign(files, installLogFiles(config, id, spec, installed, booted, epochOf(config.date, startClock), mysqlInitialized));
  // The host keys cloud-init's first boot made (openssh-server's postinst on a desktop install).
  Object.assign(files, hostKeyFiles(spec.hostname, installed + HOST_KEYS_AFTER_INSTALL));
  for (const f of spec.files ?? []) {
    files[f.path] = fileNode(config, f, epochOf(config.date, startClock) - 3600);
    for (let dir = parentOf(f.path); !Object.hasOwn(files, dir); dir = parentOf(dir)) {
      files[dir] = { kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: installed };
      if (dir === '/') break;
    }
  }
  // Every disk's mount point (a vfat one, the EFI partition, as Ubuntu's fstab mounts it: umask=0077).
  for (const d of spec.system?.disks ?? []) {
    for (let path = d.mount; !Object.hasOwn(files, path); path = parentOf(path)) {
      files[path] = { kind: 'dir', owner: 'root', group: 'root', mode: path === d.mount && d.type === 'vfat' ? 0o700 : 0o755, mtime: installed };
      if (path === '/') break;
    }
  }
  Object.assign(files, serverSshFiles(config, id, startHost, installed, files, (text) => timeOf(config, text, installed)));
  // OpenSSH's configuration, fstab, logrotate's and sudo's files, /proc/sys, the daemons' runtime files, /var/backups (none over the scenario's).
  for (const [path, node] of Object.entries(sshConfigFiles(spec, unitsOf(config, id).some((u) => u.name === 'ssh.service'), installed))) if (!Object.hasOwn(files, path)) files[path] = node;
  Object.assign(files, stockFiles(config, spec, files, { installed, booted, now: epochOf(config.date, startClock), mysqlInstalled: spec.mysql ? dataDirInitializedAt(config, spec.mysql, startClock) : null, services, units: unitsOf(config, id) }));
  // logrotate's policies (rsyslog's, and the packages' the host has, unless the scenario gives its
  // own), then the older copies of the logs the scenario gives that a policy rotates. The
  // services the scenario set up (its files under /etc) had no traffic before the oldest of them.
  const base = epochOf(config.date, 0);
  const policies: Record<string, string> = { rsyslog: RSYSLOG_LOGROTATE, ...(spec.programs?.includes('nginx') ? { nginx: NGINX_LOGROTATE } : {}), ...(spec.programs?.includes('haproxy') ? { haproxy: HAPROXY_LOGROTATE } : {}) };
  if (!Object.hasOwn(files, '/etc/logrotate.d')) files['/etc/logrotate.d'] = { kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime: installed };
  for (const [name, content] of Object.entries(policies)) if (!Object.hasOwn(files, `/etc/logrotate.d/${name}`)) files[`/etc/logrotate.d/${name}`] = { kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime: installed, content };
  const setUp = (spec.files ?? []).filter((f) => f.path.startsWith('/etc/') && f.mtime).map((f) => files[f.path]!.mtime);
  const since = Math.max(installed, ...(setUp.length ? [Math.min(...setUp)] : []));
  Object.assign(files, Object.fromEntries(Object.entries(rotatedLogs(files, since, (epoch) => epoch - base, booted - base)).filter(([path]) => !Object.hasOwn(files, path))));
  const logins = initialLogins(config, id, spec, startHost, startClock);
  // wtmp and lastlog were last written by the latest boot, login or logout.
  const written = loginFileTimes(logins, startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS));
  const declared = new Set((spec.files ?? []).map((f) => f.path));
  if (!declared.has('/var/log/wtmp')) files['/var/log/wtmp'] = { ...files['/var/log/wtmp']!, size: written.wtmpSize, mtime: Math.max(installed, epochOf(config.date, written.wtmp)) };
  if (written.lastlog !== null && !declared.has('/var/log/lastlog')) files['/var/log/lastlog'] = { ...files['/var/log/lastlog']!, mtime: Math.max(installed, epochOf(config.date, written.lastlog)) };
  if (id === startHost) {
    // The servers this user has logged in to before, as ssh remembered them.
    const known = `${userOf(config, id, spec.login)?.home ?? '/'}/.ssh/known_hosts`;
    const sshConfig = files[`${userOf(config, id, spec.login)?.home ?? '/'}/.ssh/config`]?.content ?? null;
    const servers = Object.entries(config.world.hosts)
      .filter(([other, s]) => other !== id && initialLogins(config, other, s, startHost, startClock).some((l) => l.user === s.login))
      .map(([, s]) => ({ hostname: s.hostname, name: sshHostName(sshConfig, s.hostname) }));
    if (Object.hasOwn(files, known)) files[known] = filledKnownHosts(files[known]!, id, servers);
  }
  // What the running daemons wrote when they started.
  for (const def of unitsOf(config, id)) {
    const state = Object.hasOwn(services, def.name) ? services[def.name]! : undefined;
    const path = state && isRunning(state) && state.pid !== null ? pidFileOf(def) : null;
    if (path && !Object.hasOwn(files, path) && Object.hasOwn(files, parentOf(path))) files[path] = pidFileNode(def, state!.pid!, epochOf(config.date, state!.since));
  }
  return { files, rootKibAtStart: rootStoredKib(spec, files), services, journal: loginJournal(id, spec, logins, services, startClock, files), mysql: initialMysql(config, id, spec, startClock), ...(logins.length ? { logins } : {}) };
}

/** The world at `startClock` with the trainee logged in on `startHost`. */
export function createWorld(config: SimConfig, startHost: string, startClock: number): SimWorld {
  const hosts: Record<string, HostState> = {};
  for (const [id, spec] of Object.entries(config.world.hosts)) hosts[id] = hostState(config, id, spec, startHost, startClock);
  const spec = config.world.hosts[startHost];
  const user = spec?.login ?? 'user';
  const draft = new Draft(config, { clock: startClock, seq: 1000, hosts, sessions: [] });
  const info = userOf(config, startHost, user);
  const home = info?.home ?? '/';
  const saved = Object.hasOwn(hosts[startHost]?.files ?? {}, `${home}/.bash_history`) ? hosts[startHost]!.files[`${home}/.bash_history`]!.content ?? '' : '';
  return {
    clock: startClock,
    seq: draft.seq,
    hosts,
    sessions: [{ kind: 'shell', host: startHost, user, cwd: home, env: envFor(draft, startHost, user), history: saved.split('\n').filter((l) => l !== '').slice(-HISTSIZE), via: 'login', status: 0, manager: desktopManagerPids(spec, hosts[startHost], startClock) }],
  };
}

/** The PIDs the desktop login's user manager got when it began, five minutes after boot (the login's default start), free of the daemons'. */
function desktopManagerPids(spec: HostSpec | undefined, state: HostState | undefined, startClock: number): number[] {
  const boot = startClock - (spec?.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  const taken = new Set(Object.values(state?.services ?? {}).flatMap((s) => [s.pid ?? 0, ...s.workers, ...(s.procs ?? []).map((p) => p.pid)]));
  let pid = pidBefore(spec, boot, startClock, boot + DESKTOP_LOGIN_AFTER_BOOT) + 1;
  while (taken.has(pid) || taken.has(pid + 1)) pid += 2;
  return [pid, pid + 1];
}
