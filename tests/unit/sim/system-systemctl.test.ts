import { describe, expect, it } from 'vitest';
import { out, run, systemConfig, SYSTEM_START } from './system-fixture';
import { createWorld } from '../../../src/sim/init';
import { submitLine } from '../../../src/sim/terminal';
import type { SimConfig } from '../../../src/sim/world';

const NGINX = 'A high performance web server and a reverse proxy server';

describe('systemctl status, as systemd 237 prints it', () => {
  it('shows a running unit with its helpers, main PID, tasks, cgroup and journal', () => {
    expect(out(['ssh web', 'systemctl status nginx'])).toBe(
      [
        `● nginx.service - ${NGINX}`,
        '   Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)',
        '   Active: active (running) since Sat 2021-02-27 09:58:31 UTC; 3 days ago',
        '     Docs: man:nginx(8)',
        '  Process: 639 ExecStart=/usr/sbin/nginx -g daemon on; master_process on; (code=exited, status=0/SUCCESS)',
        '  Process: 638 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=0/SUCCESS)',
        ' Main PID: 640 (nginx)',
        '    Tasks: 3 (limit: 4915)',
        '   CGroup: /system.slice/nginx.service',
        '           ├─640 nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
        '           ├─641 nginx: worker process',
        '           └─642 nginx: worker process',
        '',
        `Feb 27 09:58:31 shop-web systemd[1]: Starting ${NGINX}...`,
        `Feb 27 09:58:31 shop-web systemd[1]: Started ${NGINX}.`,
      ].join('\n'),
    );
  });

  it('shows a notify daemon\'s status text and its threads as tasks', () => {
    const text = out(['ssh db', 'systemctl status mysql.service']);
    expect(text).toContain('   Active: active (running) since Thu 2021-01-21 09:05:21 UTC; 1 months 9 days ago');
    expect(text).toContain(' Main PID: 1123 (mysqld)\n   Status: "Server is operational"\n    Tasks: 38 (limit: 4915)\n   CGroup: /system.slice/mysql.service\n           └─1123 /usr/sbin/mysqld');
  });

  it('hides the journal from users outside adm, as the journal\'s permissions do', () => {
    const text = out(['ssh lb', 'systemctl status haproxy']);
    expect(text).not.toContain('systemd[1]');
    expect(text.split('\n').at(-1)).toBe('           └─735 /usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid');
  });

  it('says a unit cannot be found, exit status 4; a stopped one exits 3', () => {
    const { steps } = run(['ssh web', 'systemctl status frobd', 'echo $?', 'sudo systemctl stop nginx', 'systemctl status nginx >/dev/null; echo $?']);
    expect(steps[1]!.output).toEqual(['Unit frobd.service could not be found.']);
    expect(steps[2]!.output).toEqual(['4']);
    expect(steps[4]!.output).toEqual(['3']);
  });

  it('finds a unit by alias and by PID', () => {
    expect(out(['ssh web', 'systemctl status sshd']).split('\n')[0]).toBe('● ssh.service - OpenBSD Secure Shell server');
    expect(out(['ssh web', 'systemctl status 641']).split('\n')[0]).toBe(`● nginx.service - ${NGINX}`);
  });
});

