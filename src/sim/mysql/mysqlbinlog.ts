/**
 * mysqlbinlog 8.0.19: the binary log files of the server on this host (or of a server, with
 * --read-from-remote-server) as mysqlbinlog prints them, event by event with their positions and
 * times; -v decodes row events as `### DELETE FROM …` pseudo-SQL; --start/--stop-datetime and
 * --start/--stop-position choose the events; the output piped into `mysql` replays them (the
 * BINLOG statements carry the events' real bytes, see binlog-codec.ts, and -v reads its rows back
 * from those bytes), which makes point-in-time recovery a real path.
 */
import type { ProgramContext } from '../process';
import { CONNECTION_OPTIONS, optionGiven, optionValue, parseOptions, switchCount, switchOn, type OptionDef } from './options';
import { binlogOf, factsOf, serverOf, startedAt, type Server } from './server';
import { fileEvents, UNMODELLED, unmodelledNote } from './show';
import { binlogTimestamp } from './binlog';
import { base64Lines, checksumText, decodeEvents, formatDescriptionEvent, loggedColumns, rowsEventType, TYPE, wrapEvent, type DecodedTableMap } from './binlog-codec';
import { hashString, whenToEpoch, type CellValue } from './generate';
import type { LoggedColumn, TableRows } from './state';
import type { ColumnType } from './catalog';
import { planLogin } from './login';
import { connect } from './connect';
import { accountPrivileges } from './accounts';
import { allows } from './grants';
import { FS_ERROR_TEXT } from '../process';
import { parentOf } from '../fs';

const OPTIONS: readonly OptionDef[] = [
  ...CONNECTION_OPTIONS,
  { long: 'start-datetime', arg: 'required' },
  { long: 'stop-datetime', arg: 'required' },
  { long: 'start-position', short: 'j', arg: 'required' },
  { long: 'stop-position', arg: 'required' },
  { long: 'base64-output', arg: 'required' },
  { long: 'database', short: 'd', arg: 'required' },
  { long: 'result-file', short: 'r', arg: 'required' },
  { long: 'read-from-remote-server', short: 'R', arg: 'none' },
  { long: 'read-from-remote-master', arg: 'required' },
  { long: 'raw', arg: 'none' },
  { long: 'skip-gtids', arg: 'none' },
  { long: 'include-gtids', arg: 'required' },
  { long: 'exclude-gtids', arg: 'required' },
  { long: 'to-last-log', short: 't', arg: 'none' },
  { long: 'stop-never', arg: 'none' },
  { long: 'short-form', short: 's', arg: 'none' },
  { long: 'hexdump', short: 'H', arg: 'none' },
  { long: 'force-read', short: 'f', arg: 'none' },
  { long: 'force-if-open', short: 'F', arg: 'none' },
  { long: 'disable-log-bin', short: 'D', arg: 'none' },
  { long: 'server-id', arg: 'required' },
  { long: 'rewrite-db', arg: 'required' },
  { long: 'print-table-metadata', arg: 'none' },
  { long: 'set-charset', arg: 'required' },
  { long: 'idempotent', arg: 'none' },
  { long: 'offset', short: 'o', arg: 'required' },
];

/** `8.0.19` → 80019, as the server writes its version in events. */
function versionId(version: string): number {
  const [major = 8, minor = 0, patch = 0] = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return major * 10000 + minor * 100 + patch;
}

function crc(text: string): string {
  return `0x${hashString(text).toString(16).padStart(8, '0')}`;
}


/** A string as log_event.cc's my_b_write_quoted writes it: control bytes, quote and backslash as `\xNN`. */
function quotedBytes(text: string): string {
  let out = '';
  for (const c of text) out += c.charCodeAt(0) > 0x1f && c !== "'" && c !== '\\' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  return `'${out}'`;
}

const INT_BITS: Record<string, number> = { tinyint: 8, smallint: 16, mediumint: 24, int: 32, bigint: 64 };

