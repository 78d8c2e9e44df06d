// @vitest-environment node
/**
 * What a process leaves in the file system, as the fifth blind audit missed it: /proc/PID/status,
 * cmdline and comm (Linux 4.15), the daemons' PID files in /run (written at start, replaced on
 * restart, removed on stop), and bash 4.4's `ulimit` and `$$`. On the system fixture, and for
 * every process of every host of every scenario the drill ships, /proc agrees with ps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { out, run } from './system-fixture';
import { parseScenarioText } from '../../../src/scenario/load';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { repoRoot } from '../scoring/support';

const WEB = ['ssh web'];

describe('/proc/PID files are made from the process table', () => {
  it('status names the process, its parent, owner and memory as ps has them', () => {
    const ps = out([...WEB, 'ps -o pid=,ppid=,vsz=,rss=,nlwp=,user= -p 1']).trim().split(/\s+/);
    const status = out([...WEB, 'cat /proc/1/status']).split('\n');
    expect(status.slice(0, 8)).toEqual(['Name:\tsystemd', 'Umask:\t0022', 'State:\tS (sleeping)', 'Tgid:\t1', 'Ngid:\t0', 'Pid:\t1', 'PPid:\t0', 'TracerPid:\t0']);
    expect(status).toContain('Uid:\t0\t0\t0\t0');
    expect(status).toContain(`VmSize:\t${ps[2]!.padStart(8)} kB`);
    expect(status).toContain(`VmRSS:\t${ps[3]!.padStart(8)} kB`);
    expect(status).toContain(`Threads:\t${ps[4]}`);
    expect(status).toContain('CapEff:\t0000003fffffffff');
    expect(status.at(-1)).toMatch(/^nonvoluntary_ctxt_switches:\t\d+$/);
  });

  it('a kernel thread has no memory lines and an empty command line', () => {
    const status = out([...WEB, 'cat /proc/2/status']);
    expect(status).toMatch(/^Name:\tkthreadd\n/);
    expect(status).not.toMatch(/VmRSS/);
    expect(out([...WEB, 'wc -c < /proc/2/cmdline'])).toBe('0');
  });

  it('cmdline is the arguments, each ended by a NUL; comm the 15-character name', () => {
    expect(out([...WEB, "tr '\\0' '|' < /proc/1/cmdline"])).toBe('/sbin/init|');
    expect(out([...WEB, 'cat /proc/1/comm'])).toBe('systemd');
  });

  it('self is the reading command, a child of the shell; the files are 0444 and size 0', () => {
    expect(out([...WEB, 'cat /proc/self/comm'])).toBe('cat');
    const status = out([...WEB, 'cat /proc/self/status']).split('\n');
    expect(status[2]).toBe('State:\tR (running)');
    const shell = out([...WEB, 'echo $$']);
    expect(status).toContain(`PPid:\t${shell}`);
    expect(out([...WEB, 'ls -l /proc/1/status'])).toMatch(/^-r--r--r-- 1 root root 0 /);
  });

  it('a PID nobody has is not there', () => {
    expect(out([...WEB, 'cat /proc/31999/status'])).toBe('cat: /proc/31999/status: No such file or directory');
  });
});

describe('PID files in /run', () => {
  it('hold the main PID of each running daemon, and follow a restart and a stop', () => {
    const lines = [...WEB, 'cat /run/nginx.pid', 'systemctl show -p MainPID --value nginx', 'sudo systemctl restart nginx', 'cat /run/nginx.pid; systemctl show -p MainPID --value nginx', 'sudo systemctl stop nginx', 'cat /run/nginx.pid'];
    const { steps } = run(lines);
    expect(steps[1]!.output).toEqual(steps[2]!.output);
    const [after, main] = steps[4]!.output;
    expect(after).toBe(main);
    expect(after).not.toBe(steps[1]!.output[0]);
    expect(steps[6]!.output).toEqual(['cat: /run/nginx.pid: No such file or directory']);
  });

  it('Ubuntu’s own daemons keep theirs, written as root before they switch user', () => {
    expect(out([...WEB, 'cat /run/sshd.pid; pgrep -x sshd | head -1'])).toMatch(/^(\d+)\n\1$/);
    expect(out([...WEB, 'ls -l /run/rsyslogd.pid'])).toMatch(/^-rw-r--r-- 1 root root 4 /);
    expect(out([...WEB, 'systemctl cat rsyslog | grep -c ^User='])).toBe('0');
  });

  it('/run is the tmpfs made at boot', () => {
    const booted = out([...WEB, 'uptime -s']).slice(0, 16);
    const stamp = out([...WEB, 'stat -c %y /run/lock']).slice(0, 16);
    expect(stamp).toBe(booted);
    expect(out([...WEB, 'ls -ld /run/lock'])).toMatch(/^drwxrwxrwt /);
  });
});

describe('ulimit', () => {
  it('prints the login shell’s limits as bash prints them', () => {
    const all = out(['ulimit -a']).split('\n');
    expect(all).toHaveLength(16);
    expect(all[0]).toBe('core file size          (blocks, -c) 0');
    expect(all[7]).toBe('open files                      (-n) 1024');
    expect(all[8]).toBe('pipe size            (512 bytes, -p) 8');
    expect(all[13]).toMatch(/^max user processes {14}\(-u\) \d+$/);
    expect(out(['ulimit'])).toBe('unlimited');
    expect(out(['ulimit -n; ulimit -Hn; ulimit -s'])).toBe('1024\n1048576\n8192');
  });

  it('pending signals and processes follow the host’s memory, and /proc agrees', () => {
    const u = out([...WEB, 'ulimit -u']);
    expect(out([...WEB, 'ulimit -i'])).toBe(u);
    expect(out([...WEB, 'grep SigQ /proc/1/status'])).toBe(`SigQ:\t0/${u}`);
  });

  it('lowers a limit for this shell; raising the hard one again is refused', () => {
    expect(out(['ulimit -n 4096; ulimit -n; ulimit -Hn'])).toBe('4096\n4096');
    expect(out(['ulimit -n 4096', 'ulimit -n 8192; echo $?'])).toBe('-bash: ulimit: open files: cannot modify limit: Operation not permitted\n1');
    expect(out(['ulimit -Sn 2048', 'ulimit -n; ulimit -Hn'])).toBe('2048\n1048576');
    expect(out(['ulimit -Sn 2000000'])).toBe('-bash: ulimit: open files: cannot modify limit: Invalid argument');
  });

  it('rejects what bash rejects', () => {
    expect(out(['ulimit -z'])).toBe('-bash: ulimit: -z: invalid option\nulimit: usage: ulimit [-SHabcdefilmnpqrstuvxT] [limit]');
    expect(out(['ulimit -n lots'])).toBe('-bash: ulimit: lots: invalid number');
    expect(out(['type ulimit'])).toBe('ulimit is a shell builtin');
  });
});

const scenarioFiles = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

describe.each(scenarioFiles)('%s: /proc agrees with ps on every host', (file) => {
  it('for every process: PPID, VSZ, RSS, threads and owner', { timeout: 60_000 }, () => {
    const parsed = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const scenario = parsed.scenario;
    for (const host of Object.keys(scenario.world.hosts)) {
      const start = scenario.startHost === host ? [] : [`ssh ${host}`];
      const lines = [...start, 'sudo ps -eo pid=,ppid=,vsz=,rss=,nlwp=,uid= | while read pid ppid vsz rss nlwp uid; do [ -r /proc/$pid/status ] || continue; grep -E "^(PPid|VmSize|VmRSS|Threads|Uid):" /proc/$pid/status | tr "\\n" " "; echo "| $ppid $vsz $rss $nlwp $uid"; done'];
      const snapshot = replayInputs(scenario, lines.map(inputFromLine));
      const output = snapshot.context.steps.at(-1)!.output;
      const rows = output.filter((l) => l.includes('|'));
      expect(rows.length, `${host}: ${output.slice(0, 3).join(' / ')}`).toBeGreaterThan(5);
      for (const row of rows) {
        const [left, right] = row.split('|');
        const [ppid, vsz, rss, nlwp, uid] = right!.trim().split(' ');
        const field = (name: string) => new RegExp(`${name}:\\t\\s*(\\d+)`).exec(left!)?.[1];
        expect(field('PPid'), row).toBe(ppid);
        expect(field('Threads'), row).toBe(nlwp);
        expect(field('Uid'), row).toBe(uid);
        if (rss !== '0') {
          expect(field('VmSize'), row).toBe(vsz);
          expect(field('VmRSS'), row).toBe(rss);
        }
      }
    }
  });
});

describe.each(scenarioFiles)('%s: what happened before the start has PIDs in the order it happened', (file) => {
  it('cron’s runs and sshd’s logins, on every host', { timeout: 60_000 }, () => {
    const parsed = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const scenario = parsed.scenario;
    for (const host of Object.keys(scenario.world.hosts)) {
      const start = scenario.startHost === host ? [] : [`ssh ${host}`];
      const snapshot = replayInputs(scenario, [...start, 'sudo journalctl --no-pager -o short-unix | grep -E " (CRON|sshd)\\[" '].map(inputFromLine));
      const pids: number[] = [];
      for (const line of snapshot.context.steps.at(-1)!.output) {
        const m = /^\S+ \S+ (CRON|sshd)\[(\d+)\]: (.*)$/.exec(line);
        // Each login and each run is forked when it begins (its later lines keep that PID).
        if (!m || !/^(Accepted publickey|pam_unix\(cron:session\): session opened)/.test(m[3]!)) continue;
        pids.push(Number(m[2]));
      }
      for (let i = 1; i < pids.length; i += 1) expect(pids[i]!, `${host}: ${pids.slice(Math.max(0, i - 2), i + 1).join(', ')}`).toBeGreaterThanOrEqual(pids[i - 1]!);
    }
  });
});
