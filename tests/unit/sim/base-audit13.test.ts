// @vitest-environment node
/**
 * The thirteenth session's base-image findings, as a stock Ubuntu 18.04 cloud server holds them:
 * systemd's enablement symlinks, the install-time logs, logrotate's copies, wtmp and lastlog's
 * times, dmesg's microseconds, Oracle's MySQL packaging files and the apt sources.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/init';
import { simConfigOf } from '../../../src/engine/simConfig';
import { loadScenarioFile, outputsOn } from '../scoring/support';

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
