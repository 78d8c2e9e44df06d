/**
 * More network gaps, as the real tools print them on Ubuntu 18.04: net-tools' `netstat` lists the
 * connections ss and lsof list (netstat.c's tcp_do_one columns, prg_cache_load's program names),
 * `ip neigh` and `arp` hold the hosts this one talks to (HAProxy's health checks on both ends),
 * `mtr` 0.92's report (ui/report.c) over traceroute's hops, and systemd 237's
 * `systemd-resolve --status` from the resolver configuration dig uses. Then a consistency
 * property: on every host of every scenario, netstat, ss and lsof list the same connections.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/load';
import { simConfigOf } from '../../../src/engine/simConfig';
import type { SimConfig } from '../../../src/sim/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine } from '../../../src/sim/terminal';
import { typeNet } from './net-fixture';
import { expectLines } from './net-expect';

const STORE = ['ssh store-db'];
const NETSTAT_SHORT_LIVED = 'Not simulated in this drill: short-lived TCP connections (HTTP requests, health checks, TIME_WAIT); netstat lists the listening sockets and the long-lived connections (SSH sessions, MySQL).';

function last(lines: readonly string[]) {
  return typeNet(lines).steps.at(-1)!;
}

/** store-db's MySQL clients as /proc/net/tcp6 holds them (the established hash's order, as ss lists them). */
const POOL_PEERS = ['10.20.0.11:48483', '10.20.0.12:35176', '10.20.0.12:58609', '10.20.0.12:50798', '10.20.0.12:33389', '10.20.0.11:59457', '10.20.0.11:41897', '10.20.0.12:55597', '10.20.0.11:37098', '10.20.0.12:47697', '10.20.0.12:45999', '10.20.0.12:53810', '10.20.0.11:44909', '10.20.0.12:42987', '10.20.0.11:49708', '10.20.0.12:38188', '10.20.0.11:34086', '10.20.0.11:54507', '10.20.0.11:57519', '10.20.0.11:46696'];

describe('netstat (net-tools 1.60+git20161116): connections as well as servers', () => {
  it('sudo netstat -tanp: listening sockets, then the connections, file by file (tcp, tcp6), with PID/Program name', () => {
    const step = last([...STORE, 'sudo netstat -tanp']);
    expectLines(step.output, [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN      676/systemd-resolve ',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      853/sshd            ',
      'tcp        0      0 10.20.1.5:22            10.99.0.6:37858         ESTABLISHED 21001/sshd: maya [p ',
      'tcp6       0      0 :::33060                :::*                    LISTEN      1203/mysqld         ',
      'tcp6       0      0 :::3306                 :::*                    LISTEN      1203/mysqld         ',
      'tcp6       0      0 :::22                   :::*                    LISTEN      853/sshd            ',
      ...POOL_PEERS.map((p) => `tcp6       0      0 ::ffff:10.20.1.5:3306   ${`::ffff:${p}`.padEnd(23)} ESTABLISHED 1203/mysqld         `),
    ]);
    expect(step.notes).toEqual([NETSTAT_SHORT_LIVED]);
  });

  it('netstat -tn (neither -a nor -l) lists only the connections: "(w/o servers)", no program column', () => {
    const step = last([...STORE, 'netstat -tn']);
    expectLines(step.output, [
      'Active Internet connections (w/o servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ',
      'tcp        0      0 10.20.1.5:22            10.99.0.6:37858         ESTABLISHED',
      ...POOL_PEERS.map((p) => `tcp6       0      0 ::ffff:10.20.1.5:3306   ${`::ffff:${p}`.padEnd(23)} ESTABLISHED`),
    ]);
  });

  it('sudo netstat -tulpn: "(only servers)", UDP with an empty State, no connections', () => {
    expectLines(last([...STORE, 'sudo netstat -tulpn']).output, [
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN      676/systemd-resolve ',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      853/sshd            ',
      'tcp6       0      0 :::33060                :::*                    LISTEN      1203/mysqld         ',
      'tcp6       0      0 :::3306                 :::*                    LISTEN      1203/mysqld         ',
      'tcp6       0      0 :::22                   :::*                    LISTEN      853/sshd            ',
      'udp        0      0 127.0.0.53:53           0.0.0.0:*                           676/systemd-resolve ',
    ]);
  });

  it('as a user, -p gives the warning on stderr and "-" for sockets of processes it may not read; names are resolved, cut to 22 characters', () => {
    const output = last([...STORE, 'netstat -tp']).output;
    expect(output.slice(0, 6)).toEqual([
      '(Not all processes could be identified, non-owned process info',
      ' will not be shown, you would have to be root to see it all.)',
      'Active Internet connections (w/o servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
      'tcp        0      0 store-db.crumb.lan:ssh  10.99.0.6:37858         ESTABLISHED -                   ',
      'tcp6       0      0 store-db.crumb.la:mysql shop-1.crumb.lan:48483  ESTABLISHED -                   ',
    ]);
    expect(output).toHaveLength(25);
    // Only stdout goes down a pipe: the warning still shows, the table is counted.
    expect(last([...STORE, 'netstat -tp 2>/dev/null | wc -l']).output).toEqual(['23']);
  });

  it('-W keeps the names whole; -an adds UDP and says UNIX sockets are not modelled', () => {
    expect(last([...STORE, 'netstat -tW | head -4']).output).toEqual([
      'Active Internet connections (w/o servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ',
      'tcp        0      0 store-db.crumb.lan:ssh  10.99.0.6:37858         ESTABLISHED',
      'tcp6       0      0 store-db.crumb.lan:mysql shop-1.crumb.lan:48483  ESTABLISHED',
    ]);
    const step = last([...STORE, 'netstat -an']);
    expect(step.output.at(-1)).toBe('udp        0      0 127.0.0.53:53           0.0.0.0:*                          ');
    expect(step.output).toHaveLength(2 + 5 + 21 + 1);
    expect(step.notes).toEqual(['Not simulated in this drill: UNIX domain sockets (netstat lists the Internet ones only).', NETSTAT_SHORT_LIVED]);
  });
});

