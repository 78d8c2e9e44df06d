/**
 * A made-up kite shop for the files every host is set up with: a desktop laptop (NVMe disk,
 * Wi-Fi by DHCP, a VPN tunnel, an ed25519 key), an app server with static addressing, its own
 * DNS servers and a static route, and a database server declared by its address alone, on
 * Thursday 11 June 2020 at 09:20. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { typist } from './logs-gaps-fixture';

export const KITE_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF3kQ0b1Zt8wWcN2s7yE5rJq9Lm4Hx6Vd0aPp2oTg8uK noor@kite-laptop';

export const kiteWorld: WorldSpec = {
  network: { internal: ['10.5.0.0/16', '10.7.0.0/24'] },
  hosts: {
    laptop: {
      hostname: 'kite-laptop',
      login: 'noor',
      users: [{ name: 'noor', uid: 1000, groups: ['sudo'], gecos: 'Noor,,,' }],
      network: {
        interfaces: [
          { name: 'wlp3s0', ipv4: '192.168.5.20/24', mac: '3c:6a:a7:10:22:31', dhcp: true, gateway: '192.168.5.1' },
          { name: 'tun0', kind: 'tun', ipv4: '10.7.0.6/24', gateway: '10.7.0.1', hops: 1 },
        ],
        routes: [
          { to: 'default', via: '192.168.5.1', dev: 'wlp3s0', metric: 600 },
          { to: '10.5.0.0/16', via: '10.7.0.1', dev: 'tun0' },
        ],
        dns: { servers: ['10.5.0.2'], search: ['kite.internal'] },
      },
      files: [
        { path: '/home/noor/.ssh', kind: 'dir', owner: 'noor', mode: '700', mtime: '2020-03-02T10:00:00' },
        { path: '/home/noor/.ssh/id_ed25519', owner: 'noor', mode: '600', mtime: '2020-03-02T10:00:00', size: 411 },
        { path: '/home/noor/.ssh/id_ed25519.pub', owner: 'noor', mode: '644', mtime: '2020-03-02T10:00:00', content: `${KITE_KEY}\n` },
      ],
      system: {
        uptimeSeconds: 5400,
        hardware: { vendor: 'Dell Inc.', product: 'XPS 13 9370', bios: '1.12.1 02/10/2020', chassis: 'laptop' },
        disks: [{ device: '/dev/nvme0n1p2', mount: '/', size: '234G', used: '40G' }],
      },
    },
    app: {
      hostname: 'kite-app',
      login: 'noor',
      users: [
        { name: 'ubuntu', uid: 1000, groups: ['adm', 'sudo'], gecos: 'Ubuntu' },
        { name: 'noor', uid: 1001, groups: ['adm', 'sudo'] },
      ],
      programs: ['nginx'],
      network: {
        interfaces: [{ name: 'ens3', ipv4: '10.5.1.20/24', mac: '52:54:00:4b:01:20' }],
        routes: [
          { to: 'default', via: '10.5.1.1', dev: 'ens3' },
          { to: '10.5.9.0/24', via: '10.5.1.254', dev: 'ens3' },
        ],
        dns: { servers: ['10.5.0.2', '10.5.0.3'], search: ['kite.internal'] },
      },
      system: { uptimeSeconds: 9 * 86400, units: [{ name: 'nginx.service', pid: 811, workerPids: [812], listen: ['0.0.0.0:80'] }] },
    },
    db: {
      hostname: 'kite-db',
      login: 'noor',
      users: [{ name: 'noor', uid: 1001, groups: ['adm'] }],
      network: { addresses: ['10.5.2.10'] },
      logins: [{ user: 'noor', at: '2020-06-10T16:02:10', until: '2020-06-10T16:20:44' }],
    },
  },
};

export const kiteConfig: SimConfig = {
  date: '2020-06-11',
  timezone: 'UTC',
  hosts: [
    { id: 'laptop', name: 'kite-laptop', names: ['laptop'] },
    { id: 'app', name: 'kite-app', names: ['app', 'kite-app', '10.5.1.20'] },
    { id: 'db', name: 'kite-db', names: ['db', 'kite-db', '10.5.2.10'] },
  ],
  world: kiteWorld,
};

/** 09:20 on the fixture's day. */
export const KITE_START = 9 * 3600 + 20 * 60;

export function kiteStart(host = 'laptop'): SimWorld {
  return createWorld(kiteConfig, host, KITE_START);
}

export const { run, out } = typist(kiteConfig, () => kiteStart());