/** One column value in `-v` pseudo-SQL, as mysqlbinlog 8.0 prints it for the column's type (unknown type: as a string or number). */
function pseudoValue(value: CellValue, column: { type: ColumnType } | undefined): string {
  if (value === null) return 'NULL';
  const base = column?.type.base;
  if (base && Object.hasOwn(INT_BITS, base)) {
    const n = Number(value);
    const bits = INT_BITS[base]!;
    // Row events carry no sign: an unsigned value past the signed range prints as both.
    if (column!.type.unsigned && bits < 64 && n >= 2 ** (bits - 1)) return `${n - 2 ** bits} (${n})`;
    return String(value);
  }
  if (base === 'decimal') return typeof value === 'number' ? value.toFixed(Number(column!.type.args[1] ?? 0)) : value;
  if (base === 'double' || base === 'year') return String(value);
  if (base === 'float') return String(value).padEnd(20);
  if (base === 'date') return `'${String(value).replace(/-/g, ':')}'`;
  if (base === 'timestamp') {
    const at = Date.parse(`${String(value).replace(' ', 'T')}Z`);
    return Number.isFinite(at) ? String(Math.floor(at / 1000)) : quotedBytes(String(value));
  }
  if (base === 'enum' || base === 'set') {
    const members = column!.type.args.map((a) => a.replace(/^'|'$/g, ''));
    if (base === 'enum') return String(members.indexOf(String(value)) + 1);
    return String(String(value).split(',').reduce((mask, m) => mask | (members.indexOf(m) >= 0 ? 1 << members.indexOf(m) : 0), 0));
  }
  if (typeof value === 'number') return String(value);
  return quotedBytes(value);
}

function pseudoRows(rows: TableRows, columns: readonly LoggedColumn[]): string[] {
  const out: string[] = [];
  const name = `\`${rows.database}\`.\`${rows.table}\``;
  const values = (row: readonly CellValue[]) => row.map((v, k) => `###   @${k + 1}=${pseudoValue(v, columns[k])}`);
  rows.rows.forEach((row, i) => {
    if (rows.op === 'insert') out.push(`### INSERT INTO ${name}`, '### SET', ...values(row));
    else if (rows.op === 'delete') out.push(`### DELETE FROM ${name}`, '### WHERE', ...values(row));
    else out.push(`### UPDATE ${name}`, '### WHERE', ...values(row), '### SET', ...values(rows.after?.[i] ?? row));
  });
  return out;
}

/** What -v prints for a row event: its rows as its bytes hold them, read by the Table_map before it. */
function verboseRows(bytes: Uint8Array, maps: Map<number, DecodedTableMap>, rows: TableRows, tableId: number): string[] {
  const columns = loggedColumns(rows);
  let event;
  try {
    event = decodeEvents(bytes, maps, () => columns)[0];
  } catch {
    // Its Table_map was not read (--start-position past it): mysqlbinlog says so (it writes no newline after it; here it ends its line).
    return [`### Row event for unknown table #${tableId}`];
  }
  if (event?.kind !== 'rows') return [];
  return pseudoRows({ ...rows, rows: event.rows, after: event.op === 'update' ? event.after : undefined }, columns);
}

/** A date-time option (`2020-05-04 08:35:00`), in the server's local time, as epoch seconds. */
function datetimeOption(ctx: ProgramContext, text: string | undefined): number | null | 'bad' {
  if (text === undefined) return null;
  if (!/^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$/.test(text.trim())) return 'bad';
  return whenToEpoch(ctx.sys.config.date, text.trim().replace('T', ' '));
}

interface Choice {
  start: number | null;
  stop: number | null;
  startPosition: number | null;
  stopPosition: number | null;
  verbose: number;
  decode: boolean;
  database: string | null;
  /** Read over the network (--read-from-remote-server): the server's dump thread reads the file. */
  remote: boolean;
}

/**
 * mysqlbinlog's text for one binary log file of a server. A start position inside an event makes
 * it read that event's bytes as a header and fail: in a closed file it stops with an error (the
 * offset it returns); in the file the server has open (its format description carries
 * LOG_EVENT_BINLOG_IN_USE_F) it takes the failure for the end of the file and prints nothing more.
 */
