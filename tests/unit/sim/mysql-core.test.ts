import { describe, expect, it } from 'vitest';
import { mysqlConfig, mysqlStart, runStatements } from './mysql-fixture';
import { lex } from '../../../src/sim/mysql/lexer';
import { newScan, scanLine, continuationPrompt } from '../../../src/sim/mysql/scan';
import { tableLines, tabLines, uptimeText } from '../../../src/sim/mysql/format';
import { resultSet } from '../../../src/sim/mysql/results';
import { canonicalGrants } from '../../../src/sim/mysql/grants';
import { base64Bytes, base64Lines, decodeEvents, rowChunks, rowsBody, tableMapBody, TYPE, wrapEvent } from '../../../src/sim/mysql/binlog-codec';
import { LRU_SIZE, openDatabaseCount, closeAllDatabases, databaseAt } from '../../../src/sim/mysql/open-databases';
import { Draft } from '../../../src/sim/draft';
import { runQuery, mysqlRowCounts } from '../../../src/sim/mysql/api';
import { countRows, replicationThread } from '../../../src/sim/mysql/probe';
import { sqlEngine, SqlEngineNotLoadedError } from '../../../src/sim/mysql/sql-engine';
import { hostMatches, matchAccount } from '../../../src/sim/mysql/accounts';
import { likeMatches } from '../../../src/sim/mysql/results';
import { generateRows } from '../../../src/sim/mysql/generate';
import type { TableDef } from '../../../src/sim/mysql/catalog';
import { initialMysqlFiles } from '../../../src/sim/mysql/files';
import { MYSQL_START } from './mysql-fixture';

describe('the MySQL lexer and the client scanner', () => {
  it('reads strings with MySQL escapes, backquoted names, variables and versioned comments', () => {
    const lexed = lex("SELECT 'it\\'s', \"dq\", `we ird`, @x, @@global.read_only /*!40101 , 1 */ /*!90000 , 2 */ # gone");
    expect(lexed.ok && lexed.tokens.map((t) => `${t.kind}:${t.value}`)).toEqual(['word:SELECT', "string:it's", 'op:,', 'string:dq', 'op:,', 'quoted:we ird', 'op:,', 'var:x', 'op:,', 'sysvar:global.read_only', 'op:,', 'number:1']);
    expect(lex("SELECT 'open").ok).toBe(false);
  });

  it('cuts statements at the delimiter, never inside quotes, and knows the continuation prompts', () => {
    let scan = newScan();
    const first = scanLine(scan, "SELECT ';' , 1; SELECT", 1);
    expect(first.pieces).toEqual([{ kind: 'sql', text: "SELECT ';' , 1", vertical: false, line: 1 }]);
    scan = first.state;
    expect(continuationPrompt(scan, 'mysql> ')).toBe('    -> ');
    const open = scanLine(scan, "'abc", 2);
    expect(continuationPrompt(open.state, 'mysql> ')).toBe("    '> ");
    const done = scanLine(open.state, "'\\G", 3);
    expect(done.pieces).toEqual([{ kind: 'sql', text: "SELECT\n'abc\n'", vertical: true, line: 1 }]);
    expect(scanLine(newScan(), 'exit', 1).pieces).toEqual([{ kind: 'command', name: 'quit', arg: '', line: 1 }]);
    expect(scanLine(newScan(), 'use shop;', 1).pieces).toEqual([{ kind: 'command', name: 'use', arg: 'shop', line: 1 }]);
  });

  it('reads `use db; SELECT …` on one line as the client does: the command up to the delimiter, then the statements', () => {
    const { pieces, state } = scanLine(newScan(), 'use shop; SELECT 1; SELECT', 1);
    expect(pieces).toMatchObject([
      { kind: 'command', name: 'use', arg: 'shop' },
      { kind: 'sql', text: 'SELECT 1', vertical: false },
    ]);
    // The unfinished statement waits for the next line, at `->`.
    expect(state.buffer.trim()).toBe('SELECT');
  });
});