describe('ip neigh and arp: the hosts that talk to this one', () => {
  it('the balancer has both web servers (its health checks), each with the MAC its own ip link shows', () => {
    const { steps } = typeNet(['ssh proxy-1', 'ip neigh', 'exit', 'ssh shop-1', 'ip link show ens3']);
    expect(steps[1]!.output).toEqual([
      '10.20.0.1 dev ens3 lladdr 52:54:00:de:b7:24 REACHABLE',
      '10.20.0.11 dev ens3 lladdr 52:54:00:3b:0b:11 REACHABLE',
      '10.20.0.12 dev ens3 lladdr 52:54:00:3b:0b:12 REACHABLE',
    ]);
    expect(steps[4]!.output[1]).toContain('link/ether 52:54:00:3b:0b:11 ');
  });

  it('a web server has the balancer that checks it, and the same router MAC as its neighbours; `dev` leaves the device out', () => {
    expect(last(['ssh shop-2', 'ip neigh']).output).toEqual(['10.20.0.1 dev ens3 lladdr 52:54:00:de:b7:24 REACHABLE', '10.20.0.5 dev ens3 lladdr 52:54:00:3b:05:05 REACHABLE']);
    expect(last(['ssh shop-2', 'ip neigh show dev ens3']).output).toEqual(['10.20.0.1 lladdr 52:54:00:de:b7:24 REACHABLE', '10.20.0.5 lladdr 52:54:00:3b:05:05 REACHABLE']);
    expect(last(['ssh shop-2', 'ip neigh show dev eth9; echo $?']).output).toEqual(['Cannot find device "eth9"', '1']);
  });

  it('arp -n, arp and arp -a print /proc/net/arp as net-tools does; a host not in the cache has no entry', () => {
    expect(last([...STORE, 'arp -n']).output).toEqual([
      'Address                  HWtype  HWaddress           Flags Mask            Iface',
      '10.20.1.1                ether   52:54:00:45:39:ad   C                     ens3',
    ]);
    expect(last([...STORE, 'arp']).output[1]).toBe('_gateway                 ether   52:54:00:45:39:ad   C                     ens3');
    expect(last([...STORE, 'arp -a']).output).toEqual(['_gateway (10.20.1.1) at 52:54:00:45:39:ad [ether] on ens3']);
    expect(last([...STORE, 'arp -an']).output).toEqual(['? (10.20.1.1) at 52:54:00:45:39:ad [ether] on ens3']);
    expect(last([...STORE, 'arp -n 10.20.0.11']).output).toEqual(['10.20.0.11 (10.20.0.11) -- no entry']);
  });
});

