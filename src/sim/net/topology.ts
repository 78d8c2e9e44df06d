/**
 * The network as the simulation sees it, built once from the scenario's data: every host's
 * interfaces and addresses, who owns which address, which networks are internal, and the hosts on
 * the internet. Derived from the config only (never from the changing world), so it is cached per
 * config object.
 */
import type { FirewallSpec, InterfaceSpec, NetworkSpec, RouteSpec } from '../../scenario/world/network';
import type { SimConfig } from '../world';
import { hostSpec } from '../world';
import { formatIpv4, isPrivate, linkLocalOf, parseCidr, parseIpv4, type Network } from './address';
import { hexOf } from './jitter';

export interface NetInterface {
  name: string;
  kind: 'ether' | 'tun' | 'loopback';
  mac: string | null;
  /** The interface's IPv4 address as a number, and its network. */
  address: number;
  network: Network;
  ipv6LinkLocal: string | null;
  dhcp: boolean;
  mtu: number;
  rttMs: number;
  hops: number;
  /** The router on this link, if any. */
  gateway: number | null;
  /** Position in `ip a` (lo is 1). */
  index: number;
}

export interface NetHost {
  id: string;
  /** A host of the company's (it has a world entry and a shell) rather than one on the internet. */
  internal: boolean;
  interfaces: readonly NetInterface[];
  routes: readonly RouteSpec[];
  /** Every address that reaches this host, the public NAT address included. */
  addresses: readonly number[];
  publicAddress: number | null;
  reachInternal: boolean;
  reachInternet: boolean;
  firewall: FirewallSpec | null;
  /** For hosts on the internet: how far, the TTL of their replies, open ports, DNS service. */
  rttMs: number;
  ttl: number;
  ports: readonly number[];
  dns: boolean;
  spec: NetworkSpec | null;
}

export interface NetView {
  hosts: ReadonlyMap<string, NetHost>;
  /** Address → the host it reaches. */
  owners: ReadonlyMap<number, string>;
  internal: readonly Network[];
}

const cache = new WeakMap<SimConfig, NetView>();

/** Round trip of a server's link to the core network, when the scenario does not say. */
export const DEFAULT_LAN_RTT_MS = 0.15;
/** Round trip to a host on the internet, when the scenario does not say. */
export const DEFAULT_INTERNET_RTT_MS = 20;