describe('client output', () => {
  it('sizes columns by bytes, at least 4 for NULL-able ones, and right-aligns numbers', () => {
    const r = resultSet([{ name: 'n', numeric: true, notNull: true }, { name: 'name' }], [[7, 'Sélim'], [12, null]]);
    expect(tableLines(r)).toEqual(['+----+--------+', '| n  | name   |', '+----+--------+', '|  7 | Sélim  |', '| 12 | NULL   |', '+----+--------+']);
    expect(tabLines(resultSet([{ name: 'a' }], [['x\ty\\z\n']]))).toEqual(['a', 'x\\ty\\\\z\\n']);
    expect(uptimeText(3 * 86400 + 3600 + 61)).toBe('3 days 1 hour 1 min 1 sec');
    expect(uptimeText(59)).toBe('59 sec');
  });

  it('matches LIKE patterns in linear time', () => {
    expect(likeMatches('%bin%', 'log_bin_basename')).toBe(true);
    expect(likeMatches('read\\_only', 'read_only')).toBe(true);
    expect(likeMatches('read\\_only', 'readXonly')).toBe(false);
    const start = performance.now();
    expect(likeMatches(`${'%a'.repeat(40)}b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('accounts and grants', () => {
  it('prints grants as 8.0.19 does: ALL on *.* expanded, dynamic privileges on their own line', () => {
    expect(canonicalGrants('app', '10.0.1.%', ['GRANT SELECT, INSERT ON `shop`.* TO `app`@`10.0.1.%`'])).toEqual(['GRANT USAGE ON *.* TO `app`@`10.0.1.%`', 'GRANT SELECT, INSERT ON `shop`.* TO `app`@`10.0.1.%`']);
    const all = canonicalGrants('x', '%', ['GRANT ALL PRIVILEGES ON *.* TO `x`@`%` WITH GRANT OPTION']);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatch(/^GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, .* CREATE ROLE, DROP ROLE ON \*\.\* TO `x`@`%` WITH GRANT OPTION$/);
    expect(all[1]).toMatch(/^GRANT APPLICATION_PASSWORD_ADMIN,AUDIT_ADMIN,.*,XA_RECOVER_ADMIN ON \*\.\* TO `x`@`%` WITH GRANT OPTION$/);
  });

  it('matches the most specific host first, with MySQL wildcards', () => {
    expect(hostMatches('10.1.0.%', 'app-1', '10.1.0.5')).toBe(true);
    expect(hostMatches('localhost', 'app-1', null)).toBe(false);
    const accounts = [
      { user: 'u', host: '%', password: 'a', plugin: 'caching_sha2_password' as const, grants: [], locked: false, known: true },
      { user: 'u', host: 'localhost', password: 'b', plugin: 'caching_sha2_password' as const, grants: [], locked: false, known: true },
    ];
    expect(matchAccount(accounts, 'u', 'localhost', '127.0.0.1')!.host).toBe('localhost');
    expect(matchAccount(accounts, 'u', 'web', '10.0.0.2')!.host).toBe('%');
  });
});

describe('generated rows', () => {
  const table: TableDef = { database: 'd', name: 'q', columns: [], primaryKey: [], indexes: [], foreignKeys: [], engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', createdAt: 0 };
  const ctx = { date: '2020-05-04', dictionaries: {}, column: () => [] };
  it('gives trading days: `every` rows a day, Saturdays and Sundays skipped', () => {
    const rows = generateRows(table, { count: 12, seed: 's', columns: { d: { day: { from: '2020-04-09', every: 2, weekdays: true } } } }, ctx);
    expect(rows.map((r) => r.d)).toEqual(['2020-04-09', '2020-04-09', '2020-04-10', '2020-04-10', '2020-04-13', '2020-04-13', '2020-04-14', '2020-04-14', '2020-04-15', '2020-04-15', '2020-04-16', '2020-04-16']);
    const long = generateRows(table, { count: 11, columns: { d: { day: { from: '2020-04-04', every: 1, weekdays: true } } } }, ctx);
    expect(long.map((r) => r.d)).toEqual(['2020-04-06', '2020-04-07', '2020-04-08', '2020-04-09', '2020-04-10', '2020-04-13', '2020-04-14', '2020-04-15', '2020-04-16', '2020-04-17', '2020-04-20']);
    const plain = generateRows(table, { count: 3, columns: { d: { day: { from: '2020-04-04', every: 1 } } } }, ctx);
    expect(plain.map((r) => r.d)).toEqual(['2020-04-04', '2020-04-05', '2020-04-06']);
  });
  it('spreads a time that would pass `until` between its base and `until` instead of piling rows on `until`', () => {
    const rows = generateRows(table, { count: 200, seed: 'u', columns: { a: { datetime: ['2020-04-01 00:00:00', '2020-05-04 05:00:00'] }, b: { after: 'a', seconds: [0, 90 * 86400], until: '2020-05-04 05:10:00' } } }, ctx);
    const b = rows.map((r) => String(r.b));
    expect(rows.every((r) => String(r.b) >= String(r.a) && String(r.b) <= '2020-05-04 05:10:00')).toBe(true);
    expect(b.filter((t) => t === '2020-05-04 05:10:00').length).toBeLessThan(3);
    expect(new Set(b).size).toBeGreaterThan(190);
  });
  it('is the same for the same seed', () => {
    const spec = { count: 20, seed: 'x', columns: { n: { int: [1, 1000] as [number, number] }, h: { hex: 8 } } };
    expect(generateRows(table, spec, ctx)).toEqual(generateRows(table, spec, ctx));
  });
});

describe('the server\'s files', () => {
  it('writes the error log with the PID the host\'s mysql unit declares and rising microseconds; the previous binary log closed by the shutdown (a Stop event) before the start', () => {
    const db1 = mysqlConfig.world.hosts.db1!;
    const spec = { ...db1, system: { units: [{ name: 'mysql.service', pid: 955 }] } };
    const files = initialMysqlFiles(mysqlConfig, 'db1', spec, MYSQL_START);
    const log = files['/var/log/mysql/error.log']!.content!.trimEnd().split('\n');
    expect(log[0]).toMatch(/^2021-02-27T06:10:00\.\d{6}Z 0 \[System\] \[MY-010116\] \[Server\] \/usr\/sbin\/mysqld \(mysqld 8\.0\.19\) starting as process 955$/);
    const stamps = log.map((l) => l.slice(0, 27));
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(files['/var/lib/mysql/binlog.000016']!.mtime).toBe(Date.UTC(2021, 1, 27, 6, 10) / 1000 - 2);
  });
});

describe('the binary-log payload', () => {
  it('round-trips row events through their binary form and refuses what is not base64 events', () => {
    const int = { base: 'int', args: [], unsigned: false, zerofill: false };
    const varchar = { base: 'varchar', args: ['20'], unsigned: false, zerofill: false };
    const rows = { database: 'shop', table: 't', op: 'update' as const, columns: ['id', 'v'], rows: [[1, 'a']], after: [[1, 'b']], types: [{ type: int, nullable: false }, { type: varchar, nullable: true }] };
    const map = wrapEvent({ timestamp: 1, type: TYPE.tableMap, serverId: 1, logPos: 0, flags: 0 }, tableMapBody(90, rows));
    const chunk = rowChunks(rows)[0]!;
    const update = wrapEvent({ timestamp: 1, type: TYPE.updateRows, serverId: 1, logPos: 0, flags: 0 }, rowsBody(90, 1, chunk));
    const events = decodeEvents(base64Bytes(`${base64Lines(map)}\n${base64Lines(update)}`)!, new Map(), () => rows.types);
    expect(events.map((e) => e.kind)).toEqual(['table_map', 'rows']);
    expect(events[1]).toMatchObject({ op: 'update', rows: [[1, 'a']], after: [[1, 'b']] });
    expect(base64Bytes('%%%')).toBeNull();
    expect(() => decodeEvents(base64Bytes('bm90IGEgYmlubG9n')!, new Map(), () => undefined)).toThrow();
  });
});

describe('the data model', () => {
  it('throws a clear, typed error when SQL is used before the engine is loaded (here it is loaded)', () => {
    expect(() => sqlEngine()).not.toThrow();
    expect(new SqlEngineNotLoadedError().message).toMatch(/await loadSqlEngine\(\)/);
  });

  it('keeps at most LRU_SIZE databases open, and any world can be reopened from its image', () => {
    closeAllDatabases();
    const worlds = Array.from({ length: LRU_SIZE + 3 }, (_x, i) => runStatements('db1', [`INSERT INTO shop.products (sku, title, price) VALUES ('N${i}', 'n', 1)`]).world);
    expect(openDatabaseCount()).toBeLessThanOrEqual(LRU_SIZE);
    // The first world's database was evicted: it is rebuilt from the prepared image and its one change.
    expect(mysqlRowCounts(mysqlConfig, worlds[0]!, 'db1')!.get('shop.products')).toBe(6);
    expect(openDatabaseCount()).toBeLessThanOrEqual(LRU_SIZE);
  }, 60_000);

  it('holds a hostile run of 5,000 writes as changes on one image, and reopens the last state by replaying them', () => {
    const draft = new Draft(mysqlConfig, mysqlStart());
    for (let i = 0; i < 5000; i += 1) {
      const r = runQuery(draft, { host: 'db1', user: 'ana', sql: `UPDATE shop.products SET price = ${i % 50} WHERE id = ${1 + (i % 5)}` });
      expect(r.ok).toBe(true);
    }
    const world = draft.finish();
    expect(world.hosts.db1!.mysql!.data.changes.length).toBeLessThanOrEqual(5000);
    closeAllDatabases();
    const db = databaseAt(mysqlConfig, world.hosts.db1!.mysql!.data);
    expect(db.query('SELECT price FROM `shop.products` WHERE id = 5').rows).toEqual([[49]]);
  }, 120_000);

  it('answers an application\'s query and the drill\'s probe from the real rows', () => {
    const draft = new Draft(mysqlConfig, mysqlStart());
    expect(runQuery(draft, { host: 'db2', from: 'app', user: 'shopapp', database: 'shop', sql: 'SELECT id, price FROM products WHERE id < 3 ORDER BY id' })).toEqual({ ok: true, columns: ['id', 'price'], rows: [[1, 12.5], [2, 19]], affected: 0 });
    expect(runQuery(draft, { host: 'db2', from: 'app', user: 'shopapp', database: 'shop', sql: 'DELETE FROM products' })).toEqual({ ok: false, code: 1290, message: 'The MySQL server is running with the --read-only option so it cannot execute this statement' });
    expect(runQuery(draft, { host: 'db1', from: 'laptop', user: 'shopapp', sql: 'SELECT 1' })).toMatchObject({ ok: false, code: 1045 });
    const world = draft.finish();
    expect(countRows(mysqlConfig, world, 'db2', 'shop', 'customers')).toBe(47);
    // A table that is not there (never made, or dropped) holds no rows; only a host with no server answers null.
    expect(countRows(mysqlConfig, world, 'db2', 'shop', 'nope')).toBe(0);
    expect(countRows(mysqlConfig, world, 'no-such-host', 'shop', 'customers')).toBeNull();
    expect(replicationThread(mysqlConfig, world, 'db2', 'sqlThread')).toBe('Yes');
    expect(replicationThread(mysqlConfig, world, 'db1', 'sqlThread')).toBeNull();
  }, 60_000);
});

describe('ROW_COUNT()', () => {
  it('is what the statement before it changed: the rows a DELETE removed, -1 after a SELECT, 0 at first', () => {
    const { results } = runStatements('db1', ['SELECT ROW_COUNT()', 'DELETE FROM shop.products WHERE price < 10', 'SELECT ROW_COUNT()', 'SELECT ROW_COUNT()']);
    const value = (i: number) => {
      const r = results[i]!;
      return r.kind === 'rows' ? r.result.rows[0]![0] : r;
    };
    expect(Number(value(0))).toBe(0);
    expect(results[1]).toMatchObject({ kind: 'ok', affected: 2 });
    expect(Number(value(2))).toBe(2);
    expect(Number(value(3))).toBe(-1);
  });
});
