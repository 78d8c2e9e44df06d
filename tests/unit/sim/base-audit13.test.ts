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
      'lrwxrwxrwx 1 root root 33 Oct  6  2019 /etc/systemd/system/multi-user.target.wants/mysql.service -> /lib/systemd/system/mysql.service',
      'lrwxrwxrwx 1 root root 31 Oct  6  2019 /etc/systemd/system/multi-user.target.wants/ssh.service -> /lib/systemd/system/ssh.service',
    ]);
    expect(getty).toEqual(['total 0', 'lrwxrwxrwx 1 root root 34 Oct  6  2019 getty@tty1.service -> /lib/systemd/system/getty@.service']);
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

describe("Oracle's MySQL packaging files", () => {
  const LICENSE = [
    '#',
    '# This program is free software; you can redistribute it and/or modify',
    '# it under the terms of the GNU General Public License, version 2.0,',
    '# as published by the Free Software Foundation.',
    '#',
    '# This program is also distributed with certain software (including',
    '# but not limited to OpenSSL) that is licensed under separate terms,',
    '# as designated in a particular file or component or in included license',
    '# documentation.  The authors of MySQL hereby grant you an additional',
    '# permission to link the program and your derivative works with the',
    '# separately licensed software that they have included with MySQL.',
    '#',
    '# This program is distributed in the hope that it will be useful,',
    '# but WITHOUT ANY WARRANTY; without even the implied warranty of',
    '# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the',
    '# GNU General Public License, version 2.0, for more details.',
    '#',
    '# You should have received a copy of the GNU General Public License',
    '# along with this program; if not, write to the Free Software',
    '# Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA  02110-1301 USA',
    '',
  ];

  it('my.cnf is the alternatives link to the server’s mysql.cnf, which includes both directories', T, () => {
    const [link, alt, cnf, client, ls] = outputsOn(wipe, 'db-master', ['readlink /etc/mysql/my.cnf', 'readlink /etc/alternatives/my.cnf', 'cat /etc/mysql/my.cnf', 'cat /etc/mysql/conf.d/mysql.cnf', 'ls /etc/mysql/mysql.conf.d /etc/mysql/conf.d']);
    expect(link).toEqual(['/etc/alternatives/my.cnf']);
    expect(alt).toEqual(['/etc/mysql/mysql.cnf']);
    expect(cnf).toEqual(['# Copyright (c) 2016, 2019, Oracle and/or its affiliates. All rights reserved.', ...LICENSE, '!includedir /etc/mysql/conf.d/', '!includedir /etc/mysql/mysql.conf.d/']);
    expect(client).toEqual(['# Copyright (c) 2015, 2019, Oracle and/or its affiliates. All rights reserved.', ...LICENSE, '#', '# The MySQL  Client configuration file.', '#', '# For explanations see', '# http://dev.mysql.com/doc/mysql/en/server-system-variables.html', '', '[mysql]']);
    expect(ls).toEqual(['/etc/mysql/conf.d:', 'mysql.cnf', '', '/etc/mysql/mysql.conf.d:', 'mysqld.cnf']);
  });

  it('/var/lib/mysql-files is mysql’s, mode 700, empty, and secure_file_priv names it', T, () => {
    const [ls, mine, priv] = outputsOn(wipe, 'db-master', ['sudo ls -la /var/lib/mysql-files', 'ls /var/lib/mysql-files', 'mysql -N -e "select @@secure_file_priv"']);
    expect(ls!.slice(0, 2)).toEqual(['total 8', expect.stringMatching(/^drwx------ 2 mysql mysql 4096 \w{3} [ \d]\d ( \d{4}|\d\d:\d\d) \.$/)]);
    expect(ls).toHaveLength(3);
    expect(mine).toEqual(["ls: cannot open directory '/var/lib/mysql-files': Permission denied"]);
    expect(priv!.join('\n')).toContain('/var/lib/mysql-files/');
  });

  it('no MySQL server, no packaging files', T, () => {
    const [ls] = outputsOn(wipe, 'web-01', ['ls -d /etc/mysql /var/lib/mysql-files /etc/apt/sources.list.d/mysql.list']);
    expect(ls).toEqual([
      "ls: cannot access '/etc/mysql': No such file or directory",
      "ls: cannot access '/var/lib/mysql-files': No such file or directory",
      "ls: cannot access '/etc/apt/sources.list.d/mysql.list': No such file or directory",
    ]);
  });
});

describe('APT sources', () => {
  it('the cloud image’s sources.list (cloud-init’s, bionic) and the MySQL repository’s list', T, () => {
    const [debs, list, size] = outputsOn(wipe, 'db-master', ['grep ^deb /etc/apt/sources.list', 'cat /etc/apt/sources.list.d/mysql.list', 'wc -c /etc/apt/sources.list.d/mysql.list']);
    expect(debs).toEqual([
      'deb http://archive.ubuntu.com/ubuntu bionic main restricted',
      'deb http://archive.ubuntu.com/ubuntu bionic-updates main restricted',
      'deb http://archive.ubuntu.com/ubuntu bionic universe',
      'deb http://archive.ubuntu.com/ubuntu bionic-updates universe',
      'deb http://archive.ubuntu.com/ubuntu bionic multiverse',
      'deb http://archive.ubuntu.com/ubuntu bionic-updates multiverse',
      'deb http://archive.ubuntu.com/ubuntu bionic-backports main restricted universe multiverse',
      'deb http://security.ubuntu.com/ubuntu bionic-security main restricted',
      'deb http://security.ubuntu.com/ubuntu bionic-security universe',
      'deb http://security.ubuntu.com/ubuntu bionic-security multiverse',
    ]);
    expect(list).toEqual([
      '### THIS FILE IS AUTOMATICALLY CONFIGURED ###',
      '# You may comment out entries below, but any other modifications may be lost.',
      "# Use command 'dpkg-reconfigure mysql-apt-config' as root for modifications.",
      'deb http://repo.mysql.com/apt/ubuntu/ bionic mysql-apt-config',
      'deb http://repo.mysql.com/apt/ubuntu/ bionic mysql-8.0',
      'deb http://repo.mysql.com/apt/ubuntu/ bionic mysql-tools',
      '#deb http://repo.mysql.com/apt/ubuntu/ bionic mysql-tools-preview',
      'deb-src http://repo.mysql.com/apt/ubuntu/ bionic mysql-8.0',
    ]);
    expect(size).toEqual(['500 /etc/apt/sources.list.d/mysql.list']);
  });

  it('sources.list opens with cloud-init’s note', T, () => {
    const [head] = outputsOn(wipe, 'web-01', ['head -3 /etc/apt/sources.list']);
    expect(head).toEqual(['## Note, this file is written by cloud-init on first boot of an instance', '## modifications made here will not survive a re-bundle.', '## if you wish to make changes you can:']);
  });
});

describe("logrotate's older auth logs", () => {
  it.each(['lb-01', 'web-01', 'db-master', 'db-replica'])('%s: auth.log.2.gz … .4.gz differ in size, as ls and stat agree', { timeout: 120_000 }, (host) => {
    const [ls, stat] = outputsOn(wipe, host, ['ls -l /var/log/auth.log.2.gz /var/log/auth.log.3.gz /var/log/auth.log.4.gz', 'stat -c %s /var/log/auth.log.2.gz /var/log/auth.log.3.gz /var/log/auth.log.4.gz']);
    const sizes = ls!.map((l) => l.split(/\s+/)[4]);
    expect(new Set(sizes).size, sizes.join(' ')).toBeGreaterThan(1);
    expect(stat).toEqual(sizes);
  });
});
