/**
 * The part of command-not-found's database (18.04's, main and universe) the drill needs: which
 * Debian package ships each program it models, and a few archive programs it does not model at
 * all (`sl`). The handler looks names up here whether or not the host has the package, so a typo
 * of an installed command (`sytemctl`) gets its spelling suggestions too.
 */
import type { Installable } from './notInstalled';

const BY_PACKAGE: Readonly<Record<string, readonly string[]>> = {
  coreutils: ['env', 'printenv', 'ls', 'dir', 'cat', 'tac', 'cp', 'mv', 'rm', 'rmdir', 'mkdir', 'touch', 'ln', 'chmod', 'chown', 'chgrp', 'stat', 'du', 'readlink', 'realpath', 'basename', 'dirname', 'md5sum', 'sha1sum', 'sha256sum', 'tee', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'nl', 'comm', 'seq', 'od', 'paste', 'uname', 'date', 'whoami', 'id', 'groups', 'who', 'tty', 'users', 'nproc', 'sleep', 'df', 'echo', 'pwd', 'true', 'false', 'printf'],
  debianutils: ['which', 'run-parts'],
  sudo: ['sudo'],
  login: ['su', 'lastlog'],
  'openssh-client': ['ssh', 'scp', 'ssh-add', 'ssh-keygen'],
  'ncurses-bin': ['clear'],
  bash: ['bash', 'rbash'],
  dash: ['dash', 'sh'],
  less: ['less'],
  'util-linux': ['more', 'rev', 'lsblk', 'dmesg', 'lscpu', 'last'],
  bsdutils: ['logger'],
  gzip: ['zless', 'zcat', 'gzip', 'gunzip', 'zgrep', 'zegrep'],
  findutils: ['find', 'xargs'],
  file: ['file'],
  tar: ['tar'],
  grep: ['grep', 'egrep', 'fgrep'],
  bsdmainutils: ['column'],
  diffutils: ['diff'],
  sed: ['sed'],
  mawk: ['mawk', 'awk'],
  xxd: ['xxd'],
  systemd: ['systemctl', 'journalctl', 'systemd-detect-virt', 'timedatectl', 'hostnamectl', 'systemd-resolve'],
  'init-system-helpers': ['service'],
  procps: ['kill', 'ps', 'pgrep', 'pkill', 'top', 'free', 'uptime', 'watch', 'sysctl', 'w', 'vmstat'],
  'sysvinit-utils': ['pidof'],
  psmisc: ['killall', 'pstree'],
  hostname: ['hostname'],
  'libc-bin': ['getent'],
  'lsb-release': ['lsb_release'],
  cron: ['crontab'],
  'iputils-ping': ['ping'],
  dnsutils: ['dig', 'nslookup'],
  'bind9-host': ['host'],
  iproute2: ['ip', 'ss'],
  'iputils-tracepath': ['tracepath'],
  'mtr-tiny': ['mtr'],
  curl: ['curl'],
  wget: ['wget'],
  'netcat-openbsd': ['nc'],
  telnet: ['telnet'],
  openssl: ['openssl'],
  lsof: ['lsof'],
  iptables: ['iptables'],
  ufw: ['ufw'],
};

/** Programs whose name more than one package ships, in the handler's order. */
const SHARED: Readonly<Record<string, Installable>> = {
  mysql: { apt: ['mysql-client-core-5.7', 'mariadb-client-core-10.1'] },
  mysqldump: { apt: ['mysql-client-core-5.7', 'mariadb-client-core-10.1'] },
  mysqladmin: { apt: ['mysql-client-core-5.7', 'mariadb-client-core-10.1'] },
  mysqlbinlog: { apt: ['mysql-client-core-5.7', 'mariadb-client-core-10.1'] },
  mysqld: { apt: ['mysql-server-core-5.7', 'mariadb-server-core-10.1'] },
  nginx: { apt: ['nginx-core', 'nginx-extras', 'nginx-full', 'nginx-light'] },
  haproxy: { apt: ['haproxy'] },
  python3: { apt: ['python3'] },
};

/** Archive programs the drill does not model at all: the handler only tells you how to install them. */
const ARCHIVE_ONLY: Readonly<Record<string, Installable>> = {
  sl: { apt: ['sl'] },
  cowsay: { apt: ['cowsay'] },
  figlet: { apt: ['figlet'] },
  pv: { apt: ['pv'] },
  tree: { apt: ['tree'] },
  ncdu: { apt: ['ncdu'] },
  ack: { apt: ['ack'] },
  rg: { apt: ['ripgrep'] },
};

const DATABASE: ReadonlyMap<string, Installable> = new Map([
  ...Object.entries(BY_PACKAGE).flatMap(([deb, names]) => names.map((n) => [n, { apt: [deb] }] as [string, Installable])),
  ...Object.entries(SHARED),
  ...Object.entries(ARCHIVE_ONLY),
]);

/** The packages the handler's database gives for a program name, if any. */
export function archivePackages(name: string): Installable | null {
  return DATABASE.get(name) ?? null;
}

/** Every name in the database, with its packages. */
export function archivePrograms(): [string, Installable][] {
  return [...DATABASE.entries()];
}
