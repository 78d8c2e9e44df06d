/**
 * The base image and the base tools every Ubuntu 18.04 host has: /proc's files agree with
 * free, uptime, nproc and vmstat; getent, timedatectl, hostnamectl, xxd, od, which, type and
 * `command -v` answer from the host's own state; the login records behind `Last login:` and
 * `last`; the logs rsyslog writes from the journal. Expected outputs are the real tools'
 * formats (procps-ng 3.3.12, glibc 2.27, systemd 237, vim 8.0's xxd, coreutils 8.28,
 * util-linux 2.31, GNU Wget 1.19.4).
 */
import { describe, expect, it } from 'vitest';
import { run, out } from './system-fixture';

const WEB = ['ssh web'];

describe('the base tools print what Ubuntu 18.04 prints', () => {
  const cases: { setup?: readonly string[]; command: string; output: readonly string[] }[] = [
    { setup: WEB, command: 'vmstat', output: ['procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----', ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st', ' 1  0      0 943718 100663 1577059    0    0     3    14   62  118  2  1 97  0  0'] },
    { setup: WEB, command: 'timedatectl', output: ['                      Local time: Tue 2021-03-02 14:05:00 UTC', '                  Universal time: Tue 2021-03-02 14:05:00 UTC', '                        RTC time: Tue 2021-03-02 14:05:00', '                       Time zone: Etc/UTC (UTC, +0000)', '       System clock synchronized: yes', 'systemd-timesyncd.service active: yes', '                 RTC in local TZ: no'] },
    { setup: WEB, command: 'cat /etc/timezone', output: ['Etc/UTC'] },
    { setup: WEB, command: 'getent passwd ana 0', output: ['ana:x:1001:1001:ana,,,:/home/ana:/bin/bash', 'root:x:0:0:root:/root:/bin/bash'] },
    { setup: WEB, command: 'getent passwd nobody-here; echo $?', output: ['2'] },
    // The stock accounts of an 18.04 server, in its order, before the host's own.
    { setup: WEB, command: 'cut -d: -f1,3 /etc/passwd | head -8', output: ['root:0', 'daemon:1', 'bin:2', 'sys:3', 'sync:4', 'games:5', 'man:6', 'lp:7'] },
    { setup: WEB, command: "awk -F: '$3 >= 100 && $3 < 1000 { print $1 }' /etc/passwd | head -12", output: ['systemd-network', 'systemd-resolve', 'syslog', 'messagebus', '_apt', 'lxd', 'uuidd', 'dnsmasq', 'landscape', 'pollinate', 'sshd', 'shop'] },
    { setup: WEB, command: 'grep -E "^(adm|sudo|systemd-journal|netdev):" /etc/group', output: ['adm:x:4:syslog,ana', 'sudo:x:27:ana', 'systemd-journal:x:101:', 'netdev:x:113:'] },
    { setup: WEB, command: 'getent hosts localhost', output: ['127.0.0.1       localhost'] },
    // An address is looked up by gethostbyaddr: an address with no name prints nothing, status 2.
    { setup: WEB, command: 'getent hosts 192.0.2.1; echo $?', output: ['2'] },
    { setup: WEB, command: 'getent shells', output: ['Unknown database: shells', "Try `getent --help' or `getent --usage' for more information."] },
    { setup: WEB, command: 'which node nginx ls nosuch; echo $?', output: ['/usr/bin/node', '/usr/sbin/nginx', '/bin/ls', '1'] },
    { setup: WEB, command: 'type node cd if', output: ['node is /usr/bin/node', 'cd is a shell builtin', 'if is a shell keyword'] },
    { setup: WEB, command: 'type -t node cd if', output: ['file', 'builtin', 'keyword'] },
    { setup: WEB, command: 'command -v node cd nosuch; echo $?', output: ['/usr/bin/node', 'cd', '1'] },
    { setup: WEB, command: 'type nosuch', output: ['-bash: type: nosuch: not found'] },
    { setup: ['ssh db'], command: 'mysqld --version', output: ['/usr/sbin/mysqld  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)'] },
    { setup: WEB, command: 'mysqld --version', output: ['', "Command 'mysqld' not found, but can be installed with:", '', 'sudo apt install mysql-server-core-5.7   ', 'sudo apt install mariadb-server-core-10.1', ''] },
    { command: "printf 'hello\\n' | xxd", output: ['00000000: 6865 6c6c 6f0a                           hello.'] },
    { command: "printf 'root:x:0:0:root:/root:/bin/bash\\n' | xxd", output: ['00000000: 726f 6f74 3a78 3a30 3a30 3a72 6f6f 743a  root:x:0:0:root:', '00000010: 2f72 6f6f 743a 2f62 696e 2f62 6173 680a  /root:/bin/bash.'] },
    { command: "printf 'hello\\n' | xxd -p", output: ['68656c6c6f0a'] },
    { command: "printf 'hello\\n' | xxd -s 2 -l 3", output: ['00000002: 6c6c 6f                                  llo'] },
    { command: "printf 'hello\\n' | od -c", output: ['0000000   h   e   l   l   o  \\n', '0000006'] },
    { command: "printf 'hello\\n' | od -x", output: ['0000000 6568 6c6c 0a6f', '0000006'] },
    { command: "printf 'hello\\n' | od -An -c", output: ['   h   e   l   l   o  \\n'] },
    { command: "printf 'hello\\n' | od", output: ['0000000 062550 066154 005157', '0000006'] },
    { command: "printf 'hi\\tthere\\n' | od -t x1", output: ['0000000 68 69 09 74 68 65 72 65 0a', '0000011'] },
    { command: "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | od -c", output: ['0000000   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a', '*', '0000060'] },
    { setup: WEB, command: 'last', output: ['ana      pts/0        10.9.0.6         Tue Mar  2 14:05   still logged in', 'ana      pts/0        10.9.0.6         Sat Feb 27 18:44 - 18:57  (00:13)', 'reboot   system boot  4.15.0-99-generi Sat Feb 27 09:58   still running', '', 'wtmp begins Sat Feb 27 09:58:00 2021'] },
  ];
  for (const c of cases) {
    it(`${c.setup?.length ? `${c.setup.join('; ')}; ` : ''}${c.command}`, () => {
      const { steps } = run([...(c.setup ?? []), c.command]);
      expect(steps.at(-1)!.output).toEqual(c.output);
    });
  }

  it('wget --spider checks with HEAD and saves nothing', () => {
    const { steps } = run(['ssh web', 'wget --spider http://localhost/', 'ls']);
    const lines = steps[1]!.output;
    expect(lines[0]).toBe('Spider mode enabled. Check if remote file exists.');
    expect(lines.join('\n')).not.toMatch(/Saving to|saved/);
    expect(steps[2]!.output).toEqual([]);
  });
});

describe('/proc agrees with the tools that read it', () => {
  const numbers = (line: string) => line.trim().split(/\s+/).slice(1).map(Number);

  it('meminfo and vmstat give free\'s figures', () => {
    const mem = new Map(out(['ssh web', 'cat /proc/meminfo']).split('\n').map((l) => [l.split(':')[0]!, Number(l.split(':')[1]!.trim().split(' ')[0])] as const));
    const [total, , free, shared, buffCache, available] = numbers(out(['ssh web', 'free']).split('\n')[1]!);
    expect(mem.get('MemTotal')).toBe(total);
    expect(mem.get('MemFree')).toBe(free);
    expect(mem.get('MemAvailable')).toBe(available);
    expect(mem.get('Shmem')).toBe(shared);
    expect(mem.get('Buffers')! + mem.get('Cached')! + mem.get('SReclaimable')!).toBe(buffCache);
    const v = out(['ssh web', 'vmstat']).split('\n')[2]!.trim().split(/\s+/).map(Number);
    expect(v[3]).toBe(free);
    expect(v[4]! + v[5]!).toBe(buffCache);
  });

  it('loadavg is uptime\'s load average, uptime its seconds, cpuinfo nproc\'s CPUs', () => {
    const load = out(['ssh web', 'cat /proc/loadavg']).split(' ').slice(0, 3).join(', ');
    expect(out(['ssh web', 'uptime'])).toContain(`load average: ${load}`);
    const seconds = Number(out(['ssh web', 'cat /proc/uptime']).split(' ')[0]);
    expect(out(['ssh web', 'uptime -p'])).toBe('up 3 days, 4 hours, 7 minutes');
    expect(Math.floor(seconds / 60)).toBe(3 * 1440 + 4 * 60 + 7);
    expect(out(['ssh web', 'grep -c ^processor /proc/cpuinfo'])).toBe(out(['ssh web', 'nproc']));
  });

  it('is read-only kernel files of size 0', () => {
    expect(out(['ssh web', 'ls -l /proc/uptime'])).toMatch(/^-r--r--r-- 1 root root 0 /);
  });
});

describe('logins come from the host\'s own records', () => {
  it('ssh prints the previous login, and last lists it closed', () => {
    const { steps } = run(['ssh web', 'exit', 'ssh web', 'last']);
    expect(steps[0]!.output.at(-1)).toBe('Last login: Sat Feb 27 18:44:48 2021 from 10.9.0.6');
    expect(steps[2]!.output.at(-1)).toBe('Last login: Tue Mar  2 14:05:00 2021 from 10.9.0.6');
    expect(steps[3]!.output.slice(0, 3)).toEqual([
      'ana      pts/0        10.9.0.6         Tue Mar  2 14:05   still logged in',
      'ana      pts/0        10.9.0.6         Tue Mar  2 14:05 - 14:05  (00:00)',
      'ana      pts/0        10.9.0.6         Sat Feb 27 18:44 - 18:57  (00:13)',
    ]);
  });

  it('auth.log holds what sshd and logind wrote to the journal, in syslog\'s format', () => {
    const journal = out(['ssh web', 'sudo journalctl -u ssh --no-pager']).split('\n').filter((l) => l.includes('Accepted publickey'));
    const auth = out(['ssh web', 'sudo grep Accepted /var/log/auth.log']).split('\n').filter((l) => l.includes(' sshd['));
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.map((l) => l.slice(16))).toEqual(journal.filter((l) => l.startsWith('Mar 02')).map((l) => l.slice(16)));
    expect(auth[0]).toMatch(/^Mar {2}2 14:05:00 shop-web sshd\[\d+\]: Accepted publickey for ana from 10\.9\.0\.6 port \d+ ssh2: /);
  });

  it('syslog begins at its daily rotation and leaves auth lines to auth.log', () => {
    const syslog = out(['ssh web', 'sudo cat /var/log/syslog']).split('\n');
    expect(syslog[0]).toMatch(/^Mar {2}2 06:25:01 shop-web rsyslogd: {2}\[origin software="rsyslogd" swVersion="8\.32\.0" x-pid="\d+" x-info="http:\/\/www\.rsyslog\.com"\] rsyslogd was HUPed$/);
    expect(syslog.some((l) => / sshd\[/.test(l))).toBe(false);
    expect(syslog.some((l) => /Started Session \d+ of user ana\./.test(l))).toBe(true);
  });
});
