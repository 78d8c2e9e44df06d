/**
 * The logs a host's installation and its packages leave in /var/log: dpkg's (dpkg 1.19.0.5),
 * apt's history.log and term.log (apt 1.6), update-alternatives', cloud-init's first boot and
 * each boot since, landscape-sysinfo's, unattended-upgrades' daily runs, and a desktop's
 * /var/log/installer. Only what the world says happened is written: the daemons' packages the
 * host runs (nginx, haproxy, Oracle's MySQL server) installed at their install times, the host
 * keys cloud-init made, the my.cnf alternative the MySQL packages registered. Monthly logs are
 * rotated as logrotate does from cron.daily at 06:25 (notifempty: a month without writes is not
 * rotated until something is written).
 */
import type { HostSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import type { FileNode } from '../fs';
import { userOf } from '../process';
import { isoSpace, partsOf } from '../time';
import { isDesktopInstall, stableHex } from './baseImage';
import { hostKey, HOST_KEY_TYPES, HOST_KEYS_AFTER_INSTALL } from './hostKeys';
import { keyFingerprint, readKey } from './sshKeygen';
import { randomArt } from './randomArt';

/** A package as dpkg names it: `name:arch`, its version. */
interface Package {
  name: string;
  arch: 'amd64' | 'all';
  version: string;
  /** Its man pages activate man-db's trigger. */
  man?: boolean;
  /** What its maintainer script prints while it is set up (term.log). */
  setup?: readonly string[];
  /** update-alternatives --install runs its postinst makes: [link, name, path, priority]. */
  alternatives?: readonly (readonly [string, string, string, number])[];
  /** Seconds its configure step takes (the MySQL server's postinst initialises the data directory). */
  configureSeconds?: number;
}

/** What the admin typed, the packages apt installed (the typed one last), and the earliest day that version could be installed. */
interface Install {
  command: string;
  /** An upgrade's versions before it (by package name); absent for a fresh install. */
  from?: Readonly<Record<string, string>>;
  requested: string;
  packages: readonly Package[];
  /** The version's release: an install before it would have got an older version. */
  notBefore: number;
}

const MAN_DB = { name: 'man-db', arch: 'amd64', version: '2.8.3-2ubuntu0.1' } as const;

/** nginx 1.14.0-0ubuntu1.7 (USN-4235-1, January 2020): `apt install nginx` on bionic. */
const NGINX_VERSION = '1.14.0-0ubuntu1.7';
const NGINX: Install = {
  command: 'apt install nginx',
  requested: 'nginx',
  notBefore: Date.UTC(2020, 0, 14) / 1000,
  packages: [
    { name: 'nginx-common', arch: 'all', version: NGINX_VERSION, man: true },
    ...['http-geoip', 'http-image-filter', 'http-xslt-filter', 'mail', 'stream'].map((m): Package => ({ name: `libnginx-mod-${m}`, arch: 'amd64', version: NGINX_VERSION })),
    { name: 'nginx-core', arch: 'amd64', version: NGINX_VERSION, man: true },
    { name: 'nginx', arch: 'all', version: NGINX_VERSION },
  ],
};

/** haproxy 1.8.8-1ubuntu0.10, built 2020/04/03 as `haproxy -v` says. */
const HAPROXY: Install = {
  command: 'apt install haproxy',
  requested: 'haproxy',
  notBefore: Date.UTC(2020, 3, 3) / 1000,
  packages: [{ name: 'haproxy', arch: 'amd64', version: '1.8.8-1ubuntu0.10', man: true }],
};

/** Oracle's MySQL 8.0.19 from repo.mysql.com: `apt install mysql-server`. */
const MYSQL_VERSION = '8.0.19-1ubuntu18.04';
const MYSQL: Install = {
  command: 'apt install mysql-server',
  requested: 'mysql-server',
  notBefore: 0,
  packages: [
    { name: 'mysql-common', arch: 'amd64', version: MYSQL_VERSION, alternatives: [['/etc/mysql/my.cnf', 'my.cnf', '/etc/mysql/my.cnf.fallback', 100]] },
    { name: 'mysql-community-client-core', arch: 'amd64', version: MYSQL_VERSION },
    { name: 'mysql-community-client', arch: 'amd64', version: MYSQL_VERSION, man: true },
    { name: 'mysql-client', arch: 'amd64', version: MYSQL_VERSION },
    { name: 'mysql-community-server-core', arch: 'amd64', version: MYSQL_VERSION },
    { name: 'mysql-community-server', arch: 'amd64', version: MYSQL_VERSION, man: true, alternatives: [['/etc/mysql/my.cnf', 'my.cnf', '/etc/mysql/mysql.cnf', 200]], configureSeconds: 24 },
    { name: 'mysql-server', arch: 'amd64', version: MYSQL_VERSION },
  ],
};

/** 8.0.19's release (13 January 2020) and the release before the autumn's 8.0.18 (8.0.17, July 2019). */
const MYSQL_8019_RELEASE = Date.UTC(2020, 0, 13) / 1000;
const MYSQL_8017 = '8.0.17-1ubuntu18.04';
const withVersion = (install: Install, version: string): Install => ({ ...install, packages: install.packages.map((p) => ({ ...p, version })) });

/** Seconds before the data directory's initialisation that `apt install mysql-server` began. */
const MYSQL_APT_LEAD = 30;

export interface InstallRun {
  install: Install;
  start: number;
  end: number;
  /** dpkg.log lines with their times. */
  dpkg: { at: number; text: string }[];
  term: string[];
  alternatives: { at: number; text: string }[];
}

const cronDaily = (epoch: number): number => epoch - (epoch % 86400) + 6 * 3600 + 25 * 60;

/** The apt runs that installed the host's daemons, in time order: dpkg's lines, term.log's, update-alternatives'. */
export function installRuns(spec: HostSpec, installed: number, mysqlInitialized: number | null): InstallRun[] {
  const kinds = new Set((spec.system?.units ?? []).map((u) => u.kind ?? u.name.replace(/\.service$/, '')));
  const wanted: { install: Install; start: number }[] = [];
  const after = (install: Install, offset: number) => Math.max(installed + offset, install.notBefore + 10 * 3600 + offset);
  if (spec.programs?.includes('nginx') || kinds.has('nginx')) wanted.push({ install: NGINX, start: after(NGINX, 1200 + (parseInt(stableHex(`${spec.hostname}:nginx-install`, 4), 16) % 600)) });
  if (spec.programs?.includes('haproxy') || kinds.has('haproxy')) wanted.push({ install: HAPROXY, start: after(HAPROXY, 1200 + (parseInt(stableHex(`${spec.hostname}:haproxy-install`, 4), 16) % 600)) });
  // The server's postinst initialised the data directory (the host's install precedes it: init.ts).
  if (mysqlInitialized !== null) {
    // A data directory older than 8.0.19 was made by the release of its day (8.0.17), upgraded when 8.0.19 came out.
    if (mysqlInitialized < MYSQL_8019_RELEASE) {
      wanted.push({ install: withVersion(MYSQL, MYSQL_8017), start: mysqlInitialized - MYSQL_APT_LEAD });
      const upgrade: Install = { ...MYSQL, command: 'apt upgrade', requested: '', from: Object.fromEntries(MYSQL.packages.map((p) => [p.name, MYSQL_8017])), packages: MYSQL.packages.map((p) => ({ ...p, configureSeconds: p.configureSeconds ? 8 : undefined })) };
      wanted.push({ install: upgrade, start: Math.max(installed, MYSQL_8019_RELEASE) + 86400 + 9 * 3600 + (parseInt(stableHex(`${spec.hostname}:mysql-upgrade`, 4), 16) % 7200) });
    } else wanted.push({ install: MYSQL, start: mysqlInitialized - MYSQL_APT_LEAD });
  }
  return wanted.sort((a, b) => a.start - b.start).map(({ install, start }) => run(install, start, mysqlInitialized));
}

function run(install: Install, start: number, mysqlInitialized: number | null): InstallRun {
  const dpkg: InstallRun['dpkg'] = [];
  const alternatives: InstallRun['alternatives'] = [];
  const term: string[] = [];
  let t = start + 3;
  const id = (p: Package) => `${p.name}:${p.arch}`;
  const line = (text: string) => dpkg.push({ at: t, text: `${isoSpace(t)} ${text}` });
  line('startup archives unpack');
  let pending = false;
  install.packages.forEach((p, index) => {
    const old = install.from?.[p.name];
    if (old === undefined) term.push(`Selecting previously unselected package ${p.name}.`);
    if (index === 0) term.push(`(Reading database ... ${READ_DATABASE + (old === undefined ? 0 : MYSQL_FILES)} files and directories currently installed.)`);
    term.push(`Preparing to unpack .../${install.packages.length > 1 ? `${index}-` : ''}${p.name}_${p.version}_${p.arch}.deb ...`, `Unpacking ${p.name} (${p.version})${old === undefined ? '' : ` over (${old})`} ...`);
    if (old === undefined) {
      line(`install ${id(p)} <none> ${p.version}`);
      line(`status half-installed ${id(p)} ${p.version}`);
    } else {
      line(`upgrade ${id(p)} ${old} ${p.version}`);
      line(`status half-configured ${id(p)} ${old}`);
      line(`status unpacked ${id(p)} ${old}`);
      line(`status half-installed ${id(p)} ${old}`);
    }
    if (p.man && !pending) {
      line(`status triggers-pending ${MAN_DB.name}:${MAN_DB.arch} ${MAN_DB.version}`);
      pending = true;
    }
    if (old !== undefined) line(`status half-installed ${id(p)} ${old}`);
    line(`status unpacked ${id(p)} ${p.version}`);
    line(`status unpacked ${id(p)} ${p.version}`);
    t += 1;
  });
  line('startup packages configure');
  for (const p of install.packages) {
    line(`configure ${id(p)} ${p.version} <none>`);
    line(`status unpacked ${id(p)} ${p.version}`);
    line(`status half-configured ${id(p)} ${p.version}`);
    term.push(`Setting up ${p.name} (${p.version}) ...`);
    for (const [link, name, path, priority] of p.alternatives ?? []) {
      alternatives.push({ at: t, text: `update-alternatives ${isoSpace(t)}: run with --install ${link} ${name} ${path} ${priority}` });
      // Re-registered on an upgrade, the link already points there: nothing changes.
      if (install.from) continue;
      alternatives.push({ at: t, text: `update-alternatives ${isoSpace(t)}: link group ${name} updated to point to ${path}` });
      term.push(`update-alternatives: using ${path} to provide ${link} (${name}) in auto mode`);
    }
    // The server's postinst runs mysqld --initialize: its data directory is dated from it.
    if (p.configureSeconds && mysqlInitialized !== null && mysqlInitialized > t && mysqlInitialized - t < 120) t = mysqlInitialized;
    t += p.configureSeconds ?? 1;
    line(`status installed ${id(p)} ${p.version}`);
  }
  if (pending) {
    line(`trigproc ${MAN_DB.name}:${MAN_DB.arch} ${MAN_DB.version} <none>`);
    line(`status half-configured ${MAN_DB.name}:${MAN_DB.arch} ${MAN_DB.version}`);
    t += 2;
    line(`status installed ${MAN_DB.name}:${MAN_DB.arch} ${MAN_DB.version}`);
    term.push(`Processing triggers for ${MAN_DB.name} (${MAN_DB.version}) ...`);
  }
  return { install, start, end: t + 1, dpkg, term, alternatives };
}

/** What `(Reading database ...` counts on the server image before the first install (a fixed figure: the image's file list is not modelled). */
const READ_DATABASE = 66_923;
/** What the MySQL packages add to that count (a fixed figure too). */
const MYSQL_FILES = 412;

/** `2020-04-27  10:12:03`: apt's history.log and term.log stamps (two spaces). */
const aptTime = (epoch: number): string => isoSpace(epoch).replace(' ', '  ');

interface Rotated {
  text: string;
  mtime: number;
}

/**
 * A monthly log (`monthly`, `notifempty`, logrotate from cron.daily at 06:25) with `entries`,
 * first seen by logrotate at `since`, as it stands at `now`: the live file, then .1, .2 … (newest first).
 */
export function monthlyLog(entries: readonly { at: number; text: string }[], since: number, now: number, keep: number): { live: Rotated; rotated: Rotated[] } {
  const sorted = entries.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  let last = since;
  let lastWrite = since;
  let current: string[] = [];
  const rotated: Rotated[] = [];
  let next = 0;
  for (let day = cronDaily(since) + (cronDaily(since) <= since ? 86400 : 0); day <= now; day += 86400) {
    while (next < sorted.length && sorted[next]!.at < day) {
      current.push(sorted[next]!.text);
      lastWrite = sorted[next]!.at;
      next += 1;
    }
    const [a, b] = [partsOf(last), partsOf(day)];
    if ((a.month !== b.month || a.year !== b.year) && current.length) {
      rotated.unshift({ text: `${current.join('\n')}\n`, mtime: lastWrite });
      current = [];
      last = day;
      lastWrite = day;
    }
  }
  for (; next < sorted.length; next += 1) {
    current.push(sorted[next]!.text);
    lastWrite = sorted[next]!.at;
  }
  return { live: { text: current.length ? `${current.join('\n')}\n` : '', mtime: lastWrite }, rotated: rotated.slice(0, keep) };
}

/** cloud-init's version on the image (the one netplan.ts's 50-cloud-init.yaml is rendered by). */
const CLOUD_INIT = '20.1-10-g71af48df-0ubuntu5~18.04.1';

/** `Sun, 05 Jan 2020 00:00:05 +0000` (email.utils.formatdate, as cloud-init writes it). */
function rfc2822(epoch: number): string {
  return new Date(epoch * 1000).toUTCString().replace('GMT', '+0000');
}
/** A stable millisecond part for a run's first line (the next lines follow it). */
const ms = (host: string, at: number, plus: number): string => String(((parseInt(stableHex(`${host}:${at}:ms`, 4), 16) % 800) + plus) % 1000).padStart(3, '0');

/** cloud-init.log and cloud-init-output.log for the first boot (at `installed`) and each boot the world knows of since. */
function cloudInitLogs(spec: HostSpec, installed: number, boots: readonly number[]): { log: string; output: string; mtime: number } {
  const log: string[] = [];
  const output: string[] = [];
  let mtime = installed;
  const host = spec.hostname;
  boots.forEach((boot, index) => {
    const first = index === 0;
    const at = (seconds: number, file: string, text: string) => {
      const t = boot + Math.floor(seconds);
      mtime = Math.max(mtime, t);
      log.push(`${isoSpace(t)},${String(Math.round((seconds % 1) * 1000)).padStart(3, '0')} - ${file}: ${text}`);
    };
    const stage = (name: string, up: number) => {
      const text = `Cloud-init v. ${CLOUD_INIT} running '${name}' at ${rfc2822(boot + Math.floor(up))}. Up ${up.toFixed(2)} seconds.`;
      at(up, 'util.py[DEBUG]', text);
      if (name !== 'init-local') output.push(text);
    };
    stage('init-local', 5.41);
    at(5.447, 'stages.py[DEBUG]', "Using distro class <class 'cloudinit.distros.ubuntu.Distro'>");
    stage('init', 8.63);
    if (first) {
      at(9.214, 'cc_set_hostname.py[DEBUG]', `Setting the hostname to ${host} (${host})`);
      HOST_KEY_TYPES.forEach((type, index) => {
        const path = `/etc/ssh/ssh_host_${type}_key`;
        at(HOST_KEYS_AFTER_INSTALL + 0.102 + index * 0.311, 'util.py[DEBUG]', `Running command ['ssh-keygen', '-t', '${type}', '-N', '', '-f', '${path}'] with allowed return codes [0] (shell=False, capture=True)`);
        const key = hostKey(host, type);
        const read = readKey(key.name, key.publicLine.split(' ')[1]!)!;
        const label = type.toUpperCase();
        output.push(`Generating public/private ${type} key pair.`, `Your identification has been saved in ${path}.`, `Your public key has been saved in ${path}.pub.`, 'The key fingerprint is:', `${keyFingerprint(read)} root@${host}`, "The key's randomart image is:", ...randomArt(read, label));
      });
    } else {
      at(9.306, 'handlers.py[DEBUG]', 'finish: init-network/config-ssh: SUCCESS: config-ssh ran successfully');
    }
    stage('modules:config', 12.37);
    stage('modules:final', 13.02);
    const done = `Cloud-init v. ${CLOUD_INIT} finished at ${rfc2822(boot + 13)}. Datasource DataSourceNoCloud [seed=/dev/vdb][dsmode=net].  Up 13.44 seconds`;
    at(13.44, 'util.py[DEBUG]', done);
    output.push(done);
  });
  return { log: `${log.join('\n')}\n`, output: `${output.join('\n')}\n`, mtime };
}

/** unattended-upgrades' daily runs (apt-daily-upgrade.timer, 06:00 plus up to an hour) since its log's last rotation and this boot; nothing was left to upgrade. */
function unattendedRuns(host: string, boot: number, now: number, desktop: boolean): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  const origins = `o=Ubuntu,a=bionic, o=Ubuntu,a=bionic-security, o=UbuntuESMApps,a=bionic-apps-security, o=UbuntuESM,a=bionic-infra-security`;
  for (let day = boot - (boot % 86400); day <= now; day += 86400) {
    let at = day + 6 * 3600 + (parseInt(stableHex(`${host}:${day}:apt-daily-upgrade`, 4), 16) % 3600);
    // Persistent=true: a run missed while the host was down happens just after the boot.
    if (at < boot) at = boot + 60 + (parseInt(stableHex(`${host}:${day}:persistent`, 4), 16) % 60);
    if (at > now) break;
    const stamp = (dt: number, plus: number, text: string) => out.push({ at: at + dt, text: `${isoSpace(at + dt)},${ms(host, at, plus)} INFO ${text}` });
    stamp(0, 0, 'Initial blacklisted packages: ');
    stamp(0, 1, 'Initial whitelisted packages: ');
    stamp(0, 1, 'Starting unattended upgrades script');
    stamp(0, 2, `Allowed origins are: ${origins}`);
    stamp(desktop ? 4 : 2, 150, 'No packages found that can be upgraded unattended and no pending auto-removals');
  }
  return out;
}

