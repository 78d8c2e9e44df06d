/**
 * A small world for the network's tests: a bakery's shop site, made up and unrelated to any
 * incident. A desk machine on home Wi-Fi with a VPN, a load balancer (HAProxy) with a public
 * address, two web servers (Nginx in front of an app), a database server behind a firewall, and
 * two hosts on the internet.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, promptOf, type TerminalStep } from '../../../src/sim/terminal';
import { withHttp } from './net-http-fixture';

const staff = [{ name: 'maya', uid: 1000, groups: ['sudo', 'adm'] }];
const shopUsers = [...staff, { name: 'crumb', uid: 999, shell: '/usr/sbin/nologin', home: '/srv/crumb' }];

/** A shop server's services: Nginx in front of the shop's app on 127.0.0.1:3000. */
function shopSystem(nginxPid: number, appPid: number) {
  return {
    cpus: 2,
    units: [
      { name: 'nginx.service', pid: nginxPid, workerPids: [nginxPid + 1, nginxPid + 2] },
      { name: 'crumb-shop.service', kind: 'app' as const, description: 'Crumb shop', user: 'crumb', execStart: '/usr/bin/node /srv/crumb/server.js', pid: appPid, listen: ['127.0.0.1:3000'] },
    ],
  };
}

const baseWorld: WorldSpec = {
  network: {
    internal: ['10.20.0.0/16', '10.99.0.0/24'],
    zones: [
      {
        name: 'crumb.example',
        scope: 'public',
        soa: 'ns1.crumb.example. hostmaster.crumb.example. 2021030201 3600 600 1209600 300',
        records: [
          { name: '@', type: 'A', value: '203.0.113.7' },
          { name: 'www', type: 'CNAME', value: 'crumb.example.' },
          { name: 'shop', type: 'CNAME', value: 'www.crumb.example.' },
          { name: '@', type: 'MX', value: '10 mail.crumb.example.' },
          { name: 'mail', type: 'A', value: '203.0.113.9' },
          { name: '@', type: 'TXT', value: 'v=spf1 mx -all' },
        ],
      },
      {
        name: 'crumb.lan',
        scope: 'internal',
        reverse: true,
        soa: 'ns.crumb.lan. admin.crumb.lan. 7 3600 600 86400 60',
        records: [
          { name: 'proxy-1', type: 'A', value: '10.20.0.5' },
          { name: 'shop-1', type: 'A', value: '10.20.0.11' },
          { name: 'shop-2', type: 'A', value: '10.20.0.12' },
          { name: 'store-db', type: 'A', value: '10.20.1.5' },
          { name: 'db', type: 'CNAME', value: 'store-db' },
        ],
      },
      { name: 'example.org', scope: 'public', records: [{ name: '@', type: 'A', value: '93.184.216.34', ttl: 86400 }] },
      { name: 'quad9.net', scope: 'public', records: [{ name: 'dns', type: 'A', value: '9.9.9.9', ttl: 3600 }, { name: '9.9.9.9', type: 'PTR', value: 'dns9.quad9.net.' }] },
    ],
    external: {
      quad9: { rttMs: 11.2, ttl: 58, ports: [53, 443], dns: true },
      example: { rttMs: 86, ttl: 52, ports: [80, 443] },
    },
  },
  hosts: {
    desk: {
      hostname: 'desk',
      login: 'maya',
      users: staff,
      programs: ['nmap', 'traceroute', 'netstat'],
      network: {
        interfaces: [
          { name: 'wlan0', ipv4: '192.168.0.23/24', mac: 'a4:c3:f0:2e:91:07', dhcp: true, rttMs: 1.8 },
          { name: 'tun0', kind: 'tun', ipv4: '10.99.0.6/24', rttMs: 3.1, hops: 2 },
        ],
        routes: [
          { to: 'default', via: '192.168.0.1', dev: 'wlan0', metric: 600 },
          { to: '10.20.0.0/16', via: '10.99.0.1', dev: 'tun0' },
          { to: '203.0.113.7/32', via: '10.99.0.1', dev: 'tun0' },
        ],
        dns: { servers: ['10.20.0.2'], search: ['crumb.lan'] },
        publicAddress: '198.51.100.23',
      },
    },
    proxy: {
      hostname: 'proxy-1',
      login: 'maya',
      users: staff,
      system: { units: [{ name: 'haproxy.service', pid: 905, workerPids: [907], listen: ['0.0.0.0:80', '0.0.0.0:443'] }] },
      network: {
        interfaces: [{ name: 'ens3', ipv4: '10.20.0.5/24', mac: '52:54:00:3b:05:05' }],
        routes: [{ to: 'default', via: '10.20.0.1', dev: 'ens3' }],
        dns: { servers: ['10.20.0.2'], search: ['crumb.lan'] },
        publicAddress: '203.0.113.7',
      },
    },
    shop1: {
      hostname: 'shop-1',
      login: 'maya',
      users: shopUsers,
      programs: ['nginx'],
      system: shopSystem(1010, 1021),
      network: {
        interfaces: [{ name: 'ens3', ipv4: '10.20.0.11/24', mac: '52:54:00:3b:0b:11' }],
        routes: [{ to: 'default', via: '10.20.0.1', dev: 'ens3' }],
        dns: { servers: ['10.20.0.2'], search: ['crumb.lan'] },
      },
    },
    shop2: {
      hostname: 'shop-2',
      login: 'maya',
      users: shopUsers,
      programs: ['nginx'],
      system: shopSystem(1110, 1121),
      network: {
        interfaces: [{ name: 'ens3', ipv4: '10.20.0.12/24', mac: '52:54:00:3b:0b:12' }],
        routes: [{ to: 'default', via: '10.20.0.1', dev: 'ens3' }],
        dns: { servers: ['10.20.0.2'], search: ['crumb.lan'] },
      },
    },
    store: {
      hostname: 'store-db',
      login: 'maya',
      users: [...staff, { name: 'mysql', uid: 111, shell: '/bin/false', home: '/nonexistent' }],
      system: { units: [{ name: 'mysql.service', pid: 1203 }] },
      programs: ['ifconfig', 'netstat'],
      network: {
        interfaces: [{ name: 'ens3', ipv4: '10.20.1.5/24', mac: '52:54:00:3b:01:05' }],
        routes: [{ to: 'default', via: '10.20.1.1', dev: 'ens3' }],
        dns: { servers: ['10.20.0.2'], search: ['crumb.lan'] },
        reach: { internet: false },
        firewall: { allow: [{ port: 3306, from: ['10.20.0.0/24'] }] },
      },
    },
  },
};

