// @vitest-environment node
/**
 * The thirteenth session's base-image findings, as a stock Ubuntu 18.04 cloud server holds them:
 * systemd's enablement symlinks, the install-time logs, logrotate's copies, wtmp and lastlog's
 * times, dmesg's microseconds, Oracle's MySQL packaging files and the apt sources.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/init';
import { simConfigOf } from '../../../src/engine/simConfig';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';
import { unitsOf } from '../../../src/sim/system/units';
import { resolvePath, parentOf } from '../../../src/sim/fs';

const wipe = loadScenarioFile('scenarios/mysql-wipe.json');
const T = { timeout: 120_000 };

describe('wtmp and lastlog are modified by the last login written to them', () => {
  it('db-master: lastlog at the latest login, wtmp at its logout; ssh adds a record', T, () => {
    const [ls, last] = outputsOn(wipe, 'db-master', ['ls -l /var/log/wtmp /var/log/lastlog', 'last -2']);
    // The ssh login that opened this session was written at 08:40 to both.
    expect(ls).toEqual(['-rw-rw-r-- 1 root utmp 292292 May  4 08:40 /var/log/lastlog', '-rw-rw-r-- 1 root utmp   2304 May  4 08:40 /var/log/wtmp']);
    expect(last![0]).toMatch(/^intern +pts\/0 +\S+ +Mon May {2}4 08:40 {3}still logged in$/);
  });

  it('before anyone logs in now: wtmp at the latest logout, lastlog at the latest login', T, () => {
    const config = simConfigOf(wipe);
    const world = createWorld(config, wipe.startHost, 8 * 3600 + 40 * 60);
    for (const [id, host] of Object.entries(world.hosts)) {
      const logins = host.logins ?? [];
      if (!logins.length) continue;
      const epoch = (clock: number) => Date.UTC(2020, 4, 4) / 1000 + clock;
      const latest = logins[logins.length - 1]!;
      expect(host.files['/var/log/lastlog']!.mtime, id).toBe(epoch(Math.max(...logins.map((l) => l.at))));
      expect(host.files['/var/log/wtmp']!.mtime, id).toBe(epoch(Math.max(...logins.map((l) => l.until ?? l.at))));
      expect(host.files['/var/log/wtmp']!.size, id).toBe(384 * (1 + logins.length * 2 - logins.filter((l) => l.until === null).length));
      expect(latest.at).toBeLessThan(8 * 3600 + 40 * 60);
    }
  });
});

describe('dmesg stamps to the microsecond', () => {
  it('times after 0 do not all end in 000, rise line by line, and differ between hosts', T, () => {
    const [master] = outputsOn(wipe, 'db-master', ['dmesg']);
    const [web] = outputsOn(wipe, 'web-01', ['dmesg']);
    const stamps = (out: readonly string[]) => out.map((l) => Number(/^\[ *(\d+\.\d{6})\]/.exec(l)![1]));
    const m = stamps(master!);
    expect(m.filter((t) => t > 0).every((t) => Math.round(t * 1e6) % 1000 === 0)).toBe(false);
    for (let i = 1; i < m.length; i += 1) expect(m[i]!).toBeGreaterThanOrEqual(m[i - 1]!);
    expect(master![0]).toMatch(/^\[ {4}0\.000000\] Linux version /);
    expect(stamps(web!)).not.toEqual(m);
  });
});

describe('/etc/systemd/system holds the links systemctl enable made', () => {
  it('db-master: aliases at the top, one .wants/ link per enabled unit, pointing at its package file', T, () => {
    const [top, multi, getty, sysinit] = outputsOn(wipe, 'db-master', ['ls /etc/systemd/system', 'ls -l /etc/systemd/system/multi-user.target.wants/mysql.service /etc/systemd/system/multi-user.target.wants/ssh.service', 'ls -l /etc/systemd/system/getty.target.wants', 'ls /etc/systemd/system/sysinit.target.wants']);
    expect(top!.join(' ').split(/\s+/)).toEqual(expect.arrayContaining(['dbus-org.freedesktop.resolve1.service', 'dbus-org.freedesktop.timesync1.service', 'getty.target.wants', 'multi-user.target.wants', 'sshd.service', 'syslog.service', 'sysinit.target.wants']));
    expect(multi).toEqual([
      'lrwxrwxrwx 1 root root 33 Jan  5 00:00 /etc/systemd/system/multi-user.target.wants/mysql.service -> /lib/systemd/system/mysql.service',
      'lrwxrwxrwx 1 root root 31 Jan  5 00:00 /etc/systemd/system/multi-user.target.wants/ssh.service -> /lib/systemd/system/ssh.service',
    ]);
    expect(getty).toEqual(['total 0', 'lrwxrwxrwx 1 root root 34 Jan  5 00:00 getty@tty1.service -> /lib/systemd/system/getty@.service']);
    expect(sysinit!.join(' ')).toContain('systemd-timesyncd.service');
  });

  it('readlink of the aliases, and the unit file is what systemctl cat prints', T, () => {
    const [sshd, syslog, cat, file] = outputsOn(wipe, 'db-master', ['readlink /etc/systemd/system/sshd.service', 'readlink /etc/systemd/system/syslog.service', 'systemctl cat rsyslog', 'cat /lib/systemd/system/rsyslog.service']);
    expect(sshd).toEqual(['/lib/systemd/system/ssh.service']);
    expect(syslog).toEqual(['/lib/systemd/system/rsyslog.service']);
    expect(cat!.slice(1)).toEqual(file);
    expect(file).toContain('Alias=syslog.service');
  });

  it('disable removes the link, enable puts it back, mask links to /dev/null', T, () => {
    const out = outputsOn(wipe, 'db-master', ['sudo systemctl disable mysql', 'ls /etc/systemd/system/multi-user.target.wants/mysql.service', 'systemctl is-enabled mysql', 'sudo systemctl enable mysql', 'readlink /etc/systemd/system/multi-user.target.wants/mysql.service', 'sudo systemctl mask mysql', 'readlink /etc/systemd/system/mysql.service', 'sudo systemctl unmask mysql', 'ls /etc/systemd/system/mysql.service']);
    expect(out[1]).toEqual(["ls: cannot access '/etc/systemd/system/multi-user.target.wants/mysql.service': No such file or directory"]);
    expect(out[2]).toEqual(['disabled']);
    expect(out[4]).toEqual(['/lib/systemd/system/mysql.service']);
    expect(out[6]).toEqual(['/dev/null']);
    expect(out[8]).toEqual(["ls: cannot access '/etc/systemd/system/mysql.service': No such file or directory"]);
  });

  describe.each(scenarioFiles)('%s: property', (file) => {
    it('on every host every enabled unit has its .wants/ link and every link in /etc/systemd/system leads to a file', T, () => {
      const scenario = loadScenarioFile(file);
      const config = simConfigOf(scenario);
      const world = createWorld(config, scenario.startHost, 8 * 3600);
      for (const [id, host] of Object.entries(world.hosts)) {
        for (const def of unitsOf(config, id)) {
          const state = Object.hasOwn(host.services, def.name) ? host.services[def.name]!.enabled : def.enabled;
          if (def.unitFile.startsWith('/etc/init.d/')) continue;
          const wants = Object.keys(host.files).filter((p) => p.startsWith('/etc/systemd/system/') && p.endsWith(`.wants/${def.name}`));
          expect(wants.length, `${id} ${def.name} (${state})`).toBe(state === 'enabled' ? 1 : 0);
          expect(Object.hasOwn(host.files, def.unitFile), `${id} ${def.unitFile}`).toBe(true);
        }
        for (const [path, node] of Object.entries(host.files)) {
          if (!path.startsWith('/etc/systemd/system/') || node.kind !== 'link') continue;
          const target = resolvePath(parentOf(path), node.target!);
          expect(Object.hasOwn(host.files, target), `${id} ${path} -> ${target}`).toBe(true);
        }
      }
    });
  });
});
