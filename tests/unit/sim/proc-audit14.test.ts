// @vitest-environment node
/**
 * Processes' open files and CPU time (session 14): lsof 4.89's cwd, rtd, txt, mem and descriptor
 * lines from one open-file model that /proc/PID/fd, cwd and exe read too, with the socket
 * inodes lsof -i shows; and one CPU time per process that top's TIME+, ps's TIME and
 * /proc/PID/stat's utime + stime agree on.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, outputsOn } from '../scoring/support';

const scenario = loadScenarioFile('scenarios/mysql-wipe.json');

describe('lsof -p lists a process\'s files, as lsof 4.89 does', () => {
  it('nginx\'s master: cwd, rtd, txt, its libraries, /dev/null, its logs and sockets, in 40-60 lines', { timeout: 60_000 }, () => {
    const [pid, listing, count] = outputsOn(scenario, 'web-01', ['pgrep -o nginx', 'sudo lsof -p $(pgrep -o nginx)', 'sudo lsof -p $(pgrep -o nginx) | wc -l']);
    const master = pid![0]!;
    expect(listing![0]).toMatch(/^COMMAND PID USER {3}FD {3}TYPE +DEVICE SIZE\/OFF +NODE NAME$/);
    const fds = listing!.slice(1).map((l) => l.split(/\s+/)[3]);
    expect(fds.slice(0, 4)).toEqual(['cwd', 'rtd', 'txt', 'mem']);
    expect(listing![1]).toMatch(new RegExp(`^nginx +${master} root +cwd +DIR +252,1 +4096 +2 /$`));
    expect(listing![3]).toMatch(/ txt +REG +252,1 +\d+ +\d+ \/usr\/sbin\/nginx$/);
    expect(listing).toContainEqual(expect.stringMatching(/ mem +REG +252,1 +2030544 +\d+ \/lib\/x86_64-linux-gnu\/libc-2\.27\.so$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}0u +CHR +1,3 +0t0 +\d+ \/dev\/null$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}2w +REG +252,1 +\d+ +\d+ \/var\/log\/nginx\/error\.log$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}4w +REG +252,1 +\d+ +\d+ \/var\/log\/nginx\/access\.log$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}6u +IPv4 +\d+ +0t0 +TCP \*:http \(LISTEN\)$/));
    expect(listing).toContainEqual(expect.stringMatching(/ unix 0xffff[0-9a-f]{12} +0t0 +\d+ type=STREAM$/));
    const lines = Number(count![0]);
    expect(lines).toBeGreaterThanOrEqual(40);
    expect(lines).toBeLessThanOrEqual(60);
  });

  it('a worker holds the master\'s sockets on the same descriptors and inodes, and its own event poll', { timeout: 60_000 }, () => {
    const [master, worker, byPort] = outputsOn(scenario, 'web-01', ['sudo lsof -p $(pgrep -o nginx) | grep IPv', 'sudo lsof -p $(pgrep -n nginx) | grep -E "IPv|eventpoll"', 'sudo lsof -i :80']);
    const sockets = (rows: string[]) => rows.filter((l) => / IPv/.test(l)).map((l) => l.split(/\s+/).slice(3).join(' '));
    expect(sockets(worker!)).toEqual(sockets(master!));
    expect(worker).toContainEqual(expect.stringMatching(/u +a_inode +0,13 +0 +\d+ \[eventpoll\]$/));
    for (const row of byPort!.slice(1)) expect(row.split(/\s+/)[5]).toBe(master![0]!.split(/\s+/)[5]);
  });

  it('mysqld: the datadir as cwd, the error log on 1 and 2, InnoDB\'s files write-locked, the binary log, each table\'s tablespace', { timeout: 60_000 }, () => {
    const [listing] = outputsOn(scenario, 'db-master', ['sudo lsof -p $(pgrep mysqld)']);
    expect(listing![1]).toMatch(/ cwd +DIR +\d+,\d+ +4096 +\d+ \/var\/lib\/mysql$/);
    expect(listing).toContainEqual(expect.stringMatching(/ {4}0r +CHR +1,3 .* \/dev\/null$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}1w +REG .* \/var\/log\/mysql\/error\.log$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {4}3uW +REG .* 12582912 +\d+ \/var\/lib\/mysql\/ibdata1$/));
    expect(listing).toContainEqual(expect.stringMatching(/uW +REG .* \/var\/lib\/mysql\/tunistocks\/users\.ibd$/));
    expect(listing).toContainEqual(expect.stringMatching(/u +REG .* \/var\/lib\/mysql\/mysql-bin\.\d{6}$/));
    expect(listing).toContainEqual(expect.stringMatching(/ {3}23u +IPv6 .* TCP \*:mysql \(LISTEN\)$/));
    expect(listing).toContainEqual(expect.stringMatching(/ \/tmp\/ib\w{6} \(deleted\)$/));
  });

  it('a file\'s size and inode are what ls says, and lsof PATH finds its holders', { timeout: 60_000 }, () => {
    const [ls, byPath] = outputsOn(scenario, 'web-01', ['sudo ls -li /var/log/nginx/error.log', 'sudo lsof /var/log/nginx/error.log']);
    const [inode, , , , , size] = ls![0]!.split(/\s+/);
    expect(byPath![0]).toMatch(/^COMMAND PID +USER +FD +TYPE DEVICE SIZE\/OFF +NODE NAME$/);
    const rows = byPath!.slice(1);
    // Master and both workers, each on 2 and 5.
    expect(rows.length).toBe(6);
    for (const row of rows) expect(row).toMatch(new RegExp(` [25]w +REG +252,1 +${size} +${inode} /var/log/nginx/error\\.log$`));
  });

  it('lsof PATH on a missing file says so, with the usage lines, and exits 1', { timeout: 60_000 }, () => {
    const [out, status] = outputsOn(scenario, 'web-01', ['lsof /nonexistent 2>&1 | head -2', 'lsof /nonexistent 2>/dev/null; echo $?']);
    expect(out).toEqual(['lsof: status error on /nonexistent: No such file or directory', 'lsof 4.89']);
    expect(status).toEqual(['1']);
  });

  it('a user\'s own shell: its cwd and the pty on 0, 1, 2 and 255', { timeout: 60_000 }, () => {
    const [listing] = outputsOn(scenario, 'web-01', ['cd /tmp; lsof -p $$ | grep -v " mem "']);
    expect(listing!.slice(1).map((l) => l.split(/\s+/).slice(3).join(' '))).toEqual([
      expect.stringMatching(/^cwd DIR 252,1 4096 \d+ \/tmp$/),
      'rtd DIR 252,1 4096 2 /',
      expect.stringMatching(/^txt REG 252,1 1113504 \d+ \/bin\/bash$/),
      '0u CHR 136,0 0t0 3 /dev/pts/0',
      '1u CHR 136,0 0t0 3 /dev/pts/0',
      '2u CHR 136,0 0t0 3 /dev/pts/0',
      '255u CHR 136,0 0t0 3 /dev/pts/0',
    ]);
  });

  it('without root, another user\'s process gives lsof\'s Permission denied lines, and -i none of its sockets', { timeout: 60_000 }, () => {
    const [listing, byPort] = outputsOn(scenario, 'web-01', ['lsof -p 1', 'lsof -i :80; echo $?']);
    expect(listing).toEqual([
      'COMMAND PID USER   FD      TYPE DEVICE SIZE/OFF NODE NAME',
      'systemd   1 root  cwd   unknown                      /proc/1/cwd (readlink: Permission denied)',
      'systemd   1 root  rtd   unknown                      /proc/1/root (readlink: Permission denied)',
      'systemd   1 root  txt   unknown                      /proc/1/exe (readlink: Permission denied)',
      'systemd   1 root NOFD                                /proc/1/fd (opendir: Permission denied)',
    ]);
    expect(byPort).toEqual(['1']);
  });
});

describe('/proc/PID/fd, cwd and exe agree with lsof', () => {
  it('ls -l /proc/PID/fd links each descriptor to what lsof names, socket inodes included', { timeout: 60_000 }, () => {
    const [links, listing] = outputsOn(scenario, 'web-01', ['sudo ls -l /proc/$(pgrep -o nginx)/fd', 'sudo lsof -p $(pgrep -o nginx)']);
    expect(links![0]).toBe('total 0');
    const byFd = new Map(links!.slice(1).map((l) => {
      const m = /^(l[rwx-]{9}) 1 root root 64 .* (\d+) -> '?([^']+)'?$/.exec(l)!;
      return [Number(m[2]), { mode: m[1], target: m[3] }];
    }));
    expect(byFd.get(0)).toEqual({ mode: 'lrwx------', target: '/dev/null' });
    expect(byFd.get(2)).toEqual({ mode: 'l-wx------', target: '/var/log/nginx/error.log' });
    for (const row of listing!.slice(1)) {
      const cols = row.split(/\s+/);
      const m = /^(\d+)[urw]/.exec(cols[3]!);
      if (!m) continue;
      const target = byFd.get(Number(m[1]))?.target;
      if (cols[4] === 'IPv4' || cols[4] === 'IPv6') expect(target).toBe(`socket:[${cols[5]}]`);
      else if (cols[4] === 'unix') expect(target).toBe(`socket:[${cols[7]}]`);
      else if (cols[4] === 'REG' || cols[4] === 'CHR') expect(target).toBe(cols[8]);
    }
    expect(byFd.size).toBe(listing!.filter((l) => /^\S+ +\d+ +\S+ +\d+[urw]/.test(l)).length);
  });

  it('as a user, root\'s process\'s fd directory cannot be opened; one\'s own can', { timeout: 60_000 }, () => {
    const [denied, own] = outputsOn(scenario, 'web-01', ['ls /proc/1/fd', 'ls /proc/$$/fd']);
    expect(denied).toEqual(["ls: cannot open directory '/proc/1/fd': Permission denied"]);
    expect(own).toEqual(['0  1  2  255']);
  });

  it('another user\'s links are not made for a user; sudo reads them', { timeout: 60_000 }, () => {
    const [user, root] = outputsOn(scenario, 'web-01', ['readlink /proc/1/exe; echo $?', 'sudo readlink /proc/1/exe']);
    expect(user).toEqual(['1']);
    expect(root).toEqual(['/lib/systemd/systemd']);
  });

  it('cwd and exe', { timeout: 60_000 }, () => {
    const [exe, cwd, mysqld] = outputsOn(scenario, 'db-master', ['sudo readlink /proc/$(pgrep mysqld)/exe', 'sudo readlink /proc/$(pgrep mysqld)/cwd', 'sudo ls -l /proc/$(pgrep mysqld)/exe']);
    expect(exe).toEqual(['/usr/sbin/mysqld']);
    expect(cwd).toEqual(['/var/lib/mysql']);
    expect(mysqld![0]).toMatch(/^lrwxrwxrwx 1 mysql mysql 0 .* \/proc\/\d+\/exe -> \/usr\/sbin\/mysqld$/);
  });
});

describe('one CPU time per process: top, ps and /proc/PID/stat agree, and processes differ', () => {
  it('top\'s TIME+ values do not repeat across the daemons', { timeout: 60_000 }, () => {
    const [top] = outputsOn(scenario, 'web-01', ['top -b -n 1']);
    const rows = top!.slice(7).filter((l) => !/ (kworker|ksoftirqd|rcu_|migration|watchdog|cpuhp|kthreadd|mm_percpu|kdevtmpfs|netns|khung|oom|writeback|kcompact|ksmd|khugepaged|crypto|kintegrity|kblockd|ata_|md|edac|devfreq|kswapd|ecryptfs|kthrotld|acpi|scsi|ipv6|kstrp|charger|jbd2|ext4|iscsi|kaudit|kpsmoused|ttm|raid|irq|loop|xfs|dm|bioset|hwrng|nfit|cfg80211|ib_)/.test(l));
    const times = rows.map((l) => l.split(/\s+/).filter(Boolean)[10]);
    const nonZero = times.filter((t) => t !== '0:00.00');
    expect(new Set(nonZero).size).toBeGreaterThan(nonZero.length * 0.9);
    // nginx's workers have used CPU, and not the same amount.
    const nginx = rows.filter((l) => / nginx$/.test(l)).map((l) => l.split(/\s+/).filter(Boolean)[10]);
    expect(nginx.length).toBe(3);
    expect(new Set(nginx).size).toBe(3);
  });

  it('top\'s TIME+, ps\'s TIME and /proc/PID/stat\'s utime + stime are one figure', { timeout: 60_000 }, () => {
    const [all] = outputsOn(scenario, 'db-master', ['P=$(pgrep mysqld); top -b -n 1 -p $P | tail -1; ps -o time= -p $P; cut -d" " -f14,15 /proc/$P/stat']);
    const timePlus = all![0]!.split(/\s+/).filter(Boolean)[10]!;
    const [m, s] = timePlus.split(':');
    const hundredths = Number(m) * 6000 + Math.round(Number(s) * 100);
    const [ut, st] = all![2]!.split(' ').map(Number);
    expect(ut! + st!).toBe(hundredths);
    const seconds = Math.floor(hundredths / 100);
    const hms = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    expect(all![1]!.trim()).toBe(hms);
  });

  it('/proc/PID/stat has 52 fields: the pid, comm in parentheses, state, parent, and the start after boot', { timeout: 60_000 }, () => {
    const [stat, ppid] = outputsOn(scenario, 'web-01', ['cat /proc/$$/stat', 'ps -o ppid= -p $$']);
    const fields = stat![0]!.split(' ');
    expect(fields.length).toBe(52);
    expect(fields[1]).toBe('(bash)');
    expect(fields[2]).toBe('S');
    expect(fields[3]).toBe(ppid![0]!.trim());
    expect(fields[6]).toBe(String(136 << 8));
  });
});
