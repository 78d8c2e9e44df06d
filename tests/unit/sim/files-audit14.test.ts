// @vitest-environment node
/**
 * The fourteenth audit's missing standard files, as a stock Ubuntu 18.04 host holds them:
 * OpenSSH's configuration, /etc/fstab, the daemons' runtime files and sockets in /run,
 * /etc/logrotate.d, sudo's files, MySQL's shared files, /proc/sys with sysctl, and the times of
 * /tmp, /var/tmp and /var/backups.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/init';
import { simConfigOf } from '../../../src/engine/simConfig';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';
import { unitsOf } from '../../../src/sim/system/units';
import { isDesktopInstall } from '../../../src/sim/system/baseImage';
import { kernelVariables } from '../../../src/sim/system/sysctl';
import { haproxyStatsSockets } from '../../../src/sim/system/stockFiles';
import { SSH_CONFIG, SSHD_CONFIG } from '../../../src/sim/system/sshConfig';
import { parentOf } from '../../../src/sim/fs';
import { epochOf } from '../../../src/sim/time';

const wipe = loadScenarioFile('scenarios/mysql-wipe.json');
const T = { timeout: 120_000 };

describe('OpenSSH configuration', () => {
  it('the packages\' files are their real sizes (1580 and 3264 bytes)', () => {
    expect(SSH_CONFIG.length).toBe(1580);
    expect(SSHD_CONFIG.length).toBe(3264);
  });

  it('a cloud server: cloud-init\'s PasswordAuthentication no, with the stock settings', T, () => {
    const [grep, ls] = outputsOn(wipe, 'web-01', ['grep -E "^[A-Z]" /etc/ssh/sshd_config', 'ls -l /etc/ssh/sshd_config /etc/ssh/ssh_config']);
    expect(grep).toEqual(['ChallengeResponseAuthentication no', 'UsePAM yes', 'X11Forwarding yes', 'PrintMotd no', 'AcceptEnv LANG LC_*', 'Subsystem\tsftp\t/usr/lib/openssh/sftp-server', 'PasswordAuthentication no']);
    expect(ls![0]).toMatch(/^-rw-r--r-- 1 root root 1580 .* \/etc\/ssh\/ssh_config$/);
    expect(ls![1]).toMatch(/^-rw-r--r-- 1 root root 3290 .* \/etc\/ssh\/sshd_config$/);
  });

  it('the laptop (a desktop install running sshd) keeps the package\'s file: no PasswordAuthentication line', T, () => {
    const [grep] = outputsOn(wipe, 'laptop', ['grep -c "^PasswordAuthentication" /etc/ssh/sshd_config']);
    expect(grep).toEqual(['0']);
  });
});

describe('/etc/fstab', () => {
  it('cloud image: the root by label; another disk by UUID', T, () => {
    const [lb, db] = [outputsOn(wipe, 'lb-01', ['cat /etc/fstab'])[0], outputsOn(wipe, 'db-master', ['cat /etc/fstab'])[0]];
    expect(lb).toEqual(['LABEL=cloudimg-rootfs\t/\t ext4\tdefaults\t0 0']);
    expect(db![0]).toBe('LABEL=cloudimg-rootfs\t/\t ext4\tdefaults\t0 0');
    expect(db![1]).toMatch(/^UUID=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\t\/var\/lib\/mysql\text4\tdefaults,nofail\t0 2$/);
    const [web] = outputsOn(wipe, 'web-01', ['cat /etc/fstab']);
    expect(web).toEqual(['LABEL=cloudimg-rootfs\t/\t ext4\tdefaults\t0 0', 'LABEL=UEFI\t/boot/efi\tvfat\tdefaults\t0 0']);
  });

  it('the laptop: the installer\'s UUID lines, its comments and the swap file', T, () => {
    const [fstab] = outputsOn(wipe, 'laptop', ['grep -v "^#" /etc/fstab']);
    expect(fstab![0]).toMatch(/^UUID=[0-9a-f-]{36} \/ {15}ext4 {4}errors=remount-ro 0 {7}1$/);
    expect(fstab![1]).toMatch(/^UUID=[0-9A-F]{4}-[0-9A-F]{4} {2}\/boot\/efi {7}vfat {4}umask=0077 {6}0 {7}1$/);
    expect(fstab![2]).toBe('/swapfile                                 none            swap    sw              0       0');
  });

  describe.each(scenarioFiles)('%s: property', (file) => {
    it('every host\'s fstab mounts exactly the disks df shows', T, () => {
      const scenario = loadScenarioFile(file);
      const config = simConfigOf(scenario);
      const world = createWorld(config, scenario.startHost, 8 * 3600);
      for (const [id, host] of Object.entries(world.hosts)) {
        const spec = config.world.hosts[id]!;
        const mounts = (host.files['/etc/fstab']!.content ?? '').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/)[1]).filter((m) => m !== 'none');
        expect(mounts, id).toEqual((spec.system?.disks?.length ? spec.system.disks : [{ mount: '/' }]).map((d) => d.mount));
      }
    });
  });
});

describe('runtime files in /run', () => {
  it('lb-01: the stats socket haproxy.cfg declares, in the setgid /run/haproxy', T, () => {
    const [ls, test, cat] = outputsOn(wipe, 'lb-01', ['ls -la /run/haproxy', 'test -S /run/haproxy/admin.sock && echo socket', 'sudo cat /run/haproxy/admin.sock']);
    expect(ls!.slice(1).map((l) => l.replace(/ +/g, ' '))).toEqual(['drwxrwsr-x 2 haproxy haproxy 4096 May 1 07:26 .', 'drwxr-xr-x 16 root root 4096 May 1 07:26 ..', 'srw-rw---- 1 root haproxy 0 May 1 07:26 admin.sock']);
    expect(test).toEqual(['socket']);
    // A socket is connected to, not opened: cat's open(2) fails with ENXIO (as root; the intern is refused first).
    expect(cat).toEqual(['cat: /run/haproxy/admin.sock: No such device or address']);
  });

  it('reads the socket\'s path and mode from the global section only', () => {
    expect(haproxyStatsSockets('global\n\tstats socket /run/haproxy/admin.sock mode 660 level admin\n\tstats socket /run/x.sock\nlisten stats\n\tstats socket /nope\n')).toEqual([{ path: '/run/haproxy/admin.sock', mode: 0o660 }, { path: '/run/x.sock', mode: 0o755 }]);
  });

  it('db-master: mysqld\'s sockets and their locks hold the PID ps shows', T, () => {
    const [ls, lock, pgrep] = outputsOn(wipe, 'db-master', ['ls -l /run/mysqld', 'sudo cat /run/mysqld/mysqld.sock.lock', 'pgrep -x mysqld']);
    expect(ls!.slice(1).map((l) => { const f = l.split(/ +/); return `${f[0]} ${f[2]} ${f[3]} ${f.at(-1)}`; })).toEqual(['-rw-r----- mysql mysql mysqld.pid', 'srwxrwxrwx mysql mysql mysqld.sock', '-rw------- mysql mysql mysqld.sock.lock', 'srwxrwxrwx mysql mysql mysqlx.sock', '-rw------- mysql mysql mysqlx.sock.lock']);
    expect(lock).toEqual(pgrep);
  });

  it('a clean stop removes mysqld\'s sockets and locks; a start makes them with the new PID; a restart remakes HAProxy\'s', T, () => {
    const [, stopped, , started, pid] = outputsOn(wipe, 'db-replica', ['sudo systemctl stop mysql', 'ls /run/mysqld', 'sudo systemctl start mysql', 'sudo cat /run/mysqld/mysqld.sock.lock /run/mysqld/mysqlx.sock.lock', 'pgrep -x mysqld']);
    expect(stopped).toEqual([]);
    expect(started).toEqual([pid![0], pid![0]]);
    const [, ls] = outputsOn(wipe, 'lb-01', ['sudo systemctl restart haproxy', 'ls -l /run/haproxy']);
    expect(ls![1]).toMatch(/^srw-rw---- 1 root haproxy 0 May {2}4 08:4\d admin\.sock$/);
  });

  describe.each(scenarioFiles)('%s: property', (file) => {
    it('every running service\'s PID file holds its main PID, and sockets only where a service runs', T, () => {
      const scenario = loadScenarioFile(file);
      const config = simConfigOf(scenario);
      const world = createWorld(config, scenario.startHost, 8 * 3600);
      for (const [id, host] of Object.entries(world.hosts)) {
        for (const [path, node] of Object.entries(host.files)) {
          if (!node.socket) continue;
          expect(Object.hasOwn(host.files, parentOf(path)), `${id} ${path}`).toBe(true);
          const owner = path.startsWith('/run/mysqld/') ? 'mysql.service' : path.startsWith('/run/haproxy/') ? 'haproxy.service' : null;
          if (owner) expect(host.services[owner]?.pid, `${id} ${path}`).not.toBeNull();
        }
        for (const def of unitsOf(config, id)) {
          const state = host.services[def.name];
          const pidFile = def.name === 'ssh.service' ? '/run/sshd.pid' : def.name === 'mysql.service' ? '/run/mysqld/mysqld.pid' : def.name === 'nginx.service' ? '/run/nginx.pid' : null;
          if (pidFile && state?.pid) expect(host.files[pidFile]?.content, `${id} ${pidFile}`).toBe(`${state.pid}\n`);
        }
      }
    });
  });
});

describe('logrotate, sudo, MySQL\'s shared files', () => {
  it('the packages\' logrotate files, haproxy\'s where it is installed', T, () => {
    const [lb] = outputsOn(wipe, 'lb-01', ['ls /etc/logrotate.d']);
    expect(lb).toEqual(['apt  dpkg  haproxy  rsyslog  ufw  unattended-upgrades']);
    const [web, rsyslog] = outputsOn(wipe, 'web-01', ['ls /etc/logrotate.d', 'head -3 /etc/logrotate.d/rsyslog']);
    expect(web![0]).toMatch(/^apt +dpkg +nginx +rsyslog +tunistocks +ufw +unattended-upgrades$/);
    expect(rsyslog).toEqual(['/var/log/syslog', '{', '\trotate 7']);
  });

  it('/etc/sudoers holds the %sudo rule sudo -l prints; /etc/sudoers.d is 755 with its README (sudoers.ts)', T, () => {
    const [rule, list, ls] = outputsOn(wipe, 'web-01', ['sudo grep "^%sudo" /etc/sudoers', 'sudo -l', 'sudo ls -la /etc/sudoers.d']);
    expect(rule).toEqual(['%sudo\tALL=(ALL:ALL) ALL']);
    expect(list).toContain('    (ALL : ALL) ALL');
    expect(ls![1]).toMatch(/^drwxr-xr-x +2 root root +4096 /);
    expect(ls!.find((l) => l.endsWith(' README'))).toMatch(/^-r--r----- +1 root root +958 /);
  });

  it('find / -name "*.sql" finds the Rewriter plugin\'s scripts on a MySQL server', T, () => {
    const [found, errmsg] = outputsOn(wipe, 'db-master', ['find / -name "*.sql" 2>/dev/null', 'ls /usr/share/mysql-8.0/english']);
    expect(found).toEqual(['/usr/share/mysql-8.0/install_rewriter.sql', '/usr/share/mysql-8.0/uninstall_rewriter.sql']);
    expect(errmsg).toEqual(['errmsg.sys']);
  });
});

describe('/proc/sys and sysctl', () => {
  it('ip_forward and friends read as sysctl prints them', T, () => {
    const out = outputsOn(wipe, 'db-master', ['cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/core/somaxconn /proc/sys/vm/swappiness /proc/sys/kernel/hostname', 'sysctl net.ipv4.ip_local_port_range kernel.pid_max', 'sysctl -n fs.file-max', 'cat /proc/sys/fs/file-max', 'ls -l /proc/sys/net/ipv4/ip_forward']);
    expect(out[0]).toEqual(['0', '128', '60', 'db-master']);
    expect(out[1]).toEqual(['net.ipv4.ip_local_port_range = 32768\t60999', 'kernel.pid_max = 32768']);
    expect(out[2]).toEqual(out[3]);
    expect(out[4]![0]).toMatch(/^-rw-r--r-- 1 root root 0 /);
  });

  describe.each(scenarioFiles)('%s: property', (file) => {
    it('every /proc/sys file holds its sysctl value', T, () => {
      const scenario = loadScenarioFile(file);
      const config = simConfigOf(scenario);
      const world = createWorld(config, scenario.startHost, 8 * 3600);
      for (const [id, host] of Object.entries(world.hosts)) {
        for (const [name, value] of Object.entries(kernelVariables(config.world.hosts[id]))) expect(host.files[`/proc/sys/${name.replace(/\./g, '/')}`]?.content, `${id} ${name}`).toBe(`${value}\n`);
      }
    });
  });
});

describe('times of /tmp, /var/tmp and /var/backups', () => {
  it('the laptop booted today: /tmp and /var/tmp are this boot\'s, with the PrivateTmp directories in both', T, () => {
    const [ls] = outputsOn(wipe, 'laptop', ['ls -ld /tmp /var/tmp']);
    expect(ls!.map((l) => l.split(/ +/).slice(5, 8).join(' '))).toEqual(['May 4 06:29', 'May 4 06:29']);
    const [vt] = outputsOn(wipe, 'laptop', ['ls /var/tmp']);
    expect(vt![0]).toMatch(/^systemd-private-[0-9a-f]{32}-systemd-resolved\.service-\w{6}/);
  });

  it('/var/backups holds what cron.daily makes (gshadow.bak included), none at midnight', T, () => {
    const [ls] = outputsOn(wipe, 'web-01', ['ls --full-time /var/backups']);
    const names = ls!.slice(1).map((l) => l.split(/ +/).at(-1));
    expect(names).toEqual(['alternatives.tar.0', 'apt.extended_states.0', 'dpkg.status.0', 'group.bak', 'gshadow.bak', 'passwd.bak', 'shadow.bak']);
    expect(ls!.find((l) => l.endsWith('alternatives.tar.0'))).toMatch(/ 06:25:01\.\d+ \+0000 /);
  });

  describe.each(scenarioFiles)('%s: property', (file) => {
    it('no backup is newer than the start, and each .bak is its file\'s copy', T, () => {
      const scenario = loadScenarioFile(file);
      const config = simConfigOf(scenario);
      const world = createWorld(config, scenario.startHost, 8 * 3600);
      for (const [id, host] of Object.entries(world.hosts)) {
        for (const [path, node] of Object.entries(host.files)) if (path.startsWith('/var/backups')) expect(node.mtime, `${id} ${path}`).toBeLessThanOrEqual(epochOf(config.date, 8 * 3600));
        for (const name of ['passwd', 'group']) expect(host.files[`/var/backups/${name}.bak`]?.content, `${id} ${name}`).toBe(host.files[`/etc/${name}`]?.content);
        expect(isDesktopInstall(config.world.hosts[id]) || host.files['/etc/ssh/sshd_config']?.content?.endsWith('PasswordAuthentication no\n'), id).toBe(true);
      }
    });
  });
});
