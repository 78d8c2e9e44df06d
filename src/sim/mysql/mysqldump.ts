/**
 * mysqldump 8.0.19: a real dump of the rows a server holds now, with the header, the per-table
 * DROP/CREATE/LOCK/INSERT blocks and the footer mysqldump writes, to stdout or `-r file`;
 * --databases / --all-databases, table arguments, --no-data, --no-create-info, --where,
 * --skip-extended-insert, --complete-insert, --master-data and --dump-slave (the replication
 * position as a CHANGE MASTER TO line), --single-transaction.
 */
import type { ProgramContext } from '../process';
import { CONNECTION_OPTIONS, optionGiven, optionValue, parseOptions, switchOn, type OptionDef } from './options';
import { planLogin } from './login';
import { connect } from './connect';
import { accountPrivileges } from './accounts';
import { allows, seesTable } from './grants';
import { databaseAt } from './open-databases';
import { binlogOf, factsOf, nowOf, saveServer, serverOf } from './server';
import { mysqlString, quoteIdent, showCreateTable, sqliteIdent, storageName, isNumericType, isBinaryType, type TableDef } from './catalog';
import { cellText } from './values';
import { columnValueType } from './expressions';
import type { ServerDatabase } from './database';
import type { MysqlSession } from './session';
import { replicaView } from './replication';
import { executeStatement } from './execute';
import { FS_ERROR_TEXT } from '../process';
import { rotateBinlog } from './binlog';
import { preparedOf } from './server';

const OPTIONS: readonly OptionDef[] = [
  ...CONNECTION_OPTIONS,
  { long: 'all-databases', short: 'A', arg: 'none' },
  { long: 'databases', short: 'B', arg: 'none' },
  { long: 'tables', arg: 'none' },
  { long: 'result-file', short: 'r', arg: 'required' },
  { long: 'single-transaction', arg: 'none' },
  { long: 'lock-tables', short: 'l', arg: 'none' },
  { long: 'lock-all-tables', short: 'x', arg: 'none' },
  { long: 'add-locks', arg: 'none' },
  { long: 'add-drop-table', arg: 'none' },
  { long: 'add-drop-database', arg: 'none' },
  { long: 'no-data', short: 'd', arg: 'none' },
  { long: 'no-create-info', short: 't', arg: 'none' },
  { long: 'no-create-db', short: 'n', arg: 'none' },
  { long: 'where', short: 'w', arg: 'required' },
  { long: 'extended-insert', short: 'e', arg: 'none' },
  { long: 'complete-insert', short: 'c', arg: 'none' },
  { long: 'insert-ignore', arg: 'none' },
  { long: 'replace', arg: 'none' },
  { long: 'master-data', arg: 'optional' },
  { long: 'dump-slave', arg: 'optional' },
  { long: 'flush-logs', short: 'F', arg: 'none' },
  { long: 'quick', short: 'q', arg: 'none' },
  { long: 'opt', arg: 'none' },
  { long: 'compact', arg: 'none' },
  { long: 'skip-comments', arg: 'none' },
  { long: 'comments', short: 'i', arg: 'none' },
  { long: 'dump-date', arg: 'none' },
  { long: 'routines', short: 'R', arg: 'none' },
  { long: 'triggers', arg: 'none' },
  { long: 'events', short: 'E', arg: 'none' },
  { long: 'hex-blob', arg: 'none' },
  { long: 'force', short: 'f', arg: 'none' },
  { long: 'ignore-table', arg: 'required' },
  { long: 'set-gtid-purged', arg: 'required' },
  { long: 'column-statistics', arg: 'none' },
  { long: 'set-charset', arg: 'none' },
  { long: 'tz-utc', arg: 'none' },
  { long: 'create-options', arg: 'none' },
  { long: 'disable-keys', short: 'K', arg: 'none' },
  { long: 'max-allowed-packet', arg: 'required' },
  { long: 'net-buffer-length', arg: 'required' },
  { long: 'default-character-set', arg: 'required' },
  { long: 'order-by-primary', arg: 'none' },
  { long: 'apply-slave-statements', arg: 'none' },
  { long: 'include-master-host-port', arg: 'none' },
];

/** mysqldump's net_buffer_length: an extended INSERT line is cut before it grows past it. */
const NET_BUFFER = 1_046_528;

