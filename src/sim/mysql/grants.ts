/**
 * Privileges as MySQL 8.0.19 keeps and prints them: GRANT lines parsed into global, database and
 * table privileges (ALL expands as 8.0 expands it), checked for each statement, and printed back
 * as SHOW GRANTS prints them.
 */
import { lex, isIdent, identName, isOp, isWord, type Token } from './lexer';

/** Static privileges at the global level, in SHOW GRANTS order. */
export const GLOBAL_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'RELOAD', 'SHUTDOWN', 'PROCESS', 'FILE', 'REFERENCES', 'INDEX', 'ALTER', 'SHOW DATABASES', 'SUPER', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'EXECUTE', 'REPLICATION SLAVE', 'REPLICATION CLIENT', 'CREATE VIEW', 'SHOW VIEW', 'CREATE ROUTINE', 'ALTER ROUTINE', 'CREATE USER', 'EVENT', 'TRIGGER', 'CREATE TABLESPACE', 'CREATE ROLE', 'DROP ROLE'];
/** Dynamic privileges of 8.0.19 (granted with ALL on *.*). */
export const DYNAMIC_PRIVILEGES = ['APPLICATION_PASSWORD_ADMIN', 'AUDIT_ADMIN', 'BACKUP_ADMIN', 'BINLOG_ADMIN', 'BINLOG_ENCRYPTION_ADMIN', 'CLONE_ADMIN', 'CONNECTION_ADMIN', 'ENCRYPTION_KEY_ADMIN', 'GROUP_REPLICATION_ADMIN', 'INNODB_REDO_LOG_ARCHIVE', 'PERSIST_RO_VARIABLES_ADMIN', 'REPLICATION_APPLIER', 'REPLICATION_SLAVE_ADMIN', 'RESOURCE_GROUP_ADMIN', 'RESOURCE_GROUP_USER', 'ROLE_ADMIN', 'SERVICE_CONNECTION_ADMIN', 'SESSION_VARIABLES_ADMIN', 'SET_USER_ID', 'SYSTEM_USER', 'SYSTEM_VARIABLES_ADMIN', 'TABLE_ENCRYPTION_ADMIN', 'XA_RECOVER_ADMIN'];
const DATABASE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'EXECUTE', 'CREATE VIEW', 'SHOW VIEW', 'CREATE ROUTINE', 'ALTER ROUTINE', 'EVENT', 'TRIGGER'];
const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER'];

interface Level {
  privileges: Set<string>;
  grantOption: boolean;
}

export interface Privileges {
  global: Level;
  dynamic: Level;
  /** Database name → privileges on `db`.*. */
  databases: Map<string, Level>;
  /** `db\0table` → privileges on `db`.`table`. */
  tables: Map<string, Level>;
  /** `GRANT PROXY ON ''@''` (root's). */
  proxy: boolean;
}

export function noPrivileges(): Privileges {
  return { global: { privileges: new Set(), grantOption: false }, dynamic: { privileges: new Set(), grantOption: false }, databases: new Map(), tables: new Map(), proxy: false };
}

export type GrantTarget = { level: 'global' } | { level: 'database'; database: string } | { level: 'table'; database: string; table: string };

export interface ParsedGrant {
  privileges: string[];
  all: boolean;
  target: GrantTarget;
  grantOption: boolean;
  proxy: boolean;
}

/** Reads `SELECT, INSERT` / `ALL PRIVILEGES` from tokens; returns the list and where it stopped. */
export function readPrivilegeList(tokens: readonly Token[], start: number): { privileges: string[]; all: boolean; next: number } | null {
  const privileges: string[] = [];
  let all = false;
  let i = start;
  for (;;) {
    const words: string[] = [];
    while (tokens[i] && tokens[i]!.kind === 'word' && !isWord(tokens[i], 'ON', 'TO', 'FROM') ) {
      words.push(tokens[i]!.value);
      i += 1;
      if (tokens[i]?.kind === 'op' && tokens[i]!.value === '(') return null;
    }
    if (words.length === 0) return null;
    const name = words.join(' ');
    if (name === 'ALL' || name === 'ALL PRIVILEGES') all = true;
    else privileges.push(name);
    if (isOp(tokens[i], ',')) {
      i += 1;
      continue;
    }
    break;
  }
  return { privileges, all, next: i };
}