/** The fixture's world, with the shop served over HTTP (net-http-fixture.ts). */
export const netWorld: WorldSpec = withHttp(baseWorld);

export const netConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'desk', name: 'desk', names: ['desk'] },
    { id: 'proxy', name: 'proxy-1', names: ['proxy-1', '10.20.0.5', '203.0.113.7'] },
    { id: 'shop1', name: 'shop-1', names: ['shop-1', '10.20.0.11'] },
    { id: 'shop2', name: 'shop-2', names: ['shop-2', '10.20.0.12'] },
    { id: 'store', name: 'store-db', names: ['store-db', '10.20.1.5'] },
    { id: 'quad9', name: 'dns9.quad9.net', names: ['9.9.9.9'], external: true },
    { id: 'example', name: 'example.org', names: ['93.184.216.34'], external: true },
  ],
  world: netWorld,
};

/** 14:05 on the fixture's day. */
export const NET_START = 14 * 3600 + 5 * 60;

export function netStart(host = 'desk'): SimWorld {
  return createWorld(netConfig, host, NET_START);
}

/** Types each line in turn on the given world; returns every step and the final world. */
export function typeNet(lines: readonly string[], world: SimWorld = netStart()): { steps: TerminalStep[]; world: SimWorld; prompt: string } {
  const steps: TerminalStep[] = [];
  let current = world;
  for (const line of lines) {
    const step = submitLine(netConfig, current, line);
    steps.push(step);
    current = step.world;
  }
  return { steps, world: current, prompt: promptOf(netConfig, current) };
}

/** The output of the last line, typed on a fresh world started on `host`. */
export function netOutput(line: string, host = 'desk'): string {
  const { steps } = typeNet([line], netStart(host));
  return steps[steps.length - 1]!.output.join('\n');
}
