/**
 * The kernel's neighbour (ARP) table on a host, as `ip neigh` and net-tools' `arp` show it: the
 * router of each link, and the hosts on the same link that this one exchanges packets with: the
 * peers of its long-lived connections (src/sim/net/established.ts) and HAProxy's health checks,
 * on both ends (the balancer checks its servers every `inter`, so each server has the balancer in
 * its table, and the balancer each server). A host on another network is reached through the
 * router, so only the router is listed for it. Each neighbour's MAC is the one its own `ip link`
 * shows.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { formatIpv4, inNetwork, parseIpv4 } from './address';
import { connectionsOf } from './established';
import { hashOf, hexOf } from './jitter';
import { netHost, netView, type NetInterface } from './topology';

export interface Neighbour {
  address: number;
  dev: string;
  mac: string;
  /** REACHABLE: confirmed in the last seconds (the router, health checks); STALE: not since (an idle pool). */
  state: 'REACHABLE' | 'STALE';
}

/** A router's MAC: one per router address, the same from every host on its link. */
function routerMac(address: number): string {
  const hex = hexOf(6, 'router', address);
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** The MAC of the interface that holds `address` on a host of the scenario, or null. */
function macOf(draft: Draft, address: number): string | null {
  const owner = netView(draft.config).owners.get(address);
  const host = owner ? netHost(draft.config, owner) : null;
  return host?.interfaces.find((i) => i.address === address)?.mac ?? null;
}

/** Whether HAProxy runs on `host` (its unit has a process). */
function haproxyRuns(draft: Draft, host: string): boolean {
  const spec = hostSpec(draft.config, host)?.network?.http?.haproxy;
  if (!spec) return false;
  const unit = spec.unit ?? 'haproxy.service';
  const services = draft.host(host)?.services ?? {};
  return Object.hasOwn(services, unit) && (services[unit]?.pid ?? null) !== null;
}

/** The addresses HAProxy on `host` health-checks. */
function checkedServers(draft: Draft, host: string): number[] {
  const spec = hostSpec(draft.config, host)?.network?.http?.haproxy;
  const out: number[] = [];
  for (const b of spec?.backends ?? []) {
    for (const s of b.servers) {
      const address = parseIpv4(s.address.split(':')[0]!);
      if (address !== null) out.push(address);
    }
  }
  return out;
}

/** Every neighbour entry of `host` now, in the kernel's hash order. */
export function neighboursOf(draft: Draft, host: string): Neighbour[] {
  const self = netHost(draft.config, host);
  if (!self) return [];
  const links = self.interfaces.filter((i) => i.kind === 'ether');
  const found = new Map<number, Neighbour>();
  const add = (address: number, state: Neighbour['state']) => {
    if (self.interfaces.some((i) => i.address === address)) return;
    const link: NetInterface | undefined = links.find((i) => inNetwork(address, i.network));
    if (!link) return;
    const known = found.get(address);
    if (known) {
      if (state === 'REACHABLE') known.state = state;
      return;
    }
    const mac = link.gateway === address ? routerMac(address) : macOf(draft, address);
    if (mac === null) return;
    found.set(address, { address, dev: link.name, mac, state });
  };
  for (const i of links) if (i.gateway !== null) add(i.gateway, 'REACHABLE');
  // The balancer's checks, from it and to it.
  if (haproxyRuns(draft, host)) for (const a of checkedServers(draft, host)) add(a, 'REACHABLE');
  for (const other of netView(draft.config).hosts.keys()) {
    if (other === host || !haproxyRuns(draft, other)) continue;
    if (!checkedServers(draft, other).some((a) => self.addresses.includes(a))) continue;
    const balancer = netHost(draft.config, other);
    for (const i of balancer?.interfaces ?? []) add(i.address, 'REACHABLE');
  }
  for (const c of connectionsOf(draft, host)) {
    const peer = parseIpv4(c.peer);
    if (peer !== null) add(peer, 'STALE');
  }
  return [...found.values()].sort((a, b) => hashOf('neigh', a.address) % 32 - (hashOf('neigh', b.address) % 32) || a.address - b.address);
}

/** `10.0.1.1 dev ens3 lladdr 52:54:00:…:… REACHABLE` */
export function neighbourLine(n: Neighbour): string {
  return `${formatIpv4(n.address)} dev ${n.dev} lladdr ${n.mac} ${n.state}`;
}
