/**
 * The services every Ubuntu 18.04 server runs (systemd 237): daemons with their processes as
 * `ps` shows them, and the one-shot units that ran at boot and stay `active (exited)`. Typical
 * boot-time PIDs; a PID the scenario pins for another unit wins and these move aside.
 */

export interface BaseUnit {
  name: string;
  description: string;
  /** Null for one-shot units that ran at boot (active, exited). */
  command: string | null;
  execStart: string;
  comm?: string;
  user?: string;
  pid?: number;
  rssKiB?: number;
  vszKiB?: number;
  threads?: number;
  type?: 'simple' | 'forking' | 'notify' | 'oneshot';
  enabled?: 'enabled' | 'disabled' | 'static';
  unitFile?: string;
  aliases?: readonly string[];
  /** The target its [Install] section's WantedBy= names (default multi-user.target). */
  wantedBy?: string;
  documentation?: readonly string[];
  sysv?: boolean;
  listen?: readonly { address: string; proto: 'tcp' | 'udp'; backlog: number }[];
  execReload?: readonly string[];
  restart?: 'no' | 'always' | 'on-failure';
}

const oneshot = (name: string, description: string, execStart: string, enabled: BaseUnit['enabled'] = 'static', extra: Partial<BaseUnit> = {}): BaseUnit => ({ name, description, command: null, execStart, type: 'oneshot', enabled, ...extra });

