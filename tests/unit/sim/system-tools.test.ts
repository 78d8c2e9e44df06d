/**
 * The realism corpus of the system tools: each command with the exact output Ubuntu 18.04
 * (procps-ng 3.3.12, coreutils 8.28, util-linux 2.31, nginx 1.14, HAProxy 1.8) prints for this
 * fixture's state, written from the tools' own formats.
 */
import { describe, expect, it } from 'vitest';
import { run } from './system-fixture';

interface Case {
  /** Lines typed first (ssh, sudo…). */
  setup?: readonly string[];
  command: string;
  output: readonly string[];
}

const USAGE_PS = ['', 'Usage:', ' ps [options]', '', " Try 'ps --help <simple|list|output|threads|misc|all>'", "  or 'ps --help <s|l|o|t|m|a>'", ' for additional help text.', '', 'For more details see ps(1).'];
const WEB = ['ssh web'];
const LB = ['ssh lb'];
const DB = ['ssh db'];

const corpus: Record<string, Case[]> = {
  ps: [
    { command: 'ps', output: ['  PID TTY          TIME CMD', '19600 pts/0    00:00:02 bash', '21001 pts/0    00:00:00 ps'] },
    { setup: WEB, command: 'ps -C nginx', output: ['  PID TTY          TIME CMD', '  640 ?        00:00:00 nginx', '  641 ?        00:00:10 nginx', '  642 ?        00:00:10 nginx'] },
    { setup: WEB, command: 'ps -o pid,ppid,user,comm -C nginx', output: ['  PID  PPID USER     COMMAND', '  640     1 root     nginx', '  641   640 www-data nginx', '  642   640 www-data nginx'] },
    { setup: WEB, command: 'ps -fp 640', output: ['UID        PID  PPID  C STIME TTY          TIME CMD', 'root       640     1  0 Feb27 ?        00:00:00 nginx: master process /usr/sbin/nginx -g daemon on; master_process on;'] },
    { setup: WEB, command: 'ps -p 702 -o user,pid,%cpu,%mem,vsz,rss,tty,stat,time,cmd', output: ['USER       PID %CPU %MEM    VSZ   RSS TT       STAT     TIME CMD', 'shop       702  0.8  2.5 1024788 98304 ?       Ssl  00:36:31 /usr/bin/node /srv/shop/server.js'] },
    { setup: DB, command: 'ps aux | tail -6', output: [
      'ana      21002  0.0  0.0  76652  7488 ?        Ss   14:05   0:00 /lib/systemd/systemd --user',
      'ana      21003  0.0  0.0 193920  2432 ?        S    14:05   0:00 (sd-pam)',
      'ana      21004  0.0  0.0 108092  4940 ?        S    14:05   0:00 sshd: ana@pts/0',
      'ana      21005  0.0  0.0  23132  5040 pts/0    Ss   14:05   0:00 -bash',
      'ana      21007  0.0  0.0  37364  3300 pts/0    R+   14:05   0:00 ps aux',
      // bash forked tail with ps: it is listed, waiting on its input.
      'ana      21008  0.0  0.0  14856  1012 pts/0    S+   14:05   0:00 tail -6',
    ] },
    { command: 'ps aux | head -3', output: ['USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND', 'root         1  0.0  0.2 225520  9212 ?        Ss   Feb18   0:41 /sbin/init', 'root         2  0.0  0.0      0     0 ?        S    Feb18   0:00 [kthreadd]'] },
    { command: 'ps -ef | head -2', output: ['UID        PID  PPID  C STIME TTY          TIME CMD', 'root         1     0  0 Feb18 ?        00:00:41 /sbin/init'] },
    { command: 'ps -p 1 -o pid,user,stat,cmd', output: ['  PID USER     STAT CMD', '    1 root     Ss   /sbin/init'] },
    { command: 'ps --no-headers -o pid= -C cron', output: ['  784'] },
    { setup: DB, command: 'ps -u mysql', output: ['  PID TTY          TIME CMD', ' 1123 ?        03:51:35 mysqld'] },
    { command: 'ps -o foo', output: ['error: unknown user-defined format specifier "foo"', ...USAGE_PS] },
    { command: 'ps -Z9', output: ['error: unsupported SysV option', ...USAGE_PS] },
    { command: 'ps Q', output: ['error: unsupported option (BSD syntax)', ...USAGE_PS] },
    { command: 'ps -p 99999; echo $?', output: ['  PID TTY          TIME CMD', '1'] },
  ],
  pgrep: [
    { setup: WEB, command: 'pgrep nginx', output: ['640', '641', '642'] },
    { setup: WEB, command: 'pgrep -l nginx', output: ['640 nginx', '641 nginx', '642 nginx'] },
    { setup: WEB, command: 'pgrep -a nginx', output: ['640 nginx: master process /usr/sbin/nginx -g daemon on; master_process on;', '641 nginx: worker process', '642 nginx: worker process'] },
    { setup: WEB, command: 'pgrep -f server.js', output: ['702'] },
    { setup: WEB, command: 'pgrep -x nod; echo $?', output: ['1'] },
    { setup: WEB, command: 'pgrep -c -u www-data', output: ['2'] },
    { setup: WEB, command: 'pgrep -d, nginx', output: ['640,641,642'] },
    { setup: WEB, command: 'pidof nginx', output: ['642 641 640'] },
    { command: 'pgrep', output: ['pgrep: no matching criteria specified', "Try `pgrep --help' for more information."] },
    { command: 'pgrep "("', output: ['Unmatched ( or \\('] },
    { setup: WEB, command: 'pkill nginx', output: ['pkill: killing pid 640 failed: Operation not permitted', 'pkill: killing pid 641 failed: Operation not permitted', 'pkill: killing pid 642 failed: Operation not permitted'] },
  ],
  kill: [
    { setup: WEB, command: 'kill 640', output: ['-bash: kill: (640) - Operation not permitted'] },
    { command: 'kill -9 99999', output: ['-bash: kill: (99999) - No such process'] },
    { command: 'kill -s FOO 1', output: ['-bash: kill: FOO: invalid signal specification'] },
    { command: 'kill abc', output: ['-bash: kill: abc: arguments must be process or job IDs'] },
    { command: 'kill', output: ['kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]'] },
    { command: 'kill -l 9', output: ['KILL'] },
    { command: 'kill -l KILL', output: ['9'] },
    { command: 'kill -l | head -2', output: [' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP', ' 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1'] },
  ],
  memory: [
    { setup: WEB, command: 'free -m', output: ['              total        used        free      shared  buff/cache   available', 'Mem:           3891        1331         921          12        1638        2320', 'Swap:             0           0           0'] },
    { command: 'free -h', output: ['              total        used        free      shared  buff/cache   available', 'Mem:           3.9G        343M        2.4G         15M        1.2G        3.3G', 'Swap:            0B          0B          0B'] },
    { command: 'free -wm', output: ['              total        used        free      shared     buffers       cache   available', 'Mem:           3944         343        2417          15          71        1112        3421', 'Swap:             0           0           0'] },
    { command: 'free -t', output: ['              total        used        free      shared  buff/cache   available', 'Mem:        4039436      351934     2475671       16158     1211831     3503950', 'Swap:             0           0           0', 'Total:      4039436      351934     2475671'] },
    { setup: DB, command: 'free -g', output: ['              total        used        free      shared  buff/cache   available', 'Mem:             15           9           0           0           5           5', 'Swap:             2           0           2'] },
    { command: 'free -x 2>&1 | head -3', output: ["free: invalid option -- 'x'", '', 'Usage:'] },
  ],
  uptime: [
    { command: 'uptime', output: [' 14:05:00 up 12 days,  3:05,  1 user,  load average: 0.08, 0.03, 0.01'] },
    { setup: WEB, command: 'uptime', output: [' 14:05:00 up 3 days,  4:07,  1 user,  load average: 0.15, 0.10, 0.05'] },
    { command: 'uptime --pretty', output: ['up 1 week, 5 days, 3 hours, 5 minutes'] },
    { setup: DB, command: 'uptime -p', output: ['up 5 weeks, 5 days, 5 hours'] },
    { setup: DB, command: 'uptime -s', output: ['2021-01-21 09:05:00'] },
  ],
  df: [
    { command: 'df -h', output: ['Filesystem      Size  Used Avail Use% Mounted on', 'udev            2.0G     0  2.0G   0% /dev', 'tmpfs           395M 1004K  394M   1% /run', '/dev/vda1        39G  6.1G   31G  17% /', 'tmpfs           2.0G     0  2.0G   0% /dev/shm', 'tmpfs           5.0M     0  5.0M   0% /run/lock', 'tmpfs           2.0G     0  2.0G   0% /sys/fs/cgroup', 'tmpfs           395M     0  395M   0% /run/user/1000'] },
    { setup: WEB, command: 'df -h /', output: ['Filesystem      Size  Used Avail Use% Mounted on', '/dev/vda1        39G   12G   26G  33% /'] },
    { setup: WEB, command: 'df -hT | head -3', output: ['Filesystem     Type      Size  Used Avail Use% Mounted on', 'udev           devtmpfs  1.9G     0  1.9G   0% /dev', 'tmpfs          tmpfs     390M 1004K  389M   1% /run'] },
    { command: 'df -x tmpfs', output: ['Filesystem     1K-blocks    Used Available Use% Mounted on', 'udev             2007716       0   2007716   0% /dev', '/dev/vda1       40894464 6396313  32453428  17% /'] },
    { setup: DB, command: 'df -h /var/lib/mysql', output: ['Filesystem      Size  Used Avail Use% Mounted on', '/dev/sdb1       196G   62G  125G  33% /var/lib/mysql'] },
    { setup: DB, command: 'df -i / | tail -1', output: ['/dev/sda1      3145728 232732 2912996    8% /'] },
    { command: 'df /nope', output: ['df: /nope: No such file or directory'] },
    { command: 'df -q', output: ["df: invalid option -- 'q'", "Try 'df --help' for more information."] },
  ],
  identity: [
    { command: 'uname', output: ['Linux'] },
    { setup: WEB, command: 'uname -a', output: ['Linux shop-web 4.15.0-99-generic #100-Ubuntu SMP Wed Apr 22 20:32:56 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux'] },
    { command: 'uname -rs', output: ['Linux 4.15.0-99-generic'] },
    { command: 'uname -o', output: ['GNU/Linux'] },
    { command: 'uname -z', output: ["uname: invalid option -- 'z'", "Try 'uname --help' for more information."] },
    { command: 'hostname', output: ['dev-laptop'] },
    { setup: WEB, command: 'hostname -I', output: ['10.1.0.5 '] },
    { setup: WEB, command: 'hostname -i', output: ['127.0.1.1'] },
    { command: 'hostname new', output: ['hostname: you must be root to change the host name'] },
    { command: 'whoami', output: ['ana'] },
    { command: 'id', output: ['uid=1000(ana) gid=1000(ana) groups=1000(ana),27(sudo)'] },
    { setup: WEB, command: 'id', output: ['uid=1001(ana) gid=1001(ana) groups=1001(ana),4(adm),27(sudo)'] },
    { setup: WEB, command: 'id www-data', output: ['uid=33(www-data) gid=33(www-data) groups=33(www-data)'] },
    { setup: WEB, command: 'id -Gn', output: ['ana adm sudo'] },
    { command: 'id -u; id -g; id -G', output: ['1000', '1000', '1000 27'] },
    { command: 'id nosuch', output: ['id: ‘nosuch’: no such user'] },
    { command: 'groups', output: ['ana sudo'] },
    { setup: WEB, command: 'groups root ana', output: ['root : root', 'ana : ana adm sudo'] },
    { setup: [...WEB, 'sudo -i'], command: 'id', output: ['uid=0(root) gid=0(root) groups=0(root)'] },
  ],
  logins: [
    { setup: WEB, command: 'w', output: [' 14:05:00 up 3 days,  4:07,  1 user,  load average: 0.15, 0.10, 0.05', 'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT', 'ana      pts/0    10.9.0.6         14:05    0.00s  0.04s  0.00s w'] },
    { setup: WEB, command: 'who', output: ['ana      pts/0        2021-03-02 14:05 (10.9.0.6)'] },
    { command: 'who', output: ['ana      :0           2021-02-18 11:05 (:0)'] },
    { command: 'who -b', output: ['         system boot  2021-02-18 11:00'] },
    { setup: WEB, command: 'users', output: ['ana'] },
    { setup: WEB, command: 'last', output: ['ana      pts/0        10.9.0.6         Tue Mar  2 14:05   still logged in', 'ana      pts/0        10.9.0.6         Sat Feb 27 18:44 - 18:57  (00:13)', 'reboot   system boot  4.15.0-99-generi Sat Feb 27 09:58   still running', '', 'wtmp begins Sat Feb 27 09:58:00 2021'] },
  ],
  cpu: [
    { command: 'nproc', output: ['2'] },
    { setup: DB, command: 'nproc', output: ['4'] },
    { setup: DB, command: 'lscpu | head -5', output: ['Architecture:        x86_64', 'CPU op-mode(s):      32-bit, 64-bit', 'Byte Order:          Little Endian', 'CPU(s):              4', 'On-line CPU(s) list: 0-3'] },
    { command: 'lscpu | grep "On-line"', output: ['On-line CPU(s) list: 0,1'] },
  ],
  time: [
    { command: 'date', output: ['Tue Mar  2 14:05:00 UTC 2021'] },
    { command: 'date +"%A %d %B %Y, %H:%M %Z"', output: ['Tuesday 02 March 2021, 14:05 UTC'] },
    { command: 'date +%s', output: ['1614693900'] },
    { command: 'date -u +%Y-%m-%dT%H:%M:%S%z', output: ['2021-03-02T14:05:00+0000'] },
    { command: 'date -R', output: ['Tue, 02 Mar 2021 14:05:00 +0000'] },
    { command: 'date -I', output: ['2021-03-02'] },
    { command: 'date --iso-8601=seconds', output: ['2021-03-02T14:05:00+00:00'] },
    { command: 'date --rfc-3339=seconds', output: ['2021-03-02 14:05:00+00:00'] },
    { command: 'date -d "1 hour ago" +%H:%M', output: ['13:05'] },
    { command: 'date -d @0 -u', output: ['Thu Jan  1 00:00:00 UTC 1970'] },
    { command: 'date -d nonsense', output: ['date: invalid date ‘nonsense’'] },
    { command: 'date 01010101', output: ['date: cannot set date: Operation not permitted', 'Fri Jan  1 01:01:00 UTC 2021'] },
    { command: 'sleep', output: ['sleep: missing operand', "Try 'sleep --help' for more information."] },
    { command: 'sleep 1x', output: ['sleep: invalid time interval ‘1x’', "Try 'sleep --help' for more information."] },
  ],
  kernel: [
    { command: 'dmesg | head -1', output: ['[    0.000000] Linux version 4.15.0-99-generic (buildd@lcy01-amd64-013) (gcc version 7.5.0 (Ubuntu 7.5.0-3ubuntu1~18.04)) #100-Ubuntu SMP Wed Apr 22 20:32:56 UTC 2020 (Ubuntu 4.15.0-99.100-generic 4.15.18)'] },
    { setup: DB, command: 'dmesg -T | head -1 | cut -c1-26', output: ['[Thu Jan 21 09:05:00 2021]'] },
  ],
  top: [
    { setup: WEB, command: 'top -b -n 1 -p 640', output: [
      'top - 14:05:00 up 3 days,  4:07,  1 user,  load average: 0.15, 0.10, 0.05',
      'Tasks:  78 total,   1 running,  77 sleeping,   0 stopped,   0 zombie',
      '%Cpu(s):  0.3 us,  0.1 sy,  0.0 ni, 99.5 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
      'KiB Mem :  3984589 total,   943718 free,  1363149 used,  1677722 buff/cache',
      'KiB Swap:        0 total,        0 free,        0 used.  2375991 avail Mem ',
      '',
      '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND',
      '  640 root      20   0  141112   1580   1106 S   0.0  0.0   0:00.10 nginx',
    ] },
  ],
  nginx: [
    { setup: WEB, command: 'nginx -t', output: [
      'nginx: [alert] could not open error log file: open() "/var/log/nginx/error.log" failed (13: Permission denied)',
      '2021/03/02 14:05:00 [warn] 21007#21007: the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:1',
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok',
      '2021/03/02 14:05:00 [emerg] 21007#21007: open() "/run/nginx.pid" failed (13: Permission denied)',
      'nginx: configuration file /etc/nginx/nginx.conf test failed',
    ] },
    { setup: WEB, command: 'sudo nginx -t', output: ['nginx: the configuration file /etc/nginx/nginx.conf syntax is ok', 'nginx: configuration file /etc/nginx/nginx.conf test is successful'] },
    { setup: WEB, command: 'sudo nginx -T 2>/dev/null | head -3', output: ['# configuration file /etc/nginx/nginx.conf:', 'user www-data;', 'worker_processes auto;'] },
    { setup: WEB, command: 'sudo nginx -T 2>/dev/null | grep "^# configuration file"', output: ['# configuration file /etc/nginx/nginx.conf:', '# configuration file /etc/nginx/mime.types:', '# configuration file /etc/nginx/sites-enabled/shop:'] },
    { setup: WEB, command: 'nginx -v', output: ['nginx version: nginx/1.14.0 (Ubuntu)'] },
    { setup: WEB, command: 'nginx -x', output: ['nginx: invalid option: "x"'] },
    { setup: WEB, command: 'nginx -s reload', output: [
      'nginx: [alert] could not open error log file: open() "/var/log/nginx/error.log" failed (13: Permission denied)',
      '2021/03/02 14:05:00 [warn] 21007#21007: the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:1',
      '2021/03/02 14:05:00 [alert] 21007#21007: kill(640, 1) failed (1: Operation not permitted)',
    ] },
    { setup: [...WEB, 'sudo -i', 'echo "events {" > /etc/nginx/nginx.conf'], command: 'nginx -t', output: ['nginx: [emerg] unexpected end of file, expecting "}" in /etc/nginx/nginx.conf:2', 'nginx: configuration file /etc/nginx/nginx.conf test failed'] },
    { setup: [...WEB, 'sudo -i'], command: 'nginx', output: [...Array(5).fill(['nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)', 'nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)']).flat(), 'nginx: [emerg] still could not bind()'] },
  ],
  haproxy: [
    { setup: LB, command: 'haproxy -c -f /etc/haproxy/haproxy.cfg', output: ['Configuration file is valid'] },
    { setup: LB, command: 'haproxy -v', output: ['HA-Proxy version 1.8.8-1ubuntu0.10 2020/04/03', 'Copyright 2000-2018 Willy Tarreau <willy@haproxy.org>', ''] },
    { setup: LB, command: 'haproxy -c -f /etc/nope.cfg', output: ['[ALERT] 060/140500 (21007) : Could not open configuration file /etc/nope.cfg : No such file or directory'] },
    { setup: [...LB, 'sudo -i', 'echo -e "frontend www\\n  mod http" > /etc/haproxy/haproxy.cfg'], command: 'haproxy -c -f /etc/haproxy/haproxy.cfg', output: [
      "[ALERT] 060/140500 (21009) : parsing [/etc/haproxy/haproxy.cfg:2] : unknown keyword 'mod' in 'frontend' section",
      '[ALERT] 060/140500 (21009) : Error(s) found in configuration file : /etc/haproxy/haproxy.cfg',
      '[ALERT] 060/140500 (21009) : Fatal errors found in configuration.',
    ] },
    { setup: [...LB, 'sudo -i', 'echo -e "frontend www\\n  default_backend api" > /etc/haproxy/haproxy.cfg'], command: 'haproxy -c -f /etc/haproxy/haproxy.cfg', output: ["[ALERT] 060/140500 (21009) : Proxy 'www': unable to find required default_backend: 'api'.", '[ALERT] 060/140500 (21009) : Error(s) found in configuration file : /etc/haproxy/haproxy.cfg', '[ALERT] 060/140500 (21009) : Fatal errors found in configuration.'] },
  ],
  lsb_release: [
    { command: 'lsb_release -a', output: ['No LSB modules are available.', 'Distributor ID:\tUbuntu', 'Description:\tUbuntu 18.04.4 LTS', 'Release:\t18.04', 'Codename:\tbionic'] },
    { command: 'lsb_release -d', output: ['Description:\tUbuntu 18.04.4 LTS'] },
    { command: 'lsb_release -sc', output: ['bionic'] },
    { command: 'lsb_release -rs', output: ['18.04'] },
    { command: 'lsb_release', output: ['No LSB modules are available.'] },
    { command: 'lsb_release -x', output: ['Usage: lsb_release [options]', '', 'lsb_release: error: no such option: -x'] },
  ],
  lsblk: [
    { command: 'lsblk', output: ['NAME   MAJ:MIN RM SIZE RO TYPE MOUNTPOINT', 'vda    252:0    0  40G  0 disk', '└─vda1 252:1    0  39G  0 part /'] },
    { setup: DB, command: 'lsblk', output: ['NAME   MAJ:MIN RM SIZE RO TYPE MOUNTPOINT', 'sda      8:0    0  49G  0 disk', '└─sda1   8:1    0  48G  0 part /', 'sdb      8:16   0 201G  0 disk', '└─sdb1   8:17   0 200G  0 part /var/lib/mysql'] },
    { setup: DB, command: "stat -c '%D %d' /", output: ['801 2049'] },
    { command: "stat -c '%D %d' / /home/ana/.bashrc", output: ['fc01 64513', 'fc01 64513'] },
  ],
  'ps forest': [
    { setup: WEB, command: 'ps f', output: ['  PID TTY      STAT   TIME COMMAND', '21005 pts/0    Ss     0:00 -bash', '21007 pts/0    R+     0:00  \\_ ps f'] },
    { setup: WEB, command: "ps -ef --forest | grep -A4 'sshd -D'", output: [
      'root       853     1  0 Feb27 ?        00:00:16 /usr/sbin/sshd -D',
      'root     21001   853  0 14:05 ?        00:00:00  \\_ sshd: ana [priv]',
      'ana      21004 21001  0 14:05 ?        00:00:00      \\_ sshd: ana@pts/0',
      'ana      21005 21004  0 14:05 pts/0    00:00:00          \\_ -bash',
      'ana      21007 21005  0 14:05 pts/0    00:00:00              \\_ ps -ef --forest',
      // The grep is a process too, and its own command line has the pattern in it.
      'ana      21008 21005  0 14:05 pts/0    00:00:00              \\_ grep --color=auto -A4 sshd -D',
      'root       861     1  0 Feb27 ?        00:00:17 /sbin/agetty -o -p -- \\u --noclear tty1 linux',
      'ana      21002     1  0 14:05 ?        00:00:00 /lib/systemd/systemd --user',
      'ana      21003 21002  0 14:05 ?        00:00:00  \\_ (sd-pam)',
    ] },
    { setup: WEB, command: 'ps axf | grep -B1 -A2 "nginx: master"', output: [
      '  562 ?        Ssl    0:19 /lib/systemd/systemd-timesyncd',
      '  640 ?        Ss     0:00 nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
      '  641 ?        S      0:10  \\_ nginx: worker process',
      '  642 ?        S      0:10  \\_ nginx: worker process',
      '--',
      '21007 pts/0    R+     0:00              \\_ ps axf',
      '21008 pts/0    S+     0:00              \\_ grep --color=auto -B1 -A2 nginx: master',
      '  861 ?        Ss     0:17 /sbin/agetty -o -p -- \\u --noclear tty1 linux',
      '21002 ?        Ss     0:00 /lib/systemd/systemd --user',
    ] },
  ],
  watch: [
    { setup: WEB, command: "watch -n 1 'echo hi'", output: ['Every 1.0s: echo hi                           shop-web: Tue Mar  2 14:05:00 2021', '', 'hi'] },
    { setup: WEB, command: 'watch -t date', output: ['Tue Mar  2 14:05:00 UTC 2021'] },
    // watch.c's output_header: the command clipped to 80 - 35 - 12 - 4 columns, then `... `.
    { setup: WEB, command: `watch 'echo ${'x'.repeat(60)}'`, output: [`Every 2.0s: echo ${'x'.repeat(24)}...  shop-web: Tue Mar  2 14:05:00 2021`, '', 'x'.repeat(60)] },
  ],
  'files of the base image': [
    { command: 'grep -v "^#" /etc/nsswitch.conf | grep .', output: ['passwd:         compat systemd', 'group:          compat systemd', 'shadow:         compat', 'gshadow:        files', 'hosts:          files dns', 'networks:       files', 'protocols:      db files', 'services:       db files', 'ethers:         db files', 'rpc:            db files', 'netgroup:       nis'] },
    { command: 'wc -c /etc/nsswitch.conf', output: ['513 /etc/nsswitch.conf'] },
    { command: 'ls -A /etc/cron.d', output: ['.placeholder  mdadm  popularity-contest'] },
    { command: 'tail -1 /etc/cron.d/mdadm', output: ['57 0 * * 0 root if [ -x /usr/share/mdadm/checkarray ] && [ $(date +\\%d) -le 7 ]; then /usr/share/mdadm/checkarray --cron --all --idle --quiet; fi'] },
    { command: 'grep -c -- --crond /etc/cron.d/popularity-contest', output: ['1'] },
    { command: 'sudo -l', output: ['Matching Defaults entries for ana on dev-laptop:', '    env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin\\:/snap/bin', '', 'User ana may run the following commands on dev-laptop:', '    (ALL : ALL) ALL', '    (ALL : ALL) NOPASSWD: ALL'] },
    { setup: DB, command: 'sudo -l; echo $?', output: ['[sudo] password for ana: ', 'Sorry, user ana may not run sudo on shop-db.', '1'] },
  ],
  '/proc/PID/environ': [
    { setup: WEB, command: 'cat /proc/702/environ', output: ['cat: /proc/702/environ: Permission denied'] },
    { setup: WEB, command: 'sudo cat /proc/702/environ | tr "\\0" "\\n" | grep -v _ID', output: ['LANG=C.UTF-8', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/srv/shop', 'LOGNAME=shop', 'USER=shop', 'SHELL=/usr/sbin/nologin', 'JOURNAL_STREAM=9:14843'] },
    { setup: WEB, command: 'ls -l /proc/702/environ', output: ['-r-------- 1 shop shop 0 Mar  2 14:05 /proc/702/environ'] },
    // The shell opens the redirection as ana: sudo never sees it.
    { setup: WEB, command: 'sudo tr "\\0" " " < /proc/1/environ', output: ['-bash: /proc/1/environ: Permission denied'] },
    { setup: WEB, command: 'sudo cat /proc/1/environ | tr "\\0" " "', output: ['HOME=/ init=/sbin/init NETWORK_SKIP_ENSLAVED= TERM=linux BOOT_IMAGE=/boot/vmlinuz-4.15.0-99-generic drop_caps= PATH=/sbin:/usr/sbin:/bin:/usr/bin PWD=/ rootmnt=/root '] },
    { setup: WEB, command: 'cat /proc/4242/environ', output: ['cat: /proc/4242/environ: No such file or directory'] },
    { setup: WEB, command: 'sudo wc -c /proc/2/environ; ls /proc', output: ['0 /proc/2/environ', 'cpuinfo  loadavg  meminfo  sys\tuptime\tversion'] },
  ],
  'runtimes and per-user tools': [
    { command: 'node -v', output: ['', "Command 'node' not found, but can be installed with:", '', 'sudo apt install nodejs', ''] },
    { command: 'python3 -V', output: ['Python 3.6.9'] },
    { command: 'ssh-add -l; echo $?', output: ['Could not open a connection to your authentication agent.', '2'] },
    { command: 'crontab -l; echo $?', output: ['no crontab for ana', '1'] },
    { command: 'sudo crontab -l', output: ['no crontab for root'] },
    { command: 'crontab -u root -l', output: ['must be privileged to use -u'] },
    { command: 'echo 1+1 | bc', output: ['', "Command 'bc' not found, but can be installed with:", '', 'sudo apt install bc', ''] },
    { command: 'arp -n', output: ['', "Command 'arp' not found, but can be installed with:", '', 'sudo apt install net-tools', ''] },
  ],
};

describe('the system tools print what Ubuntu 18.04 prints', () => {
  for (const [tool, cases] of Object.entries(corpus)) {
    describe(tool, () => {
      for (const c of cases) {
        it(`${c.setup?.length ? `${c.setup.join('; ')}; ` : ''}${c.command}`, () => {
          const { steps } = run([...(c.setup ?? []), c.command]);
          expect(steps.at(-1)!.output).toEqual(c.output);
        });
      }
    });
  }

  it('has a corpus of at least 80 commands here', () => {
    expect(Object.values(corpus).flat().length).toBeGreaterThanOrEqual(80);
  });
});