function printFile(lines: string[], server: Server, ctx: ProgramContext, file: string, choice: Choice, first: boolean, last: boolean): number | null {
  const draft = ctx.sys.draft;
  const events = fileEvents({ draft, server }, file) ?? [];
  const binlog = binlogOf(draft, server);
  const open = binlog.files[binlog.files.length - 1]!.name === file;
  const facts = factsOf(draft, server);
  const fileInfo = binlog.files.find((f) => f.name === file)!;
  // Only the file the server opened as it started has `created` set in its format description
  // (mysqlbinlog then prints "at startup" and a ROLLBACK); one opened by rotation has it 0.
  const atStartup = fileInfo.atStartup ?? [server.state.startedAt, startedAt(draft, server)].some((t) => Math.abs(fileInfo.startedAt - t) <= 5);
  if (first) lines.push('/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=1*/;', '/*!50003 SET @OLD_COMPLETION_TYPE=@@COMPLETION_TYPE,COMPLETION_TYPE=0*/;', 'DELIMITER /*!*/;');
  let lastDb: string | null = null;
  // As mysqlbinlog's caches: a statement's Table_map and row events print their headers, then one
  // BINLOG statement with each event's base64, then (-v) the rows, once its last event (STMT_END_F) is read.
  let body: string[] = [];
  let footer: string[] = [];
  const maps = new Map<number, DecodedTableMap>();
  let sessionPrinted = false;
  let inTransaction = false;
  let stopped = false;
  let unreadable: number | null = null;
  let remoteNoted = false;
  const startAt = choice.startPosition;
  const fileEnd = events.length ? events[events.length - 1]!.end : 0;
  // Inside transactions the drill holds only the size of, where the events begin is not known: it does not guess.
  const midEvent = startAt !== null && startAt > 4 && startAt < fileEnd && !events.some((e) => e.start === startAt || (e.type === UNMODELLED && e.start < startAt && startAt < e.end));
  for (const e of events) {
    if (midEvent && !remoteNoted && e.type !== 'Format_desc' && e.type !== 'Previous_gtids' && e.start >= startAt) {
      remoteNoted = choice.remote;
      if (choice.remote) ctx.note(`Not simulated in this drill: what the server's dump thread answers when asked to send ${file} from offset ${startAt}, inside an event; the events from the next one on are shown.`);
      else {
        if (!open) unreadable = startAt;
        break;
      }
    }
    if (e.type === UNMODELLED) {
      if ((choice.stopPosition === null || e.start < choice.stopPosition) && (choice.startPosition === null || e.end > choice.startPosition)) ctx.note(unmodelledNote(file, e.start, e.end));
      continue;
    }
    if (e.type !== 'Format_desc' && e.type !== 'Previous_gtids') {
      if (choice.startPosition !== null && e.start < choice.startPosition) continue;
      if (choice.start !== null && e.at < choice.start) continue;
      if ((choice.stopPosition !== null && e.start >= choice.stopPosition) || (choice.stop !== null && e.at >= choice.stop)) {
        stopped = true;
        break;
      }
      const db = e.record?.event.database ?? null;
      if (choice.database !== null && e.record) {
        const rowsDb = e.rows?.database ?? (e.type === 'Table_map' ? e.info.match(/\((.*?)\./)?.[1] : undefined);
        if ((rowsDb ?? db) !== choice.database) continue;
      }
    }
    // The events whose bytes are modelled carry their own checksum; the others' is a stand-in.
    const bytes = e.type === 'Format_desc' ? formatDescriptionEvent({ timestamp: e.at, serverId: e.serverId, version: facts.version, created: atStartup ? e.at : 0, inUse: open }) : e.body ? wrapEvent({ timestamp: e.at, type: e.type === 'Table_map' ? TYPE.tableMap : rowsEventType(e.rows!.op), serverId: e.serverId, logPos: e.end, flags: 0 }, e.body) : null;
    const head = `#${binlogTimestamp(e.at)} server id ${e.serverId}  end_log_pos ${e.end} CRC32 ${bytes ? checksumText(bytes) : crc(`${file}:${e.start}`)} `;
    lines.push(`# at ${e.start}`);
    switch (e.type) {
      case 'Format_desc':
        lines.push(`${head}\tStart: binlog v 4, server v ${facts.version} created ${binlogTimestamp(e.at)}${atStartup ? ' at startup' : ''}`);
        if (open) lines.push('# Warning: this binlog is either in use or was not closed properly.');
        if (atStartup) lines.push('ROLLBACK/*!*/;');
        if (!choice.decode) lines.push("BINLOG '", base64Lines(bytes!), "'/*!*/;");
        break;
      case 'Previous_gtids':
        lines.push(`${head}\tPrevious-GTIDs`, '# [empty]');
        break;
      case 'Anonymous_Gtid': {
        const record = e.record!;
        const rows = record.event.kind === 'rows';
        const ts = `${record.event.at}000000`;
        const iso = `${new Date(record.event.at * 1000).toISOString().replace('T', ' ').replace('Z', '').replace(/\.\d+$/, '')}.000000 UTC`;
        lines.push(`${head}\tAnonymous_GTID\tlast_committed=${record.sequence - 1}\tsequence_number=${record.sequence}\trbr_only=${rows ? 'yes' : 'no'}\toriginal_committed_timestamp=${ts}\timmediate_commit_timestamp=${ts}\ttransaction_length=${record.end - record.start}`);
        if (rows) lines.push('/*!50718 SET TRANSACTION ISOLATION LEVEL READ COMMITTED*//*!*/;');
        lines.push(`# original_commit_timestamp=${ts} (${iso})`, `# immediate_commit_timestamp=${ts} (${iso})`, `/*!80001 SET @@session.original_commit_timestamp=${ts}*//*!*/;`, `/*!80014 SET @@session.original_server_version=${versionId(facts.version)}*//*!*/;`, `/*!80014 SET @@session.immediate_server_version=${versionId(facts.version)}*//*!*/;`, "SET @@SESSION.GTID_NEXT= 'ANONYMOUS'/*!*/;");
        break;
      }
      case 'Query': {
        const record = e.record!;
        const event = record.event;
        const thread = event.thread ?? 10;
        const isBegin = e.info === 'BEGIN';
        lines.push(`${head}\tQuery\tthread_id=${thread}\texec_time=0\terror_code=0${isBegin ? '' : `\tXid = ${record.xid}`}`);
        if (!isBegin && event.database && event.database !== lastDb) {
          lines.push(`use \`${event.database}\`/*!*/;`);
          lastDb = event.database;
        }
        lines.push(`SET TIMESTAMP=${event.at}/*!*/;`);
        if (!sessionPrinted) {
          lines.push(`SET @@session.pseudo_thread_id=${thread}/*!*/;`, `SET @@session.foreign_key_checks=${event.fkChecks ? 1 : 0}, @@session.sql_auto_is_null=0, @@session.unique_checks=1, @@session.autocommit=1/*!*/;`, 'SET @@session.sql_mode=1168113696/*!*/;', 'SET @@session.auto_increment_increment=1, @@session.auto_increment_offset=1/*!*/;', '/*!\\C utf8mb4 *//*!*/;', 'SET @@session.character_set_client=255,@@session.collation_connection=255,@@session.collation_server=255/*!*/;', 'SET @@session.lc_time_names=0/*!*/;', 'SET @@session.collation_database=DEFAULT/*!*/;', '/*!80011 SET @@session.default_collation_for_utf8mb4=255*//*!*/;');
          sessionPrinted = true;
        }
        if (isBegin) {
          lines.push('BEGIN', '/*!*/;');
          inTransaction = true;
        } else if (event.kind === 'query') lines.push(event.sql, '/*!*/;');
        break;
      }
      case 'Table_map':
        lines.push(`${head}\tTable_map: \`${e.info.replace(/^table_id: \d+ \((.*)\)$/, '$1').replace('.', '`.`')}\` mapped to number ${e.tableId}`);
        body.push(base64Lines(bytes!));
        if (choice.verbose > 0) decodeEvents(bytes!, maps, () => undefined);
        break;
      case 'Write_rows':
      case 'Update_rows':
      case 'Delete_rows':
        lines.push(`${head}\t${e.type}: table id ${e.tableId}${e.last ? ' flags: STMT_END_F' : ''}`);
        body.push(base64Lines(bytes!));
        if (choice.verbose > 0) footer.push(...verboseRows(bytes!, maps, e.rows!, e.tableId!));
        if (e.last) {
          if (!choice.decode) lines.push('', "BINLOG '", ...body, "'/*!*/;");
          lines.push(...footer);
          body = [];
          footer = [];
        }
        break;
      case 'Xid':
        lines.push(`${head}\tXid = ${e.record!.xid}`, 'COMMIT/*!*/;');
        inTransaction = false;
        break;
      case 'Stop':
        lines.push(`${head}\tStop`);
        break;
      case 'Rotate':
        lines.push(`${head}\tRotate to ${e.info.replace(/;pos=4$/, '')}  pos: 4`);
        break;
      default:
        break;
    }
  }
  if (stopped && inTransaction) lines.push('ROLLBACK /* added by mysqlbinlog */ /*!*/;');
  if (last || unreadable !== null) lines.push("SET @@SESSION.GTID_NEXT= 'AUTOMATIC' /* added by mysqlbinlog */ /*!*/;", 'DELIMITER ;', '# End of log file', '/*!50003 SET COMPLETION_TYPE=@OLD_COMPLETION_TYPE*/;', '/*!50530 SET @@SESSION.PSEUDO_SLAVE_MODE=0*/;');
  return unreadable;
}

function mysqlbinlogMain(ctx: ProgramContext): number {
  const parsed = parseOptions('mysqlbinlog', ctx.argv.slice(1), OPTIONS);
  if (!parsed.ok) {
    ctx.err(parsed.message);
    return 1;
  }
  const o = parsed.options;
  if (switchOn(o, 'version')) {
    ctx.out('mysqlbinlog  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)');
    return 0;
  }
  if (switchOn(o, 'help') || o.positional.length === 0) {
    ctx.out('mysqlbinlog  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)');
    ctx.out('Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.');
    ctx.out('');
    ctx.out('Dumps a MySQL binary log in a format usable for viewing or for piping to');
    ctx.out('the mysql command line client.');
    ctx.out('');
    ctx.out('Usage: mysqlbinlog [options] log-files');
    return o.positional.length === 0 && !switchOn(o, 'help') ? 1 : 0;
  }
  for (const unsupported of ['hexdump', 'raw', 'stop-never', 'include-gtids', 'exclude-gtids', 'rewrite-db']) {
    if (optionGiven(o, unsupported)) ctx.note(`Not simulated in this drill: mysqlbinlog --${unsupported}.`);
  }
  const start = datetimeOption(ctx, optionValue(o, 'start-datetime'));
  const stop = datetimeOption(ctx, optionValue(o, 'stop-datetime'));
  if (start === 'bad' || stop === 'bad') {
    ctx.err(`mysqlbinlog: [ERROR] Incorrect date and time argument: ${start === 'bad' ? optionValue(o, 'start-datetime') : optionValue(o, 'stop-datetime')}`);
    return 1;
  }
  const number = (name: string): number | null | 'bad' => {
    const v = optionValue(o, name);
    if (v === undefined) return null;
    return /^\d+$/.test(v) ? Number(v) : 'bad';
  };
  let startPosition = number('start-position');
  let stopPosition = number('stop-position');
  if (startPosition === 'bad' || stopPosition === 'bad') {
    ctx.err(`mysqlbinlog: [ERROR] mysqlbinlog: Incorrect unsigned integer value: '${optionValue(o, startPosition === 'bad' ? 'start-position' : 'stop-position')}'.`);
    return 1;
  }
  // my_getopt keeps both within their options' limits (from 4, the binlog magic's length; a start below 2^32) and says so.
  const limited = (name: string, value: number | null, max: number): number | null => {
    if (value === null || (value >= 4 && value <= max)) return value;
    const to = value < 4 ? 4 : max;
    ctx.err(`mysqlbinlog: [Warning] option '${name}': unsigned value ${value} adjusted to ${to}.`);
    return to;
  };
  startPosition = limited('start-position', startPosition, 4294967295);
  stopPosition = limited('stop-position', stopPosition, Number.MAX_SAFE_INTEGER);
  const mode = (optionValue(o, 'base64-output') ?? 'AUTO').toUpperCase();
  if (!['AUTO', 'NEVER', 'DECODE-ROWS', 'ALWAYS', 'UNSPEC'].includes(mode)) {
    ctx.err(`mysqlbinlog: [ERROR] Unknown option to base64-output: ${optionValue(o, 'base64-output')}`);
    ctx.err("Alternatives are: 'NEVER','AUTO','UNSPEC','DECODE-ROWS'");
    return 1;
  }
  const choice: Choice = { start, stop, startPosition, stopPosition, verbose: switchCount(o, 'verbose'), decode: mode === 'DECODE-ROWS' || mode === 'NEVER', database: optionValue(o, 'database') ?? null, remote: switchOn(o, 'read-from-remote-server') || optionGiven(o, 'read-from-remote-master') };
  // Which server's log: this host's files, or a server read over the network.
  let server: Server | null;
  let names: string[];
  if (switchOn(o, 'read-from-remote-server') || optionGiven(o, 'read-from-remote-master')) {
    const plan = planLogin(ctx, 'mysqlbinlog', o, null);
    for (const line of plan.before) ctx.err(line);
    const connected = connect(ctx.sys.draft, { ...plan.request, database: null });
    if (!connected.ok) {
      ctx.err(`ERROR: Failed on connect: ${connected.error.message}`);
      return 1;
    }
    server = serverOf(ctx.sys.draft, connected.session.host);
    if (!server || !accountsAllowBinlog(ctx, server, connected.session.account)) {
      ctx.err('ERROR: Got error reading packet from server: Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s) for this operation');
      return 1;
    }
    names = o.positional.map((p) => p.slice(p.lastIndexOf('/') + 1));
    const known = binlogOf(ctx.sys.draft, server).files.map((f) => f.name);
    const missing = names.find((n) => !known.includes(n));
    if (missing) {
      ctx.err('ERROR: Error reading packet from server: Could not find first log file name in binary log index file (server_errno=1236)');
      ctx.err('ERROR: Could not find first log file name in binary log index file');
      return 1;
    }
    if (switchOn(o, 'to-last-log')) names = known.slice(known.indexOf(names[0]!));
  } else {
    server = serverOf(ctx.sys.draft, ctx.sys.host);
    names = [];
    for (const given of o.positional) {
      const path = ctx.sys.resolve(given);
      const node = ctx.sys.node(path);
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!node) {
        ctx.err(`mysqlbinlog: [ERROR] File '${given}' not found (OS errno 2 - ${FS_ERROR_TEXT.ENOENT})`);
        return 1;
      }
      const read = ctx.sys.read(path);
      if (!read.ok) {
        ctx.err(`mysqlbinlog: [ERROR] File '${given}' not found (OS errno ${read.error === 'EACCES' ? 13 : read.error === 'EISDIR' ? 21 : 2} - ${FS_ERROR_TEXT[read.error]})`);
        return 1;
      }
      const known = server ? binlogOf(ctx.sys.draft, server).files.map((f) => f.name) : [];
      if (!server || !known.includes(name) || parentOf(path) !== '/var/lib/mysql') {
        ctx.err('ERROR: File is not a binary log file.');
        return 1;
      }
      names.push(name);
    }
  }
  const lines: string[] = [];
  // --start-position applies to the first file only.
  let unreadable: number | null = null;
  for (let i = 0; i < names.length && unreadable === null; i += 1) unreadable = printFile(lines, server!, ctx, names[i]!, i === 0 ? choice : { ...choice, startPosition: null }, i === 0, i === names.length - 1);
  if (unreadable !== null) {
    ctx.err(`ERROR: Could not read entry at offset ${unreadable}: Error in log format or read error 1.`);
    ctx.note(`Not simulated in this drill: the bytes at offset ${unreadable}, which mysqlbinlog reads as an event header; it names what it found wrong with them on a second ERROR line.`);
  }
  const text = `${lines.join('\n')}\n`;
  const resultFile = optionValue(o, 'result-file');
  if (resultFile !== undefined) {
    const written = ctx.sys.write(resultFile, text);
    if (!written.ok) {
      ctx.err(`mysqlbinlog: [ERROR] Can't create/write to file '${resultFile}' (OS errno 13 - ${FS_ERROR_TEXT[written.error]})`);
      return 1;
    }
    return unreadable === null ? 0 : 1;
  }
  ctx.write(text);
  return unreadable === null ? 0 : 1;
}

function accountsAllowBinlog(ctx: ProgramContext, server: Server, account: { user: string; host: string }): boolean {
  void ctx;
  return allows(accountPrivileges(server.state.accounts, account), 'REPLICATION SLAVE');
}

export const mysqlbinlogProgram = { main: mysqlbinlogMain };