describe('net-tools\' route: the table netstat -r prints, with Metric, Ref and Use', () => {
  it('route -n lists ip route\'s routes with their metrics; route names the gateway', () => {
    expect(last(['route -n']).output).toEqual([
      'Kernel IP routing table',
      'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
      '0.0.0.0         192.168.0.1     0.0.0.0         UG    600    0        0 wlan0',
      '10.20.0.0       10.99.0.1       255.255.0.0     UG    0      0        0 tun0',
      '10.99.0.0       0.0.0.0         255.255.255.0   U     0      0        0 tun0',
      '192.168.0.0     0.0.0.0         255.255.255.0   U     600    0        0 wlan0',
      '203.0.113.7     10.99.0.1       255.255.255.255 UGH   0      0        0 tun0',
    ]);
    expect(last(['route']).output[2]).toBe('default         _gateway        0.0.0.0         UG    600    0        0 wlan0');
    expect(Number(last(['route -n | wc -l']).output[0])).toBe(Number(last(['ip route | wc -l']).output[0]) + 2);
  });

  it('changing routes is the drill\'s note, not an invented failure', () => {
    expect(last(['route add default gw 10.99.0.1']).notes[0]).toMatch(/^Not simulated in this drill: route beyond printing the table/);
  });
});

describe('mtr 0.92 --report: traceroute\'s hops, ui/report.c\'s layout', () => {
  it('mtr -r -n -c 3: fixed columns, `???` for the router that does not answer, 100.0 losing its % to Snt', () => {
    expect(last(['mtr -r -n -c 3 10.20.1.5']).output).toEqual([
      'Start: 2021-03-02T14:05:00+0000',
      'HOST: desk                        Loss%   Snt   Last   Avg  Best  Wrst StDev',
      '  1.|-- 10.99.0.1                  0.0%     3    0.9   0.8   0.7   0.9   0.1',
      '  2.|-- ???                       100.0     3    0.0   0.0   0.0   0.0   0.0',
      '  3.|-- 10.20.1.1                  0.0%     3    2.3   2.4   2.3   2.6   0.2',
      '  4.|-- 10.20.1.5                  0.0%     3    3.4   3.4   3.3   3.5   0.1',
    ]);
  });

  it('mtr --report names hops by PTR (_gateway for the router), 10 cycles by default', () => {
    expect(last(['mtr --report example.org']).output).toEqual([
      'Start: 2021-03-02T14:05:00+0000',
      'HOST: desk                        Loss%   Snt   Last   Avg  Best  Wrst StDev',
      '  1.|-- _gateway                   0.0%    10    6.7   6.7   6.1   7.4   0.5',
      '  2.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  3.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  4.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  5.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  6.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  7.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  8.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  9.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      ' 10.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      ' 11.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      ' 12.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0',
      ' 13.|-- 93.184.216.34              0.0%    10   85.6  88.9  83.7  94.3   4.2',
    ]);
  });

  it('mtr -rw sizes the host column to the longest name (rows two columns further, as 0.92 prints them)', () => {
    expect(last(['mtr -rw 9.9.9.9']).output).toEqual([
      'Start: 2021-03-02T14:05:00+0000',
      'HOST: desk           Loss%   Snt   Last   Avg  Best  Wrst StDev',
      '  1.|-- _gateway        0.0%    10    1.9   1.9   1.7   2.0   0.1',
      '  2.|-- ???            100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  3.|-- ???            100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  4.|-- ???            100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  5.|-- ???            100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  6.|-- ???            100.0    10    0.0   0.0   0.0   0.0   0.0',
      '  7.|-- dns9.quad9.net  0.0%    10   13.3  12.6  11.7  13.9   0.7',
    ]);
  });

  it('the hops are traceroute\'s, hop for hop', () => {
    const { steps } = typeNet(['mtr -rn 10.20.1.5', 'traceroute -n 10.20.1.5']);
    const mtrHops = steps[0]!.output.slice(2).map((l) => l.slice(8).split(' ')[0]);
    const traceHops = steps[1]!.output.slice(1).map((l) => l.trim().split(/\s+/)[1]).map((a) => (a === '*' ? '???' : a));
    expect(mtrHops).toEqual(traceHops);
  });

  it('a name that does not resolve, and the curses display the drill does not model', () => {
    expect(last(['mtr -r nosuch.invalid; echo $?']).output).toEqual(['mtr: Failed to resolve host: nosuch.invalid: Name or service not known', '0']);
    const step = last(['mtr example.org']);
    expect(step.output).toEqual([]);
    expect(step.notes).toEqual(["Not simulated in this drill: mtr's interactive (curses) display; `mtr -r` (--report, `-c N` cycles) prints the same hops as a report."]);
    expect(last(['mtr -v']).output).toEqual(['mtr 0.92']);
  });
});

