/**
 * A host's firewall (ufw/iptables in the scenario's words): which ports may be opened from which
 * networks, and whether it answers ping. A dropped packet gets no answer at all, so the client
 * times out; loopback traffic is never filtered.
 */
import type { FirewallSpec } from '../../scenario/world/network';
import { inNetwork, isLoopback, parseCidr } from './address';

function matches(source: number, from: readonly string[]): boolean {
  return from.some((f) => {
    if (f === 'any') return true;
    const parsed = parseCidr(f);
    return parsed !== null && inNetwork(source, parsed.network);
  });
}

/** Whether a connection from `source` to `port` gets through. */
export function firewallAllows(firewall: FirewallSpec | null, source: number, port: number, proto: 'tcp' | 'udp'): boolean {
  if (!firewall || isLoopback(source)) return true;
  const rule = (firewall.allow ?? []).find((r) => r.port === port && (r.proto ?? 'tcp') === proto && matches(source, r.from));
  if (rule) return true;
  const closedToOthers = (firewall.allow ?? []).some((r) => r.port === port && (r.proto ?? 'tcp') === proto);
  if (closedToOthers) return false;
  return (firewall.policy ?? 'allow') === 'allow';
}

/** Whether the host answers an echo request from `source`. */
export function firewallAnswersPing(firewall: FirewallSpec | null, source: number): boolean {
  if (!firewall || isLoopback(source)) return true;
  return firewall.icmp ?? true;
}
