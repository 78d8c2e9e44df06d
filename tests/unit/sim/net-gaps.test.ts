/**
 * Network gaps an SREs' blind audit found, as the real tools print them on Ubuntu 18.04:
 * iproute2 4.15's `ss` state words and filter expressions (misc/ssfilter.y), its `-s` summary
 * (print_summary) and the connections a host holds (the trainee's SSH session, the apps' MySQL
 * pools), consistent between the two ends and with ps.
 */
import { describe, expect, it } from 'vitest';
import { typeNet } from './net-fixture';
import { expectLines } from './net-expect';

const SHOP = ['ssh shop-1'];
const STORE = ['ssh store-db'];
const SHORT_LIVED = 'Not simulated in this drill: short-lived TCP connections (HTTP requests, health checks, TIME-WAIT); ss lists the listening sockets and the long-lived connections (SSH sessions, MySQL).';

function last(lines: readonly string[]) {
  const { steps } = typeNet(lines);
  return steps.at(-1)!;
}

describe('ss: states, filters, the summary', () => {
  it('ss -tan state established hides the State column (one state) and lists the pool and the SSH session', () => {
    const step = last([...SHOP, 'ss -tan state established']);
    expectLines(step.output, [
      'Recv-Q    Send-Q           Local Address:Port            Peer Address:Port      ',
      '0         0                   10.20.0.11:44909              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:34086              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:49708              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:54507              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:46696              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:48483              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:22                 10.99.0.6:37858     ',
      '0         0                   10.20.0.11:41897              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:57519              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:59457              10.20.1.5:3306      ',
      '0         0                   10.20.0.11:37098              10.20.1.5:3306      ',
    ]);
    expect(step.notes).toEqual([SHORT_LIVED]);
  });

  it('ss -tlnp sport = :3306 on a host where nothing listens there prints only the header', () => {
    const step = last([...SHOP, 'ss -tlnp sport = :3306']);
    expect(step.output).toEqual(['State   Recv-Q    Send-Q        Local Address:Port         Peer Address:Port    ']);
    expect(step.notes).toEqual([]);
  });

  it('ss -tln sport = :80 keeps the listening sockets on port 80', () => {
    expectLines(last([...SHOP, 'ss -tln sport = :80']).output, [
      'State    Recv-Q    Send-Q        Local Address:Port        Peer Address:Port    ',
      'LISTEN   0         128                 0.0.0.0:80               0.0.0.0:*       ',
      'LISTEN   0         128                    [::]:80                  [::]:*       ',
    ]);
  });

  it('a v4-mapped connection on mysqld\'s dual-stack socket matches an IPv4 dst rule', () => {
    const step = last([...STORE, 'ss -tn dst 10.20.0.12 and sport = :3306']);
    expect(step.output[0]).toBe('State Recv-Q  Send-Q          Local Address:Port            Peer Address:Port   ');
    expect(step.output[1]).toBe('ESTAB 0       0          [::ffff:10.20.1.5]:3306     [::ffff:10.20.0.12]:35176  ');
    expect(step.output).toHaveLength(11);
    expect(step.output.slice(1).every((l) => l.includes('[::ffff:10.20.0.12]:'))).toBe(true);
  });

  it('ss -s prints print_summary\'s table from the modelled sockets, and says what it leaves out', () => {
    const step = last([...SHOP, 'ss -s']);
    expect(step.output).toEqual([
      'Total: 18 (kernel 0)',
      'TCP:   17 (estab 11, closed 0, orphaned 0, synrecv 0, timewait 0/0), ports 0',
      '',
      'Transport Total     IP        IPv6',
      '*\t  0         -         -        ',
      'RAW\t  0         0         0        ',
      'UDP\t  1         1         0        ',
      'TCP\t  17        15        2        ',
      'INET\t  18        16        2        ',
      'FRAG\t  0         0         0        ',
      '',
    ]);
    expect(step.notes).toEqual(["Not simulated in this drill: UNIX-domain and raw sockets, short-lived connections (TIME-WAIT) and the kernel's slab counts; ss -s counts the TCP and UDP sockets the drill models."]);
  });

  it('a port that is no service and a state that is none get ss\'s own errors', () => {
    expect(last([...SHOP, 'ss -tn sport = :foo; echo $?']).output).toEqual(['Error: "foo" does not look like a port.', 'Usage: ss [ OPTIONS ]', '255']);
    expect(last([...SHOP, 'ss -tn state bogus; echo $?']).output).toEqual(['ss: wrong state name: bogus', '255']);
    expect(last([...SHOP, 'ss -tn sport =; echo $?']).output).toEqual(['ss: bison bellows (while parsing filter): "syntax error!"Usage: ss [ OPTIONS ]', '255']);
  });
});