const USAGE = ['Usage: mysqldump [OPTIONS] database [tables]', 'OR     mysqldump [OPTIONS] --databases [OPTIONS] DB1 [DB2 DB3...]', 'OR     mysqldump [OPTIONS] --all-databases [OPTIONS]', 'For more options, use mysqldump --help'];

function dumpDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${String(d.getUTCHours()).padStart(2)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A value as mysqldump writes it in an INSERT. */
function sqlValue(value: string | number | null, table: TableDef, index: number, hexBlob: boolean): string {
  if (value === null) return 'NULL';
  const column = table.columns[index]!;
  const text = cellText(value, columnValueType(column.type, column.nullable)) ?? 'NULL';
  if (isNumericType(column.type)) return text;
  if (hexBlob && isBinaryType(column.type)) return text === '' ? "''" : `0x${[...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
  return mysqlString(text);
}

interface DumpSettings {
  data: boolean;
  create: boolean;
  createDb: boolean;
  dropDb: boolean;
  dropTable: boolean;
  locks: boolean;
  extended: boolean;
  complete: boolean;
  verb: string;
  where: string | null;
  comments: boolean;
  compact: boolean;
  hexBlob: boolean;
  ignore: Set<string>;
}

function dumpTable(lines: string[], db: ServerDatabase, table: TableDef, s: DumpSettings, ctx: ProgramContext, session: MysqlSession): boolean {
  const t = quoteIdent(table.name);
  if (s.create) {
    if (s.comments) lines.push('', '--', `-- Table structure for table ${t}`, '--', '');
    if (s.dropTable) lines.push(`DROP TABLE IF EXISTS ${t};`);
    if (!s.compact) lines.push('/*!40101 SET @saved_cs_client     = @@character_set_client */;', '/*!50503 SET character_set_client = utf8mb4 */;');
    lines.push(`${showCreateTable(table, db.nextAutoIncrement(table))};`);
    if (!s.compact) lines.push('/*!40101 SET character_set_client = @saved_cs_client */;');
  }
  if (!s.data) return true;
  let rows: (string | number | null)[][];
  if (s.where) {
    const outcome = executeStatement(ctx.sys.draft, session, `SELECT * FROM ${quoteIdent(table.database)}.${t} WHERE ${s.where}`);
    if (outcome.result.kind === 'error') {
      ctx.err(`mysqldump: Couldn't execute 'SELECT /*!40001 SQL_NO_CACHE */ * FROM ${t} WHERE ${s.where}': ${outcome.result.error.message} (${outcome.result.error.code})`);
      return false;
    }
    // The server sent the rows as text: numbers become numbers again for writing them back.
    rows = outcome.result.kind === 'rows' ? outcome.result.result.rows.map((r) => r.map((v, i) => (v !== null && isNumericType(table.columns[i]!.type) ? Number(v) : v))) : [];
  } else rows = db.query(`SELECT * FROM ${sqliteIdent(storageName(table.database, table.name))} ORDER BY ${table.primaryKey.length ? table.primaryKey.map(sqliteIdent).join(', ') : 'rowid'}`).rows;
  if (s.comments) lines.push('', '--', `-- Dumping data for table ${t}`, '--', '');
  if (s.locks) lines.push(`LOCK TABLES ${t} WRITE;`);
  if (!s.compact) lines.push(`/*!40000 ALTER TABLE ${t} DISABLE KEYS */;`);
  const head = `${s.verb} INTO ${t}${s.complete ? ` (${table.columns.map((c) => quoteIdent(c.name)).join(', ')})` : ''} VALUES `;
  if (s.extended) {
    let line = '';
    for (const row of rows) {
      const tuple = `(${row.map((v, i) => sqlValue(v, table, i, s.hexBlob)).join(',')})`;
      if (line === '') line = head + tuple;
      else if (line.length + tuple.length + 1 > NET_BUFFER) {
        lines.push(`${line};`);
        line = head + tuple;
      } else line += `,${tuple}`;
    }
    if (line !== '') lines.push(`${line};`);
  } else for (const row of rows) lines.push(`${head}(${row.map((v, i) => sqlValue(v, table, i, s.hexBlob)).join(',')});`);
  if (!s.compact) lines.push(`/*!40000 ALTER TABLE ${t} ENABLE KEYS */;`);
  if (s.locks) lines.push('UNLOCK TABLES;');
  return true;
}

