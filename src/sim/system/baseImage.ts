/**
 * The files an Ubuntu 18.04 server has whatever it runs: the kernel's /proc files, the logs
 * rsyslog keeps, the timezone, /var/backups, /tmp's sockets directories, and the files the
 * packages a host has install (nginx's /etc/nginx, haproxy's error pages and rsyslog snippet). Made from the host's own facts; the
 * scenario's files replace any of them.
 */
import type { HostSpec } from '../../scenario/world';
import type { FileNode, LiveSource } from '../fs';
import type { SimConfig } from '../world';
import { zoneOf } from './zone';
import { NGINX_PACKAGE_FILES } from './nginxPackage';
import { HAPROXY_ERRORS, HAPROXY_ERRORS_DIR, haproxyErrorFile } from './haproxyErrors';
import { HAPROXY_RSYSLOG_CONF, HAPROXY_RSYSLOG_TEXT } from './haproxySyslog';
import { STOCK_CRONTAB } from './cron';
import { UTMP_RECORD } from './wtmp';
import { ROTATED_LOGS, rotatedSource, type RotatedLog } from './liveFiles';

/** Hex digits that stay the same for the same text (systemd's random names, fixed per host). */
export function stableHex(text: string, length: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  let out = '';
  while (out.length < length) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/**
 * A desktop install (on a machine declared as a laptop or desktop) rather than the server image:
 * it lacks mdadm, has bc, and leaves its network to NetworkManager. The drill's servers are VMs.
 */
export function isDesktopInstall(spec: HostSpec | undefined): boolean {
  const chassis = spec?.system?.hardware?.chassis;
  return chassis === 'laptop' || chassis === 'desktop';
}

/** The host's /etc/machine-id: 32 hex digits, fixed for the host. */
export function machineIdOf(id: string): string {
  return stableHex(`${id}:machine-id`, 32);
}

/** Ubuntu 18.04 server's /etc/nsswitch.conf (libc-bin, with libnss-systemd): names from /etc/hosts, then DNS. */
export const NSSWITCH_CONF = "# /etc/nsswitch.conf\n#\n# Example configuration of GNU Name Service Switch functionality.\n# If you have the `glibc-doc-reference' and `info' packages installed, try:\n# `info libc \"Name Service Switch\"' for information about this file.\n\npasswd:         compat systemd\ngroup:          compat systemd\nshadow:         compat\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n";

const CRON_PLACEHOLDER = '# DO NOT EDIT OR REMOVE\n# This file is a simple placeholder to keep dpkg from removing this directory\n';

/** logrotate 3.11.0's /etc/cron.daily/logrotate, whole. */
const LOGROTATE_CRON = '#!/bin/sh\n\n# Clean non existent log file entries from status file\ncd /var/lib/logrotate\ntest -e status || touch status\nhead -1 status > status.clean\nsed \'s/"//g\' status | while read logfile date\ndo\n    [ -e "$logfile" ] && echo "\\"$logfile\\" $date"\ndone >> status.clean\nmv status.clean status\n\ntest -x /usr/sbin/logrotate || exit 0\n/usr/sbin/logrotate /etc/logrotate.conf\n';

type CronScript = { date: string } & ({ size: number } | { content: string });

/**
 * The scripts the server image's packages put in the directories /etc/crontab runs with
 * run-parts, with their packages' sizes and dates (a desktop install has no mdadm).
 */
function runPartsScripts(server: boolean): Record<string, Record<string, CronScript>> {
  const daily: Record<string, CronScript> = {
    '.placeholder': { date: '2017-11-16', content: CRON_PLACEHOLDER },
    apport: { date: '2019-11-11T16:06:24', size: 376 },
    'apt-compat': { date: '2018-04-20', size: 1478 },
    bsdmainutils: { date: '2017-12-29', size: 355 },
    dpkg: { date: '2017-11-02', size: 1176 },
    logrotate: { date: '2017-08-21', content: LOGROTATE_CRON },
    'man-db': { date: '2018-04-07', size: 1065 },
    ...(server ? { mdadm: { date: '2018-06-26', size: 539 } } : {}),
    mlocate: { date: '2018-03-01', size: 538 },
    passwd: { date: '2018-01-25', size: 249 },
    'popularity-contest': { date: '2018-02-21', size: 3477 },
    'update-notifier-common': { date: '2018-11-12', size: 214 },
  };
  return {
    'cron.hourly': { '.placeholder': { date: '2017-11-16', content: CRON_PLACEHOLDER } },
    'cron.daily': daily,
    'cron.weekly': { '.placeholder': { date: '2017-11-16', content: CRON_PLACEHOLDER }, 'man-db': { date: '2018-04-07', size: 723 }, 'update-notifier-common': { date: '2018-11-12', size: 211 } },
    'cron.monthly': { '.placeholder': { date: '2017-11-16', content: CRON_PLACEHOLDER } },
  };
}

/** cron's placeholder, popularity-contest's daily report (its time drawn at install: fixed per host here) and mdadm's monthly check. */
function cronDFiles(id: string, server: boolean): Record<string, string> {
  const seed = parseInt(stableHex(`${id}:popcon`, 4), 16);
  const files: Record<string, string> = {
    '.placeholder': CRON_PLACEHOLDER,
    'popularity-contest': `SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n${seed % 60} ${Math.floor(seed / 60) % 24} * * *   root    test -x /etc/cron.daily/popularity-contest && /etc/cron.daily/popularity-contest --crond\n`,
  };
  if (server) {
    files.mdadm = [
      '#',
      '# cron.d/mdadm -- schedules periodic redundancy checks of MD devices',
      '#',
      '# Copyright © martin f. krafft <madduck@madduck.net>',
      '# distributed under the terms of the Artistic Licence 2.0',
      '#',
      '',
      '# By default, run at 00:57 on every Sunday, but do nothing unless the day of',
      '# the month is less than or equal to 7. Thus, only run on the first Sunday of',
      '# each month. crontab(5) sucks, unfortunately, in this regard; therefore this',
      '# hack (see #380425).',
      '57 0 * * 0 root if [ -x /usr/share/mdadm/checkarray ] && [ $(date +\\%d) -le 7 ]; then /usr/share/mdadm/checkarray --cron --all --idle --quiet; fi',
      '',
    ].join('\n');
  }
  return files;
}

/** journald grows a file 8 MiB at a time: the active system.journal and the archived ones hold one step each here. */
export const JOURNAL_FILE_SIZE = 8 * 1024 * 1024;

/**
 * The persistent journal's files (Storage=auto, /var/log/journal exists): the active
 * `system.journal` and the archived `system@SEQNUMID-HEADSEQ-HEADTIME.journal` files journald
 * rotated out, a fixed number per host; what `du` counts and `journalctl --disk-usage` sums.
 */
export function journalFiles(id: string, installed: number): [string, number, number][] {
  const archived = 3 + (parseInt(stableHex(`${id}:journal-archives`, 2), 16) % 4);
  const seqnumId = stableHex(`${id}:journal-seqnum`, 32);
  const files: [string, number, number][] = [];
  for (let k = 0; k < archived; k += 1) {
    const headSeq = (1 + k * 9_731).toString(16).padStart(16, '0');
    const headTime = ((installed + k * 86_400) * 1_000_000).toString(16).padStart(16, '0');
    files.push([`system@${seqnumId}-${headSeq}-${headTime}.journal`, JOURNAL_FILE_SIZE, installed + (k + 1) * 86_400]);
  }
  // The active file's mtime is its last rotation's (the drill does not touch it on each write).
  files.push(['system.journal', JOURNAL_FILE_SIZE, installed + archived * 86_400]);
  return files;
}

/** When bash 4.4.18-2ubuntu1.2 was built (6 June 2019) and dash 0.5.8-2.10 (25 January 2018): their binaries' mtimes. */
const BASH_MTIME = 1_559_838_470;
const DASH_MTIME = 1_516_903_980;
/** What file 5.32 says of a PIE binary of 18.04 (it cuts the interpreter's name to `/lib64/l`). */
const elfMagic = (buildId: string): string => `ELF 64-bit LSB shared object, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/l, for GNU/Linux 3.2.0, BuildID[sha1]=${buildId}, stripped`;

/** The base image's files for a host; `passwd`, `group`, `shadow` are the host's own, for /var/backups. */
export function baseImageFiles(config: SimConfig, id: string, spec: HostSpec, installed: number, accounts: { passwd: string; group: string; shadow: string }): Record<string, FileNode> {
  const node = (kind: FileNode['kind'], mode: number, owner = 'root', group = owner, extra: Partial<FileNode> = {}): FileNode => ({ kind, owner, group, mode, mtime: installed, ...extra });
  const files: Record<string, FileNode> = {};
  const proc = (name: string, live: LiveSource) => (files[`/proc/${name}`] = node('file', 0o444, 'root', 'root', { live, size: 0 }));
  files['/proc'] = node('dir', 0o555);
  proc('loadavg', 'proc-loadavg');
  proc('uptime', 'proc-uptime');
  proc('meminfo', 'proc-meminfo');
  proc('cpuinfo', 'proc-cpuinfo');
  proc('version', 'proc-version');
  for (const [name, live] of [['syslog', 'syslog'], ['auth.log', 'auth.log'], ['kern.log', 'kern.log']] as const) files[`/var/log/${name}`] = node('file', 0o640, 'syslog', 'adm', { live });
  // logrotate's older copies (delaycompress: the newest is left uncompressed), as many as its policy keeps.
  for (const [name, policy] of Object.entries(ROTATED_LOGS) as [RotatedLog, { rotate: number }][]) {
    for (let i = 1; i <= policy.rotate; i += 1) files[`/var/log/${name}.${i}${i > 1 ? '.gz' : ''}`] = node('file', 0o640, 'syslog', 'adm', { live: rotatedSource(name, i), ...(i > 1 ? { gzip: true } : {}) });
  }
  files['/var/log/wtmp'] = node('file', 0o664, 'root', 'utmp', { size: UTMP_RECORD });
  files['/var/log/btmp'] = node('file', 0o660, 'root', 'utmp', { content: '' });
  files['/var/log/lastlog'] = node('file', 0o664, 'root', 'utmp', { size: 292_292 });
  files['/var/log/faillog'] = node('file', 0o644, 'root', 'root', { size: 32_032 });
  files['/var/log/apt'] = node('dir', 0o755);
  files['/var/log/journal'] = node('dir', 0o2755, 'root', 'systemd-journal');
  for (const [name, size, mtime] of journalFiles(id, installed)) {
    const dir = `/var/log/journal/${machineIdOf(id)}`;
    files[dir] = node('dir', 0o2755, 'root', 'systemd-journal');
    files[`${dir}/${name}`] = node('file', 0o640, 'root', 'systemd-journal', { size, mtime });
  }
  files['/etc/machine-id'] = node('file', 0o444, 'root', 'root', { content: `${machineIdOf(id)}\n` });
  const zone = zoneOf(config.timezone);
  files['/etc/timezone'] = node('file', 0o644, 'root', 'root', { content: `${zone.name}\n` });
  files['/etc/localtime'] = node('link', 0o777, 'root', 'root', { target: `/usr/share/zoneinfo/${zone.name}` });
  // bash 4.4.18-2ubuntu1.2 and dash 0.5.8-2.10 as their packages install them; /bin/sh is dash.
  files['/bin/bash'] = node('file', 0o755, 'root', 'root', { size: 1_113_504, mtime: BASH_MTIME, magic: elfMagic('12f73d7a8e226c663034529c8dd20efec22dde54') });
  files['/bin/rbash'] = node('link', 0o777, 'root', 'root', { target: 'bash', mtime: BASH_MTIME });
  files['/bin/dash'] = node('file', 0o755, 'root', 'root', { size: 121_432, mtime: DASH_MTIME, magic: elfMagic('a783260e3a5fe0afdae77417eea7fbf8d645219e') });
  files['/bin/sh'] = node('link', 0o777, 'root', 'root', { target: 'dash', mtime: DASH_MTIME });
  files['/var/backups'] = node('dir', 0o755);
  files['/var/backups/passwd.bak'] = node('file', 0o600, 'root', 'root', { content: accounts.passwd });
  files['/var/backups/group.bak'] = node('file', 0o644, 'root', 'root', { content: accounts.group });
  files['/var/backups/shadow.bak'] = node('file', 0o600, 'root', 'shadow', { content: accounts.shadow });
  files['/var/backups/dpkg.status.0'] = node('file', 0o644, 'root', 'root', { size: 1_178_640, magic: 'ASCII text' });
  files['/var/backups/apt.extended_states.0'] = node('file', 0o644, 'root', 'root', { size: 11_437, magic: 'ASCII text' });
  for (const dir of ['.ICE-unix', '.Test-unix', '.X11-unix', '.XIM-unix', '.font-unix']) files[`/tmp/${dir}`] = node('dir', 0o1777);
  const boot = stableHex(`${id}:boot`, 32);
  for (const unit of ['systemd-resolved.service', 'systemd-timesyncd.service']) files[`/tmp/systemd-private-${boot}-${unit}-${stableHex(`${id}:${unit}`, 6)}`] = node('dir', 0o700);
  files['/etc/nsswitch.conf'] = node('file', 0o644, 'root', 'root', { content: NSSWITCH_CONF });
  // The server image has mdadm (and its cron file); a desktop install has not.
  const server = !isDesktopInstall(spec);
  files['/etc/crontab'] = node('file', 0o644, 'root', 'root', { content: STOCK_CRONTAB });
  files['/etc/cron.d'] = node('dir', 0o755);
  for (const [name, content] of Object.entries(cronDFiles(id, server))) files[`/etc/cron.d/${name}`] = node('file', 0o644, 'root', 'root', { content });
  for (const [dir, scripts] of Object.entries(runPartsScripts(server))) {
    files[`/etc/${dir}`] = node('dir', 0o755);
    for (const [name, script] of Object.entries(scripts)) {
      const mtime = Date.parse(`${script.date}${script.date.includes('T') ? '' : 'T00:00:00'}Z`) / 1000;
      files[`/etc/${dir}/${name}`] = name === '.placeholder' ? node('file', 0o644, 'root', 'root', { content: CRON_PLACEHOLDER, mtime }) : node('file', 0o755, 'root', 'root', { ...('content' in script ? { content: script.content } : { size: script.size, magic: 'POSIX shell script, ASCII text executable' }), mtime });
    }
  }
  files['/var/spool'] = node('dir', 0o755);
  files['/var/spool/cron'] = node('dir', 0o755);
  files['/var/spool/cron/crontabs'] = node('dir', 0o1730, 'root', 'crontab');
  if (spec.programs?.includes('nginx')) {
    files['/etc/nginx/snippets'] = node('dir', 0o755);
    for (const [path, content] of Object.entries(NGINX_PACKAGE_FILES)) files[path] = node('file', 0o644, 'root', 'root', { content });
  }
  if (spec.programs?.includes('haproxy')) {
    files['/etc/haproxy'] = node('dir', 0o755);
    files[HAPROXY_ERRORS_DIR] = node('dir', 0o755);
    for (const error of Object.values(HAPROXY_ERRORS)) files[`${HAPROXY_ERRORS_DIR}/${error.status}.http`] = node('file', 0o644, 'root', 'root', { content: haproxyErrorFile(error) });
    files['/etc/rsyslog.d'] = node('dir', 0o755);
    files[HAPROXY_RSYSLOG_CONF] = node('file', 0o644, 'root', 'root', { content: HAPROXY_RSYSLOG_TEXT });
  }
  return files;
}

/**
 * The character devices of /dev every program expects (mem's minors and the tty's, as the kernel
 * numbers them), made by devtmpfs when the host booted (`booted`, epoch seconds). /dev/null reads
 * as empty; the others' bytes are not held (see `isDeviceWithoutBytes`).
 */
export function deviceFiles(booted: number): Record<string, FileNode> {
  const dev = (major: number, minor: number, mode = 0o666, group = 'root'): FileNode => ({ kind: 'file', owner: 'root', group, mode, mtime: booted, device: { major, minor }, ...(major === 1 && minor === 3 ? { content: '' } : {}) });
  return {
    '/dev/null': dev(1, 3),
    '/dev/zero': dev(1, 5),
    '/dev/full': dev(1, 7),
    '/dev/random': dev(1, 8),
    '/dev/urandom': dev(1, 9),
    '/dev/tty': dev(5, 0, 0o666, 'tty'),
  };
}

/**
 * What Ubuntu 18.04's tmpfs /run holds once booted (`booted`, epoch seconds), besides the
 * daemons' PID files (pidFiles.ts) and systemd's and MySQL's own directories.
 */
export function runFiles(booted: number): Record<string, FileNode> {
  const entry = (kind: FileNode['kind'], mode: number, owner = 'root', group = owner, extra: Partial<FileNode> = {}): FileNode => ({ kind, owner, group, mode, mtime: booted, ...extra });
  return {
    '/run': entry('dir', 0o755),
    '/run/blkid': entry('dir', 0o755),
    '/run/crond.reboot': entry('file', 0o644, 'root', 'root', { content: '' }),
    '/run/dbus': entry('dir', 0o755, 'messagebus', 'messagebus'),
    '/run/initramfs': entry('dir', 0o755),
    '/run/lock': entry('dir', 0o1777),
    '/run/log': entry('dir', 0o755),
    '/run/lvm': entry('dir', 0o700),
    '/run/mount': entry('dir', 0o755),
    '/run/sendsigs.omit.d': entry('dir', 0o755),
    '/run/sshd': entry('dir', 0o755),
    '/run/systemd': entry('dir', 0o755),
    '/run/tmpfiles.d': entry('dir', 0o755),
    '/run/udev': entry('dir', 0o755),
    '/run/utmp': entry('file', 0o664, 'root', 'utmp', { size: 1_536 }),
    '/run/uuidd': entry('dir', 0o2775, 'uuidd', 'uuidd'),
  };
}

/** A device whose bytes the drill does not model (everything in /dev but /dev/null). */
export function isDeviceWithoutBytes(node: FileNode): boolean {
  return node.device !== undefined && node.content === undefined;
}