describe('both ends of a connection agree', () => {
  it('every shop-1 pool connection ss shows on store-db is one shop-1 shows, port for port', () => {
    const { steps } = typeNet([...SHOP, 'ss -tn dport = :3306', 'exit', ...STORE, 'ss -tn src 10.20.1.5 dst 10.20.0.11']);
    const shopPorts = steps[1]!.output.slice(1).map((l) => l.split(/\s+/)[3]!.split(':')[1]).sort();
    const storePorts = steps[4]!.output.slice(1).map((l) => l.trim().split(/\s+/).at(-1)!.split(':').at(-1)).sort();
    expect(shopPorts).toHaveLength(10);
    expect(storePorts).toEqual(shopPorts);
  });

  it('the SSH session\'s sshd processes in ss -p are the ones ps lists, and its port is the one sshd logged', () => {
    const { steps } = typeNet([...SHOP, 'sudo ss -tnp sport = :22', 'ps -eo pid,args | grep "sshd: maya"', 'sudo grep "port [0-9]* ssh2" /var/log/auth.log | tail -1']);
    const row = steps[1]!.output[1]!;
    const pids = [...row.matchAll(/pid=(\d+)/g)].map((m) => m[1]).sort();
    const psPids = steps[2]!.output.filter((l) => !l.includes('grep')).map((l) => l.trim().split(' ')[0]).sort();
    expect(pids).toEqual(psPids);
    const port = row.match(/10\.99\.0\.6:(\d+)/)![1];
    expect(steps[3]!.output[0]).toContain(`from 10.99.0.6 port ${port} ssh2`);
  });
});

describe('lsof 4.89: the same sockets, by process', () => {
  it('lsof -i :80 as root lists nginx\'s master and workers, each holding both sockets, with ps\'s users', () => {
    expect(last([...SHOP, 'sudo lsof -i :80']).output).toEqual([
      'COMMAND  PID     USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
      'nginx   1010     root    6u  IPv4 110072      0t0  TCP *:http (LISTEN)',
      'nginx   1010     root    7u  IPv6 371736      0t0  TCP *:http (LISTEN)',
      'nginx   1011 www-data    6u  IPv4 110072      0t0  TCP *:http (LISTEN)',
      'nginx   1011 www-data    7u  IPv6 371736      0t0  TCP *:http (LISTEN)',
      'nginx   1012 www-data    6u  IPv4 110072      0t0  TCP *:http (LISTEN)',
      'nginx   1012 www-data    7u  IPv6 371736      0t0  TCP *:http (LISTEN)',
    ]);
  });

  it('as a user, lsof sees none of the daemons\' sockets: nothing printed, status 1', () => {
    expect(last([...SHOP, 'lsof -i :80; echo $?']).output).toEqual(['1']);
    expect(last([...SHOP, 'lsof -i; echo $?']).output).toEqual(['1']);
  });

  it('lsof -i -P -n: COMMAND cut to 9 characters, numeric ports and addresses, PIDs in order', () => {
    const output = last([...SHOP, 'sudo lsof -i -P -n']).output;
    expect(output.slice(0, 4)).toEqual([
      'COMMAND     PID            USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
      'systemd-r   676 systemd-resolve   12u  IPv4  95178      0t0  UDP 127.0.0.53:53',
      'systemd-r   676 systemd-resolve   13u  IPv4 197338      0t0  TCP 127.0.0.53:53 (LISTEN)',
      'sshd        853            root    3u  IPv4 363882      0t0  TCP *:22 (LISTEN)',
    ]);
    expect(output).toContain('node       1021           crumb   18u  IPv4  60696      0t0  TCP 127.0.0.1:3000 (LISTEN)');
    expect(output).toContain('node       1021           crumb   20u  IPv4 371673      0t0  TCP 10.20.0.11:59457->10.20.1.5:3306 (ESTABLISHED)');
    expect(output.slice(-2)).toEqual([
      'sshd      21001            root    3u  IPv4 309639      0t0  TCP 10.20.0.11:22->10.99.0.6:37858 (ESTABLISHED)',
      'sshd      21004            maya    3u  IPv4 309639      0t0  TCP 10.20.0.11:22->10.99.0.6:37858 (ESTABLISHED)',
    ]);
  });

  it('lsof -p PID names hosts by their PTR records (its other files: proc-audit14)', () => {
    const step = last([...SHOP, 'sudo lsof -p 1021 | grep IPv | head -2']);
    expect(step.output.map((l) => l.replace(/ +/g, ' '))).toEqual([
      'node 1021 crumb 18u IPv4 60696 0t0 TCP localhost:3000 (LISTEN)',
      'node 1021 crumb 20u IPv4 371673 0t0 TCP shop-1.crumb.lan:59457->store-db.crumb.lan:mysql (ESTABLISHED)',
    ]);
    expect(step.notes).toEqual([]);
  });

  it('-sTCP:LISTEN, -t, and a bad port', () => {
    expect(last([...SHOP, 'sudo lsof -i TCP:22 -sTCP:LISTEN']).output).toEqual([
      'COMMAND PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
      'sshd    853 root    3u  IPv4 363882      0t0  TCP *:ssh (LISTEN)',
      'sshd    853 root    4u  IPv6 265582      0t0  TCP *:ssh (LISTEN)',
    ]);
    expect(last([...SHOP, 'sudo lsof -t -i :80']).output).toEqual(['1010', '1011', '1012']);
    expect(last([...SHOP, 'lsof -i :foo; echo $?']).output).toEqual(['lsof: unacceptable port specification in: -i :foo', '1']);
  });

  it('the SSH session\'s sshd holds its socket as root: a user\'s ss -p shows no users for it', () => {
    const row = last([...SHOP, 'ss -tnp sport = :22']).output[1]!;
    expect(row).toMatch(/^ESTAB\s+0\s+0\s+10\.20\.0\.11:22\s+10\.99\.0\.6:37858\s*$/);
  });
});

