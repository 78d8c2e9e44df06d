/**
 * Ports and sockets: ss (iproute2 4.15), netstat (net-tools 1.60+git20161116), nc
 * (netcat-openbsd 1.187), telnet (netkit 0.17) and nmap 7.60 on the fixture's hosts, in their
 * exact formats; then consistency (a port ss lists is the one nc and nmap find open, the PID ss
 * shows is the unit's, a stopped service's port is closed, a firewall's drop times out) and
 * properties on any input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Draft } from '../../../src/sim/draft';
import type { SimWorld } from '../../../src/sim/world';
import { netConfig, netStart, typeNet } from './net-fixture';
import { expectLines, line, type ExpectedLine } from './net-expect';

interface Case {
  host?: string;
  command: string;
  output: ExpectedLine[];
}

const SS_HEAD = 'State    Recv-Q    Send-Q        Local Address:Port        Peer Address:Port    ';

const corpus: Record<string, Case[]> = {
  ss: [
    {
      host: 'shop1',
      command: 'ss -tln',
      output: [
        SS_HEAD,
        'LISTEN   0         128                 0.0.0.0:80               0.0.0.0:*       ',
        'LISTEN   0         128           127.0.0.53%lo:53               0.0.0.0:*       ',
        'LISTEN   0         128                 0.0.0.0:22               0.0.0.0:*       ',
        'LISTEN   0         128               127.0.0.1:3000             0.0.0.0:*       ',
        'LISTEN   0         128                    [::]:80                  [::]:*       ',
        'LISTEN   0         128                    [::]:22                  [::]:*       ',
      ],
    },
    {
      host: 'shop1',
      command: 'ss -tl',
      output: [
        'State    Recv-Q    Send-Q        Local Address:Port         Peer Address:Port   ',
        'LISTEN   0         128                 0.0.0.0:http              0.0.0.0:*      ',
        'LISTEN   0         128           127.0.0.53%lo:domain            0.0.0.0:*      ',
        'LISTEN   0         128                 0.0.0.0:ssh               0.0.0.0:*      ',
        'LISTEN   0         128               127.0.0.1:3000              0.0.0.0:*      ',
        'LISTEN   0         128                    [::]:http                 [::]:*      ',
        'LISTEN   0         128                    [::]:ssh                  [::]:*      ',
      ],
    },
    {
      host: 'store',
      command: 'sudo ss -ltnp',
      output: [
        'State    Recv-Q    Send-Q        Local Address:Port        Peer Address:Port                                                                                    ',
        'LISTEN   0         128           127.0.0.53%lo:53               0.0.0.0:*        users:(("systemd-resolve",pid=676,fd=13))                                      ',
        'LISTEN   0         128                 0.0.0.0:22               0.0.0.0:*        users:(("sshd",pid=853,fd=3))                                                  ',
        'LISTEN   0         70                        *:33060                  *:*        users:(("mysqld",pid=1203,fd=21))                                              ',
        'LISTEN   0         128                       *:3306                   *:*        users:(("mysqld",pid=1203,fd=23))                                              ',
        'LISTEN   0         128                    [::]:22                  [::]:*        users:(("sshd",pid=853,fd=4))                                                  ',
      ],
    },
    {
      host: 'proxy',
      command: 'ss -lntu',
      output: [
        'Netid  State    Recv-Q   Send-Q      Local Address:Port     Peer Address:Port   ',
        'udp    UNCONN   0        0           127.0.0.53%lo:53            0.0.0.0:*      ',
        'tcp    LISTEN   0        128               0.0.0.0:80            0.0.0.0:*      ',
        'tcp    LISTEN   0        128         127.0.0.53%lo:53            0.0.0.0:*      ',
        'tcp    LISTEN   0        128               0.0.0.0:22            0.0.0.0:*      ',
        'tcp    LISTEN   0        128               0.0.0.0:443           0.0.0.0:*      ',
        'tcp    LISTEN   0        128                  [::]:22               [::]:*      ',
      ],
    },
    { command: 'ss -V', output: ['ss utility, iproute2-ss180129'] },
    { command: 'ss -q', output: ["ss: invalid option -- 'q'", 'Usage: ss [ OPTIONS ]'] },
    { command: 'ss --bogus', output: ["ss: unrecognized option '--bogus'", 'Usage: ss [ OPTIONS ]'] },
  ],
  netstat: [
    {
      host: 'store',
      command: 'sudo netstat -tlnp',
      output: [
        'Active Internet connections (only servers)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
        'tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN      676/systemd-resolve ',
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      853/sshd            ',
        'tcp6       0      0 :::33060                :::*                    LISTEN      1203/mysqld         ',
        'tcp6       0      0 :::3306                 :::*                    LISTEN      1203/mysqld         ',
        'tcp6       0      0 :::22                   :::*                    LISTEN      853/sshd            ',
      ],
    },
    {
      host: 'store',
      command: 'netstat -tlp',
      output: [
        '(Not all processes could be identified, non-owned process info',
        ' will not be shown, you would have to be root to see it all.)',
        'Active Internet connections (only servers)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
        'tcp        0      0 localhost:domain        0.0.0.0:*               LISTEN      -                   ',
        'tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN      -                   ',
        'tcp6       0      0 [::]:33060              [::]:*                  LISTEN      -                   ',
        'tcp6       0      0 [::]:mysql              [::]:*                  LISTEN      -                   ',
        'tcp6       0      0 [::]:ssh                [::]:*                  LISTEN      -                   ',
      ],
    },
    { host: 'shop1', command: 'netstat -tln', output: ['', "Command 'netstat' not found, but can be installed with:", '', 'sudo apt install net-tools', ''] },
    {
      command: 'netstat -rn',
      output: [
        'Kernel IP routing table',
        'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
        '0.0.0.0         192.168.0.1     0.0.0.0         UG        0 0          0 wlan0',
        '10.20.0.0       10.99.0.1       255.255.0.0     UG        0 0          0 tun0',
        '10.99.0.0       0.0.0.0         255.255.255.0   U         0 0          0 tun0',
        '192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 wlan0',
        '203.0.113.7     10.99.0.1       255.255.255.255 UGH       0 0          0 tun0',
      ],
    },
  ],
  nc: [
    { command: 'nc -zv shop-1 80', output: ['Connection to shop-1 80 port [tcp/http] succeeded!'] },
    { command: 'nc -zv shop-1 3000', output: ['nc: connect to shop-1 port 3000 (tcp) failed: Connection refused'] },
    { command: 'nc -zv -w 3 store-db 3306', output: ['nc: connect to store-db port 3306 (tcp) timed out: Operation now in progress'] },
    { host: 'shop1', command: 'nc -zv store-db 3306', output: ['Connection to store-db 3306 port [tcp/mysql] succeeded!'] },
    { host: 'shop1', command: 'nc -zv 127.0.0.1 3000', output: ['Connection to 127.0.0.1 3000 port [tcp/*] succeeded!'] },
    {
      command: 'nc -zv shop-2 21-23',
      output: ['nc: connect to shop-2 port 21 (tcp) failed: Connection refused', 'Connection to shop-2 22 port [tcp/ssh] succeeded!', 'nc: connect to shop-2 port 23 (tcp) failed: Connection refused'],
    },
    { command: 'nc -z shop-1 3000', output: [] },
    { command: 'nc -zv nosuch 80', output: ['nc: getaddrinfo for host "nosuch" port 80: Name or service not known'] },
    { command: 'nc -zv shop-1 99999', output: ['nc: port number too large: 99999'] },
  ],
  telnet: [
    { command: 'telnet shop-1 22', output: ['Trying 10.20.0.11...', 'Connected to shop-1.crumb.lan.', "Escape character is '^]'.", 'SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3'] },
    { command: 'telnet 10.20.0.12 80', output: ['Trying 10.20.0.12...', 'Connected to 10.20.0.12.', "Escape character is '^]'."] },
    { command: 'telnet shop-1 3000', output: ['Trying 10.20.0.11...', 'telnet: Unable to connect to remote host: Connection refused'] },
    { command: 'telnet store-db 3306', output: ['Trying 10.20.1.5...', 'telnet: Unable to connect to remote host: Connection timed out'] },
    { command: 'telnet nosuch 80', output: ['telnet: could not resolve nosuch/80: Name or service not known'] },
  ],
  nmap: [
    {
      command: 'nmap shop-1',
      output: ['Starting Nmap 7.60 ( https://nmap.org ) at 2021-03-02 14:05 UTC', 'Nmap scan report for shop-1 (10.20.0.11)', line('Host is up (0.00{N}s latency).'), 'rDNS record for 10.20.0.11: shop-1.crumb.lan', 'Not shown: 998 closed ports', 'PORT   STATE SERVICE', '22/tcp open  ssh', '80/tcp open  http', '', line('Nmap done: 1 IP address (1 host up) scanned in 0.{N} seconds')],
    },
    {
      command: 'nmap -p 22,80,443,3306 store-db',
      output: ['Starting Nmap 7.60 ( https://nmap.org ) at 2021-03-02 14:05 UTC', 'Nmap scan report for store-db (10.20.1.5)', line('Host is up (0.00{N}s latency).'), 'rDNS record for 10.20.1.5: store-db.crumb.lan', 'PORT     STATE    SERVICE', '22/tcp   open     ssh', '80/tcp   closed   http', '443/tcp  closed   https', '3306/tcp filtered mysql', '', line('Nmap done: 1 IP address (1 host up) scanned in {N}.{N} seconds')],
    },
    {
      command: 'nmap 10.20.0.5',
      output: ['Starting Nmap 7.60 ( https://nmap.org ) at 2021-03-02 14:05 UTC', 'Nmap scan report for proxy-1.crumb.lan (10.20.0.5)', line('Host is up (0.00{N}s latency).'), 'Not shown: 997 closed ports', 'PORT    STATE SERVICE', '22/tcp  open  ssh', '80/tcp  open  http', '443/tcp open  https', '', line('Nmap done: 1 IP address (1 host up) scanned in 0.{N} seconds')],
    },
    {
      command: 'nmap 9.9.9.9',
      output: ['Starting Nmap 7.60 ( https://nmap.org ) at 2021-03-02 14:05 UTC', 'Nmap scan report for dns9.quad9.net (9.9.9.9)', line('Host is up (0.0{N}s latency).'), 'Not shown: 998 filtered ports', 'PORT    STATE SERVICE', '53/tcp  open  domain', '443/tcp open  https', '', line('Nmap done: 1 IP address (1 host up) scanned in {N}.{N} seconds')],
    },
    { command: 'nmap nosuch', output: ['Starting Nmap 7.60 ( https://nmap.org ) at 2021-03-02 14:05 UTC', 'Failed to resolve "nosuch".', 'Nmap done: 0 IP addresses (0 hosts up) scanned in 0.02 seconds'] },
    { command: 'nmap -sS shop-1', output: ['You requested a scan type which requires root privileges.', 'QUITTING!'] },
    { host: 'shop1', command: 'nmap shop-2', output: ['', "Command 'nmap' not found, but can be installed with:", '', 'sudo apt install nmap', ''] },
  ],
};

describe('ports and sockets answer as Ubuntu 18.04 does', () => {
  for (const [tool, cases] of Object.entries(corpus)) {
    describe(tool, () => {
      for (const c of cases) {
        it(`${c.host ?? 'desk'}$ ${c.command}`, () => {
          const { steps } = typeNet([c.command], netStart(c.host ?? 'desk'));
          expectLines(steps[steps.length - 1]!.output, c.output);
        });
      }
    });
  }
});

/** The world with a unit stopped, as `systemctl stop` leaves it. */
function stopped(world: SimWorld, host: string, unit: string): SimWorld {
  const draft = new Draft(netConfig, world);
  const state = draft.host(host)!.services[unit]!;
  draft.setService(host, unit, { ...state, active: 'inactive', sub: 'dead', pid: null, workers: [], workersSince: null, since: draft.clock });
  return draft.finish();
}

