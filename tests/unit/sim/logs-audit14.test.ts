// @vitest-environment node
/**
 * What the fourteenth audit found wrong with the logs: rotation modelled for nginx's access log
 * only (haproxy.log began at 06:27 with no haproxy.log.1), request lines that came back a minute
 * later with the same source port and milliseconds, and a laptop whose boot logged no warning.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, outputsOn } from '../scoring/support';
import { parseLogrotate } from '../../../src/sim/system/logrotate';

const scenario = loadScenarioFile('scenarios/mysql-wipe.json');
const T = { timeout: 120_000 };

describe('logrotate leaves every log it rotates, as its policy says', () => {
  it('haproxy.log: the package\'s policy (daily, rotate 52, compress, delaycompress), .1 plain, then .N.gz back to when the service was set up', T, () => {
    const [policy, list, head, tail, zhead, mtime] = outputsOn(scenario, 'lb-01', [
      'cat /etc/logrotate.d/haproxy',
      'ls /var/log | grep haproxy',
      'sudo head -1 /var/log/haproxy.log.1',
      'sudo tail -1 /var/log/haproxy.log.1',
      'sudo zcat /var/log/haproxy.log.2.gz | head -1',
      'ls -l /var/log/haproxy.log.1 /var/log/haproxy.log.2.gz',
    ]);
    expect(policy).toEqual(['/var/log/haproxy.log {', '    daily', '    rotate 52', '    missingok', '    notifempty', '    compress', '    delaycompress', '    postrotate', '        invoke-rc.d rsyslog rotate >/dev/null 2>&1 || true', '    endscript', '}']);
    expect(list).toContain('haproxy.log.1');
    expect(list).not.toContain('haproxy.log.1.gz');
    expect(list).toContain('haproxy.log.2.gz');
    // The scenario's haproxy.cfg and certificates are from April: no copy is older.
    const copies = list!.filter((n) => /^haproxy\.log\.\d+/.test(n)).length;
    expect(copies).toBeGreaterThan(20);
    expect(copies).toBeLessThan(52);
    // The copy covers yesterday's 06:25 to today's: its first line after the one, its last before the other.
    expect(head![0]).toMatch(/^May {2}3 06:(2[5-9]|[3-5]\d):\d\d lb-01 haproxy\[733\]: /);
    expect(tail![0]).toMatch(/^May {2}4 06:(0\d|1\d|2[0-4]):\d\d lb-01 haproxy\[733\]: /);
    expect(zhead![0]).toMatch(/^May {2}2 06:/);
    expect(mtime![0]).toMatch(/ May {2}4 06:2[0-4] \/var\/log\/haproxy\.log\.1$/);
    expect(mtime![1]).toMatch(/ May {2}3 06:2[0-4] \/var\/log\/haproxy\.log\.2\.gz$/);
  });

  it('lines from before this boot (1 May 07:26) name the daemon\'s PID of the boot before', T, () => {
    const [before, after, older] = outputsOn(scenario, 'lb-01', ['sudo zcat /var/log/haproxy.log.3.gz | head -1', 'sudo zcat /var/log/haproxy.log.3.gz | tail -1', 'sudo zcat /var/log/haproxy.log.9.gz | tail -1']);
    const pid = (line: string) => /haproxy\[(\d+)\]/.exec(line)![1];
    expect(before![0]).toMatch(/^May {2}1 06:2/);
    expect(pid(after![0]!)).toBe('733');
    expect(pid(before![0]!)).not.toBe('733');
    expect(pid(older![0]!)).toBe(pid(before![0]!));
  });

  it('the older days hold the ordinary traffic, not today\'s errors', T, () => {
    const [errors, ok] = outputsOn(scenario, 'lb-01', ['sudo zgrep -c " 500 " /var/log/haproxy.log.2.gz', 'sudo zgrep -c " 200 " /var/log/haproxy.log.2.gz']);
    expect(errors).toEqual(['0']);
    expect(Number(ok![0])).toBeGreaterThan(50);
  });

  it('the app\'s log follows the scenario\'s own /etc/logrotate.d/tunistocks (daily, rotate 14, compress, delaycompress)', T, () => {
    const [list, errors, last] = outputsOn(scenario, 'web-01', ['sudo ls -1 /var/log/tunistocks', 'sudo zgrep -c ERROR /var/log/tunistocks/app.log.3.gz', 'sudo tail -1 /var/log/tunistocks/app.log.1']);
    expect(list).toEqual(['app.log', 'app.log.1', ...[10, 11, 12, 13, 14, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `app.log.${n}.gz`)]);
    expect(errors).toEqual(['0']);
    expect(last![0]).toMatch(/^2020-05-04T06:(0\d|1\d|2[0-4]):\d\d\.\d{3}Z INFO {2}(GET|POST) \S+ 200 \d+ms$/);
  });

  it('nginx\'s error.log at the default level (error) is empty and, notifempty, never rotated; its access log still is', T, () => {
    const [conf, size, list] = outputsOn(scenario, 'web-01', ['grep -E "^\\s*error_log" /etc/nginx/nginx.conf | tr -d "\\t "', 'sudo wc -c /var/log/nginx/error.log', 'ls -1 /var/log/nginx']);
    expect(conf).toEqual(['error_log/var/log/nginx/error.log;']);
    expect(size).toEqual(['0 /var/log/nginx/error.log']);
    expect(list!.filter((n) => n.startsWith('error'))).toEqual(['error.log']);
    expect(list!.filter((n) => n.startsWith('access'))).toHaveLength(15);
  });

  it('kern.log (weekly, notifempty): the boot\'s lines went to kern.log.1 at the first Sunday after it; the laptop, booted today, has none', T, () => {
    const [list, first, size] = outputsOn(scenario, 'web-01', ['ls -l /var/log/kern.log /var/log/kern.log.1', 'sudo head -1 /var/log/kern.log.1', 'sudo wc -c /var/log/kern.log']);
    expect(list![0]).toMatch(/ 0 May {2}3 06:25 \/var\/log\/kern\.log$/);
    expect(list![1]).toMatch(/ May {2}1 07:28 \/var\/log\/kern\.log\.1$/);
    expect(first![0]).toMatch(/^May {2}1 07:28:00 web-01 kernel: \[ {4}0\.000000\] Linux version 4\.15\.0-99-generic /);
    expect(size).toEqual(['0 /var/log/kern.log']);
    const [laptop] = outputsOn(scenario, 'laptop', ['ls /var/log | grep kern']);
    expect(laptop).toEqual(['kern.log']);
  });

  it('every host has rsyslog\'s policy, the one the live logs follow (syslog daily 7, auth.log and kern.log weekly 4)', T, () => {
    const [text] = outputsOn(scenario, 'db-master', ['cat /etc/logrotate.d/rsyslog']);
    const policies = parseLogrotate(text!.join('\n'));
    expect(policies.map((p) => ({ first: p.patterns[0], weekly: p.weekly, rotate: p.rotate, compress: p.compress, delay: p.delaycompress }))).toEqual([
      { first: '/var/log/syslog', weekly: false, rotate: 7, compress: true, delay: true },
      { first: '/var/log/mail.info', weekly: true, rotate: 4, compress: true, delay: true },
    ]);
    expect(policies[1]!.patterns).toContain('/var/log/kern.log');
    expect(policies[1]!.patterns).toContain('/var/log/auth.log');
  });
});

describe('each request line is its own', () => {
  const haproxyLine = /^May {2}4 (\d\d:\d\d:\d\d) lb-01 haproxy\[733\]: ([\d.]+):(\d+) \[04\/May\/2020:(\d\d:\d\d:\d\d)\.(\d{3})\] \S+ (\S+) \d+\/-?\d+\/-?\d+\/(-?\d+)\/-?\d+ (\d{3}) /;

  it('a client comes back with a new source port, other milliseconds and another latency', T, () => {
    const [lines] = outputsOn(scenario, 'lb-01', ['sudo grep 41.226.11.73 /var/log/haproxy.log | grep SFBT | tail -n 8']);
    const parsed = lines!.map((l) => haproxyLine.exec(l)!);
    expect(parsed.every(Boolean)).toBe(true);
    expect(new Set(parsed.map((m) => m[3])).size).toBe(8);
    expect(new Set(parsed.map((m) => m[5])).size).toBeGreaterThan(5);
    expect(new Set(parsed.map((m) => m[7])).size).toBeGreaterThan(1);
    // A Windows client's ephemeral ports (49152-65535).
    for (const m of parsed) expect(Number(m[3])).toBeGreaterThanOrEqual(49152);
    for (const l of lines!) expect(l).not.toContain('{{');
  });

  it('the app logs the same request a few milliseconds after HAProxy accepted it, and its time is HAProxy\'s Tr less the hop', T, () => {
    const [lb] = outputsOn(scenario, 'lb-01', ['sudo grep "web/web-01" /var/log/haproxy.log | grep "quotes/SFBT" | tail -n 5']);
    const [app] = outputsOn(scenario, 'web-01', ['sudo grep "ERROR GET /api/v1/quotes/SFBT" /var/log/tunistocks/app.log | tail -n 5']);
    expect(app).toHaveLength(5);
    lb!.forEach((line, i) => {
      const h = haproxyLine.exec(line)!;
      const a = /^2020-05-04T(\d\d:\d\d:\d\d)\.(\d{3})Z ERROR GET \/api\/v1\/quotes\/SFBT 500 (\d+)ms /.exec(app![i]!)!;
      expect(a[1]).toBe(h[4]);
      expect(Number(a[2])).toBe(Number(h[5]) + 4);
      expect(Number(a[3])).toBe(Number(h[7]) - 1);
    });
  });

  it('the counts still add up: HAProxy\'s 500s sent to web-01 are web-01 nginx\'s 500s', T, () => {
    const [lb] = outputsOn(scenario, 'lb-01', ['sudo grep "web/web-01" /var/log/haproxy.log | grep -c " 500 "']);
    const [web, app] = outputsOn(scenario, 'web-01', ['sudo grep -c "\\" 500 " /var/log/nginx/access.log', 'sudo grep -c "^2020.*ERROR .* 500 " /var/log/tunistocks/app.log']);
    expect(lb).toEqual(web);
    expect(app).toEqual(web);
  });
});

describe('a laptop\'s boot logs its firmware\'s warnings', () => {
  it('journalctl -b -p warning on the laptop: the ACPI tables\' bugs, the TPM\'s range, iwlwifi\'s missing firmware', T, () => {
    const [warnings] = outputsOn(scenario, 'laptop', ['journalctl -b -p warning --no-pager']);
    expect(warnings!.slice(1).map((l) => l.replace(/^May 04 06:29:0\d intern-laptop kernel: /, ''))).toEqual([
      'ACPI Error: [\\_SB_.PCI0.XHC_.RHUB.HS11] Namespace lookup failure, AE_NOT_FOUND (20170831/dswload-210)',
      'ACPI Exception: AE_NOT_FOUND, During name lookup/catalog (20170831/psobject-252)',
      'platform MSFT0101:00: failed to claim resource 1: [mem 0xfed40000-0xfed40fff]',
      'acpi MSFT0101:00: platform device creation failed: -16',
      'ACPI Warning: SystemIO range 0x0000000000001828-0x000000000000182F conflicts with OpRegion 0x0000000000001800-0x000000000000187F (\\PMIO) (20170831/utaddress-247)',
      'iwlwifi 0000:02:00.0: Direct firmware load for iwlwifi-8265-36.ucode failed with error -2',
    ]);
  });

  it('dmesg agrees, in time order; a KVM guest has none of these lines', T, () => {
    const [dmesg] = outputsOn(scenario, 'laptop', ['dmesg']);
    const stamps = dmesg!.map((l) => Number(/^\[\s*([\d.]+)\]/.exec(l)![1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(dmesg!.some((l) => l.includes('iwlwifi-8265-36.ucode'))).toBe(true);
    const [server] = outputsOn(scenario, 'web-01', ['dmesg | grep -c -E "ACPI|MSFT0101|iwlwifi"']);
    expect(server).toEqual(['0']);
  });
});
