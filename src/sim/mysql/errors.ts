/**
 * MySQL's errors as the server sends them: a number, an SQLSTATE and MySQL's own wording, made in
 * one place. SQLite's errors (in SQLite's words) are turned into MySQL's here too.
 */

export interface MysqlError {
  code: number;
  state: string;
  message: string;
}

const err = (code: number, state: string, message: string): MysqlError => ({ code, state, message });

/** `'user'@'host'` as error messages write an account. */
export function accountText(user: string, host: string): string {
  return `'${user}'@'${host}'`;
}

export const mysqlErrors = {
  accessDenied: (user: string, host: string, usingPassword: boolean) => err(1045, '28000', `Access denied for user ${accountText(user, host)} (using password: ${usingPassword ? 'YES' : 'NO'})`),
  dbAccessDenied: (user: string, host: string, db: string) => err(1044, '42000', `Access denied for user ${accountText(user, host)} to database '${db}'`),
  noDatabase: () => err(1046, '3D000', 'No database selected'),
  unknownDatabase: (db: string) => err(1049, '42000', `Unknown database '${db}'`),
  databaseExists: (db: string) => err(1007, 'HY000', `Can't create database '${db}'; database exists`),
  dropMissingDatabase: (db: string) => err(1008, 'HY000', `Can't drop database '${db}'; database doesn't exist`),
  tableExists: (table: string) => err(1050, '42S01', `Table '${table}' already exists`),
  unknownTable: (table: string) => err(1051, '42S02', `Unknown table '${table}'`),
  noSuchTable: (db: string, table: string) => err(1146, '42S02', `Table '${db}.${table}' doesn't exist`),
  unknownColumn: (column: string, clause: string) => err(1054, '42S22', `Unknown column '${column}' in '${clause}'`),
  ambiguousColumn: (column: string, clause: string) => err(1052, '23000', `Column '${column}' in ${clause} is ambiguous`),
  duplicateEntry: (value: string, key: string) => err(1062, '23000', `Duplicate entry '${value}' for key '${key}'`),
  cannotBeNull: (column: string) => err(1048, '23000', `Column '${column}' cannot be null`),
  noDefault: (column: string) => err(1364, 'HY000', `Field '${column}' doesn't have a default value`),
  tooLong: (column: string, row: number) => err(1406, '22001', `Data too long for column '${column}' at row ${row}`),
  columnCount: (row: number) => err(1136, '21S01', `Column count doesn't match value count at row ${row}`),
  parentRow: (detail: string) => err(1451, '23000', `Cannot delete or update a parent row: a foreign key constraint fails (${detail})`),
  childRow: (detail: string) => err(1452, '23000', `Cannot add or update a child row: a foreign key constraint fails (${detail})`),
  truncateReferenced: (detail: string) => err(1701, '42000', `Cannot truncate a table referenced in a foreign key constraint (${detail})`),
  dropReferenced: (table: string, constraint: string, child: string) => err(3730, 'HY000', `Cannot drop table '${table}' referenced by a foreign key constraint '${constraint}' on table '${child}'.`),
  notUniqueAlias: (alias: string) => err(1066, '42000', `Not unique table/alias: '${alias}'`),
  noTablesUsed: () => err(1096, 'HY000', 'No tables used'),
  commandDenied: (command: string, user: string, host: string, table: string) => err(1142, '42000', `${command} command denied to user ${accountText(user, host)} for table '${table}'`),
  needPrivilege: (privileges: string) => err(1227, '42000', `Access denied; you need (at least one of) the ${privileges} privilege(s) for this operation`),
  readOnly: (option = '--read-only') => err(1290, 'HY000', `The MySQL server is running with the ${option} option so it cannot execute this statement`),
  unknownFunction: (name: string) => err(1305, '42000', `FUNCTION ${name} does not exist`),
  unknownVariable: (name: string) => err(1193, 'HY000', `Unknown system variable '${name}'`),
  globalVariable: (name: string) => err(1229, 'HY000', `Variable '${name}' is a GLOBAL variable and should be set with SET GLOBAL`),
  sessionVariable: (name: string) => err(1228, 'HY000', `Variable '${name}' is a SESSION variable and can't be used with SET GLOBAL`),
  readOnlyVariable: (name: string) => err(1238, 'HY000', `Variable '${name}' is a read only variable`),
  wrongValue: (name: string, value: string) => err(1231, '42000', `Variable '${name}' can't be set to the value of '${value}'`),
  queryEmpty: () => err(1065, '42000', 'Query was empty'),
  cantDropKey: (name: string) => err(1091, '42000', `Can't DROP '${name}'; check that column/key exists`),
  duplicateColumn: (name: string) => err(1060, '42S21', `Duplicate column name '${name}'`),
  duplicateKeyName: (name: string) => err(1061, '42000', `Duplicate key name '${name}'`),
  noColumns: () => err(1113, '42000', 'A table must have at least 1 column'),
  operationFailed: (operation: string, accounts: string) => err(1396, 'HY000', `Operation ${operation} failed for ${accounts}`),
  noSuchGrant: (user: string, host: string) => err(1141, '42000', `There is no such grant defined for user '${user}' on host '${host}'`),
  notReplica: () => err(1200, 'HY000', 'The server is not configured as slave; fix in config file or with CHANGE MASTER TO'),
  replicaRunning: () => err(1198, 'HY000', 'This operation cannot be performed with a running slave; run STOP SLAVE first'),
  unknownThread: (id: number) => err(1094, 'HY000', `Unknown thread id: ${id}`),
  binlogNotFound: () => err(1220, 'HY000', 'Error when executing command SHOW BINLOG EVENTS: Could not find target log'),
  incorrectArguments: (what: string) => err(1210, 'HY000', `Incorrect arguments to ${what}`),
  regexpIllegal: () => err(3685, 'HY000', 'Illegal argument to a regular expression.'),
  unknownCharset: (name: string) => err(1115, '42000', `Unknown character set: '${name}'`),
  wrongArguments: (name: string) => err(1582, '42000', `Incorrect parameter count in the call to native function '${name}'`),
  lockWaitTimeout: () => err(1205, 'HY000', 'Lock wait timeout exceeded; try restarting transaction'),
  unknownStorageEngine: (name: string) => err(1286, '42000', `Unknown storage engine '${name}'`),
  notSupported: (what: string) => err(1235, '42000', `This version of MySQL doesn't yet support '${what}'`),
};

