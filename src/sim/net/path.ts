/**
 * How a packet from one host reaches an address: the interface and router it leaves by (the
 * host's routes, longest prefix first), whether the destination can be reached at all (internal
 * networks only from inside or over the VPN, the internet only where the host has it), the round
 * trip, the TTL the reply arrives with and the address the far end sees.
 */
import type { SimConfig } from '../world';
import { inNetwork, isLoopback, isPrivate, parseCidr, parseIpv4 } from './address';
import { isInternalAddress, netHost, netView, type NetHost, type NetInterface } from './topology';

/** Round trip over the loopback interface, ms. */
export const LOOPBACK_RTT_MS = 0.04;

export type PathResult =
  /** The address is this host's own. */
  | { kind: 'local'; address: number }
  | {
      kind: 'ok';
      /** The host that answers. */
      host: string;
      via: NetInterface;
      /** The router the packet leaves by (null on the same network). */
      gateway: number | null;
      /** The source address the far end sees (after NAT). */
      seenFrom: number;
      rttMs: number;
      /** TTL of the replies when they arrive. */
      ttl: number;
      /** Routers between the two hosts. */
      hops: number;
    }
  /** No interface or route leads there: the kernel says "Network is unreachable" at once. */
  | { kind: 'no-route' }
  /** Packets leave but nothing answers (no such host, or a network this host does not reach): they time out. */
  | { kind: 'lost'; via: NetInterface; gateway: number | null };

function routeFor(host: NetHost, address: number): { via: NetInterface; gateway: number | null } | null {
  const direct = host.interfaces.find((i) => inNetwork(address, i.network));
  if (direct) return { via: direct, gateway: null };
  let best: { via: NetInterface; gateway: number | null; prefix: number } | null = null;
  for (const route of host.routes) {
    const iface = host.interfaces.find((i) => i.name === route.dev);
    if (!iface) continue;
    const prefix = route.to === 'default' ? 0 : (parseCidr(route.to)?.network.prefix ?? -1);
    const network = route.to === 'default' ? { base: 0, prefix: 0 } : parseCidr(route.to)?.network;
    if (!network || !inNetwork(address, network)) continue;
    if (!best || prefix > best.prefix) best = { via: iface, gateway: route.via ? parseIpv4(route.via) : iface.gateway, prefix };
  }
  if (best) return { via: best.via, gateway: best.gateway };
  const first = host.interfaces.find((i) => i.gateway !== null);
  return first ? { via: first, gateway: first.gateway } : null;
}

/** The interface of `host` that holds `address` (its first one for a NAT address). */
export function interfaceHolding(host: NetHost, address: number): NetInterface | null {
  return host.interfaces.find((i) => i.address === address) ?? host.interfaces[0] ?? null;
}

/** The path from host `from` to `address`. */
export function pathTo(config: SimConfig, from: string, address: number): PathResult {
  const view = netView(config);
  const source = netHost(config, from);
  if (isLoopback(address) || source?.addresses.includes(address)) return { kind: 'local', address };
  if (!source || source.interfaces.length === 0) return { kind: 'no-route' };
  const route = routeFor(source, address);
  if (!route) return { kind: 'no-route' };
  const ownerId = view.owners.get(address);
  const owner = ownerId ? view.hosts.get(ownerId) : undefined;
  if (!owner) return { kind: 'lost', ...route };
  const viaInternal = isInternalAddress(view, route.via.address);
  const targetInternal = isInternalAddress(view, address);
  const reachable = targetInternal ? source.reachInternal && owner.internal : source.reachInternet || (owner.internal && source.reachInternal && viaInternal);
  if (!reachable) return { kind: 'lost', ...route };
  const sameNetwork = route.gateway === null;
  if (!owner.internal) {
    return { kind: 'ok', host: owner.id, ...route, seenFrom: source.publicAddress ?? route.via.address, rttMs: route.via.rttMs + owner.rttMs, ttl: owner.ttl - route.via.hops, hops: 1 + route.via.hops };
  }
  const far = interfaceHolding(owner, address);
  const hops = (sameNetwork ? 0 : 1) + route.via.hops + (far?.hops ?? 0);
  const nat = !targetInternal && !viaInternal && source.publicAddress !== null;
  return { kind: 'ok', host: owner.id, ...route, seenFrom: nat ? source.publicAddress! : route.via.address, rttMs: route.via.rttMs + (far?.rttMs ?? 0), ttl: 64 - hops, hops };
}

/**
 * An internet address no host of the scenario holds, that `from` could reach: a real host might
 * well answer there (another of a site's addresses), so the tools say the drill does not model
 * it instead of showing a silent loss.
 */
export function isUnmodelledInternet(config: SimConfig, from: string, address: number): boolean {
  const view = netView(config);
  const source = netHost(config, from);
  if (!source?.reachInternet || view.owners.has(address) || isPrivate(address) || isLoopback(address)) return false;
  return !isInternalAddress(view, address) && routeFor(source, address) !== null;
}