describe('systemd-resolve --status (systemd 237)', () => {
  it('Global with resolved\'s negative trust anchors, then the link that holds the servers and search domains', () => {
    expectLines(last(['ssh shop-2', 'systemd-resolve --status']).output, [
      'Global',
      '          DNSSEC NTA: 10.in-addr.arpa',
      '                      16.172.in-addr.arpa',
      '                      168.192.in-addr.arpa',
      '                      17.172.in-addr.arpa',
      '                      18.172.in-addr.arpa',
      '                      19.172.in-addr.arpa',
      '                      20.172.in-addr.arpa',
      '                      21.172.in-addr.arpa',
      '                      22.172.in-addr.arpa',
      '                      23.172.in-addr.arpa',
      '                      24.172.in-addr.arpa',
      '                      25.172.in-addr.arpa',
      '                      26.172.in-addr.arpa',
      '                      27.172.in-addr.arpa',
      '                      28.172.in-addr.arpa',
      '                      29.172.in-addr.arpa',
      '                      30.172.in-addr.arpa',
      '                      31.172.in-addr.arpa',
      '                      corp',
      '                      d.f.ip6.arpa',
      '                      home',
      '                      internal',
      '                      intranet',
      '                      lan',
      '                      local',
      '                      private',
      '                      test',
      '',
      'Link 2 (ens3)',
      '      Current Scopes: DNS',
      '       LLMNR setting: yes',
      'MulticastDNS setting: no',
      '      DNSSEC setting: no',
      '    DNSSEC supported: no',
      '         DNS Servers: 10.20.0.2',
      '          DNS Domain: crumb.lan',
    ]);
  });

  it('on the desk, the Wi-Fi link holds the servers and the VPN link has none; the domain is resolv.conf\'s search line', () => {
    const { steps } = typeNet(['systemd-resolve --status', 'grep ^search /etc/resolv.conf']);
    expect(steps[0]!.output.slice(29)).toEqual([
      'Link 2 (wlan0)',
      '      Current Scopes: DNS',
      '       LLMNR setting: yes',
      'MulticastDNS setting: no',
      '      DNSSEC setting: no',
      '    DNSSEC supported: no',
      '         DNS Servers: 10.20.0.2',
      '          DNS Domain: crumb.lan',
      '',
      'Link 3 (tun0)',
      '      Current Scopes: none',
      '       LLMNR setting: yes',
      'MulticastDNS setting: no',
      '      DNSSEC setting: no',
      '    DNSSEC supported: no',
    ]);
    expect(steps[1]!.output).toEqual(['search crumb.lan']);
    expect(last(['systemd-resolve; echo $?']).output).toEqual(['No arguments passed.', '1']);
  });

  it('/run/systemd/resolve/resolv.conf lists the same uplink servers and domains, as resolved writes it', () => {
    expect(last(['ssh store-db', 'cat /run/systemd/resolve/resolv.conf']).output).toEqual([
      '# This file is managed by man:systemd-resolved(8). Do not edit.',
      '#',
      '# This is a dynamic resolv.conf file for connecting local clients directly to',
      '# all known uplink DNS servers. This file lists all configured search domains.',
      '#',
      '# Third party programs must not access this file directly, but only through the',
      '# symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a different way,',
      '# replace this symlink by a static file or a different symlink.',
      '#',
      '# See man:systemd-resolved.service(8) for details about the supported modes of',
      '# operation for /etc/resolv.conf.',
      '',
      'nameserver 10.20.0.2',
      'search crumb.lan',
    ]);
    const status = last(['ssh store-db', 'systemd-resolve --status']).output;
    expect(status.slice(-2)).toEqual(['         DNS Servers: 10.20.0.2', '          DNS Domain: crumb.lan']);
  });
});