describe('starting, stopping and restarting', () => {
  it('a restart gives new PIDs and start time, and the journal says so', () => {
    const { steps } = run(['ssh web', '+90', 'sudo systemctl restart nginx', 'systemctl status nginx', 'journalctl -u nginx -n 4 --no-pager']);
    expect(steps[1]!.output).toEqual([]);
    const status = steps[2]!.output;
    expect(status[2]).toBe('   Active: active (running) since Tue 2021-03-02 14:06:30 UTC; 1s ago');
    // The stop's helper, then the start's pre-check, its forking parent and the new master, in PID order.
    expect(status.slice(4, 8)).toEqual([
      '  Process: 21007 ExecStop=/sbin/start-stop-daemon --quiet --stop --retry QUIT/5 --pidfile /run/nginx.pid (code=exited, status=0/SUCCESS)',
      '  Process: 21009 ExecStart=/usr/sbin/nginx -g daemon on; master_process on; (code=exited, status=0/SUCCESS)',
      '  Process: 21008 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=0/SUCCESS)',
      ' Main PID: 21010 (nginx)',
    ]);
    expect(steps[3]!.output).toEqual([
      '-- Logs begin at Sat 2021-02-27 09:58:00 UTC, end at Tue 2021-03-02 14:06:30 UTC. --',
      `Mar 02 14:06:30 shop-web systemd[1]: Stopping ${NGINX}...`,
      `Mar 02 14:06:30 shop-web systemd[1]: Stopped ${NGINX}.`,
      `Mar 02 14:06:30 shop-web systemd[1]: Starting ${NGINX}...`,
      `Mar 02 14:06:30 shop-web systemd[1]: Started ${NGINX}.`,
    ]);
  });

  it('stop makes a unit inactive, with how its main process ended', () => {
    const status = out(['ssh web', 'sudo systemctl stop shop-app', 'systemctl status shop-app']).split('\n');
    expect(status.slice(0, 4)).toEqual([
      '● shop-app.service - Shop storefront',
      '   Loaded: loaded (/etc/systemd/system/shop-app.service; enabled; vendor preset: enabled)',
      '   Active: inactive (dead) since Tue 2021-03-02 14:05:00 UTC; 1s ago',
      ' Main PID: 702 (code=killed, signal=TERM)',
    ]);
    expect(out(['ssh web', 'sudo systemctl stop shop-app', 'systemctl is-active shop-app; echo $?'])).toBe('inactive\n3');
  });

  it('names units it does not know in systemd\'s words, exit status 5', () => {
    const { steps } = run(['sudo systemctl restart foo', 'echo $?', 'sudo systemctl stop foo', 'sudo systemctl start foo.service']);
    expect(steps[0]!.output).toEqual(['Failed to restart foo.service: Unit foo.service not found.']);
    expect(steps[1]!.output).toEqual(['5']);
    expect(steps[2]!.output).toEqual(['Failed to stop foo.service: Unit foo.service not loaded.']);
    expect(steps[3]!.output).toEqual(['Failed to start foo.service: Unit foo.service not found.']);
  });

  it('asks polkit for a user who is not root: a sudoer types their password', () => {
    const { steps } = run(['ssh web', 'systemctl restart nginx']);
    expect(steps[1]!.output).toEqual(['==== AUTHENTICATING FOR org.freedesktop.systemd1.manage-units ===', "Authentication is required to restart 'nginx.service'.", 'Authenticating as: ana,,, (ana)', 'Password: ', '==== AUTHENTICATION COMPLETE ===']);
    expect(steps[1]!.notes).toEqual(['The drill typed your password for you.']);
  });

  it('refuses a user who is no sudoer, and needs a terminal to ask at all', () => {
    const { steps, world } = run(['ssh db', 'systemctl restart mysql', 'echo $?', 'systemctl --no-ask-password stop mysql', 'echo | systemctl stop mysql']);
    expect(steps[1]!.output).toEqual([
      '==== AUTHENTICATING FOR org.freedesktop.systemd1.manage-units ===',
      "Authentication is required to restart 'mysql.service'.",
      'Authenticating as: root',
      'Password: ',
      'polkit-agent-helper-1: pam_authenticate failed: Authentication failure',
      '==== AUTHENTICATION FAILED ===',
      'Failed to restart mysql.service: Access denied',
      "See system logs and 'systemctl status mysql.service' for details.",
    ]);
    expect(steps[2]!.output).toEqual(['4']);
    const noAgent = ['Failed to stop mysql.service: Interactive authentication required.', "See system logs and 'systemctl status mysql.service' for details."];
    expect(steps[3]!.output).toEqual(noAgent);
    expect(steps[4]!.output).toEqual(noAgent);
    expect(world.hosts.db!.services['mysql.service']!.pid).toBe(1123);
  });

  it('reloads nginx with new workers under the same master; a unit without ExecReload cannot reload', () => {
    const { steps, world } = run(['ssh web', 'sudo systemctl reload nginx', 'sudo -i', 'systemctl reload shop-app', 'echo $?']);
    expect(steps[1]!.output).toEqual([]);
    const nginx = world.hosts.web!.services['nginx.service']!;
    expect(nginx.pid).toBe(640);
    expect(nginx.workers).not.toEqual([641, 642]);
    expect(steps[3]!.output).toEqual(['Failed to reload shop-app.service: Job type reload is not applicable for unit shop-app.service.']);
    expect(steps[4]!.output).toEqual(['3']);
  });

  it('will not reload what is stopped', () => {
    expect(out(['ssh web', 'sudo systemctl stop nginx', 'sudo systemctl reload nginx'])).toBe('nginx.service is not active, cannot reload.');
  });

  it('fails to start nginx on a broken configuration, as nginx -t in ExecStartPre does', () => {
    const { steps, world } = run(['ssh web', 'sudo -i', "echo 'server { listne 80; }' > /etc/nginx/sites-enabled/shop", 'systemctl restart nginx', 'echo $?', 'systemctl status nginx --no-pager', 'systemctl is-failed nginx']);
    expect(steps[3]!.output).toEqual(['Job for nginx.service failed because the control process exited with error code.', 'See "systemctl status nginx.service" and "journalctl -xe" for details.']);
    expect(steps[4]!.output).toEqual(['1']);
    const status = steps[5]!.output;
    expect(status[2]).toBe('   Active: failed (Result: exit-code) since Tue 2021-03-02 14:05:00 UTC; 1s ago');
    expect(status).toContain('Mar 02 14:05:00 shop-web nginx[21010]: nginx: [emerg] unknown directive "listne" in /etc/nginx/sites-enabled/shop:1');
    expect(status).toContain('Mar 02 14:05:00 shop-web systemd[1]: nginx.service: Control process exited, code=exited status=1');
    expect(status.at(-1)).toBe("Mar 02 14:05:00 shop-web systemd[1]: nginx.service: Failed with result 'exit-code'.");
    expect(steps[6]!.output).toEqual(['failed']);
    expect(world.hosts.web!.services['nginx.service']).toMatchObject({ active: 'failed', pid: null });
  });
});