function run(world: SimWorld, line: string): string[] {
  return typeNet([line], world).steps[0]!.output;
}

/** The ports ss -tln lists as listening. */
function listening(world: SimWorld): Set<number> {
  return new Set(run(world, 'ss -tln').slice(1).map((l) => Number(/:(\d+) +\S+:\*/.exec(l)![1])));
}

function ssPorts(world: SimWorld): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of run(world, 'sudo ss -tlnp').slice(1)) {
    const m = /(\S+):(\d+) +\S+:\* +(users:.*\S)?/.exec(l)!;
    out.set(Number(m[2]), `${m[1]} ${m[3] ?? ''}`);
  }
  return out;
}

describe('the sockets agree with the services', () => {
  it('every port ss lists on a shop server is the one nc finds open from that host, and others are refused', () => {
    const world = netStart('shop1');
    const ports = [...listening(world)];
    expect(ports).toEqual(expect.arrayContaining([22, 80, 3000]));
    for (const port of [22, 80, 81, 443, 3000, 3306, 8080]) {
      const address = port === 3000 ? '127.0.0.1' : '10.20.0.11';
      const out = run(world, `nc -zv ${address} ${port}`);
      if (ports.includes(port)) expect(out[0], `port ${port}`).toMatch(/succeeded!$/);
      else expect(out[0], `port ${port}`).toMatch(/Connection refused$/);
    }
  });

  it('a socket on 127.0.0.1 is open from its own host only; from elsewhere it is refused', () => {
    expect(run(netStart('shop1'), 'nc -zv 127.0.0.1 3000')[0]).toMatch(/succeeded!$/);
    expect(run(netStart('proxy'), 'nc -zv shop-1 3000')[0]).toMatch(/Connection refused$/);
    expect(run(netStart('proxy'), 'nc -zv 127.0.0.1 3000')[0]).toMatch(/Connection refused$/);
  });

  it('the PIDs ss -p shows are the unit\'s main process and workers, as ps and systemctl show them', () => {
    const world = netStart('shop1');
    const nginx = world.hosts.shop1!.services['nginx.service']!;
    const app = world.hosts.shop1!.services['crumb-shop.service']!;
    const ss = ssPorts(world);
    const pids = (text: string) => [...text.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(pids(ss.get(80)!)).toEqual([nginx.pid!, ...nginx.workers].sort((a, b) => a - b));
    expect(pids(ss.get(3000)!)).toEqual([app.pid!]);
    const netstat = run(netStart('store'), 'sudo netstat -tlnp').find((l) => l.includes(':3306 '))!;
    expect(netstat).toContain(`${netStart('store').hosts.store!.services['mysql.service']!.pid}/mysqld`);
  });

  it('a stopped service\'s port is closed to ss, nc, telnet and nmap alike, and open again when it runs', () => {
    const before = netStart('desk');
    const after = stopped(before, 'shop1', 'nginx.service');
    expect(run(before, 'nc -zv shop-1 80')[0]).toMatch(/succeeded!$/);
    expect(run(after, 'nc -zv shop-1 80')[0]).toBe('nc: connect to shop-1 port 80 (tcp) failed: Connection refused');
    expect(run(after, 'telnet shop-1 80')[1]).toBe('telnet: Unable to connect to remote host: Connection refused');
    const scan = run(after, 'nmap -p 22,80 shop-1');
    expect(scan).toContain('80/tcp closed http');
    expect(scan).toContain('22/tcp open   ssh');
    const onHost = typeNet(['ss -tln'], stopped(netStart('shop1'), 'shop1', 'nginx.service')).steps[0]!.output;
    expect(onHost.some((l) => /:80 /.test(l))).toBe(false);
    expect(onHost.some((l) => /:3000 /.test(l))).toBe(true);
    // The other server still answers.
    expect(run(after, 'nc -zv shop-2 80')[0]).toMatch(/succeeded!$/);
  });

  it('a port the firewall drops times out for nc, telnet and nmap, while allowed networks connect', () => {
    const world = netStart('desk');
    expect(run(world, 'nc -zv -w 2 store-db 3306')[0]).toMatch(/timed out: Operation now in progress$/);
    expect(run(world, 'nmap -p 3306 store-db')).toContain('All 1 scanned ports on store-db (10.20.1.5) are filtered');
    expect(run(world, 'nmap -p 22,3306 store-db')).toContain('3306/tcp filtered mysql');
    for (const host of ['shop1', 'shop2', 'proxy']) expect(run(netStart(host), 'nc -zv store-db 3306')[0], host).toMatch(/succeeded!$/);
    // Stopped MySQL behind an open rule: refused, not filtered.
    const down = stopped(netStart('shop1'), 'store', 'mysql.service');
    expect(run(down, 'nc -zv store-db 3306')[0]).toMatch(/Connection refused$/);
    expect(run(stopped(world, 'store', 'mysql.service'), 'nmap -p 22,3306 store-db')).toContain('3306/tcp filtered mysql');
  });

  it('nmap lists exactly the ports nc finds open', () => {
    for (const [from, target] of [['desk', 'shop-1'], ['desk', 'proxy-1'], ['desk', 'store-db'], ['desk', 'shop-2'], ['desk', '9.9.9.9']] as const) {
      const world = netStart(from);
      const open = run(world, `nmap ${target}`).filter((l) => / open /.test(l)).map((l) => Number(l.split('/')[0]));
      for (const port of [22, 53, 80, 443, 3000, 3306]) {
        const nc = run(world, `nc -zv -w 1 ${target} ${port}`)[0]!;
        expect(open.includes(port), `${from} → ${target}:${port}: ${nc}`).toBe(nc.endsWith('succeeded!'));
      }
    }
  });
});

describe('port tools on any input', () => {
  const SEED = Number(process.env.NET_SEED ?? 20200504);
  const word = fc.oneof(
    fc.constantFrom('shop-1', 'store-db', '10.20.0.5', '127.0.0.1', '9.9.9.9', 'nosuch', 'toString', '__proto__', '80', '22', '3306', '0', '65536', '1-3', 'http', '-z', '-v', '-w', '1', '-n', '-p', '-t', '-l', '-u', '-a', '-Pn', '-p-', '-sV', '-x', '--numeric'),
    fc.string({ maxLength: 8 }).filter((s) => s !== '' && !/['"\\`$;&|<>(){}*?[\]!#~\s]/.test(s)),
  );
  for (const tool of ['ss', 'netstat', 'nc', 'telnet', 'nmap']) {
    it(`${tool} never fails inside, stays bounded and never prints undefined`, () => {
      fc.assert(
        fc.property(fc.constantFrom('desk', 'shop1', 'store'), fc.array(word, { maxLength: 4 }), (host, words) => {
          const command = `${tool} ${words.map((w) => `'${w}'`).join(' ')}`;
          const step = typeNet([command], netStart(host)).steps[0]!;
          expect(step.notes.filter((n) => n.startsWith('The drill could not simulate')), command).toEqual([]);
          expect(step.output.length, command).toBeLessThan(1100);
          for (const l of step.output) expect(l, command).not.toMatch(/undefined|NaN|\[object|null/);
        }),
        { numRuns: 60, seed: SEED },
      );
    });
  }
});
