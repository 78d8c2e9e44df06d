/**
 * Log and account gaps from the audits, as Ubuntu 18.04 prints them: cron 3.0pl1's hourly
 * `(root) CMD (…)` line and PAM's session lines in the journal, syslog and auth.log; logrotate's
 * rotated copies (rsyslog's syslog daily, rotate 7; auth.log weekly, rotate 4; nginx's access
 * log daily, rotate 14; delaycompress); the stock system accounts; MySQL 8.0.19's error log
 * across a restart. The world is tests/unit/sim/logs-gaps-fixture.ts (made up).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadSqlEngine } from '../../../src/sim/mysql/sql-engine';
import { logsStart, out, run } from './logs-gaps-fixture';

beforeAll(async () => {
  await loadSqlEngine();
});

const HOURLY = '(root) CMD (   cd / && run-parts --report /etc/cron.hourly)';

describe('cron runs /etc/cron.hourly at minute 17, and says so', () => {
  it('journalctl -u cron shows PAM\'s session lines around the CMD line, one PID per run', () => {
    expect(out(['sudo journalctl -u cron --since 09:00'])).toBe([
      '-- Logs begin at Sun 2021-02-28 09:40:00 UTC, end at Tue 2021-03-02 10:40:00 UTC. --',
      'Mar 02 09:17:01 tea-web CRON[8726]: pam_unix(cron:session): session opened for user root by (uid=0)',
      `Mar 02 09:17:01 tea-web CRON[8726]: ${HOURLY}`,
      'Mar 02 09:17:01 tea-web CRON[8726]: pam_unix(cron:session): session closed for user root',
      'Mar 02 10:17:01 tea-web CRON[8889]: pam_unix(cron:session): session opened for user root by (uid=0)',
      `Mar 02 10:17:01 tea-web CRON[8889]: ${HOURLY}`,
      'Mar 02 10:17:01 tea-web CRON[8889]: pam_unix(cron:session): session closed for user root',
    ].join('\n'));
  });

  it('syslog holds the CMD lines since its rotation (06:25), auth.log the PAM lines', () => {
    expect(out(['grep CRON /var/log/syslog'])).toBe([7, 8, 9, 10].map((h, i) => `Mar  2 ${String(h).padStart(2, '0')}:17:01 tea-web CRON[${[8401, 8564, 8726, 8889][i]}]: ${HOURLY}`).join('\n'));
    expect(out(['tail -2 /var/log/auth.log'])).toBe([
      'Mar  2 10:17:01 tea-web CRON[8889]: pam_unix(cron:session): session opened for user root by (uid=0)',
      'Mar  2 10:17:01 tea-web CRON[8889]: pam_unix(cron:session): session closed for user root',
    ].join('\n'));
    expect(out(['grep -c pam_unix /var/log/syslog'])).toBe('0');
  });

  it('the clock brings the next run, with a PID above the ones handed out since', () => {
    const { steps } = run(['+3600', 'journalctl -u cron -n 3', 'tail -1 /var/log/syslog', 'grep -c CRON /var/log/syslog']);
    expect(steps[0]!.output).toEqual([
      '-- Logs begin at Sun 2021-02-28 09:40:00 UTC, end at Tue 2021-03-02 11:17:01 UTC. --',
      'Mar 02 11:17:01 tea-web CRON[10001]: pam_unix(cron:session): session opened for user root by (uid=0)',
      `Mar 02 11:17:01 tea-web CRON[10001]: ${HOURLY}`,
      'Mar 02 11:17:01 tea-web CRON[10001]: pam_unix(cron:session): session closed for user root',
    ]);
    expect(steps[1]!.output).toEqual([`Mar  2 11:17:01 tea-web CRON[10001]: ${HOURLY}`]);
    expect(steps[2]!.output).toEqual(['5']);
  });

  it('/etc/crontab is the stock one (722 bytes), and cron.daily\'s run is the last line before the rotation', () => {
    expect(out(['ls -l /etc/crontab'])).toBe('-rw-r--r-- 1 root root 722 Nov  2 00:00 /etc/crontab');
    expect(out(['grep run-parts /etc/crontab'])).toBe([
      '17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly',
      '25 6\t* * *\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )',
      '47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.weekly )',
      '52 6\t1 * *\troot\ttest -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.monthly )',
    ].join('\n'));
    expect(out(['tail -1 /var/log/syslog.1'])).toMatch(/^Mar {2}2 06:25:01 tea-web CRON\[\d+\]: \(root\) CMD \(test -x \/usr\/sbin\/anacron \|\| \( cd \/ && run-parts --report \/etc\/cron\.daily \)\)$/);
  });

  it('property: the syslog only grows as the clock moves (within a day), and every hour adds a CRON line', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5400 }), { minLength: 1, maxLength: 4 }), (waits) => {
      let world = logsStart();
      let before = run(['cat /var/log/syslog'], world).steps[0]!.output;
      let elapsed = 0;
      for (const wait of waits) {
        if (elapsed + wait > 12 * 3600) break;
        elapsed += wait;
        const step = run([`+${wait}`, 'cat /var/log/syslog'], world);
        world = step.world;
        const after = step.steps[0]!.output;
        expect(after.slice(0, before.length)).toEqual(before);
        // Since the rotation at 06:25:01: the runs at 07:17:01, 08:17:01 … up to the clock.
        const hourly = Math.floor((10 * 3600 + 40 * 60 + elapsed - (17 * 60 + 1)) / 3600) - 6;
        expect(after.filter((l) => l.includes(HOURLY)).length).toBe(hourly);
        before = after;
      }
    }), { numRuns: 6 });
  });
});

describe('logrotate leaves the older logs', () => {
  it('ls -l shows syslog\'s seven days and auth.log\'s four weeks, the newest uncompressed', () => {
    const lines = out(['ls -l /var/log/syslog* /var/log/auth.log*']).split('\n').map((l) => l.replace(/ +\d+ (\w{3} [ \d]\d \d\d:\d\d)/, ' N $1'));
    expect(lines).toEqual([
      '-rw-r----- 1 syslog adm N Mar  2 10:17 /var/log/auth.log',
      '-rw-r----- 1 syslog adm N Feb 28 06:25 /var/log/auth.log.1',
      '-rw-r----- 1 syslog adm N Feb 21 06:25 /var/log/auth.log.2.gz',
      '-rw-r----- 1 syslog adm N Feb 14 06:25 /var/log/auth.log.3.gz',
      '-rw-r----- 1 syslog adm N Feb  7 06:25 /var/log/auth.log.4.gz',
      '-rw-r----- 1 syslog adm N Mar  2 10:17 /var/log/syslog',
      '-rw-r----- 1 syslog adm N Mar  2 06:25 /var/log/syslog.1',
      '-rw-r----- 1 syslog adm N Mar  1 06:25 /var/log/syslog.2.gz',
      '-rw-r----- 1 syslog adm N Feb 28 06:25 /var/log/syslog.3.gz',
      '-rw-r----- 1 syslog adm N Feb 27 06:25 /var/log/syslog.4.gz',
      '-rw-r----- 1 syslog adm N Feb 26 06:25 /var/log/syslog.5.gz',
      '-rw-r----- 1 syslog adm N Feb 25 06:25 /var/log/syslog.6.gz',
      '-rw-r----- 1 syslog adm N Feb 24 06:25 /var/log/syslog.7.gz',
    ]);
  });

  it('zcat reads a day of syslog before this boot: rsyslogd\'s HUP line, then cron\'s runs', () => {
    expect(out(['zcat /var/log/syslog.4.gz | head -3'])).toBe([
      'Feb 26 06:25:01 tea-web rsyslogd:  [origin software="rsyslogd" swVersion="8.32.0" x-pid="776" x-info="http://www.rsyslog.com"] rsyslogd was HUPed',
      ...out(['zcat /var/log/syslog.4.gz | sed -n 2,3p']).split('\n'),
    ].join('\n'));
    expect(out(['zcat /var/log/syslog.4.gz | sed -n 2,3p'])).toMatch(/^Feb 26 07:17:01 tea-web CRON\[\d+\]: \(root\) CMD \( {3}cd \/ && run-parts --report \/etc\/cron\.hourly\)\nFeb 26 08:17:01 tea-web CRON\[\d+\]: /);
    expect(out(['zgrep -c "cron.hourly" /var/log/syslog.4.gz'])).toBe('24');
    // A week of hourly runs, cron.daily's and popularity-contest's seven, cron.weekly's and mdadm's Sunday ones.
    expect(out(['zgrep -c "session opened for user root" /var/log/auth.log.2.gz'])).toBe(String(7 * 24 + 7 + 1 + 7 + 1));
  });

  it('nginx\'s access.log.1 and access.log.2.gz hold the ordinary requests of their days (a few after the rotation that began each, a few before the one that ended it)', () => {
    expect(out(['ls -l /var/log/nginx/access.log.1 /var/log/nginx/access.log.2.gz'])).toBe([
      '-rw-r----- 1 www-data adm 890 Mar  2 06:20 /var/log/nginx/access.log.1',
      '-rw-r----- 1 www-data adm 182 Mar  1 06:20 /var/log/nginx/access.log.2.gz',
    ].join('\n'));
    const line = (day: string, hm: string) => `10.4.0.2 - - [${day}/2021:${hm}:05 +0000] "GET /health HTTP/1.1" 200 2 "-" "curl/7.58.0"`;
    expect(out(['zcat /var/log/nginx/access.log.2.gz'])).toBe([
      ...['07:00', '07:10', '07:20', '07:30', '07:40'].map((hm) => line('28/Feb', hm)),
      ...['05:40', '05:50', '06:00', '06:10', '06:20'].map((hm) => line('01/Mar', hm)),
    ].join('\n'));
    expect(out(['grep -c " 500 " /var/log/nginx/access.log.1'])).toBe('0');
    expect(out(['ls /var/log/nginx | wc -l'])).toBe('15');
  });
});

describe('the accounts are Ubuntu 18.04 server\'s, then the packages\', then the people\'s', () => {
  it('getent passwd lists them with their real fields', () => {
    expect(out(['ssh db', 'getent passwd'])).toBe([
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
      'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
      'sync:x:4:65534:sync:/bin:/bin/sync',
      'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
      'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
      'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
      'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
      'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
      'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
      'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
      'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
      'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
      'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
      'irc:x:39:39:ircd:/var/run/ircd:/usr/sbin/nologin',
      'gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin',
      'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
      'systemd-network:x:100:102:systemd Network Management,,,:/run/systemd/netif:/usr/sbin/nologin',
      'systemd-resolve:x:101:103:systemd Resolver,,,:/run/systemd/resolve:/usr/sbin/nologin',
      'syslog:x:102:106::/home/syslog:/usr/sbin/nologin',
      'messagebus:x:103:107::/nonexistent:/usr/sbin/nologin',
      '_apt:x:104:65534::/nonexistent:/usr/sbin/nologin',
      'lxd:x:105:65534::/var/lib/lxd/:/bin/false',
      'uuidd:x:106:110::/run/uuidd:/usr/sbin/nologin',
      'dnsmasq:x:107:65534:dnsmasq,,,:/var/lib/misc:/usr/sbin/nologin',
      'landscape:x:108:112::/var/lib/landscape:/usr/sbin/nologin',
      'pollinate:x:109:1::/var/cache/pollinate:/bin/false',
      'sshd:x:110:65534::/run/sshd:/usr/sbin/nologin',
      'mysql:x:111:114:MySQL Server,,,:/nonexistent:/bin/false',
      'kim:x:1000:1000:kim,,,:/home/kim:/bin/bash',
    ].join('\n'));
  });

  it('id, getent group and ls agree on the package account', () => {
    expect(out(['ssh db', 'id mysql'])).toBe('uid=111(mysql) gid=114(mysql) groups=114(mysql)');
    expect(out(['ssh db', 'getent group mysql adm'])).toBe('mysql:x:114:\nadm:x:4:syslog,kim');
    expect(out(['ssh db', 'sudo stat -c "%U %u %G %g" /var/lib/mysql'])).toBe('mysql 111 mysql 114');
    expect(out(['ssh db', 'stat -c "%U:%G %u:%g" /var/log/mysql'])).toBe('mysql:adm 111:4');
  });
});

describe('MySQL writes its error log when its unit restarts', () => {
  it('systemctl restart mysql: 8.0.19\'s shutdown line, then its startup lines with the new PID', () => {
    const { steps } = run(['ssh db', 'sudo systemctl restart mysql', 'systemctl show -p MainPID mysql', 'sudo tail -5 /var/log/mysql/error.log']);
    const pid = steps[2]!.output[0]!.replace('MainPID=', '');
    expect(steps[3]!.output).toEqual([
      '2021-03-02T10:40:00.470400Z 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.0.19)  MySQL Community Server - GPL.',
      `2021-03-02T10:40:00.482113Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.19) starting as process ${pid}`,
      '2021-03-02T10:40:00.493826Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.',
      "2021-03-02T10:40:00.505539Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.19'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
      "2021-03-02T10:40:00.517252Z 0 [System] [MY-011323] [Server] X Plugin ready for connections. Socket: '/var/run/mysqld/mysqlx.sock' bind-address: '::' port: 33060",
    ]);
  });

  it('a stop writes only the shutdown line; the log keeps the server\'s first start above it', () => {
    const { steps } = run(['ssh db', '+30', 'sudo systemctl stop mysql', 'sudo cat /var/log/mysql/error.log']);
    const log = steps[2]!.output;
    expect(log[0]).toBe('2021-02-28T09:41:00.593940Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.19) starting as process 1010');
    expect(log).toHaveLength(5);
    expect(log[4]).toMatch(/^2021-03-02T10:40:30\.\d{6}Z 0 \[System\] \[MY-010910\] \[Server\] \/usr\/sbin\/mysqld: Shutdown complete \(mysqld 8\.0\.19\) {2}MySQL Community Server - GPL\.$/);
  });
});