export const BASE_UNITS: readonly BaseUnit[] = [
  oneshot('apparmor.service', 'AppArmor initialization', '/lib/apparmor/apparmor.systemd reload', 'enabled', { documentation: ['man:apparmor(7)', 'http://wiki.apparmor.net/'], wantedBy: 'sysinit.target' }),
  { name: 'accounts-daemon.service', description: 'Accounts Service', command: '/usr/lib/accountsservice/accounts-daemon', execStart: '/usr/lib/accountsservice/accounts-daemon', comm: 'accounts-daemon', pid: 774, rssKiB: 6_720, vszKiB: 287_992, threads: 3, enabled: 'enabled', wantedBy: 'graphical.target' },
  { name: 'atd.service', description: 'Deferred execution scheduler', command: '/usr/sbin/atd -f', execStart: '/usr/sbin/atd -f', comm: 'atd', user: 'daemon', pid: 790, rssKiB: 2_240, vszKiB: 28_332, enabled: 'enabled', documentation: ['man:atd(8)'], sysv: true },
  oneshot('console-setup.service', 'Set console font and keymap', '/lib/console-setup/console-setup.sh', 'enabled'),
  { name: 'cron.service', description: 'Regular background program processing daemon', command: '/usr/sbin/cron -f', execStart: '/usr/sbin/cron -f $EXTRA_OPTS', comm: 'cron', pid: 784, rssKiB: 3_012, vszKiB: 31_748, enabled: 'enabled', documentation: ['man:cron(8)'], sysv: true },
  { name: 'dbus.service', description: 'D-Bus System Message Bus', command: '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', execStart: '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', comm: 'dbus-daemon', user: 'messagebus', pid: 778, rssKiB: 4_560, vszKiB: 50_096, enabled: 'static', documentation: ['man:dbus-daemon(1)'] },
  { name: 'getty@tty1.service', description: 'Getty on tty1', command: '/sbin/agetty -o -p -- \\u --noclear tty1 linux', execStart: '/sbin/agetty -o \'-p -- \\\\u\' --noclear %I $TERM', comm: 'agetty', pid: 861, rssKiB: 1_716, vszKiB: 16_180, enabled: 'enabled', unitFile: '/lib/systemd/system/getty@.service', documentation: ['man:agetty(8)', 'man:systemd-getty-generator(8)'], wantedBy: 'getty.target' },
  oneshot('grub-common.service', 'LSB: Record successful boot for GRUB', '/etc/init.d/grub-common start', 'enabled', { unitFile: '/etc/init.d/grub-common' }),
  { name: 'irqbalance.service', description: 'irqbalance daemon', command: '/usr/sbin/irqbalance --foreground', execStart: '/usr/sbin/irqbalance --foreground $IRQBALANCE_ARGS', comm: 'irqbalance', pid: 808, rssKiB: 1_880, vszKiB: 170_404, threads: 2, enabled: 'enabled', sysv: true },
  oneshot('keyboard-setup.service', 'Set the console keyboard layout', '/lib/console-setup/keyboard-setup.sh', 'enabled', { wantedBy: 'sysinit.target' }),
  oneshot('kmod-static-nodes.service', 'Create list of required static device nodes for the current kernel', '/bin/kmod static-nodes --format=tmpfiles --output=/run/tmpfiles.d/kmod.conf'),
  { name: 'lvm2-lvmetad.service', description: 'LVM2 metadata daemon', command: '/sbin/lvmetad -f', execStart: '/sbin/lvmetad -f', comm: 'lvmetad', pid: 403, rssKiB: 1_832, vszKiB: 95_540, enabled: 'static', documentation: ['man:lvmetad(8)'] },
  { name: 'lxcfs.service', description: 'FUSE filesystem for LXC', command: '/usr/bin/lxcfs /var/lib/lxcfs/', execStart: '/usr/bin/lxcfs /var/lib/lxcfs/', comm: 'lxcfs', pid: 772, rssKiB: 1_560, vszKiB: 163_052, threads: 3, enabled: 'enabled', documentation: ['man:lxcfs(1)'] },
  { name: 'networkd-dispatcher.service', description: 'Dispatcher daemon for systemd-networkd', command: '/usr/bin/python3 /usr/bin/networkd-dispatcher --run-startup-triggers', execStart: '/usr/bin/networkd-dispatcher $networkd_dispatcher_args', comm: 'networkd-dispat', pid: 768, rssKiB: 16_664, vszKiB: 169_096, enabled: 'enabled' },
  { name: 'polkit.service', description: 'Authorization Manager', command: '/usr/lib/policykit-1/polkitd --no-debug', execStart: '/usr/lib/policykit-1/polkitd --no-debug', comm: 'polkitd', pid: 829, rssKiB: 6_124, vszKiB: 292_884, threads: 3, enabled: 'static', type: 'simple' },
  { name: 'rsyslog.service', description: 'System Logging Service', command: '/usr/sbin/rsyslogd -n', execStart: '/usr/sbin/rsyslogd -n', comm: 'rsyslogd', user: 'syslog', pid: 776, rssKiB: 4_408, vszKiB: 267_272, threads: 4, enabled: 'enabled', documentation: ['man:rsyslogd(8)', 'http://www.rsyslog.com/doc/'], aliases: ['syslog.service'], sysv: true },
  oneshot('setvtrgb.service', 'Set console scheme', '/sbin/setvtrgb -f /etc/vtrgb', 'enabled'),
  { name: 'ssh.service', description: 'OpenBSD Secure Shell server', command: '/usr/sbin/sshd -D', execStart: '/usr/sbin/sshd -D $SSHD_OPTS', comm: 'sshd', pid: 853, rssKiB: 6_420, vszKiB: 72_300, enabled: 'enabled', aliases: ['sshd.service'], sysv: true, execReload: ['/usr/sbin/sshd -t', '/bin/kill -HUP $MAINPID'], restart: 'on-failure', listen: [{ address: '0.0.0.0:22', proto: 'tcp', backlog: 128 }, { address: ':::22', proto: 'tcp', backlog: 128 }] },
  oneshot('systemd-journal-flush.service', 'Flush Journal to Persistent Storage', '/bin/journalctl --flush', 'static', { documentation: ['man:systemd-journald.service(8)', 'man:journald.conf(5)'] }),
  { name: 'systemd-journald.service', description: 'Journal Service', command: '/lib/systemd/systemd-journald', execStart: '/lib/systemd/systemd-journald', comm: 'systemd-journal', pid: 391, rssKiB: 7_868, vszKiB: 94_996, enabled: 'static', type: 'notify', documentation: ['man:systemd-journald.service(8)', 'man:journald.conf(5)'] },
  { name: 'systemd-logind.service', description: 'Login Service', command: '/lib/systemd/systemd-logind', execStart: '/lib/systemd/systemd-logind', comm: 'systemd-logind', pid: 781, rssKiB: 5_452, vszKiB: 70_632, enabled: 'static', type: 'notify', documentation: ['man:systemd-logind.service(8)', 'man:logind.conf(5)', 'https://www.freedesktop.org/wiki/Software/systemd/logind', 'https://www.freedesktop.org/wiki/Software/systemd/multiseat'] },
  oneshot('systemd-modules-load.service', 'Load Kernel Modules', '/lib/systemd/systemd-modules-load', 'static', { documentation: ['man:systemd-modules-load.service(8)', 'man:modules-load.d(5)'] }),
  { name: 'systemd-networkd.service', description: 'Network Service', command: '/lib/systemd/systemd-networkd', execStart: '/lib/systemd/systemd-networkd', comm: 'systemd-network', user: 'systemd-network', pid: 652, rssKiB: 5_204, vszKiB: 80_052, enabled: 'enabled', type: 'notify', documentation: ['man:systemd-networkd.service(8)'], aliases: ['dbus-org.freedesktop.network1.service'] },
  oneshot('systemd-random-seed.service', 'Load/Save Random Seed', '/lib/systemd/systemd-random-seed load', 'static', { documentation: ['man:systemd-random-seed.service(8)', 'man:random(4)'] }),
  oneshot('systemd-remount-fs.service', 'Remount Root and Kernel File Systems', '/lib/systemd/systemd-remount-fs', 'static', { documentation: ['man:systemd-remount-fs.service(8)', 'https://www.freedesktop.org/wiki/Software/systemd/APIFileSystems'] }),
  { name: 'systemd-resolved.service', description: 'Network Name Resolution', command: '/lib/systemd/systemd-resolved', execStart: '/lib/systemd/systemd-resolved', comm: 'systemd-resolve', user: 'systemd-resolve', pid: 676, rssKiB: 5_300, vszKiB: 70_764, enabled: 'enabled', type: 'notify', documentation: ['man:systemd-resolved.service(8)', 'https://www.freedesktop.org/wiki/Software/systemd/resolved', 'https://www.freedesktop.org/wiki/Software/systemd/writing-network-configuration-managers', 'https://www.freedesktop.org/wiki/Software/systemd/writing-resolver-clients'], listen: [{ address: '127.0.0.53:53', proto: 'tcp', backlog: 128 }, { address: '127.0.0.53:53', proto: 'udp', backlog: 0 }], aliases: ['dbus-org.freedesktop.resolve1.service'] },
  oneshot('systemd-sysctl.service', 'Apply Kernel Variables', '/lib/systemd/systemd-sysctl', 'static', { documentation: ['man:systemd-sysctl.service(8)', 'man:sysctl.d(5)'] }),
  { name: 'systemd-timesyncd.service', description: 'Network Time Synchronization', command: '/lib/systemd/systemd-timesyncd', execStart: '/lib/systemd/systemd-timesyncd', comm: 'systemd-timesyn', user: 'systemd-timesync', pid: 562, rssKiB: 3_160, vszKiB: 141_932, threads: 2, enabled: 'enabled', type: 'notify', documentation: ['man:systemd-timesyncd.service(8)'], wantedBy: 'sysinit.target', aliases: ['dbus-org.freedesktop.timesync1.service'] },
  oneshot('systemd-tmpfiles-setup-dev.service', 'Create Static Device Nodes in /dev', '/bin/systemd-tmpfiles --prefix=/dev --create --boot', 'static', { documentation: ['man:tmpfiles.d(5)', 'man:systemd-tmpfiles(8)'] }),
  oneshot('systemd-tmpfiles-setup.service', 'Create Volatile Files and Directories', '/bin/systemd-tmpfiles --create --remove --boot --exclude-prefix=/dev', 'static', { documentation: ['man:tmpfiles.d(5)', 'man:systemd-tmpfiles(8)'] }),
  oneshot('systemd-udev-trigger.service', 'udev Coldplug all Devices', '/bin/udevadm trigger --type=subsystems --action=add', 'static', { documentation: ['man:udev(7)', 'man:systemd-udevd.service(8)'] }),
  { name: 'systemd-udevd.service', description: 'udev Kernel Device Manager', command: '/lib/systemd/systemd-udevd', execStart: '/lib/systemd/systemd-udevd', comm: 'systemd-udevd', pid: 414, rssKiB: 5_036, vszKiB: 45_136, enabled: 'static', type: 'notify', documentation: ['man:systemd-udevd.service(8)', 'man:udev(7)'] },
  oneshot('systemd-update-utmp.service', 'Update UTMP about System Boot/Shutdown', '/lib/systemd/systemd-update-utmp reboot', 'static', { documentation: ['man:systemd-update-utmp.service(8)', 'man:utmp(5)'] }),
  oneshot('systemd-user-sessions.service', 'Permit User Sessions', '/lib/systemd/systemd-user-sessions start', 'static', { documentation: ['man:systemd-user-sessions.service(8)'] }),
  oneshot('ufw.service', 'Uncomplicated firewall', '/lib/ufw/ufw-init start quiet', 'enabled', { documentation: ['man:ufw(8)'] }),
  { name: 'unattended-upgrades.service', description: 'Unattended Upgrades Shutdown', command: '/usr/bin/python3 /usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal', execStart: '/usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal', comm: 'unattended-upgr', pid: 843, rssKiB: 20_412, vszKiB: 187_668, threads: 2, enabled: 'enabled', documentation: ['man:unattended-upgrade(8)'], sysv: true },
];
