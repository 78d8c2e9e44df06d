/**
 * A host's IPv4 routing table as the kernel holds it: the default route (DHCP's or a static one),
 * the scenario's routes, and one kernel route per interface network, in the kernel's order
 * (default first, then by destination). `ip route` and `netstat -r` print this same table.
 */
import { formatIpv4, parseCidr } from './address';
import type { NetHost } from './topology';

export interface RouteEntry {
  /** Null for the default route. */
  base: number | null;
  prefix: number;
  via: string | null;
  dev: string;
  proto: 'dhcp' | 'static' | 'kernel' | null;
  /** `src` of a kernel route. */
  src: string | null;
  metric: number | null;
}

export function routeTable(net: NetHost | null): RouteEntry[] {
  if (!net) return [];
  const out: RouteEntry[] = [];
  const dhcp = (dev: string) => net.interfaces.find((i) => i.name === dev)?.dhcp ?? false;
  const declared = net.routes.filter((r) => r.to === 'default');
  const defaults = declared.length > 0 ? declared : net.interfaces.filter((i) => i.gateway !== null && i.kind !== 'tun').slice(0, 1).map((i) => ({ to: 'default' as const, via: formatIpv4(i.gateway!), dev: i.name, metric: undefined }));
  for (const r of defaults) {
    const iface = net.interfaces.find((i) => i.name === r.dev);
    const via = r.via ?? (iface?.gateway !== null && iface?.gateway !== undefined ? formatIpv4(iface.gateway) : null);
    out.push({ base: null, prefix: 0, via, dev: r.dev, proto: dhcp(r.dev) ? 'dhcp' : 'static', src: null, metric: r.metric ?? (dhcp(r.dev) ? 600 : null) });
  }
  for (const i of net.interfaces) out.push({ base: i.network.base, prefix: i.network.prefix, via: null, dev: i.name, proto: 'kernel', src: formatIpv4(i.address), metric: i.dhcp ? 600 : null });
  for (const r of net.routes) {
    if (r.to === 'default') continue;
    const parsed = parseCidr(r.to);
    if (parsed) out.push({ base: parsed.network.base, prefix: parsed.network.prefix, via: r.via ?? null, dev: r.dev, proto: null, src: null, metric: r.metric ?? null });
  }
  return out.sort((a, b) => (a.base === null || b.base === null ? (a.base === null ? 0 : 1) - (b.base === null ? 0 : 1) : a.base - b.base || a.prefix - b.prefix));
}
