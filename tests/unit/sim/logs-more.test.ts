/**
 * Logs that record what just happened, as Ubuntu 18.04's daemons write them: HAProxy 1.8.8's
 * master-worker lines on reload and restart, nginx 1.14's reconfiguring notices in a main
 * error_log at notice (and nothing at the default level), systemd's `Started` before a
 * Type=simple program's own lines, sudo 1.8.21's `command not found`, sshd 7.6 naming the key
 * type. The world is tests/unit/sim/logs-more-fixture.ts (made up).
 */
import { describe, expect, it } from 'vitest';
import { moreStart, out, run } from './logs-more-fixture';

const HEAD = '-- Logs begin at Thu 2021-02-18 07:35:00 UTC, end at Tue 2021-03-02 10:40:00 UTC. --';

describe('HAProxy 1.8 in master-worker mode says what its master and workers did', () => {
  it('systemctl reload: the master re-executes, the new worker starts each proxy, the former worker exits 0', () => {
    const { steps } = run(['sudo systemctl reload haproxy', 'sudo journalctl -u haproxy --since 10:39', 'ps -C haproxy -o pid,ppid,user'], moreStart('lb'));
    expect(steps[1]!.output).toEqual([
      HEAD,
      'Mar 02 10:40:00 pie-lb systemd[1]: Reloading HAProxy Load Balancer.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : Reexecuting Master process',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy stats started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy pies started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy www started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : Former worker 733 exited with code 0',
      'Mar 02 10:40:00 pie-lb systemd[1]: Reloaded HAProxy Load Balancer.',
    ]);
    expect(steps[2]!.output).toEqual(['  PID  PPID USER', '  731     1 root', ' 4003   731 haproxy']);
  });

  it('systemctl restart: the master passes SIGTERM on and leaves with 143, the new one starts the proxies', () => {
    expect(out(['sudo systemctl restart haproxy', 'sudo journalctl -u haproxy --since 10:39'], moreStart('lb'))).toBe([
      HEAD,
      'Mar 02 10:40:00 pie-lb systemd[1]: Stopping HAProxy Load Balancer...',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : Exiting Master process...',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [ALERT] 060/104000 (731) : Current worker 733 exited with code 143',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : All workers exited. Exiting... (143)',
      'Mar 02 10:40:00 pie-lb systemd[1]: Stopped HAProxy Load Balancer.',
      'Mar 02 10:40:00 pie-lb systemd[1]: Starting HAProxy Load Balancer...',
      'Mar 02 10:40:00 pie-lb haproxy[4002]: Proxy stats started.',
      'Mar 02 10:40:00 pie-lb haproxy[4002]: Proxy pies started.',
      'Mar 02 10:40:00 pie-lb haproxy[4002]: Proxy www started.',
      'Mar 02 10:40:00 pie-lb systemd[1]: Started HAProxy Load Balancer.',
    ].join('\n'));
  });

  it('kill -USR2 of the master does the same, without systemd\'s lines', () => {
    expect(out(['sudo kill -USR2 731', 'sudo journalctl -u haproxy --since 10:39 -q'], moreStart('lb'))).toBe([
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : Reexecuting Master process',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy stats started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy pies started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: Proxy www started.',
      'Mar 02 10:40:00 pie-lb haproxy[731]: [WARNING] 060/104000 (731) : Former worker 733 exited with code 0',
    ].join('\n'));
  });

  it('the stamp is the day of the year from 0 and the clock, and moves with it', () => {
    expect(out(['+3723', 'sudo systemctl reload haproxy', 'sudo journalctl -u haproxy -q | grep Former'], moreStart('lb'))).toBe('Mar 02 11:42:03 pie-lb haproxy[731]: [WARNING] 060/114203 (731) : Former worker 733 exited with code 0');
  });
});

const reconfigured = (signaller: number | null, fresh: readonly number[]) => [
  ...(signaller === null ? [] : [`2021/03/02 10:40:00 [notice] ${signaller}#${signaller}: signal process started`]),
  '2021/03/02 10:40:00 [notice] 700#700: signal 1 (SIGHUP) received, reconfiguring',
  '2021/03/02 10:40:00 [notice] 700#700: reconfiguring',
  '2021/03/02 10:40:00 [notice] 700#700: using the "epoll" event method',
  '2021/03/02 10:40:00 [notice] 700#700: start worker processes',
  ...fresh.map((pid) => `2021/03/02 10:40:00 [notice] 700#700: start worker process ${pid}`),
  ...[701, 702].flatMap((old) => [
    `2021/03/02 10:40:00 [notice] ${old}#${old}: gracefully shutting down`,
    `2021/03/02 10:40:00 [notice] ${old}#${old}: exiting`,
    `2021/03/02 10:40:00 [notice] ${old}#${old}: exit`,
    `2021/03/02 10:40:00 [notice] 700#700: signal 17 (SIGCHLD) received from ${old}`,
    `2021/03/02 10:40:00 [notice] 700#700: worker process ${old} exited with code 0`,
    '2021/03/02 10:40:00 [notice] 700#700: signal 29 (SIGIO) received',
  ]),
].join('\n');