/** Reads `*.*`, `db.*`, `db.table`, `table` (with the current database). */
export function readTarget(tokens: readonly Token[], start: number, database: string | null): { target: GrantTarget; next: number } | null {
  let i = start;
  if (isWord(tokens[i], 'TABLE')) i += 1;
  const first = tokens[i];
  if (isOp(first, '*')) {
    if (isOp(tokens[i + 1], '.') && isOp(tokens[i + 2], '*')) return { target: { level: 'global' }, next: i + 3 };
    return database ? { target: { level: 'database', database }, next: i + 1 } : null;
  }
  if (!isIdent(first) && first?.kind !== 'string') return null;
  const name = first.kind === 'string' ? first.value : identName(first);
  if (isOp(tokens[i + 1], '.')) {
    if (isOp(tokens[i + 2], '*')) return { target: { level: 'database', database: name }, next: i + 3 };
    const t = tokens[i + 2];
    if (isIdent(t)) return { target: { level: 'table', database: name, table: identName(t) }, next: i + 3 };
    return null;
  }
  return database ? { target: { level: 'table', database, table: name }, next: i + 1 } : null;
}

/** Parses one GRANT line as SHOW GRANTS prints it (or as a scenario writes it). */
export function parseGrantLine(line: string): ParsedGrant | null {
  const lexed = lex(line);
  if (!lexed.ok) return null;
  const t = lexed.tokens;
  if (!isWord(t[0], 'GRANT')) return null;
  if (isWord(t[1], 'PROXY')) return { privileges: [], all: false, target: { level: 'global' }, grantOption: /WITH GRANT OPTION\s*$/i.test(line), proxy: true };
  const list = readPrivilegeList(t, 1);
  if (!list || !isWord(t[list.next], 'ON')) return null;
  const target = readTarget(t, list.next + 1, null);
  if (!target || !isWord(t[target.next], 'TO')) return null;
  return { privileges: list.privileges, all: list.all, target: target.target, grantOption: /WITH GRANT OPTION\s*$/i.test(line), proxy: false };
}

function levelFor(privs: Privileges, target: GrantTarget, create: boolean): Level | undefined {
  if (target.level === 'global') return privs.global;
  const map = target.level === 'database' ? privs.databases : privs.tables;
  const key = target.level === 'database' ? target.database : `${target.database}\0${target.table}`;
  let level = map.get(key);
  if (!level && create) map.set(key, (level = { privileges: new Set(), grantOption: false }));
  return level;
}

/** Adds a grant's privileges. */
export function addGrant(privs: Privileges, grant: ParsedGrant): void {
  if (grant.proxy) {
    privs.proxy = true;
    return;
  }
  const level = levelFor(privs, grant.target, true)!;
  const all = grant.target.level === 'global' ? GLOBAL_PRIVILEGES : grant.target.level === 'database' ? DATABASE_PRIVILEGES : TABLE_PRIVILEGES;
  for (const p of grant.all ? all : grant.privileges) {
    if (p === 'USAGE') continue;
    if (p === 'GRANT OPTION') {
      level.grantOption = true;
      continue;
    }
    if (grant.target.level === 'global' && DYNAMIC_PRIVILEGES.includes(p)) privs.dynamic.privileges.add(p);
    else level.privileges.add(p);
  }
  if (grant.all && grant.target.level === 'global') for (const p of DYNAMIC_PRIVILEGES) privs.dynamic.privileges.add(p);
  if (grant.grantOption) {
    level.grantOption = true;
    if (grant.target.level === 'global' && (grant.all || grant.privileges.some((p) => DYNAMIC_PRIVILEGES.includes(p)))) privs.dynamic.grantOption = true;
  }
}

/** Removes a grant's privileges (REVOKE). */
export function removeGrant(privs: Privileges, grant: ParsedGrant): boolean {
  const level = levelFor(privs, grant.target, false);
  if (!level) return false;
  if (grant.all) {
    level.privileges.clear();
    level.grantOption = false;
    if (grant.target.level === 'global') {
      privs.dynamic.privileges.clear();
      privs.dynamic.grantOption = false;
    }
    return true;
  }
  for (const p of grant.privileges) {
    if (p === 'GRANT OPTION') level.grantOption = false;
    else if (grant.target.level === 'global' && DYNAMIC_PRIVILEGES.includes(p)) privs.dynamic.privileges.delete(p);
    else level.privileges.delete(p);
  }
  return true;
}

const parsed = new WeakMap<readonly string[], Privileges>();