describe('systemctl is-*, list-units, list-unit-files, show, cat, enable', () => {
  it('answers is-active, is-enabled and is-failed with their words and statuses', () => {
    expect(out(['ssh web', 'systemctl is-active nginx shop-app frob; echo $?'])).toBe('active\nactive\ninactive\n0');
    expect(out(['ssh web', 'systemctl is-enabled nginx frob; echo $?'])).toBe('enabled\nFailed to get unit file state for frob.service: No such file or directory\n1');
    expect(out(['ssh web', 'systemctl is-enabled systemd-journald'])).toBe('static');
    expect(out(['ssh web', 'systemctl is-failed nginx; echo $?'])).toBe('active\n1');
    expect(out(['ssh web', 'systemctl -q is-active nginx; echo $?'])).toBe('0');
  });

  it('lists failed units with the ● column and the legend', () => {
    const lines = out(['ssh web', 'sudo -i', 'echo "events {" > /etc/nginx/nginx.conf', 'systemctl restart nginx', 'systemctl list-units --failed']).split('\n');
    expect(lines).toEqual([
      '  UNIT          LOAD   ACTIVE SUB    DESCRIPTION',
      `● nginx.service loaded failed failed ${NGINX}`,
      '',
      'LOAD   = Reflects whether the unit definition was properly loaded.',
      'ACTIVE = The high-level unit activation state, i.e. generalization of SUB.',
      'SUB    = The low-level unit activation state, values depend on unit type.',
      '',
      '1 loaded units listed. Pass --all to see loaded but inactive units, too.',
      "To show all installed unit files use 'systemctl list-unit-files'.",
    ]);
    expect(out(['systemctl list-units --failed'])).toBe("0 loaded units listed. Pass --all to see loaded but inactive units, too.\nTo show all installed unit files use 'systemctl list-unit-files'.");
  });

  it('lists services with columns as wide as their longest value', () => {
    const lines = out(['ssh web', 'systemctl list-units --type=service']).split('\n');
    expect(lines[0]).toBe('UNIT                               LOAD   ACTIVE SUB     DESCRIPTION');
    expect(lines).toContain('nginx.service                      loaded active running A high performance web server and a reverse proxy server');
    expect(lines).toContain('shop-app.service                   loaded active running Shop storefront');
    expect(lines).toContain('apparmor.service                   loaded active exited  AppArmor initialization');
    expect(lines.at(-2)).toBe('39 loaded units listed. Pass --all to see loaded but inactive units, too.');
    expect(out(['ssh web', 'systemctl list-units --type=service --all']).split('\n').at(-2)).toBe('39 loaded units listed.');
    expect(out(['ssh web', "systemctl list-units 'ngi*' --no-legend"])).toBe(`nginx.service loaded active running ${NGINX}`);
  });

  it('lists unit files with their state', () => {
    const lines = out(['ssh web', 'systemctl list-unit-files --type=service']).split('\n');
    expect(lines[0]).toBe('UNIT FILE                          STATE  ');
    expect(lines).toContain('getty@.service                     enabled');
    expect(lines).toContain('systemd-journald.service           static ');
    expect(lines.at(-1)).toBe(`${lines.length - 3} unit files listed.`);
  });

  it('shows properties one by one, and values alone', () => {
    expect(out(['ssh web', 'systemctl show nginx -p MainPID -p ActiveState,SubState'])).toBe('MainPID=640\nActiveState=active\nSubState=running');
    expect(out(['ssh web', 'systemctl show --property=MainPID --value nginx'])).toBe('640');
    expect(out(['ssh web', 'sudo systemctl stop nginx', 'systemctl show nginx -p MainPID,ExecMainPID,ExecMainStatus,Result'])).toBe('MainPID=0\nExecMainPID=640\nExecMainStatus=0\nResult=success');
  });

  it('prints the unit file with its path', () => {
    const lines = out(['ssh web', 'systemctl cat nginx']).split('\n');
    expect(lines[0]).toBe('# /lib/systemd/system/nginx.service');
    expect(lines).toContain("ExecStart=/usr/sbin/nginx -g 'daemon on; master_process on;'");
    expect(out(['systemctl cat nope'])).toBe('No files found for nope.service.');
  });

  it('enables and disables with the symlinks systemd reports', () => {
    const { steps, world } = run(['ssh web', 'sudo systemctl disable nginx', 'systemctl is-enabled nginx', 'sudo systemctl enable nginx', 'sudo systemctl disable shop-app']);
    expect(steps[1]!.output).toEqual(['Synchronizing state of nginx.service with SysV service script with /lib/systemd/systemd-sysv-install.', 'Executing: /lib/systemd/systemd-sysv-install disable nginx', 'Removed /etc/systemd/system/multi-user.target.wants/nginx.service.']);
    expect(steps[2]!.output).toEqual(['disabled']);
    expect(steps[3]!.output.at(-1)).toBe('Created symlink /etc/systemd/system/multi-user.target.wants/nginx.service → /lib/systemd/system/nginx.service.');
    expect(steps[4]!.output).toEqual(['Removed /etc/systemd/system/multi-user.target.wants/shop-app.service.']);
    // Disabling changes what boots, not what runs.
    expect(world.hosts.web!.services['shop-app.service']!.active).toBe('active');
  });

  it('refuses what it does not know in its own words', () => {
    expect(out(['systemctl frobnicate'])).toBe("Unknown operation 'frobnicate'.");
    expect(out(['systemctl --frob status'])).toBe("systemctl: unrecognized option '--frob'");
    expect(out(['systemctl -z status'])).toBe("systemctl: invalid option -- 'z'");
    expect(out(['systemctl start'])).toBe('Too few arguments.');
    expect(out(['systemctl --version'])).toBe('systemd 237\n+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid');
  });
});

