import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mysqlConfig, mysqlStart, runStatements, typeMysql } from './mysql-fixture';
import { mysqlRowCounts } from '../../../src/sim/mysql/api';
import { advanceTo } from '../../../src/sim/terminal';
import { Draft } from '../../../src/sim/draft';
import { serverOf } from '../../../src/sim/mysql/server';
import { replicaView } from '../../../src/sim/mysql/replication';
import { slaveStatus } from '../../../src/sim/mysql/replication';
import { executeStatement } from '../../../src/sim/mysql/execute';
import { connect } from '../../../src/sim/mysql/connect';
import { scanLine, newScan } from '../../../src/sim/mysql/scan';
import { lex } from '../../../src/sim/mysql/lexer';
import type { SimWorld } from '../../../src/sim/world';

const TABLES = ['customers', 'orders', 'order_items', 'products'] as const;

function rowsOf(results: ReturnType<typeof runStatements>['results'], i: number): (string | null)[][] {
  const r = results[i]!;
  if (r.kind !== 'rows') throw new Error(`statement ${i} gave ${JSON.stringify(r)}`);
  return r.result.rows;
}

/** A random write on the shop (some fail, as a trainee's would). */
const write = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((id) => `DELETE FROM shop.orders WHERE id = ${id}`),
  fc.integer({ min: 1, max: 50 }).map((id) => `DELETE FROM shop.customers WHERE id = ${id}`),
  fc.integer({ min: 1, max: 6 }).map((n) => `UPDATE shop.products SET price = price + ${n} WHERE id <= ${n}`),
  fc.integer({ min: 100, max: 120 }).map((id) => `INSERT INTO shop.products (id, sku, title, price) VALUES (${id}, 'X-${id}', 'Extra ${id}', ${id / 10})`),
  fc.constantFrom('DELETE FROM shop.order_items WHERE qty > 2', 'DELETE FROM shop.customers WHERE city = \'Lyon\'', 'TRUNCATE TABLE shop.order_items', 'DELETE FROM shop.products WHERE id = 5'),
);

