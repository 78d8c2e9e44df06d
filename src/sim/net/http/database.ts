/**
 * An app's queries to its MySQL server, as its driver (mysql2) makes them: a TCP connection from
 * the app's host to the server's address and port (refused while mysqld is stopped, timed out
 * behind a firewall), then the statement on the server's real data through `runQuery`, as the
 * app's own account. Errors come back in the driver's words (`connect ECONNREFUSED
 * 10.0.2.10:3306`, or MySQL's message for a failed statement).
 */
import type { AppSpec } from '../../../scenario/world/network';
import type { Draft } from '../../draft';
import { hostSpec } from '../../world';
import { runQuery } from '../../mysql/api';
import { formatIpv4 } from '../address';
import { connectTcp } from '../connect';
import { netHost } from '../topology';
import type { Row } from './template';

export type DatabaseAnswer = { ok: true; rows: Row[] } | { ok: false; message: string; code: string; address: string };

/** Most rows an app reads from one query (a page shows a screenful, not a table). */
const MAX_ROWS = 500;

/** Runs `sql` for the app of `host` on its database. */
export function queryDatabase(draft: Draft, host: string, app: AppSpec, sql: string): DatabaseAnswer {
  const db = app.database;
  if (!db) return { ok: false, message: 'no database configured', code: 'ECONFIG', address: '' };
  const server = netHost(draft.config, db.host);
  const port = hostSpec(draft.config, db.host)?.mysql?.port ?? 3306;
  const addressNumber = server?.interfaces[0]?.address ?? server?.addresses[0];
  const address = addressNumber === undefined ? db.host : `${formatIpv4(addressNumber)}:${port}`;
  if (addressNumber === undefined) return { ok: false, message: `getaddrinfo ENOTFOUND ${db.host}`, code: 'ENOTFOUND', address };
  const connection = connectTcp(draft, host, addressNumber, port);
  if (connection.kind === 'refused') return { ok: false, message: `connect ECONNREFUSED ${address}`, code: 'ECONNREFUSED', address };
  if (connection.kind === 'timeout') return { ok: false, message: 'connect ETIMEDOUT', code: 'ETIMEDOUT', address };
  if (connection.kind === 'unreachable') return { ok: false, message: `connect ${connection.reason === 'network' ? 'ENETUNREACH' : 'EHOSTUNREACH'} ${address}`, code: connection.reason === 'network' ? 'ENETUNREACH' : 'EHOSTUNREACH', address };
  const result = runQuery(draft, { host: db.host, from: host, user: db.user, database: db.database, sql, pooled: app.unit });
  if (!result.ok) return { ok: false, message: result.message, code: String(result.code), address };
  const rows = result.rows.slice(0, MAX_ROWS).map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i] ?? null])) as Row);
  return { ok: true, rows };
}
