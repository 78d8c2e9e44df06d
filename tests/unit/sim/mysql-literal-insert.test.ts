import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runStatements } from './mysql-fixture';
import { literalInsert } from '../../../src/sim/mysql/literal-insert';
import { Draft } from '../../../src/sim/draft';
import { mysqlConfig } from './mysql-fixture';
import { serverOf } from '../../../src/sim/mysql/server';
import { at } from '../../../src/sim/mysql/log';

const login = { user: 'ana', password: 'ana-secret' };

const CREATE = 'CREATE TABLE lit.t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, a VARCHAR(12), b DECIMAL(10,2), c DOUBLE, d TEXT, e BIGINT, f VARBINARY(16), g INT NOT NULL DEFAULT 7, UNIQUE KEY ua (a))';
const COLUMNS = ['id', 'a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

/** A string as MySQL lets one write it: either quote, escapes or doubled quotes, an introducer. */
const stringLiteral = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom("'", '"', '\\', '\n', '\t', '\0', '%', '_', 'é', '日本', '😀', ' ', 'a', 'Z', 'x'), fc.string({ maxLength: 4 })), { maxLength: 6 }),
    fc.constantFrom("'", '"'),
    fc.constantFrom('', '_utf8mb4', '_binary', 'N'),
    fc.boolean(),
  )
  .map(([parts, quote, introducer, doubling]) => {
    let body = '';
    for (const ch of parts.join('')) {
      if (ch === quote) body += doubling ? quote + quote : `\\${quote}`;
      else if (ch === '\\') body += '\\\\';
      else if (ch === '\n') body += doubling ? '\n' : '\\n';
      else if (ch === '\0') body += '\\0';
      else if (ch === 'Z' && doubling) body += '\\Z';
      else body += ch;
    }
    const usable = introducer === 'N' && quote === '"' ? '' : introducer;
    return `${usable}${quote}${body}${quote}`;
  });

const numberLiteral = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }).map(String),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
  fc.tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 999 })).map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)).filter((t) => !t.includes('Infinity')),
  fc.constantFrom('0', '-0', '0.0', '-0.0', '1e3', '1.5E-3', '.5', '7.', '00012', '-9223372036854775808', '9223372036854775807', '18446744073709551616'),
);

const value = fc.oneof(
  { weight: 4, arbitrary: stringLiteral },
  { weight: 4, arbitrary: numberLiteral },
  { weight: 2, arbitrary: fc.constantFrom('NULL', 'null', 'Null') },
  { weight: 1, arbitrary: fc.constantFrom("X'616263'", "x''", '0x41', '0xABC', "X'4G'") },
);

const space = fc.constantFrom('', ' ', '\n', '  ');

/** An INSERT of literals with a random column list, rows and spacing. */
const insert = fc
  .tuple(
    fc.subarray([...COLUMNS], { minLength: 1 }),
    fc.boolean(),
    fc.integer({ min: 1, max: 5 }),
    fc.constantFrom('INSERT INTO', 'INSERT IGNORE INTO', 'REPLACE INTO', 'insert into', 'INSERT'),
    space,
  )
  .chain(([columns, listed, count, verb, gap]) =>
    fc.array(fc.array(value, { minLength: columns.length, maxLength: columns.length + (listed ? 0 : 0) }), { minLength: count, maxLength: count }).map((rows) => {
      const names = listed ? columns : [...COLUMNS];
      const fitted = listed ? rows : rows.map((r) => COLUMNS.map((_, i) => r[i] ?? 'NULL'));
      return `${verb} ${listed ? '`lit`.`t`' : 't'}${listed ? ` (${names.map((n) => `\`${n}\``).join(',')})` : ''} VALUES${gap}${fitted.map((r) => `(${r.join(`,${gap}`)})`).join(`,${gap}`)}`;
    }),
  );

/** The statement through one path; `/**\/` in front keeps it off the fast one. */
function outcome(statement: string, general: boolean) {
  const setup = ['CREATE DATABASE lit', CREATE, 'USE lit', "INSERT INTO lit.t (a, b) VALUES ('taken', 1)"];
  const { results, world } = runStatements('db1', [...setup, general ? `/**/ ${statement}` : statement, 'SELECT * FROM lit.t ORDER BY id', 'SHOW MASTER STATUS', 'SELECT LAST_INSERT_ID()'], login);
  const draft = new Draft(mysqlConfig, world);
  const changes = serverOf(draft, 'db1')!.state.data.changes;
  const last = at(changes, changes.length - 1)!;
  return { results: results.slice(setup.length), event: last.kind === 'rows' ? last.changes : last.sql };
}

describe('INSERT … VALUES of literals (the fast path a dump restore takes)', () => {
  it('reads the statements mysqldump writes and leaves the rest to the general path', () => {
    expect(literalInsert("INSERT INTO `t` VALUES (1,'a\\'b',-2.50,NULL),(2,_binary 'x',0x41,1e3)")).toBeNull();
    expect(literalInsert("INSERT INTO `t` VALUES (1,'a\\'b',-2.50,NULL),(2,_binary'x',0x41,1e3)")?.rows).toEqual([["1", "'a''b'", '-2.50', 'NULL'], ['2', "'x'", "X'41'", '1e3']]);
    expect(literalInsert('INSERT INTO t (a) VALUES (NOW())')).toBeNull();
    expect(literalInsert('INSERT INTO t (a) VALUES (DEFAULT)')).toBeNull();
    expect(literalInsert("INSERT INTO t (a) VALUES ('x' 'y')")).toBeNull();
    expect(literalInsert('INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2')).toBeNull();
    expect(literalInsert('INSERT INTO t (a) VALUES (1);')).toBeNull();
    expect(literalInsert('/* c */ INSERT INTO t (a) VALUES (1)')).toBeNull();
    expect(literalInsert('INSERT INTO t (a) SELECT 1')).toBeNull();
    expect(literalInsert('SELECT 1')).toBeNull();
  });

  it('gives the same rows, results, errors, binary log and LAST_INSERT_ID as the general path, for any literals', () => {
    fc.assert(
      fc.property(insert, (statement) => {
        expect(literalInsert(statement)).not.toBeNull();
        expect(outcome(statement, false)).toEqual(outcome(statement, true));
      }),
      { numRuns: 120 },
    );
  }, 240_000);

  it('gives the same errors for a wrong value count, an unknown column or table, a duplicate key and a missing database', () => {
    for (const statement of [
      'INSERT INTO t VALUES (1)',
      'INSERT INTO t (a, b) VALUES (1, 2), (3)',
      'INSERT INTO t (nope) VALUES (1)',
      'INSERT INTO t (a, a) VALUES (1, 2)',
      'INSERT INTO nope VALUES (1)',
      'INSERT INTO t (a) VALUES (\'taken\')',
      'INSERT INTO t (a) VALUES (\'b\'), (\'taken\')',
      'INSERT INTO t (a) VALUES (\'much too long for twelve\')',
      'INSERT INTO mysql.user VALUES (1)',
      "INSERT INTO t (id, a) VALUES (1, 'again')",
    ]) {
      const fast = outcome(statement, false);
      expect(fast.results[0]!.kind, statement).toBe('error');
      expect(fast, statement).toEqual(outcome(statement, true));
    }
  }, 120_000);
});