function macFor(host: string, name: string): string {
  const hex = hexOf(6, host, name);
  return `52:54:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

function interfaceOf(host: string, spec: InterfaceSpec, index: number): NetInterface | null {
  const parsed = parseCidr(spec.ipv4);
  if (!parsed) return null;
  const kind = spec.kind ?? 'ether';
  const mac = kind === 'tun' ? null : (spec.mac ?? macFor(host, spec.name));
  const gateway = spec.gateway ? parseIpv4(spec.gateway) : parsed.network.prefix < 31 ? parsed.network.base + 1 : null;
  return {
    name: spec.name,
    kind,
    mac,
    address: parsed.address,
    network: parsed.network,
    ipv6LinkLocal: spec.ipv6LinkLocal ?? (mac ? `${linkLocalOf(mac)}/64` : null),
    dhcp: spec.dhcp ?? false,
    mtu: spec.mtu ?? 1500,
    rttMs: spec.rttMs ?? DEFAULT_LAN_RTT_MS,
    hops: spec.hops ?? 0,
    gateway: gateway === parsed.address ? null : gateway,
    index,
  };
}

/** Addresses written among a host's names in the scenario's host list (`10.0.1.21`). */
function literalAddresses(config: SimConfig, id: string): number[] {
  const host = config.hosts.find((h) => h.id === id);
  return (host?.names ?? []).map(parseIpv4).filter((a): a is number => a !== null);
}

function buildView(config: SimConfig): NetView {
  const hosts = new Map<string, NetHost>();
  const owners = new Map<number, string>();
  const world = config.world.network;
  const internal = (world?.internal ?? []).map((c) => parseCidr(c)?.network).filter((n): n is Network => n !== undefined);
  const ids = new Set([...config.hosts.map((h) => h.id), ...Object.keys(config.world.hosts)]);
  for (const id of ids) {
    const spec = hostSpec(config, id);
    const simHost = config.hosts.find((h) => h.id === id);
    if (spec && !simHost?.external) {
      const net = spec.network ?? null;
      let interfaces = (net?.interfaces ?? []).map((i, n) => interfaceOf(id, i, n + 2)).filter((i): i is NetInterface => i !== null);
      if (interfaces.length === 0) {
        // No interfaces declared: the short form's addresses, or the private one in the host list, on a /24.
        const short = (net?.addresses ?? []).map((a) => (a.includes('/') ? a : `${a}/24`)).filter((a) => parseCidr(a) !== null);
        const fromList = literalAddresses(config, id).filter((a) => isPrivate(a)).slice(0, 1).map((a) => `${formatIpv4(a)}/24`);
        interfaces = (short.length ? short : fromList).slice(0, 1).map((cidr, n) => interfaceOf(id, { name: 'ens3', ipv4: cidr }, n + 2)!);
      }
      const publicText = net?.publicAddress ?? null;
      const publicAddress = publicText ? parseIpv4(publicText) : (literalAddresses(config, id).find((a) => !isPrivate(a) && !interfaces.some((i) => i.address === a)) ?? null);
      const addresses = [...interfaces.map((i) => i.address), ...(publicAddress !== null ? [publicAddress] : [])];
      for (const a of addresses) if (!owners.has(a)) owners.set(a, id);
      hosts.set(id, {
        id,
        internal: true,
        interfaces,
        routes: net?.routes ?? [],
        addresses,
        publicAddress,
        reachInternal: net?.reach?.internal ?? true,
        reachInternet: net?.reach?.internet ?? true,
        firewall: net?.firewall ?? null,
        rttMs: DEFAULT_LAN_RTT_MS,
        ttl: 64,
        ports: [],
        dns: false,
        spec: net,
      });
    } else if (simHost?.external || (world?.external && Object.hasOwn(world.external, id))) {
      const ext = world?.external && Object.hasOwn(world.external, id) ? world.external[id]! : undefined;
      const addresses = [...(ext?.addresses ?? []).map(parseIpv4).filter((a): a is number => a !== null), ...literalAddresses(config, id)];
      const unique = [...new Set(addresses)];
      for (const a of unique) if (!owners.has(a)) owners.set(a, id);
      hosts.set(id, {
        id,
        internal: false,
        interfaces: [],
        routes: [],
        addresses: unique,
        publicAddress: null,
        reachInternal: false,
        reachInternet: true,
        firewall: null,
        rttMs: ext?.rttMs ?? DEFAULT_INTERNET_RTT_MS,
        ttl: ext?.ttl ?? 117,
        ports: ext?.ports ?? [],
        dns: ext?.dns ?? false,
        spec: null,
      });
    }
  }
  return { hosts, owners, internal };
}

/** The network of a simulation (built on first use, then shared). */
export function netView(config: SimConfig): NetView {
  let view = cache.get(config);
  if (!view) {
    view = buildView(config);
    cache.set(config, view);
  }
  return view;
}

export function netHost(config: SimConfig, id: string): NetHost | null {
  return netView(config).hosts.get(id) ?? null;
}

/** The host an address reaches, or null when no host of the world has it. */
export function ownerOf(config: SimConfig, address: number): string | null {
  return netView(config).owners.get(address) ?? null;
}

/** True for an address on one of the company's internal networks (or any private one, when none are declared). */
export function isInternalAddress(view: NetView, address: number): boolean {
  if (view.internal.length === 0) return isPrivate(address);
  return view.internal.some((n) => address >= n.base && address < n.base + 2 ** (32 - n.prefix));
}
