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
      '0         0                   10.20.0.11:22                 10.99.0.6:50252     ',
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
      'LISTEN   0         511                 0.0.0.0:80               0.0.0.0:*       ',
      'LISTEN   0         511                    [::]:80                  [::]:*       ',
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
