/**
 * The long-lived TCP connections a host holds now, as ss, netstat and lsof list them: the
 * trainee's own SSH sessions into it (the port sshd logged when it accepted them), and MySQL's
 * connections (apps' pools, replicas' I/O threads: src/sim/mysql/connections.ts), on whichever
 * end this host is. Short-lived ones (HTTP requests, health checks, TIME-WAIT) are not modelled.
 */
import type { Draft } from '../draft';
import { mysqlConnectionsOf } from '../mysql/connections';
import { hashString } from '../mysql/generate';
import { addressSeen } from '../system/wtmp';
import { hostSpec } from '../world';
import { unitsOf } from '../system/units';
import { formatIpv4 } from './address';
import { socketsOf } from './sockets';
import { netHost } from './topology';

export interface TcpConnection {
  /** 6: an IPv4 connection on a dual-stack IPv6 socket (`[::ffff:10.0.2.10]:3306`). */
  family: 4 | 6;
  local: string;
  localPort: number;
  peer: string;
  peerPort: number;
  unit: string;
  /** Processes holding it, with their descriptor. */
  holders: readonly { pid: number; name: string; fd: number }[];
  user: string;
  /** The kernel's socket inode (lsof's DEVICE), stable for the connection. */
  inode: number;
}

function addressOfHost(draft: Draft, host: string): string | null {
  const address = netHost(draft.config, host)?.interfaces[0]?.address;
  return address === undefined ? null : formatIpv4(address);
}

/** A socket inode in the range a booted server's sockets have, stable for its key. */
export function socketInode(key: string): number {
  return 18_000 + (hashString(`inode:${key}`) % 400_000);
}

function sshConnections(draft: Draft, host: string): TcpConnection[] {
  const out: TcpConnection[] = [];
  const journal = draft.host(host)?.journal ?? [];
  const local = addressOfHost(draft, host);
  if (local === null) return out;
  for (const s of draft.sessions) {
    if (s.kind !== 'shell' || s.host !== host || s.via !== 'ssh' || !s.pids || s.pids.length < 3) continue;
    const [monitor, child] = s.pids;
    const accepted = journal.find((e) => e.identifier === 'sshd' && e.pid === monitor && e.message.startsWith('Accepted '))?.message.match(/ from (\S+) port (\d+) /);
    if (!accepted) continue;
    out.push({
      family: 4,
      local,
      localPort: 22,
      peer: accepted[1]!,
      peerPort: Number(accepted[2]),
      unit: 'ssh.service',
      holders: [
        { pid: child!, name: 'sshd', fd: 3 },
        { pid: monitor!, name: 'sshd', fd: 3 },
      ],
      // The session's sshd changed uid from root: not dumpable, so its /proc/PID/fd stays root's (ss -p, lsof).
      user: 'root',
      inode: socketInode(`${host}:ssh:${monitor}`),
    });
  }
  return out;
}

function mainPid(draft: Draft, host: string, unit: string): { pid: number; name: string; user: string } | null {
  const state = draft.host(host)?.services[unit];
  if (!state || state.pid === null) return null;
  const def = unitsOf(draft.config, host).find((d) => d.name === unit);
  return { pid: state.pid, name: def?.mainName ?? unit.replace(/\.service$/, ''), user: def?.user ?? 'root' };
}

function mysqlConnections(draft: Draft, host: string): TcpConnection[] {
  const out: TcpConnection[] = [];
  const serverFd = new Map<string, number>();
  const clientFd = new Map<string, number>();
  for (const c of mysqlConnectionsOf(draft, host)) {
    const serverAddress = addressOfHost(draft, c.server);
    const clientAddress = addressSeen(draft.config, c.client, c.server);
    if (serverAddress === null || clientAddress === null) continue;
    const key = `${c.server}:${c.client}:${c.clientPort}`;
    if (c.server === host) {
      const owner = mainPid(draft, host, hostUnitOfMysql(draft, host));
      if (!owner) continue;
      // mysqld's listening sockets hold fds 21–23; its connections come after its files.
      const fd = serverFd.get(host) ?? 32;
      serverFd.set(host, fd + 1);
      // On mysqld's dual-stack `*:3306` an IPv4 client is a v4-mapped address; on `0.0.0.0:3306` a plain one.
      const listener = socketsOf(draft, host).find((l) => l.proto === 'tcp' && l.port === 3306);
      const family = listener?.family === 6 ? 6 : 4;
      out.push({ family, local: serverAddress, localPort: 3306, peer: clientAddress, peerPort: c.clientPort, unit: hostUnitOfMysql(draft, host), holders: [{ pid: owner.pid, name: owner.name, fd }], user: owner.user, inode: socketInode(`s:${key}`) });
    }
    if (c.client === host) {
      const owner = mainPid(draft, host, c.clientUnit);
      if (!owner) continue;
      const fd = clientFd.get(c.clientUnit) ?? (c.kind === 'pool' ? 20 : 40);
      clientFd.set(c.clientUnit, fd + 1);
      out.push({ family: 4, local: clientAddress, localPort: c.clientPort, peer: serverAddress, peerPort: 3306, unit: c.clientUnit, holders: [{ pid: owner.pid, name: owner.name, fd }], user: owner.user, inode: socketInode(`c:${key}`) });
    }
  }
  return out;
}

function hostUnitOfMysql(draft: Draft, host: string): string {
  return hostSpec(draft.config, host)?.mysql?.unit ?? 'mysql.service';
}

/** Every established TCP connection on `host` now. */
export function connectionsOf(draft: Draft, host: string): TcpConnection[] {
  return [...sshConnections(draft, host), ...mysqlConnections(draft, host)];
}