describe('consistency of the simulated MySQL', () => {
  it('COUNT(*) equals the rows SELECT * returns, the dump\'s INSERT rows and the restored table, after any writes', () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 4 }), fc.constantFrom(...TABLES), (writes, table) => {
        const { world } = runStatements('db2', writes, { user: 'ana', password: 'ana-secret' });
        const { results } = runStatements('db2', [`SELECT COUNT(*) FROM shop.${table}`, `SELECT * FROM shop.${table}`], { user: 'ana', password: 'ana-secret' }, world);
        const count = Number(rowsOf(results, 0)[0]![0]);
        expect(rowsOf(results, 1)).toHaveLength(count);
        const dumped = typeMysql(['ssh shopdb-2', `mysqldump -u ana -pana-secret shop ${table} > /tmp/t.sql`, `mysql -u ana -pana-secret -h shopdb-1 shop < /tmp/t.sql`], world).world;
        const dump = dumped.hosts.db2!.files['/tmp/t.sql']!.content!;
        const tuples = dump.split('\n').filter((l) => l.startsWith('INSERT INTO')).reduce((n, l) => n + (l.match(/\),\(/g)?.length ?? 0) + 1, 0);
        expect(tuples).toBe(count);
        expect(mysqlRowCounts(mysqlConfig, dumped, 'db1')!.get(`shop.${table}`)).toBe(count);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('replica positions only move forward, whatever the threads and the clock do', () => {
    const op = fc.oneof(
      fc.integer({ min: 1, max: 2400 }).map((seconds) => ({ kind: 'wait' as const, seconds })),
      fc.constantFrom('STOP SLAVE SQL_THREAD', 'START SLAVE SQL_THREAD', 'STOP SLAVE IO_THREAD', 'START SLAVE', 'STOP SLAVE').map((sql) => ({ kind: 'replica' as const, sql })),
      write.map((sql) => ({ kind: 'master' as const, sql })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (ops) => {
        let world: SimWorld = mysqlStart();
        const positions = (): { read: number; exec: number; executed: number } => {
          const draft = new Draft(mysqlConfig, world);
          const status = slaveStatus(draft, serverOf(draft, 'db2')!)!;
          const get = (name: string) => Number(status.rows[0]![status.columns.findIndex((c) => c.name === name)]);
          return { read: get('Read_Master_Log_Pos'), exec: get('Exec_Master_Log_Pos'), executed: replicaView(draft, serverOf(draft, 'db2')!)!.executed };
        };
        let last = positions();
        for (const o of ops) {
          if (o.kind === 'wait') world = advanceTo(mysqlConfig, world, world.clock + o.seconds);
          else world = runStatements(o.kind === 'replica' ? 'db2' : 'db1', [o.sql], { user: 'ana', password: 'ana-secret' }, world).world;
          const now = positions();
          expect(now.read).toBeGreaterThanOrEqual(last.read);
          expect(now.exec).toBeGreaterThanOrEqual(last.exec);
          expect(now.executed).toBeGreaterThanOrEqual(last.executed);
          last = now;
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('after STOP SLAVE SQL_THREAD the replica\'s rows never change until it is started', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 60, max: 3600 }), { minLength: 1, maxLength: 4 }), fc.array(write, { maxLength: 3 }), (waits, writes) => {
        let world = runStatements('db2', ['STOP SLAVE SQL_THREAD'], { user: 'ana', password: 'ana-secret' }).world;
        const before = JSON.stringify([...mysqlRowCounts(mysqlConfig, world, 'db2')!]);
        world = runStatements('db1', writes, { user: 'ana', password: 'ana-secret' }, world).world;
        for (const wait of waits) {
          world = advanceTo(mysqlConfig, world, world.clock + wait);
          expect(JSON.stringify([...mysqlRowCounts(mysqlConfig, world, 'db2')!])).toBe(before);
        }
        const started = advanceTo(mysqlConfig, runStatements('db2', ['START SLAVE SQL_THREAD'], { user: 'ana', password: 'ana-secret' }, world).world, 20 * 3600);
        // Started again, it catches up with everything due by then: the master's DELETE reaches it.
        expect(mysqlRowCounts(mysqlConfig, started, 'db2')!.get('shop.customers')).toBe(0);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});

describe('robustness', () => {
  const fragments = ['SELECT', '*', 'FROM', 'shop.products', 'WHERE', 'id', '=', '1', "'x'", '"y"', '`t`', '(', ')', ',', ';', 'ORDER BY', 'LIMIT', '2', 'NOW()', 'COUNT(*)', 'JOIN', 'ON', 'UNION', 'INSERT INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'DROP TABLE', 'CREATE TABLE', 'INTERVAL 1 DAY', '@@hostname', '@x', '/*!40101', '*/', '--', '#', '\\', 'GROUP BY', 'HAVING', 'SHOW', 'TABLES', 'DATABASES', 'GRANTS', 'STATUS', 'SLAVE', 'CAST(', 'AS', 'CHAR)', 'CASE WHEN 1 THEN 2 END', "REGEXP '(a*)*b'", 'NULL', '-', '+', '/', 'DIV', 'IN (1,2)', 'BETWEEN 1 AND 3', 'information_schema.tables', 'mysql.user'];

  it('random statements never throw and always answer rows, OK or a MySQL error', () => {
    const draft = new Draft(mysqlConfig, mysqlStart());
    const connected = connect(draft, { from: 'db1', osUser: 'ana', user: 'ana', password: 'ana-secret' });
    if (!connected.ok) throw new Error('no connection');
    let session = connected.session;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 12 }), (words) => {
        const outcome = executeStatement(draft, session, words.join(' '));
        session = outcome.session;
        expect(['rows', 'ok', 'error']).toContain(outcome.result.kind);
        if (outcome.result.kind === 'error') expect(outcome.result.error.message.length).toBeLessThan(400);
        if (outcome.result.kind === 'rows') expect(outcome.result.result.rows.length).toBeLessThanOrEqual(50_000);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('a SHOW filter that is not SQL is a syntax error, not a crash (CI counterexample)', () => {
    const draft = new Draft(mysqlConfig, mysqlStart());
    const connected = connect(draft, { from: 'db1', osUser: 'ana', user: 'ana', password: 'ana-secret' });
    if (!connected.ok) throw new Error('no connection');
    for (const sql of ['SHOW STATUS WHERE ORDER BY', 'SHOW VARIABLES WHERE ORDER BY 1', 'SHOW DATABASES WHERE ORDER BY LIMIT']) {
      const outcome = executeStatement(draft, connected.session, sql);
      expect(outcome.result).toMatchObject({ kind: 'error', error: { code: 1064 } });
    }
  });

  it('the client scanner and the lexer take any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let state = newScan();
        for (const line of text.split('\n')) state = scanLine(state, line, 1).state;
        expect(state.buffer.length).toBeLessThanOrEqual(2_000_000);
        lex(text);
      }),
      { numRuns: 500 },
    );
  }, 120_000);
});