function mysqldumpMain(ctx: ProgramContext): number {
  const parsed = parseOptions('mysqldump', ctx.argv.slice(1), OPTIONS);
  if (!parsed.ok) {
    ctx.err(parsed.message);
    return 2;
  }
  const o = parsed.options;
  if (switchOn(o, 'version')) {
    ctx.out('mysqldump  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)');
    return 0;
  }
  if (switchOn(o, 'help')) {
    ctx.out('mysqldump  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)');
    ctx.out('Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.');
    ctx.out('');
    ctx.out('Dumping structure and contents of MySQL databases and tables.');
    for (const line of USAGE.slice(0, 3)) ctx.out(line);
    ctx.note('The drill shows the first part of mysqldump --help.');
    return 0;
  }
  const all = switchOn(o, 'all-databases');
  const many = switchOn(o, 'databases');
  if (!all && o.positional.length === 0) {
    for (const line of USAGE) ctx.out(line);
    return 1;
  }
  const plan = planLogin(ctx, 'mysqldump', o, null);
  for (const line of plan.before) ctx.err(line);
  const connected = connect(ctx.sys.draft, { ...plan.request, database: null });
  if (!connected.ok) {
    ctx.err(`mysqldump: Got error: ${connected.error.code}: ${connected.error.message} when trying to connect`);
    return 2;
  }
  const session = connected.session;
  const draft = ctx.sys.draft;
  let server = serverOf(draft, session.host)!;
  const privileges = accountPrivileges(server.state.accounts, session.account);
  if (switchOn(o, 'flush-logs')) {
    if (!allows(privileges, 'RELOAD')) {
      ctx.err("mysqldump: Couldn't execute 'FLUSH /*!40101 LOCAL */ LOGS': Access denied; you need (at least one of) the RELOAD privilege(s) for this operation (1227)");
      return 2;
    }
    const binlog = rotateBinlog(binlogOf(draft, server), server.spec.binlog?.basename ?? 'binlog', nowOf(draft), preparedOf(draft, server).records.length);
    server = saveServer(draft, server, { ...server.state, binlog });
  }
  const db = databaseAt(draft.config, server.state.data);
  const compact = switchOn(o, 'compact');
  const s: DumpSettings = {
    data: !switchOn(o, 'no-data'),
    create: !switchOn(o, 'no-create-info'),
    createDb: !switchOn(o, 'no-create-db'),
    dropDb: switchOn(o, 'add-drop-database'),
    dropTable: !optionGiven(o, 'add-drop-table') || switchOn(o, 'add-drop-table'),
    locks: !compact && (!optionGiven(o, 'add-locks') || switchOn(o, 'add-locks')),
    extended: !optionGiven(o, 'extended-insert') || switchOn(o, 'extended-insert'),
    complete: switchOn(o, 'complete-insert'),
    verb: switchOn(o, 'replace') ? 'REPLACE' : switchOn(o, 'insert-ignore') ? 'INSERT IGNORE' : 'INSERT',
    where: optionValue(o, 'where') ?? null,
    comments: !compact && !switchOn(o, 'skip-comments') && (!optionGiven(o, 'comments') || switchOn(o, 'comments')),
    compact,
    hexBlob: switchOn(o, 'hex-blob'),
    ignore: new Set((o.values.get('ignore-table') ?? []).filter((x): x is string => x !== undefined)),
  };
  // What to dump: databases (with their CREATE DATABASE and USE) or tables of one database.
  let databases: string[];
  let tables: string[] | null = null;
  if (all) databases = [...db.catalog().databases.keys()].sort();
  else if (many) databases = o.positional;
  else {
    databases = [o.positional[0]!];
    tables = o.positional.slice(1);
    if (tables.length === 0) tables = null;
  }
  for (const name of databases) {
    if (!db.catalog().databases.has(name)) {
      ctx.err(`mysqldump: Got error: 1049: Unknown database '${name}' when selecting the database`);
      return 2;
    }
  }
  const lines: string[] = [];
  const facts = factsOf(draft, server);
  if (!compact) {
    lines.push('-- MySQL dump 10.13  Distrib 8.0.19, for Linux (x86_64)', '--', `-- Host: ${plan.request.host ?? 'localhost'}    Database: ${all ? '' : databases[0]!}`, '-- ------------------------------------------------------', `-- Server version\t${facts.version}`, '');
    lines.push('/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;', '/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;', '/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;', '/*!50503 SET NAMES utf8mb4 */;', '/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;', "/*!40103 SET TIME_ZONE='+00:00' */;", '/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;', '/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;', "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;", '/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;');
  }
  const masterData = optionGiven(o, 'master-data');
  const dumpSlave = optionGiven(o, 'dump-slave');
  if (masterData || dumpSlave) {
    if (!allows(privileges, 'RELOAD') || (!allows(privileges, 'REPLICATION CLIENT') && !allows(privileges, 'SUPER'))) {
      ctx.err("mysqldump: Couldn't execute 'FLUSH /*!40101 LOCAL */ TABLES': Access denied; you need (at least one of) the RELOAD or FLUSH_TABLES privilege(s) for this operation (1227)");
      return 2;
    }
    const commented = (optionValue(o, masterData ? 'master-data' : 'dump-slave') ?? '1') === '2';
    let file: string;
    let pos: number;
    if (dumpSlave) {
      const view = replicaView(draft, server);
      if (!view) {
        ctx.err('mysqldump: Error: Binlogging on server not active');
        return 2;
      }
      const last = view.executed > 0 ? view.record(view.executed - 1) : undefined;
      file = last?.file ?? binlogOf(draft, view.source).files[0]!.name;
      pos = last?.end ?? 155;
    } else {
      const binlog = binlogOf(draft, server);
      file = binlog.files[binlog.files.length - 1]!.name;
      pos = binlog.position;
    }
    lines.push('', '--', `-- Position to start replication or point-in-time recovery from${dumpSlave ? ' (the master of this slave)' : ''}`, '--', '', `${commented ? '-- ' : ''}CHANGE MASTER TO MASTER_LOG_FILE='${file}', MASTER_LOG_POS=${pos};`);
  }
  for (const name of databases) {
    const defs = db.tablesOf(name);
    if (all || many) {
      if (!compact) lines.push('', '--', `-- Current Database: ${quoteIdent(name)}`, '--', '');
      if (s.dropDb) lines.push(`/*!40000 DROP DATABASE IF EXISTS ${quoteIdent(name)}*/;`, '');
      const def = db.catalog().databases.get(name)!;
      if (s.createDb) lines.push(`CREATE DATABASE /*!32312 IF NOT EXISTS*/ ${quoteIdent(name)} /*!40100 DEFAULT CHARACTER SET ${def.charset} COLLATE ${def.collation} */ /*!80016 DEFAULT ENCRYPTION='N' */;`, '');
      lines.push(`USE ${quoteIdent(name)};`);
    }
    let chosen = defs;
    if (tables) {
      chosen = [];
      for (const t of tables) {
        const def = defs.find((d) => d.name === t);
        if (!def) {
          ctx.err(`mysqldump: Couldn't find table: "${t}"`);
          return 2;
        }
        chosen.push(def);
      }
    }
    for (const table of chosen) {
      if (s.ignore.has(`${name}.${table.name}`)) continue;
      if (!allows(privileges, 'SELECT', name, table.name) || !seesTable(privileges, name, table.name)) {
        ctx.err(`mysqldump: Got error: 1142: SELECT command denied to user '${session.user}'@'${session.clientHost}' for table '${table.name}' when using LOCK TABLES`);
        return 2;
      }
      if (!dumpTable(lines, db, table, s, ctx, session)) return 2;
    }
  }
  if (!compact) {
    lines.push("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;", '', '/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;', '/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;', '/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;', '/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;', '/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;', '/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;', '/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;', '', `-- Dump completed on ${dumpDate(nowOf(draft))}`);
  }
  if (all) ctx.note('Not simulated in this drill: the mysql system database is not part of the dump.');
  const text = `${lines.join('\n')}\n`;
  const resultFile = optionValue(o, 'result-file');
  if (resultFile !== undefined) {
    const written = ctx.sys.write(resultFile, text);
    if (!written.ok) {
      ctx.err(`mysqldump: Can't create/write to file '${ctx.sys.resolve(resultFile)}' (Errcode: ${written.error === 'EACCES' ? 13 : written.error === 'EISDIR' ? 21 : 2} - ${FS_ERROR_TEXT[written.error]})`);
      return 2;
    }
    return 0;
  }
  ctx.write(text);
  return 0;
}

export const mysqldumpProgram = { main: mysqldumpMain };
