/**
 * A scenario's declarations turned into the server's own terms: table specs into catalog
 * definitions, account specs into accounts with canonical grants, and the defaults a MySQL 8.0.19
 * package gives (version, port, unit, data directory).
 */
import type { MysqlAccountSpec, MysqlServerSpec, MysqlTableSpec } from '../../scenario/world/mysql';
import { DEFAULT_CHARSET, DEFAULT_COLLATION, mysqlString, parseColumnType, withForeignKeyIndexes, type ColumnDef, type ForeignKeyDef, type IndexDef, type TableDef } from './catalog';
import { canonicalGrants } from './grants';
import { hashString } from './generate';
import type { AccountState } from './state';

export const DEFAULT_VERSION = '8.0.19';
export const DEFAULT_PORT = 3306;
export const DEFAULT_UNIT = 'mysql.service';

/** The value a spec gives, as SHOW CREATE TABLE writes a default. */
function defaultOf(value: string | number | boolean | null | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? "'1'" : "'0'";
  if (typeof value === 'string' && /^current_timestamp(\(\))?$/i.test(value)) return 'CURRENT_TIMESTAMP';
  return mysqlString(String(value));
}

/** A table spec as the catalog's definition. Throws a plain-words error for a type it cannot read. */
export function tableFromSpec(database: string, spec: MysqlTableSpec, createdAt: number): TableDef {
  const autoColumn = spec.columns.find((c) => c.autoIncrement)?.name;
  const primaryKey = spec.primaryKey ?? (autoColumn ? [autoColumn] : []);
  const columns: ColumnDef[] = spec.columns.map((c) => {
    const type = parseColumnType(c.type);
    if (!type) throw new Error(`table ${database}.${spec.name}: column ${c.name} has a type MySQL does not know: ${c.type}`);
    const inKey = primaryKey.includes(c.name);
    return { name: c.name, type, nullable: inKey ? false : c.nullable ?? true, default: defaultOf(c.default), autoIncrement: c.autoIncrement ?? false, onUpdateNow: c.onUpdateNow ?? false, comment: c.comment };
  });
  const indexes: IndexDef[] = [];
  for (const c of spec.columns) if (c.unique) indexes.push({ name: c.name, columns: [c.name], unique: true });
  for (const index of spec.indexes ?? []) indexes.push({ name: index.name ?? index.columns[0]!, columns: index.columns, unique: index.unique ?? false });
  const foreignKeys: ForeignKeyDef[] = (spec.foreignKeys ?? []).map((fk) => {
    const m = /^(?:([^.()]+)\.)?([^.()]+)\(([^()]+)\)$/.exec(fk.references)!;
    return {
      name: fk.name ?? `fk_${spec.name}_${fk.columns[0]}`,
      columns: fk.columns,
      refDatabase: m[1] ?? database,
      refTable: m[2]!,
      refColumns: m[3]!.split(',').map((s) => s.trim()),
      onDelete: fk.onDelete ?? 'NO ACTION',
      onUpdate: fk.onUpdate ?? 'NO ACTION',
    };
  });
  return withForeignKeyIndexes({ database, name: spec.name, columns, primaryKey, indexes, foreignKeys, engine: 'InnoDB', charset: DEFAULT_CHARSET, collation: DEFAULT_COLLATION, comment: spec.comment, createdAt });
}

/** The accounts a server starts with. MySQL's own system accounts and root are there unless the scenario declares them. */
export function accountsFromSpec(spec: MysqlServerSpec): AccountState[] {
  const declared: MysqlAccountSpec[] = spec.accounts ?? [];
  const accounts: AccountState[] = declared.map((a) => ({
    user: a.user,
    host: a.host ?? '%',
    password: a.password ?? null,
    plugin: a.plugin ?? 'caching_sha2_password',
    grants: canonicalGrants(a.user, a.host ?? '%', a.grants),
    locked: a.locked ?? false,
    known: a.knownToTrainee ?? false,
  }));
  const has = (user: string, host: string) => accounts.some((a) => a.user === user && a.host === host);
  if (!accounts.some((a) => a.user === 'root')) {
    accounts.push({ user: 'root', host: 'localhost', password: null, plugin: 'auth_socket', grants: canonicalGrants('root', 'localhost', ['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION', "GRANT PROXY ON ''@'' TO 'root'@'localhost' WITH GRANT OPTION"]), locked: false, known: false });
  }
  for (const system of ['mysql.infoschema', 'mysql.session', 'mysql.sys']) {
    if (!has(system, 'localhost')) accounts.push({ user: system, host: 'localhost', password: null, plugin: 'caching_sha2_password', grants: canonicalGrants(system, 'localhost', system === 'mysql.session' ? ['GRANT SHUTDOWN, SUPER ON *.* TO `mysql.session`@`localhost`'] : ['GRANT SELECT ON *.* TO `x`@`localhost`']), locked: true, known: false });
  }
  return accounts;
}

/** 100-nanosecond intervals from the Gregorian reform (1582-10-15), where version-1 UUIDs count from, to 1970. */
const UUID_EPOCH = 0x01b21dd213814000n;

/** The time (epoch seconds) a version-1 UUID was made at; null for another version. */
export function uuidTime(uuid: string): number | null {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-[0-9a-f]{4}-[0-9a-f]{12}$/i.exec(uuid);
  if (!m) return null;
  const ticks = BigInt(`0x${m[3]}${m[2]}${m[1]}`) - UUID_EPOCH;
  return Number(ticks / 10_000n) / 1000;
}

/** A version-1 UUID made at `at` (epoch seconds), its sub-second, clock sequence and node from the host id (stable across runs). */
export function timeUuid(host: string, at: number): string {
  const h = (k: number) => hashString(`${host}:uuid:${k}`);
  const ticks = BigInt(Math.floor(at)) * 10_000_000n + BigInt(h(1) % 10_000_000) + UUID_EPOCH;
  const hex = ticks.toString(16).padStart(15, '0');
  const low = hex.slice(7, 15);
  const mid = hex.slice(3, 7);
  const high = hex.slice(0, 3);
  const seq = (0x8000 | (h(2) & 0x3fff)).toString(16);
  const node = `${(h(3) & 0xffffff).toString(16).padStart(6, '0')}${(h(4) & 0xffffff).toString(16).padStart(6, '0')}`;
  return `${low}-${mid}-1${high}-${seq}-${node}`;
}

/** The server's UUID: the spec's, or the version-1 UUID mysqld made as it initialised the data directory (`initializedAt`). */
export function serverUuid(spec: MysqlServerSpec, host: string, initializedAt: number): string {
  return spec.uuid ?? timeUuid(host, initializedAt);
}
