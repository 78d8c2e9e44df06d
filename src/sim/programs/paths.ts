/**
 * Where a program lives on an Ubuntu 18.04 host, and whether the host has it at all: what
 * `which`, `type`, `command -v` and sudo's log line name. A host has a program the drill runs
 * (the base system's, the ones its spec installs), the packaged programs every server has but
 * the drill does not run (vim, python3, git…), the binary a unit of its own starts
 * (`/usr/bin/node` for an app whose ExecStart runs it), and any executable file on the PATH.
 */
import type { FileNode } from '../fs';
import { lookup } from '../fs';
import type { SimConfig } from '../world';
import { unitsOf } from '../system/units';
import { findProgram } from './registry';

/** bash's default PATH on Ubuntu, in the order it searches. */
export const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Programs in /bin (coreutils, procps, iproute2, net-tools, util-linux's essentials). */
const IN_BIN = new Set(['bash', 'sh', 'dash', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'date', 'dd', 'df', 'dmesg', 'echo', 'egrep', 'false', 'fgrep', 'grep', 'gunzip', 'gzip', 'hostname', 'journalctl', 'kill', 'less', 'ln', 'login', 'ls', 'lsblk', 'mkdir', 'mktemp', 'more', 'mount', 'mv', 'nano', 'nc', 'netstat', 'pidof', 'ping', 'ps', 'pwd', 'readlink', 'rm', 'rmdir', 'sed', 'sleep', 'ss', 'stty', 'su', 'sync', 'systemctl', 'tar', 'touch', 'true', 'umount', 'uname', 'zcat', 'zgrep', 'zless', 'zmore', 'ed', 'run-parts', 'which']);
/** Programs in /sbin. */
const IN_SBIN = new Set(['ip', 'ifconfig', 'sysctl', 'iptables', 'reboot', 'shutdown', 'poweroff', 'halt', 'fdisk', 'route', 'blkid', 'modprobe', 'lsmod', 'mkfs', 'fsck', 'init', 'runlevel']);
/** Programs in /usr/sbin. */
const IN_USR_SBIN = new Set(['arp', 'nginx', 'haproxy', 'mysqld', 'service', 'sshd', 'cron', 'rsyslogd', 'tcpdump', 'traceroute', 'useradd', 'usermod', 'userdel', 'visudo', 'ufw', 'openvpn', 'chroot', 'logrotate']);

/** Packaged programs an Ubuntu 18.04 server has that the drill does not run. */
const PACKAGED = new Set(['vi', 'vim', 'vim.basic', 'nano', 'ed', 'htop', 'tmux', 'screen', 'apt', 'apt-get', 'apt-cache', 'dpkg', 'snap', 'python3', 'perl', 'strace', 'tcpdump', 'lsof', 'crontab', 'at', 'reboot', 'shutdown', 'poweroff', 'passwd', 'useradd', 'usermod', 'visudo', 'iptables', 'ufw', 'mount', 'fdisk', 'git', 'watch', 'xargs', 'bash', 'sh', 'less', 'more', 'man', 'logrotate', 'echo', 'pwd', 'true', 'false', 'kill', 'printf', 'test', '[']);

/** Where a program of this name is installed on Ubuntu 18.04. */
export function binPath(name: string): string {
  if (name === 'which') return '/usr/bin/which';
  if (IN_BIN.has(name)) return `/bin/${name}`;
  if (IN_SBIN.has(name)) return `/sbin/${name}`;
  if (IN_USR_SBIN.has(name)) return `/usr/sbin/${name}`;
  return `/usr/bin/${name}`;
}

function executable(node: FileNode | undefined): boolean {
  return node !== undefined && node.kind !== 'dir' && (node.mode & 0o111) !== 0;
}

/** The path `which` prints for a name on a host, or null when the host has no such program. */
export function programPath(config: SimConfig, host: string, files: Readonly<Record<string, FileNode>>, name: string): string | null {
  if (name === '' || name.includes('/')) {
    const found = name.startsWith('/') ? lookup(files, name) : null;
    return found && executable(found.node) ? name : null;
  }
  for (const dir of DEFAULT_PATH) {
    const found = lookup(files, `${dir}/${name}`);
    if (found && executable(found.node)) return `${dir}/${name}`;
  }
  if (findProgram(config, host, name) || PACKAGED.has(name)) return binPath(name);
  for (const unit of unitsOf(config, host)) {
    for (const line of [unit.execStart, ...unit.execStartPre, unit.mainCommand]) {
      const program = (line.trim().split(/\s+/)[0] ?? '').replace(/^[-@+!:]+/, '');
      if (program.startsWith('/') && program.slice(program.lastIndexOf('/') + 1) === name) return program;
    }
  }
  return null;
}
