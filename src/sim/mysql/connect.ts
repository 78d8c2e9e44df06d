/**
 * Connecting a client to a server: which server a host name means, whether mysqld is up to answer
 * (ERROR 2002 over the socket, 2003 over TCP, 2005 for a name nobody knows), which account the
 * login matches and whether its password (or the OS user, for auth_socket) fits, and the database
 * to start in.
 */
import type { Draft } from '../draft';
import { hostSpec } from '../world';
import { clientErrors, mysqlErrors, type MysqlError } from './errors';
import { isRunning, saveServer, serverOf, startedAt, type Server } from './server';
import { matchAccount, accountPrivileges } from './accounts';
import { allows, seesDatabase } from './grants';
import type { MysqlSession } from './session';
import { databaseAt } from './open-databases';
import { isSystemSchema } from './select';
import { DEFAULT_PORT } from './specs';
import { parseIpv4 } from '../net/address';
import { connectTcp } from '../net/connect';

export interface ConnectRequest {
  /** The host the client runs on. */
  from: string;
  /** The OS user running the client (auth_socket compares it). */
  osUser: string;
  /** `-h`: undefined or `localhost` means the local socket. */
  host?: string;
  port?: number;
  user: string;
  /** The password given; null when none was (no -p). */
  password: string | null;
  database?: string | null;
  /** An open connection's id to log in on again (an application's pooled connection): the server's counter does not move. */
  id?: number;
}

export type ConnectResult = { ok: true; session: MysqlSession; server: Server } | { ok: false; error: MysqlError };

/** The host id a name means (its id, its name, or one of its names and addresses). */
export function resolveHost(draft: Draft, name: string): { id: string; external: boolean } | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const host = draft.config.hosts.find((h) => h.id === lower || h.name.toLowerCase() === lower || h.names.some((n) => n.toLowerCase() === lower));
  if (host) return { id: host.id, external: Boolean(host.external) };
  if (Object.hasOwn(draft.config.world.hosts, lower)) return { id: lower, external: false };
  const byHostname = Object.entries(draft.config.world.hosts).find(([, spec]) => spec.hostname.toLowerCase() === lower);
  return byHostname ? { id: byHostname[0], external: false } : null;
}

/** The first IPv4 address a host is known by. */
export function addressOf(draft: Draft, host: string): string | null {
  const known = draft.config.hosts.find((h) => h.id === host);
  const fromNames = known?.names.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n));
  if (fromNames) return fromNames;
  return hostSpec(draft.config, host)?.network?.addresses?.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? null;
}

/** Opens a connection, or returns the error the mysql client prints. */
export function connect(draft: Draft, request: ConnectRequest): ConnectResult {
  const local = request.host === undefined || request.host === 'localhost';
  const loopback = request.host === '127.0.0.1' || request.host === '::1';
  let target: string;
  if (local || loopback) target = request.from;
  else {
    const resolved = resolveHost(draft, request.host!);
    if (!resolved) return { ok: false, error: clientErrors.unknownHost(request.host!) };
    if (resolved.external) return { ok: false, error: clientErrors.cantConnect(request.host!, 110) };
    target = resolved.id;
  }
  const spec = hostSpec(draft.config, target)?.mysql;
  // Over TCP the packets go where the network takes them: a firewall that drops port 3306 from
  // the client's network leaves the client waiting until the kernel gives up (110).
  // (A world that describes no network for the two hosts leaves them connected, as before.)
  if (!local && !loopback && target !== request.from && hostSpec(draft.config, request.from)?.network && hostSpec(draft.config, target)?.network) {
    const address = parseIpv4(request.host!) ?? parseIpv4(addressOf(draft, target) ?? '');
    if (address !== null) {
      const tcp = connectTcp(draft, request.from, address, request.port ?? spec?.port ?? DEFAULT_PORT);
      if (tcp.kind === 'timeout') return { ok: false, error: clientErrors.cantConnect(request.host!, 110) };
      if (tcp.kind === 'unreachable') return { ok: false, error: clientErrors.cantConnect(request.host!, tcp.reason === 'network' ? 101 : 113) };
    }
  }
  if (!spec || !isRunning(draft, target)) return { ok: false, error: local ? clientErrors.cantConnectLocal() : clientErrors.cantConnect(request.host!, 111) };
  if (!local && request.port !== undefined && request.port !== (spec.port ?? DEFAULT_PORT)) return { ok: false, error: clientErrors.cantConnect(request.host!, 111) };
  const server = serverOf(draft, target);
  if (!server) return { ok: false, error: clientErrors.cantConnectLocal() };
  // The socket and 127.0.0.1 come from localhost; a TCP connection to the host's own name or
  // address comes from that address, which the server names as it names any other client.
  const sameHost = local || loopback;
  const clientHost = sameHost ? 'localhost' : (hostSpec(draft.config, request.from)?.hostname ?? request.from);
  const address = sameHost ? '127.0.0.1' : addressOf(draft, request.from);
  const account = matchAccount(server.state.accounts, request.user, clientHost, address);
  const usingPassword = request.password !== null && request.password !== '';
  if (!account) return { ok: false, error: mysqlErrors.accessDenied(request.user, clientHost, usingPassword) };
  if (account.plugin === 'auth_socket') {
    if (!local || request.osUser !== request.user) return { ok: false, error: { code: 1698, state: '28000', message: `Access denied for user '${request.user}'@'${clientHost}'` } };
  } else if ((account.password ?? '') !== (request.password ?? '')) {
    return { ok: false, error: mysqlErrors.accessDenied(request.user, clientHost, usingPassword) };
  }
  if (account.locked) return { ok: false, error: { code: 3118, state: 'HY000', message: `Access denied for user '${request.user}'@'${clientHost}'. Account is locked.` } };
  const privileges = accountPrivileges(server.state.accounts, account);
  let database: string | null = null;
  if (request.database) {
    const name = request.database;
    const exists = (isSystemSchema(name) && (name.toLowerCase() === 'information_schema' || name === name.toLowerCase())) || databaseAt(draft.config, server.state.data).catalog().databases.has(name);
    if (!exists) return { ok: false, error: mysqlErrors.unknownDatabase(name) };
    if (name.toLowerCase() !== 'information_schema' && !seesDatabase(privileges, name) && !allows(privileges, 'SELECT', name)) return { ok: false, error: mysqlErrors.dbAccessDenied(account.user, account.host, name) };
    database = name;
  }
  const id = request.id ?? server.state.connections + 1;
  const saved = request.id === undefined ? saveServer(draft, server, { ...server.state, connections: id }) : server;
  const session: MysqlSession = {
    host: target,
    user: request.user,
    clientHost,
    account: { user: account.user, host: account.host },
    database,
    id,
    serverStartedAt: startedAt(draft, saved),
    since: draft.clock,
    vars: {},
    userVars: {},
    tx: null,
    lastInsertId: 0,
    warnings: [],
    tcp: !local,
  };
  return { ok: true, session, server: saved };
}
