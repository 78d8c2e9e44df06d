/**
 * The routers between a host and an address, for tracepath and traceroute: the router the host
 * leaves by, the far network's router, and in between routers the drill does not know (they do
 * not answer: `no reply`, `* * *`), then the destination if it answers. Counts agree with the TTL
 * ping shows.
 */
import type { SimConfig } from '../world';
import { pathTo, interfaceHolding } from './path';
import { netHost } from './topology';

export interface Hop {
  /** The router's address, or null for one that does not answer. */
  address: number | null;
  /** Round trip to it, ms. */
  rttMs: number;
}

export interface HopList {
  hops: Hop[];
  /** The destination answers at the end (after `hops`). */
  reached: boolean;
  rttMs: number;
  mtu: number;
  /** Routers a reply crosses on the way back (`back N`). */
  back: number;
  /** The kernel has no route: nothing is sent. */
  noRoute: boolean;
}

/** Most hops probed (tracepath's and traceroute's default). */
export const MAX_HOPS = 30;

export function hopsTo(config: SimConfig, from: string, address: number): HopList {
  const path = pathTo(config, from, address);
  if (path.kind === 'no-route') return { hops: [], reached: false, rttMs: 0, mtu: 1500, back: 0, noRoute: true };
  if (path.kind === 'local') return { hops: [], reached: true, rttMs: 0.05, mtu: 65536, back: 1, noRoute: false };
  if (path.kind === 'lost') {
    const first: Hop[] = path.gateway !== null ? [{ address: path.gateway, rttMs: path.via.rttMs * 0.4 }] : [];
    return { hops: [...first, ...Array.from({ length: MAX_HOPS - first.length }, () => ({ address: null, rttMs: 0 }))], reached: false, rttMs: 0, mtu: path.via.mtu, back: 0, noRoute: false };
  }
  const target = netHost(config, path.host);
  // A host on the internet: its reply's TTL tells how many routers it crossed (from 64, 128 or 255).
  const initial = path.ttl <= 64 ? 64 : path.ttl <= 128 ? 128 : 255;
  const routers = target && !target.internal ? Math.max(1, initial - path.ttl) : path.hops;
  const hops: Hop[] = [];
  for (let i = 0; i < routers; i += 1) hops.push({ address: null, rttMs: (path.rttMs * (i + 1)) / (routers + 1) });
  if (routers > 0 && path.gateway !== null) hops[0]!.address = path.gateway;
  if (routers > 1 && target?.internal) {
    const far = interfaceHolding(target, address);
    if (far && far.gateway !== null && far.gateway !== path.gateway) hops[routers - 1]!.address = far.gateway;
  }
  return { hops: hops.slice(0, MAX_HOPS), reached: routers < MAX_HOPS, rttMs: path.rttMs, mtu: path.via.mtu, back: routers + 1, noRoute: false };
}