/** The install-time logs in /var/log of a host installed at `installed`, booted at `booted`, as they stand at `now`. */
export function installLogFiles(config: SimConfig, id: string, spec: HostSpec, installed: number, booted: number, now: number, mysqlInitialized: number | null): Record<string, FileNode> {
  const files: Record<string, FileNode> = {};
  const node = (kind: FileNode['kind'], mode: number, owner: string, group: string, mtime: number, extra: Partial<FileNode> = {}): FileNode => ({ kind, owner, group, mode, mtime, ...extra });
  const desktop = isDesktopInstall(spec);
  const runs = installRuns(spec, installed, mysqlInitialized).filter((r) => r.end <= now);
  const admin = userOf(config, id, 'ubuntu') ?? userOf(config, id, spec.login);
  const monthly = (path: string, entries: { at: number; text: string }[], mode: number, owner: string, group: string, delaycompress: boolean) => {
    const log = monthlyLog(entries, installed, now, 12);
    files[path] = node('file', mode, owner, group, log.live.mtime, { content: log.live.text });
    log.rotated.forEach((r, i) => {
      const gz = !(delaycompress && i === 0);
      files[`${path}.${i + 1}${gz ? '.gz' : ''}`] = node('file', mode, owner, group, r.mtime, { content: r.text, ...(gz ? { gzip: true } : {}) });
    });
  };
  monthly('/var/log/dpkg.log', runs.flatMap((r) => r.dpkg), 0o644, 'root', 'root', true);
  monthly('/var/log/alternatives.log', runs.flatMap((r) => r.alternatives), 0o644, 'root', 'root', true);
  const history = runs.map((r) => ({
    at: r.end,
    text: ['', `Start-Date: ${aptTime(r.start)}`, `Commandline: ${r.install.command}`, ...(admin && admin.uid !== 0 ? [`Requested-By: ${admin.name} (${admin.uid})`] : []), r.install.from
      ? `Upgrade: ${r.install.packages.map((p) => `${p.name}:${p.arch} (${r.install.from![p.name]}, ${p.version})`).join(', ')}`
      : `Install: ${r.install.packages.map((p) => `${p.name}:${p.arch} (${p.version}${p.name === r.install.requested ? '' : ', automatic'})`).join(', ')}`, `End-Date: ${aptTime(r.end)}`].join('\n'),
  }));
  const term = runs.map((r) => ({ at: r.end, text: ['', `Log started: ${aptTime(r.start)}`, ...r.term, `Log ended: ${aptTime(r.end)}`, ''].join('\n') }));
  files['/var/log/apt'] = node('dir', 0o755, 'root', 'root', Math.max(installed, ...runs.map((r) => r.end)));
  monthly('/var/log/apt/history.log', history, 0o644, 'root', 'root', false);
  monthly('/var/log/apt/term.log', term, 0o640, 'root', 'adm', false);
  if (desktop) {
    // Ubiquity's logs; only the media's identity is modelled (the 18.04.3 desktop image, the release of the install's time).
    files['/var/log/installer'] = node('dir', 0o755, 'root', 'root', installed);
    files['/var/log/installer/media-info'] = node('file', 0o644, 'root', 'root', installed, { content: 'Ubuntu 18.04.3 LTS "Bionic Beaver" - Release amd64 (20190805)' });
  } else {
    const boots = booted > installed + 60 ? [installed, booted] : [installed];
    const cloud = cloudInitLogs(spec, installed, boots);
    files['/var/log/cloud-init.log'] = node('file', 0o640, 'syslog', 'adm', cloud.mtime, { content: cloud.log });
    files['/var/log/cloud-init-output.log'] = node('file', 0o640, 'root', 'adm', cloud.mtime, { content: cloud.output });
    // landscape-sysinfo (the login banner's figures) logs only its plugins' failures: none.
    files['/var/log/landscape'] = node('dir', 0o755, 'landscape', 'landscape', installed + 120);
    files['/var/log/landscape/sysinfo.log'] = node('file', 0o644, 'root', 'root', installed + 120, { content: '' });
  }
  const upgrades = unattendedRuns(id, booted, now, desktop);
  const since = Math.max(installed, Date.UTC(partsOf(now).year, partsOf(now).month, 1) / 1000 + 6 * 3600 + 25 * 60);
  files['/var/log/unattended-upgrades'] = node('dir', 0o750, 'root', 'adm', installed);
  const kept = upgrades.filter((u) => u.at >= since && u.at <= now);
  files['/var/log/unattended-upgrades/unattended-upgrades.log'] = node('file', 0o644, 'root', 'root', kept.at(-1)?.at ?? since, { content: kept.length ? `${kept.map((u) => u.text).join('\n')}\n` : '' });
  return files;
}