describe('service, the SysV wrapper', () => {
  it('turns standard actions into systemctl and others into the init script', () => {
    expect(out(['ssh web', 'service nginx status']).split('\n')[0]).toBe(`● nginx.service - ${NGINX}`);
    expect(out(['ssh web', 'service foo status'])).toBe('Unit foo.service could not be found.');
    expect(out(['ssh web', 'service foo frob'])).toBe('foo: unrecognized service');
    expect(out(['service'])).toBe('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]');
    const { world } = run(['ssh web', 'sudo service nginx restart']);
    expect(world.hosts.web!.services['nginx.service']!.pid).not.toBe(640);
  });
});

describe('a configuration the scenario does not model', () => {
  it('is not a broken one: without /etc/nginx/nginx.conf nginx restarts and tests fine', () => {
    const web = systemConfig.world.hosts.web!;
    const config: SimConfig = { ...systemConfig, world: { hosts: { ...systemConfig.world.hosts, web: { ...web, files: (web.files ?? []).filter((f) => f.path !== '/etc/nginx/nginx.conf') } } } };
    let world = createWorld(config, 'web', SYSTEM_START);
    const outputs: string[][] = [];
    for (const line of ['sudo systemctl restart nginx', 'systemctl is-active nginx', 'sudo nginx -t']) {
      const step = submitLine(config, world, line);
      outputs.push(step.output);
      world = step.world;
    }
    expect(outputs[0]).toEqual([]);
    expect(outputs[1]).toEqual(['active']);
    expect(outputs[2]).toEqual(['nginx: the configuration file /etc/nginx/nginx.conf syntax is ok', 'nginx: configuration file /etc/nginx/nginx.conf test is successful']);
  });

  it('reads an include of a file the nginx package ships (mime.types) as the package\'s own', () => {
    expect(out(['ssh web', 'sudo nginx -t'])).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful');
    expect(out(['ssh web', 'sudo -i', 'echo "include /etc/nginx/nope.conf;" >> /etc/nginx/nginx.conf', 'nginx -t'])).toBe('nginx: [emerg] open() "/etc/nginx/nope.conf" failed (2: No such file or directory) in /etc/nginx/nginx.conf:13\nnginx: configuration file /etc/nginx/nginx.conf test failed');
  });
});

