/**
 * A host's links as `ip` and `ifconfig` list them: the loopback first, then the scenario's
 * interfaces, with their flags, qdisc, MAC, addresses and counters. One description for both
 * tools, so they always agree.
 */
import type { Draft } from '../draft';
import { broadcastOf, formatIpv4, parseIpv4 } from './address';
import { hashOf, hexOf } from './jitter';
import { netHost, type NetInterface } from './topology';

export interface Link {
  index: number;
  name: string;
  kind: 'loopback' | 'ether' | 'tun';
  mtu: number;
  qdisc: string;
  state: 'UP' | 'UNKNOWN';
  qlen: number;
  mac: string | null;
  ipv4: { address: string; prefix: number; broadcast: string | null; scope: 'host' | 'global'; dynamic: boolean; validLft: number | null } | null;
  ipv6: { address: string; prefix: number; scope: 'host' | 'link'; flags: string } | null;
  gateway: string | null;
  /** Packets and bytes since boot. */
  rx: { packets: number; bytes: number };
  tx: { packets: number; bytes: number };
}

const LOOPBACK_V4 = parseIpv4('127.0.0.1')!;

/** A stable-privacy link-local address (NetworkManager's), for links without a MAC. */
function stablePrivacy(host: string, name: string): string {
  const hex = hexOf(16, host, name, 'ipv6');
  const groups = [0, 4, 8, 12].map((i) => parseInt(hex.slice(i, i + 4), 16).toString(16));
  return `fe80::${groups.join(':')}`;
}

/** A measure of how long the host has run, for traffic counters that only ever grow. */
function runtimeOf(draft: Draft, host: string): number {
  const spec = draft.config.world.hosts[host]?.system;
  return (spec?.uptimeSeconds ?? 3 * 86400) + draft.clock;
}

function counters(host: string, name: string, uptime: number, rate: number): { packets: number; bytes: number } {
  const packets = Math.floor(uptime * rate * (0.8 + (hashOf(host, name, 'rate') % 400) / 1000));
  return { packets, bytes: packets * (600 + (hashOf(host, name, 'size') % 500)) };
}

function linkOf(draft: Draft, host: string, iface: NetInterface, uptime: number): Link {
  const dhcpLease = 86400;
  return {
    index: iface.index,
    name: iface.name,
    kind: iface.kind === 'tun' ? 'tun' : 'ether',
    mtu: iface.mtu,
    qdisc: 'fq_codel',
    state: iface.kind === 'tun' ? 'UNKNOWN' : 'UP',
    qlen: iface.kind === 'tun' ? 100 : 1000,
    mac: iface.mac,
    ipv4: {
      address: formatIpv4(iface.address),
      prefix: iface.network.prefix,
      broadcast: iface.network.prefix < 31 ? formatIpv4(broadcastOf(iface.network)) : null,
      scope: 'global',
      dynamic: iface.dhcp,
      validLft: iface.dhcp ? dhcpLease - ((Math.floor(draft.clock) + hashOf(host, iface.name)) % (dhcpLease / 2)) : null,
    },
    ipv6: iface.ipv6LinkLocal
      ? { address: iface.ipv6LinkLocal.replace(/\/\d+$/, ''), prefix: Number(/\/(\d+)$/.exec(iface.ipv6LinkLocal)?.[1] ?? 64), scope: 'link', flags: '' }
      : { address: stablePrivacy(host, iface.name), prefix: 64, scope: 'link', flags: 'stable-privacy' },
    gateway: iface.gateway !== null ? formatIpv4(iface.gateway) : null,
    rx: counters(host, iface.name, uptime, 9),
    tx: counters(host, `${iface.name}-tx`, uptime, 7),
  };
}

/** The links of a host, lo first. */
export function linksOf(draft: Draft, host: string): Link[] {
  const net = netHost(draft.config, host);
  const uptime = runtimeOf(draft, host);
  const lo: Link = {
    index: 1,
    name: 'lo',
    kind: 'loopback',
    mtu: 65536,
    qdisc: 'noqueue',
    state: 'UNKNOWN',
    qlen: 1000,
    mac: '00:00:00:00:00:00',
    ipv4: { address: formatIpv4(LOOPBACK_V4), prefix: 8, broadcast: null, scope: 'host', dynamic: false, validLft: null },
    ipv6: { address: '::1', prefix: 128, scope: 'host', flags: '' },
    gateway: null,
    rx: counters(host, 'lo', uptime, 0.6),
    tx: { packets: 0, bytes: 0 },
  };
  lo.tx = lo.rx;
  return [lo, ...(net?.interfaces ?? []).map((i) => linkOf(draft, host, i, uptime))];
}

/** `<BROADCAST,MULTICAST,UP,LOWER_UP>` as iproute2 writes the flags. */
export function ipFlags(link: Link): string {
  if (link.kind === 'loopback') return '<LOOPBACK,UP,LOWER_UP>';
  if (link.kind === 'tun') return '<POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP>';
  return '<BROADCAST,MULTICAST,UP,LOWER_UP>';
}