// ---- Every scenario: the three tools list one set of connections. ----

const scenarioFiles = readdirSync('scenarios').filter((f) => f.endsWith('.json'));

/** The scenario's config with net-tools on every host (no host of it ships netstat). */
function withNetTools(file: string): SimConfig {
  const parsed = parseScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems).slice(0, 500)}`);
  const base = simConfigOf(parsed.scenario);
  const hosts = Object.fromEntries(Object.entries(base.world.hosts).map(([id, h]) => [id, { ...h, programs: [...(h.programs ?? []), 'netstat'] }]));
  return { ...base, world: { ...base.world, hosts } };
}

/** `10.0.2.10:3306`, from `::ffff:10.0.2.10:3306` (netstat) or `[::ffff:10.0.2.10]:3306` (ss, lsof). */
const plain = (endpoint: string) => endpoint.replace(/^\[::ffff:([\d.]+)\]/, '$1').replace(/^::ffff:/, '');

describe.each(scenarioFiles)('%s: netstat, ss and lsof agree on every host', (file) => {
  const config = withNetTools(file);
  it.each(Object.keys(config.world.hosts))('%s', (host) => {
    let world = createWorld(config, host, 9 * 3600);
    const run = (line: string) => {
      const step = submitLine(config, world, line);
      world = step.world;
      return step.output;
    };
    const netstat = run('sudo netstat -tan').filter((l) => l.endsWith('ESTABLISHED')).map((l) => l.split(/\s+/)).map((f) => `${plain(f[3]!)} ${plain(f[4]!)}`);
    const ss = run('sudo ss -tan').filter((l) => l.startsWith('ESTAB')).map((l) => l.trim().split(/\s+/)).map((f) => `${plain(f[3]!)} ${plain(f[4]!)}`);
    const lsof = run('sudo lsof -i -n -P').filter((l) => l.endsWith('(ESTABLISHED)')).map((l) => l.split(/\s+/).at(-2)!.split('->')).map(([a, b]) => `${plain(a!)} ${plain(b!)}`);
    expect(new Set(netstat).size).toBe(netstat.length);
    expect([...netstat].sort()).toEqual([...ss].sort());
    expect([...new Set(lsof)].sort()).toEqual([...ss].sort());
    // The listening TCP sockets too.
    const listenNetstat = run('sudo netstat -tln').filter((l) => l.endsWith('LISTEN     ')).length;
    const listenSs = run('sudo ss -tln').filter((l) => l.startsWith('LISTEN')).length;
    expect(listenNetstat).toBe(listenSs);
    // A peer on this host's own network is in its neighbour table.
    const neighbours = run('ip neigh').map((l) => l.split(' ')[0]);
    const own = run('hostname -I')[0]!.trim().split(' ').map((a) => a.split('.').slice(0, 3).join('.'));
    for (const peer of ss.map((c) => c.split(' ')[1]!.split(':')[0]!)) if (own.includes(peer.split('.').slice(0, 3).join('.'))) expect(neighbours).toContain(peer);
  });
});