/** The 1-based line of an offset in a statement. */
function lineAt(sql: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < sql.length; i += 1) if (sql[i] === '\n') line += 1;
  return line;
}

/** ERROR 1064, quoting the statement from where the parser stopped (at most 80 characters), as MySQL does. */
export function syntaxError(sql: string, offset: number): MysqlError {
  const at = Math.max(0, Math.min(offset, sql.length));
  const near = sql.slice(at, at + 80).replace(/\s+$/, '');
  return err(1064, '42000', `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line ${lineAt(sql, at)}`);
}

/** Client-side errors (the mysql program's own, before any server answers). */
export const clientErrors = {
  cantConnectLocal: (socket = '/var/run/mysqld/mysqld.sock') => err(2002, 'HY000', `Can't connect to local MySQL server through socket '${socket}' (2)`),
  cantConnect: (host: string, errno: number) => err(2003, 'HY000', `Can't connect to MySQL server on '${host}' (${errno})`),
  unknownHost: (host: string) => err(2005, 'HY000', `Unknown MySQL server host '${host}' (-2)`),
  goneAway: () => err(2006, 'HY000', 'MySQL server has gone away'),
  lostConnection: () => err(2013, 'HY000', 'Lost connection to MySQL server during query'),
};

/** `ERROR 1146 (42S02): Table 'x.y' doesn't exist`, optionally `at line N` (non-interactive runs). */
export function errorLine(error: MysqlError, line?: number, file?: string): string {
  const where = line !== undefined ? ` at line ${line}${file ? ` in file: '${file}'` : ''}` : '';
  return `ERROR ${error.code} (${error.state})${where}: ${error.message}`;
}