describe('nginx 1.14 writes its reload to a main error_log at notice', () => {
  it('systemctl reload: ExecReload\'s nginx -s reload, then the master\'s notices with the new and old workers\' PIDs', () => {
    const { steps } = run(['sudo systemctl reload nginx', 'sudo cat /var/log/nginx/error.log', 'ps -C nginx -o pid='], moreStart('web'));
    expect(steps[1]!.output.join('\n')).toBe(reconfigured(10001, [10002, 10003]));
    expect(steps[2]!.output).toEqual(['  700', '10002', '10003']);
  });

  it('nginx -s reload and kill -HUP of the master', () => {
    expect(out(['sudo nginx -s reload', 'sudo cat /var/log/nginx/error.log'], moreStart('web'))).toBe(reconfigured(10001, [10002, 10003]));
    expect(out(['sudo kill -HUP 700', 'sudo cat /var/log/nginx/error.log'], moreStart('web'))).toBe(reconfigured(null, [10001, 10002]));
  });

  it('at the default level (error; http\'s own error_log does not count) nothing is written', () => {
    expect(out(['sudo systemctl reload nginx', 'sudo nginx -s reload', 'sudo wc -c /var/log/nginx/error.log'], moreStart('web2'))).toBe('0 /var/log/nginx/error.log');
  });
});

describe('systemd says Started when it has started the unit', () => {
  it('Type=simple: right after the fork, before the program\'s own lines', () => {
    expect(out(['sudo systemctl restart pie-app', 'journalctl -u pie-app -n 6'], moreStart('web'))).toBe([
      HEAD,
      'Mar 02 10:40:00 pie-web systemd[1]: Stopping Pie storefront...',
      'Mar 02 10:40:00 pie-web systemd[1]: Stopped Pie storefront.',
      'Mar 02 10:40:00 pie-web systemd[1]: Starting Pie storefront...',
      'Mar 02 10:40:00 pie-web systemd[1]: Started Pie storefront.',
      'Mar 02 10:40:00 pie-web pie-app[10001]: loading /srv/pie/config.json',
      'Mar 02 10:40:00 pie-web pie-app[10001]: listening on 127.0.0.1:8000',
    ].join('\n'));
  });

  it('Type=notify (HAProxy): after the program\'s lines, once it is ready', () => {
    expect(out(['sudo systemctl restart haproxy', 'sudo journalctl -u haproxy -n 2 -q'], moreStart('lb'))).toBe([
      'Mar 02 10:40:00 pie-lb haproxy[4002]: Proxy www started.',
      'Mar 02 10:40:00 pie-lb systemd[1]: Started HAProxy Load Balancer.',
    ].join('\n'));
  });
});

describe('sudo of a command that does not exist', () => {
  it('logs `command not found` with the name as typed, and opens no PAM session', () => {
    const { steps } = run(['sudo netstat -tlnp', 'sudo journalctl -t sudo -n 3 -q'], moreStart('web'));
    expect(steps[0]!.output).toEqual(['sudo: netstat: command not found']);
    expect(steps[1]!.output).toEqual([
      'Mar 02 10:40:00 pie-web sudo:      lee : command not found ; TTY=pts/0 ; PWD=/home/lee ; USER=root ; COMMAND=netstat -tlnp',
      'Mar 02 10:40:00 pie-web sudo:      lee : TTY=pts/0 ; PWD=/home/lee ; USER=root ; COMMAND=/bin/journalctl -t sudo -n 3 -q',
      'Mar 02 10:40:00 pie-web sudo: pam_unix(sudo:session): session opened for user root by lee(uid=0)',
    ]);
  });

  it('a shell builtin is not a command sudo can run either', () => {
    expect(out(['sudo cd /root', 'sudo journalctl -t sudo -q | grep "not found"'], moreStart('web'))).toBe('Mar 02 10:40:00 pie-web sudo:      lee : command not found ; TTY=pts/0 ; PWD=/home/lee ; USER=root ; COMMAND=cd /root');
  });
});

describe('sshd names the type of the key that logged in', () => {
  it('the laptop\'s id_ed25519, listed in authorized_keys after an RSA key: ED25519', () => {
    expect(out(['ssh lee@web', 'journalctl -u ssh -q | grep Accepted | tail -1'])).toMatch(/^Mar 02 10:40:00 pie-web sshd\[10001\]: Accepted publickey for lee from 10\.6\.0\.9 port \d+ ssh2: ED25519 SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('a host whose authorized_keys lists only an RSA key: RSA, with another fingerprint', () => {
    const web = out(['ssh lee@web', 'journalctl -u ssh -q | grep Accepted | tail -1']).split('SHA256:')[1];
    const lb = out(['ssh lee@lb', 'sudo journalctl -u ssh -q | grep Accepted | tail -1']);
    expect(lb).toMatch(/^Mar 02 10:40:00 pie-lb sshd\[4001\]: Accepted publickey for lee from 10\.6\.0\.9 port \d+ ssh2: RSA SHA256:[A-Za-z0-9+/]{43}$/);
    expect(lb.split('SHA256:')[1]).not.toBe(web);
  });

  it('the logins before the start name the type authorized_keys holds', () => {
    expect(out(['ssh lee@web2', 'journalctl -u ssh -q | grep Accepted | head -1'])).toMatch(/^Mar 02 09:12:00 pie-web2 sshd\[\d+\]: Accepted publickey for lee from 10\.6\.0\.9 port \d+ ssh2: ED25519 SHA256:[A-Za-z0-9+/]{43}$/);
    expect(out(['ssh lee@lb', 'sudo journalctl -u ssh -q | grep Accepted | head -1'])).toMatch(/^Mar 02 09:12:00 pie-lb sshd\[\d+\]: Accepted publickey for lee from 10\.6\.0\.9 port \d+ ssh2: RSA SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