/** The privileges of grant lines, parsed once per list (read-only: do not change the result). */
export function cachedPrivileges(lines: readonly string[]): Privileges {
  let privs = parsed.get(lines);
  if (!privs) parsed.set(lines, (privs = privilegesOf(lines)));
  return privs;
}

/** The privileges of grant lines, as a fresh object the caller may change. */
export function privilegesOf(lines: readonly string[]): Privileges {
  const privs = noPrivileges();
  for (const line of lines) {
    const grant = parseGrantLine(line);
    if (grant) addGrant(privs, grant);
  }
  return privs;
}

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

function listText(level: Level, order: readonly string[], allName: string | null): string {
  const granted = order.filter((p) => level.privileges.has(p));
  if (allName && granted.length === order.length) return allName;
  return granted.join(', ');
}

/** SHOW GRANTS' lines for an account. */
export function grantLines(user: string, host: string, privs: Privileges): string[] {
  const to = `TO ${q(user)}@${q(host)}`;
  const lines: string[] = [];
  const globals = listText(privs.global, GLOBAL_PRIVILEGES, null);
  lines.push(`GRANT ${globals || 'USAGE'} ON *.* ${to}${privs.global.grantOption ? ' WITH GRANT OPTION' : ''}`);
  const dynamic = DYNAMIC_PRIVILEGES.filter((p) => privs.dynamic.privileges.has(p));
  if (dynamic.length) lines.push(`GRANT ${dynamic.join(',')} ON *.* ${to}${privs.dynamic.grantOption ? ' WITH GRANT OPTION' : ''}`);
  for (const [db, level] of [...privs.databases.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const text = listText(level, DATABASE_PRIVILEGES, 'ALL PRIVILEGES');
    if (text || level.grantOption) lines.push(`GRANT ${text || 'USAGE'} ON ${q(db)}.* ${to}${level.grantOption ? ' WITH GRANT OPTION' : ''}`);
  }
  for (const [key, level] of [...privs.tables.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [db = '', table = ''] = key.split('\0');
    const text = listText(level, TABLE_PRIVILEGES, 'ALL PRIVILEGES');
    if (text || level.grantOption) lines.push(`GRANT ${text || 'USAGE'} ON ${q(db)}.${q(table)} ${to}${level.grantOption ? ' WITH GRANT OPTION' : ''}`);
  }
  if (privs.proxy) lines.push(`GRANT PROXY ON ''@'' TO '${user}'@'${host}' WITH GRANT OPTION`);
  return lines;
}

/** Whether the privileges allow `privilege` on a table (or a database, or globally). */
export function allows(privs: Privileges, privilege: string, database?: string, table?: string): boolean {
  if (DYNAMIC_PRIVILEGES.includes(privilege)) return privs.dynamic.privileges.has(privilege);
  if (privs.global.privileges.has(privilege)) return true;
  if (database !== undefined) {
    if (privs.databases.get(database)?.privileges.has(privilege)) return true;
    if (table !== undefined && privs.tables.get(`${database}\0${table}`)?.privileges.has(privilege)) return true;
  }
  return false;
}

/** Whether the account has any privilege in a database (it may USE it and SHOW DATABASES lists it). */
export function seesDatabase(privs: Privileges, database: string): boolean {
  if (privs.global.privileges.size > 0 && [...privs.global.privileges].some((p) => DATABASE_PRIVILEGES.includes(p) || p === 'SHOW DATABASES')) return true;
  if ((privs.databases.get(database)?.privileges.size ?? 0) > 0) return true;
  for (const key of privs.tables.keys()) if (key.startsWith(`${database}\0`)) return true;
  return false;
}

/** Whether the account has any privilege on a table (SHOW TABLES lists it). */
export function seesTable(privs: Privileges, database: string, table: string): boolean {
  if ([...privs.global.privileges].some((p) => TABLE_PRIVILEGES.includes(p))) return true;
  if ([...(privs.databases.get(database)?.privileges ?? [])].some((p) => TABLE_PRIVILEGES.includes(p))) return true;
  return (privs.tables.get(`${database}\0${table}`)?.privileges.size ?? 0) > 0;
}

/** Canonical SHOW GRANTS lines for grant lines as a scenario writes them. */
export function canonicalGrants(user: string, host: string, lines: readonly string[]): string[] {
  return grantLines(user, host, privilegesOf(lines));
}
