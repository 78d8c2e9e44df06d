/**
 * Opening a TCP connection from one host to an address and port, as the kernel reports it to nc,
 * telnet, curl, nmap and the proxies: open (a socket accepts it), refused (the host answers with a
 * reset: nothing listens there, or its service is stopped), timed out (a firewall drops it, or
 * nothing answers at that address), unreachable (no route at all, or no such host on the link).
 */
import type { Draft } from '../draft';
import { formatIpv4 } from './address';
import { firewallAllows } from './firewall';
import { interfaceHolding, LOOPBACK_RTT_MS, pathTo } from './path';
import { socketAt, type NetSocket } from './sockets';
import { netHost } from './topology';

export type Connection =
  | {
      kind: 'open';
      /** The host that accepted. */
      host: string;
      /** The socket that took it (null for a host on the internet, whose sockets the drill does not model). */
      socket: NetSocket | null;
      /** The address the client sees itself connecting from, and the one the server sees. */
      localAddress: number;
      seenFrom: number;
      rttMs: number;
    }
  | { kind: 'refused'; host: string; rttMs: number }
  | { kind: 'timeout' }
  /** `Network is unreachable` (no route) or `No route to host` (nobody answers on the link). */
  | { kind: 'unreachable'; reason: 'network' | 'host' };

/** Opens a TCP connection from `from` to `address:port`. */
export function connectTcp(draft: Draft, from: string, address: number, port: number): Connection {
  const config = draft.config;
  const path = pathTo(config, from, address);
  if (path.kind === 'no-route') return { kind: 'unreachable', reason: 'network' };
  if (path.kind === 'lost') return path.gateway === null ? { kind: 'unreachable', reason: 'host' } : { kind: 'timeout' };
  if (path.kind === 'local') {
    const socket = socketAt(draft, from, 'tcp', port, formatIpv4(address));
    return socket ? { kind: 'open', host: from, socket, localAddress: address, seenFrom: address, rttMs: LOOPBACK_RTT_MS } : { kind: 'refused', host: from, rttMs: LOOPBACK_RTT_MS };
  }
  const target = netHost(config, path.host);
  if (!target) return { kind: 'timeout' };
  if (!target.internal) return target.ports.includes(port) ? { kind: 'open', host: path.host, socket: null, localAddress: path.via.address, seenFrom: path.seenFrom, rttMs: path.rttMs } : { kind: 'timeout' };
  if (!firewallAllows(target.firewall, path.seenFrom, port, 'tcp')) return { kind: 'timeout' };
  // A NAT address is forwarded to the host's own address behind it.
  const local = target.addresses.includes(address) && target.interfaces.some((i) => i.address === address) ? address : (interfaceHolding(target, address)?.address ?? address);
  const socket = socketAt(draft, path.host, 'tcp', port, formatIpv4(local));
  return socket ? { kind: 'open', host: path.host, socket, localAddress: path.via.address, seenFrom: path.seenFrom, rttMs: path.rttMs } : { kind: 'refused', host: path.host, rttMs: path.rttMs };
}