describe('iptables 1.6.1 and ufw: the world\'s firewall as rules', () => {
  it('a user may not read the tables: iptables\'s own error, status 3; ufw\'s, status 1', () => {
    expect(last([...STORE, 'iptables -L -n; echo $?']).output).toEqual([
      "iptables v1.6.1: can't initialize iptables table `filter': Permission denied (you must be root)",
      'Perhaps iptables or your kernel needs to be upgraded.',
      '3',
    ]);
    expect(last([...STORE, 'ufw status; echo $?']).output).toEqual(['ERROR: You need to be root to run this script', '1']);
  });

  it('sudo iptables -L -n shows rules that let 3306 in from 10.20.0.0/24 only, as the network behaves', () => {
    expect(last([...STORE, 'sudo iptables -L -n']).output).toEqual([
      'Chain INPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
      'ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0           ',
      'ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED',
      'ACCEPT     tcp  --  10.20.0.0/24         0.0.0.0/0            tcp dpt:3306',
      'DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:3306',
      '',
      'Chain FORWARD (policy ACCEPT)',
      'target     prot opt source               destination         ',
      '',
      'Chain OUTPUT (policy ACCEPT)',
      'target     prot opt source               destination         ',
    ]);
    expect(last([...STORE, 'sudo iptables -L INPUT']).output[2]).toBe('ACCEPT     all  --  anywhere             anywhere            ');
  });

  it('sudo iptables -S, and the stock empty policies on a host without a firewall; ufw is inactive', () => {
    expect(last([...STORE, 'sudo iptables -S']).output).toEqual([
      '-P INPUT ACCEPT',
      '-P FORWARD ACCEPT',
      '-P OUTPUT ACCEPT',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -s 10.20.0.0/24 -p tcp -m tcp --dport 3306 -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 3306 -j DROP',
    ]);
    expect(last([...SHOP, 'sudo iptables -S']).output).toEqual(['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT']);
    expect(last([...SHOP, 'sudo ufw status']).output).toEqual(['Status: inactive']);
  });

  it('what the rules say is what happens: 3306 from the desk times out, from shop-1 it connects', () => {
    expect(last(['nc -vz -w 2 store-db 3306']).output).toEqual(['nc: connect to store-db port 3306 (tcp) timed out: Operation now in progress']);
    expect(last([...SHOP, 'nc -vz store-db 3306']).output).toEqual(['Connection to store-db 3306 port [tcp/mysql] succeeded!']);
  });
});
