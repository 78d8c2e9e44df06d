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
