/**
 * Who listens where on a host: the `listen` addresses of the units that are running, with the
 * processes holding each socket. The network programs (ss, netstat, nc, curl, nmap) read this:
 * a port answers only while its unit runs, and stops answering the moment the unit stops.
 */
import type { HostState, SimConfig } from '../world';
import { isRunning } from './state';
import { unitsOf, type Listener } from './units';

export interface ListeningSocket extends Listener {
  /** The unit that owns it (`nginx.service`). */
  unit: string;
  /** Processes holding the socket, main process first (nginx's master, then its workers). */
  holders: readonly { pid: number; name: string }[];
}

/** Every socket listening on `host` now, in the order the units list them. */
export function listeningSockets(config: SimConfig, host: string, state: HostState | undefined): ListeningSocket[] {
  if (!state) return [];
  const sockets: ListeningSocket[] = [];
  for (const def of unitsOf(config, host)) {
    if (def.listen.length === 0) continue;
    const unit = Object.hasOwn(state.services, def.name) ? state.services[def.name] : undefined;
    if (!unit || !isRunning(unit) || unit.pid === null) continue;
    const shared = def.kind === 'nginx' || def.kind === 'haproxy';
    const holders = [{ pid: unit.pid, name: def.mainName }, ...(shared ? unit.workers.map((pid) => ({ pid, name: def.mainName })) : [])];
    for (const listener of def.listen) sockets.push({ ...listener, unit: def.name, holders });
  }
  return sockets;
}

/**
 * The socket that takes a connection to `localAddress:port` on `host` (the address the client
 * dialled, as seen on that host: `127.0.0.1`, `10.0.1.21`, `::1`), or null: connection refused.
 * A socket bound to `0.0.0.0` takes any IPv4 address, one bound to `::` any address (Linux's
 * dual-stack default), one bound to a specific address only that address.
 */
export function socketFor(config: SimConfig, host: string, state: HostState | undefined, proto: 'tcp' | 'udp', port: number, localAddress: string): ListeningSocket | null {
  const v6 = localAddress.includes(':');
  const candidates = listeningSockets(config, host, state).filter((s) => s.proto === proto && s.port === port);
  return (
    candidates.find((s) => s.host === localAddress) ??
    candidates.find((s) => (s.host === '0.0.0.0' && !v6) || s.host === '::') ??
    null
  );
}
