// @vitest-environment node
/**
 * What the thirteenth audit found wrong with processes and the network: HAProxy's request lines
 * in the journal (Ubuntu's haproxy is chrooted and logs through rsyslog's socket in the chroot),
 * /proc/loadavg's last PID, and the rest named in each block.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, outputsOn } from '../scoring/support';

const scenario = loadScenarioFile('scenarios/mysql-wipe.json');

describe('haproxy logs through rsyslog, as Ubuntu 18.04 ships it', () => {
  it('the package\'s rsyslog snippet is there, and haproxy.cfg logs to /dev/log', { timeout: 60_000 }, () => {
    const [conf, cfg] = outputsOn(scenario, 'lb-01', ['cat /etc/rsyslog.d/49-haproxy.conf', 'grep -c "log /dev/log" /etc/haproxy/haproxy.cfg']);
    expect(conf).toEqual([
      '',
      "# Create an additional socket in haproxy's chroot in order to allow logging via",
      "# /dev/log to chroot'ed HAProxy processes",
      '$AddUnixListenSocket /var/lib/haproxy/dev/log',
      '',
      '# Send HAProxy messages to a dedicated logfile',
      ':programname, startswith, "haproxy" {',
      '  /var/log/haproxy.log',
      '  stop',
      '}',
    ]);
    expect(cfg).toEqual(['2']);
  });

  it('a request is in /var/log/haproxy.log and not in the journal nor /var/log/syslog', { timeout: 60_000 }, () => {
    const [, journal, file, syslog] = outputsOn(scenario, 'lb-01', [
      'curl -s -o /dev/null http://127.0.0.1/probe-audit13',
      'sudo journalctl -u haproxy --no-pager | grep -c probe-audit13',
      'sudo grep -c probe-audit13 /var/log/haproxy.log',
      'sudo grep -c probe-audit13 /var/log/syslog',
    ]);
    expect(journal).toEqual(['0']);
    expect(file).toEqual(['1']);
    expect(syslog).toEqual(['0']);
  });

  it('a restart\'s proxy lines are in the journal and, through rsyslog, in haproxy.log (not syslog)', { timeout: 60_000 }, () => {
    const [, journal, file, syslog] = outputsOn(scenario, 'lb-01', [
      'sudo systemctl restart haproxy',
      'sudo journalctl -u haproxy --no-pager -o cat | tail -4',
      'sudo grep " started\\.$" /var/log/haproxy.log',
      'sudo grep -c "Proxy web started" /var/log/syslog',
    ]);
    expect(journal!.slice(0, 3)).toEqual(['Proxy web started.', 'Proxy https started.', 'Proxy http started.']);
    expect(journal![3]).toBe('Started HAProxy Load Balancer.');
    expect(file!.map((l) => l.replace(/^May {2}4 \d\d:\d\d:\d\d lb-01 haproxy\[\d+\]: /, ''))).toEqual(['Proxy web started.', 'Proxy https started.', 'Proxy http started.']);
    expect(syslog).toEqual(['0']);
  });
});

describe('/proc/loadavg\'s last field is the newest PID', () => {
  const last = (line: string) => Number(line.split(' ')[4]);
  it.each(['lb-01', 'db-master', 'laptop'])('on %s it is above every PID ps showed before, and below the next command\'s', { timeout: 60_000 }, (host) => {
    const [before, ps, after, piped] = outputsOn(scenario, host, ['cat /proc/loadavg', 'ps -e -o pid=', 'cat /proc/loadavg', 'cat /proc/loadavg | cat']);
    expect(before![0]).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+$/);
    const pids = ps!.map(Number);
    const psOwn = Math.max(...pids);
    expect(last(before![0]!)).toBeLessThan(psOwn);
    expect(last(after![0]!)).toBeGreaterThan(psOwn);
    expect(last(piped![0]!)).toBeGreaterThan(last(after![0]!));
    // The reader is a new process: no PID ps listed is reused.
    expect(pids).not.toContain(last(after![0]!));
  });
});

describe('ssh and scp from one server to another follow the same key rule', () => {
  it('without a key on web-01 or a forwarded agent, both are turned away as OpenSSH does', { timeout: 60_000 }, () => {
    const [, scp, status, ssh, sshStatus] = outputsOn(scenario, 'web-01', ['echo hi > f.txt', 'scp f.txt db-master:/tmp/ 2>&1', 'echo $?', 'ssh db-master hostname 2>&1', 'echo $?']);
    expect(scp).toEqual(['intern@db-master: Permission denied (publickey).', 'lost connection']);
    expect(status).toEqual(['1']);
    expect(ssh).toEqual(['intern@db-master: Permission denied (publickey).']);
    expect(sshStatus).toEqual(['255']);
  });

  it('nothing was copied when scp was turned away', { timeout: 60_000 }, () => {
    const out = outputsOn(scenario, 'laptop', ['ssh web-01 "echo hi > f.txt; scp -q f.txt db-master:/tmp/f.txt"', 'ssh db-master ls /tmp/f.txt 2>&1']);
    expect(out[1]).toEqual(["ls: cannot access '/tmp/f.txt': No such file or directory"]);
  });

  it('with the agent forwarded (ssh -A) both get in, and sshd set SSH_AUTH_SOCK', { timeout: 60_000 }, () => {
    const [, sock, scp, ssh] = outputsOn(scenario, 'laptop', ['ssh -A web-01', 'echo $SSH_AUTH_SOCK', 'echo hi > f.txt; scp -q f.txt db-master:/tmp/', 'ssh db-master cat /tmp/f.txt']);
    expect(sock![0]).toMatch(/^\/tmp\/ssh-[A-Za-z0-9]{10}\/agent\.\d+$/);
    expect(scp).toEqual([]);
    expect(ssh).toEqual(['hi']);
  });

  it('ssh -a, or no ForwardAgent in ~/.ssh/config, forwards nothing; sudo drops the agent', { timeout: 60_000 }, () => {
    const [, plain, , , noA, , , sudoSock] = outputsOn(scenario, 'laptop', ['ssh web-01', 'echo "[$SSH_AUTH_SOCK]"', 'exit', 'ssh -A -a web-01', 'echo "[$SSH_AUTH_SOCK]"', 'exit', 'ssh -A web-01', 'sudo env | grep -c SSH_AUTH_SOCK']);
    expect(plain).toEqual(['[]']);
    expect(noA).toEqual(['[]']);
    expect(sudoSock).toEqual(['0']);
  });

  it('ForwardAgent yes in the laptop\'s ~/.ssh/config forwards it', { timeout: 60_000 }, () => {
    const out = outputsOn(scenario, 'laptop', ['printf "Host web-01\\n    ForwardAgent yes\\n" > ~/.ssh/config', 'ssh web-01', 'ssh db-master hostname']);
    expect(out[2]).toEqual(['db-master']);
  });

  it('a key of the server\'s own whose public half db-master authorizes gets in without an agent', { timeout: 60_000 }, () => {
    const out = outputsOn(scenario, 'laptop', [
      'ssh web-01 "printf \'x\\n\' > ~/.ssh/id_ed25519; echo \'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWebOneOwnKeyForTheAuditXXXXXXXXXXXXXXXXXXXX intern@web-01\' > ~/.ssh/id_ed25519.pub"',
      'ssh db-master "echo \'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWebOneOwnKeyForTheAuditXXXXXXXXXXXXXXXXXXXX intern@web-01\' >> ~/.ssh/authorized_keys"',
      'ssh web-01',
      'ssh db-master hostname',
    ]);
    expect(out[3]).toEqual(['db-master']);
  });
});

describe('curl telnet:// connects as telnet and nc do', () => {
  const greeting = (lines: readonly string[]) => {
    expect(lines[0]).toBe('J');
    // Protocol 10 is a newline; then the version, the connection id, the scramble, the flags, the plugin.
    expect(lines[1]).toMatch(/^8\.0\.19.*caching_sha2_password$/);
  };

  it('against MySQL it prints the server\'s handshake, as telnet and nc show it', { timeout: 60_000 }, () => {
    const [curl, telnet, nc] = outputsOn(scenario, 'web-01', ['curl telnet://10.0.2.10:3306', 'telnet 10.0.2.10 3306', 'nc 10.0.2.10 3306']);
    greeting(curl!);
    expect(telnet!.slice(0, 3)).toEqual(['Trying 10.0.2.10...', 'Connected to 10.0.2.10.', "Escape character is '^]'."]);
    greeting(telnet!.slice(3));
    greeting(nc!);
  });

  it('against sshd it prints the version line', { timeout: 60_000 }, () => {
    const [curl] = outputsOn(scenario, 'web-01', ['curl -s telnet://10.0.2.10:22 | od -c | head -1']);
    expect(curl).toEqual(['0000000   S   S   H   -   2   .   0   -   O   p   e   n   S   S   H   _']);
  });

  it('a closed port is refused, in curl\'s words, and telnet agrees', { timeout: 60_000 }, () => {
    const [curl, status, telnet] = outputsOn(scenario, 'db-master', ['curl telnet://127.0.0.1:3307 2>&1', 'echo $?', 'telnet 127.0.0.1 3307 2>&1']);
    expect(curl).toEqual(['curl: (7) Failed to connect to 127.0.0.1 port 3307: Connection refused']);
    expect(status).toEqual(['7']);
    expect(telnet).toEqual(['Trying 127.0.0.1...', 'telnet: Unable to connect to remote host: Connection refused']);
  });

  it('a filtered port times out (exit 7, or 28 with --connect-timeout), and telnet agrees', { timeout: 60_000 }, () => {
    const [curl, limited, telnet] = outputsOn(scenario, 'laptop', ['curl telnet://10.0.2.10:3306 2>&1', 'curl --connect-timeout 3 telnet://10.0.2.10:3306 2>&1', 'telnet 10.0.2.10 3306 2>&1']);
    expect(curl).toEqual(['curl: (7) Failed to connect to 10.0.2.10 port 3306: Connection timed out']);
    expect(limited![0]).toMatch(/^curl: \(28\) Connection timed out after 300\d milliseconds$/);
    expect(telnet).toEqual(['Trying 10.0.2.10...', 'telnet: Unable to connect to remote host: Connection timed out']);
  });

  it('an unknown name is curl\'s exit 6', { timeout: 60_000 }, () => {
    const [curl, status] = outputsOn(scenario, 'web-01', ['curl telnet://no-such-host:23 2>&1', 'echo $?']);
    expect(curl).toEqual(['curl: (6) Could not resolve host: no-such-host']);
    expect(status).toEqual(['6']);
  });
});
