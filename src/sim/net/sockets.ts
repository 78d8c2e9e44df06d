/**
 * The sockets a host listens on, as the network tools show them: the system's units that run
 * (src/sim/system/sockets.ts decides who listens where), each with the process names, PIDs and
 * file descriptors that hold it, the owner's user, and whether an IPv6 socket also takes IPv4.
 */
import type { Draft } from '../draft';
import { listeningSockets, type ListeningSocket } from '../system/sockets';
import { unitsOf, type UnitDefinition } from '../system/units';
import { listenBacklog } from '../system/sysctl';

export interface NetSocket {
  proto: 'tcp' | 'udp';
  family: 4 | 6;
  /** The local address: `0.0.0.0`, `127.0.0.1`, `::`. */
  host: string;
  port: number;
  backlog: number;
  unit: string;
  /** Processes holding it, with the descriptor each holds it on, main process first. */
  holders: readonly { pid: number; name: string; fd: number }[];
  /** The user the main process runs as (who may see it with `ss -p` without root). */
  user: string;
  /** An IPv6 socket that takes IPv4 too (mysqld's `*:3306`); sshd's and nginx's are IPv6 only (`[::]:22`). */
  dualStack: boolean;
}

/** The first descriptor a daemon's listening sockets get, by kind (what `ss -p` shows as `fd=`). */
function firstFd(def: UnitDefinition | undefined, proto: 'tcp' | 'udp'): number {
  if (!def) return 3;
  if (def.name === 'systemd-resolved.service') return proto === 'udp' ? 12 : 13;
  switch (def.kind) {
    case 'nginx':
      return 6;
    case 'haproxy':
      return 5;
    case 'mysql':
      return 21;
    case 'app':
      return 18;
    default:
      return 3;
  }
}

function toNetSocket(socket: ListeningSocket, def: UnitDefinition | undefined, index: number): NetSocket {
  // mysqld's X protocol socket (33060) is opened before the classic one, as fd numbers show.
  const fd = def?.kind === 'mysql' ? (socket.port === 3306 ? 23 : 21) : firstFd(def, socket.proto) + (def?.name === 'systemd-resolved.service' ? 0 : index);
  return {
    proto: socket.proto,
    family: socket.family,
    host: socket.host,
    port: socket.port,
    // What the program asked listen() for, capped by the kernel at net.core.somaxconn.
    backlog: socket.proto === 'tcp' ? listenBacklog(socket.backlog) : socket.backlog,
    unit: socket.unit,
    holders: socket.holders.map((h) => ({ ...h, fd })),
    user: def?.user ?? 'root',
    // nginx (ipv6only=on by default) and sshd set IPV6_V6ONLY; other daemons keep Linux's dual stack.
    dualStack: socket.family === 6 && def?.kind !== 'nginx' && def?.name !== 'ssh.service',
  };
}

/** Every socket listening on a host now (none while its unit is stopped). */
export function socketsOf(draft: Draft, host: string): NetSocket[] {
  const defs = new Map(unitsOf(draft.config, host).map((d) => [d.name, d]));
  const counters = new Map<string, number>();
  return listeningSockets(draft.config, host, draft.host(host)).map((s) => {
    const key = `${s.unit}/${s.proto}`;
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    return toNetSocket(s, defs.get(s.unit), index);
  });
}

/** The socket that takes a TCP/UDP connection to `address:port` on the host (the address as dialled there), or null. */
export function socketAt(draft: Draft, host: string, proto: 'tcp' | 'udp', port: number, address: string): NetSocket | null {
  const candidates = socketsOf(draft, host).filter((s) => s.proto === proto && s.port === port);
  return candidates.find((s) => s.host === address) ?? candidates.find((s) => s.host === '0.0.0.0' || (s.host === '::' && s.dualStack)) ?? null;
}