describe('journal lines the scenario repeats', () => {
  it('grow with the clock and stop when the unit is restarted', () => {
    const { steps } = run(['ssh web', 'journalctl -u shop-app -p warning --since 13:59 -o cat', '+300', 'journalctl -u shop-app -p warning --since 13:59 -o cat', 'sudo systemctl restart shop-app', '+600', 'journalctl -u shop-app -p warning --since 14:05 -o cat']);
    const header = '-- Logs begin at Sat 2021-02-27 09:58:00 UTC, end at Tue 2021-03-02 14:05:00 UTC. --';
    expect(steps[1]!.output).toEqual([header, 'ERROR GET /cart 502 - upstream timeout', 'WARN pool exhausted, waiting', 'WARN pool exhausted, waiting', 'WARN slow query 2300ms', 'WARN pool exhausted, waiting']);
    expect(steps[2]!.output.filter((l) => l.startsWith('WARN pool'))).toHaveLength(6);
    // 14:06 and 14:08; restarted at 14:10, the process that wrote them is gone.
    expect(steps[4]!.output.filter((l) => l.startsWith('WARN pool'))).toHaveLength(2);
  });
});

describe('who writes a unit\'s own journal lines', () => {
  it('is HAProxy\'s worker, not its master', () => {
    expect(out(['ssh lb', 'sudo journalctl -u haproxy -n 1'])).toMatch(/\nMar 02 14:01:10 shop-lb haproxy\[735\]: 10\.9\.0\.6:51044 /);
  });
});

describe('systemctl status without a unit', () => {
  it('shows the host\'s state and the cgroup tree, the trainee\'s login in its session scope, the user\'s manager beside it', () => {
    const lines = out(['ssh web', 'sudo -i', 'systemctl status']).split('\n');
    // Session 23 is the host's earlier login in its login records (last shows it); this login is the next.
    expect(lines.slice(0, 6)).toEqual(['● shop-web', '    State: running', '     Jobs: 0 queued', '   Failed: 0 units', '    Since: Sat 2021-02-27 09:58:00 UTC; 3 days ago', '   CGroup: /']);
    expect(lines.slice(6, 17)).toEqual([
      '           ├─user.slice',
      '           │ └─user-1001.slice',
      '           │   ├─user@1001.service',
      '           │   │ ├─21002 /lib/systemd/systemd --user',
      '           │   │ └─21003 (sd-pam)',
      '           │   └─session-24.scope',
      '           │     ├─21001 sshd: ana [priv]',
      '           │     ├─21004 sshd: ana@pts/0',
      '           │     ├─21005 -bash',
      '           │     ├─21007 sudo -i',
      '           │     └─21008 -bash',
    ]);
    expect(lines).toContain('             ├─nginx.service');
    expect(lines.at(-1)).toBe('               └─843 /usr/bin/python3 /usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal');
  });
});

describe('slice names of template units', () => {
  it('escape the template prefix as systemd does (`-` is \\x2d)', async () => {
    const { cgroupOf } = await import('../../../src/sim/system/unitStatus');
    expect(cgroupOf('openvpn-client@office.service')).toBe('/system.slice/system-openvpn\\x2dclient.slice/openvpn-client@office.service');
    expect(cgroupOf('getty@tty1.service')).toBe('/system.slice/system-getty.slice/getty@tty1.service');
  });
});
