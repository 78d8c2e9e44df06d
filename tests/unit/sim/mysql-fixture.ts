/**
 * A small made-up shop for testing the simulated MySQL servers: a master (shopdb-1) with a
 * generated customer base, orders and order items (ON DELETE CASCADE), a replica (shopdb-2)
 * delayed by 30 minutes, and a morning of binary-log writes ending in a destructive
 * `DELETE FROM customers` at 13:58:30. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import type { MysqlServerSpec } from '../../../src/scenario/world/mysql';
import { createWorld } from '../../../src/sim/init';
import { submitLine, promptOf, advanceTo, type TerminalStep } from '../../../src/sim/terminal';
import { connect } from '../../../src/sim/mysql/connect';
import { executeStatement } from '../../../src/sim/mysql/execute';
import { Draft } from '../../../src/sim/draft';
import type { MysqlSession } from '../../../src/sim/mysql/session';
import type { StatementResult } from '../../../src/sim/mysql/context';

const accounts: MysqlServerSpec['accounts'] = [
  { user: 'root', host: 'localhost', plugin: 'auth_socket', grants: ['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'] },
  { user: 'ana', host: '%', password: 'ana-secret', knownToTrainee: true, grants: ['GRANT ALL PRIVILEGES ON *.* TO `ana`@`%` WITH GRANT OPTION'] },
  { user: 'shopapp', host: '10.1.0.%', password: 'app-pw', grants: ['GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.* TO `shopapp`@`10.1.0.%`'] },
  { user: 'reader', host: '%', password: 'reader-pw', knownToTrainee: true, grants: ['GRANT SELECT ON `shop`.`products` TO `reader`@`%`'] },
  { user: 'repl', host: '%', password: 'repl-pw', grants: ['GRANT REPLICATION SLAVE ON *.* TO `repl`@`%`'] },
];

export const shopMaster: MysqlServerSpec = {
  serverId: 1,
  startedAt: '2021-02-27 06:10:00',
  accounts,
  dictionaries: {
    firstNames: ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kaori', 'Lena', 'Mateo', 'Nora', 'Oskar', 'Paula'],
    lastNames: ['Moreau', 'Okafor', 'Lindqvist', 'Novak', 'Costa', 'Haddad', 'Berg', 'Sato', 'Ferreira', 'Kowalski', 'Brennan', 'Rossi'],
    cities: ['Lyon', 'Porto', 'Gdansk', 'Turin', 'Ghent'],
    domains: ['example.com', 'mail.example', 'post.example'],
  },
  databases: [
    {
      name: 'shop',
      tables: [
        {
          name: 'customers',
          columns: [
            { name: 'id', type: 'int unsigned', autoIncrement: true },
            { name: 'first_name', type: 'varchar(40)', nullable: false },
            { name: 'last_name', type: 'varchar(40)', nullable: false },
            { name: 'email', type: 'varchar(255)', nullable: false, unique: true },
            { name: 'city', type: 'varchar(40)' },
            { name: 'created_at', type: 'datetime', nullable: false, default: 'CURRENT_TIMESTAMP' },
          ],
          generate: {
            count: 40,
            seed: 'shop-customers',
            columns: {
              first_name: { oneOf: 'firstNames' },
              last_name: { oneOf: 'lastNames' },
              email: { email: { from: ['first_name', 'last_name'], domains: 'domains' } },
              city: { oneOf: 'cities' },
              created_at: { datetime: ['2020-11-01 09:00:00', '2021-03-01 18:00:00'] },
            },
          },
        },
        {
          name: 'products',
          columns: [
            { name: 'id', type: 'int unsigned', autoIncrement: true },
            { name: 'sku', type: 'varchar(20)', nullable: false, unique: true },
            { name: 'title', type: 'varchar(100)', nullable: false },
            { name: 'price', type: 'decimal(10,2)', nullable: false },
          ],
          rows: [
            [1, 'MUG-01', 'Enamel mug', 12.5],
            [2, 'TEE-02', 'Cotton tee', 19],
            [3, 'CAP-03', 'Canvas cap', 15.25],
            [4, 'BAG-04', 'Tote bag', 9.9],
            [5, 'PIN-05', 'Enamel pin', 3],
          ],
        },
        {
          name: 'orders',
          columns: [
            { name: 'id', type: 'int unsigned', autoIncrement: true },
            { name: 'customer_id', type: 'int unsigned', nullable: false },
            { name: 'placed_at', type: 'datetime', nullable: false },
            { name: 'total', type: 'decimal(10,2)', nullable: false, default: 0 },
          ],
          foreignKeys: [{ columns: ['customer_id'], references: 'customers(id)', onDelete: 'CASCADE' }],
          generate: { count: 60, seed: 'shop-orders', columns: { customer_id: { ref: 'customers.id' }, placed_at: { datetime: ['2020-12-01 10:00:00', '2021-03-01 20:00:00'] }, total: { decimal: [5, 120] } } },
        },
        {
          name: 'order_items',
          columns: [
            { name: 'id', type: 'int unsigned', autoIncrement: true },
            { name: 'order_id', type: 'int unsigned', nullable: false },
            { name: 'product_id', type: 'int unsigned', nullable: false },
            { name: 'qty', type: 'smallint', nullable: false, default: 1 },
          ],
          foreignKeys: [
            { columns: ['order_id'], references: 'orders(id)', onDelete: 'CASCADE' },
            { columns: ['product_id'], references: 'products(id)' },
          ],
          generate: { count: 90, seed: 'shop-items', columns: { order_id: { ref: 'orders.id' }, product_id: { ref: 'products.id' }, qty: { int: [1, 4] } } },
        },
      ],
    },
  ],
  binlog: {
    file: 17,
    startedAt: '2021-02-27 06:10:00',
    events: [
      { from: '12:00', until: '13:50', count: 8, table: 'customers', seed: 'shop-signups', columns: { created_at: { eventTime: true } } },
      { at: '13:20:00', sql: ["INSERT INTO orders (customer_id, placed_at, total) VALUES (3, '2021-03-02 13:20:00', 31.50)", 'INSERT INTO order_items (order_id, product_id, qty) VALUES (61, 1, 2)'] },
      { at: '13:41:10', sql: "UPDATE products SET price = 13.00 WHERE sku = 'MUG-01'" },
      { at: '13:58:30', sql: 'DELETE FROM customers' },
    ],
  },
};

export const shopReplica: MysqlServerSpec = {
  serverId: 2,
  startedAt: '2021-02-27 06:12:00',
  accounts,
  replicaOf: { host: 'db1', delaySeconds: 1800 },
  binlog: { file: 9 },
};

const dbHost = (hostname: string, mysql: MysqlServerSpec) => ({
  hostname,
  login: 'ana',
  users: [
    { name: 'ana', uid: 1001, groups: ['sudo'] },
    { name: 'mysql', uid: 111, home: '/nonexistent', shell: '/bin/false' },
  ],
  programs: ['mysql', 'mysqldump', 'mysqlbinlog', 'mysqladmin', 'gzip'],
  mysql,
});

export const mysqlWorld: WorldSpec = {
  hosts: {
    laptop: { hostname: 'dev-laptop', login: 'ana', users: [{ name: 'ana', uid: 1000, groups: ['sudo'] }], programs: ['mysql'] },
    app: { hostname: 'app-1', login: 'ana', users: [{ name: 'ana', uid: 1001 }], programs: ['mysql', 'mysqldump'] },
    db1: dbHost('shopdb-1', shopMaster),
    db2: dbHost('shopdb-2', shopReplica),
  },
};

export const mysqlConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'laptop', name: 'dev-laptop', names: ['laptop'] },
    { id: 'app', name: 'app-1', names: ['app-1.shop.internal', '10.1.0.5'] },
    { id: 'db1', name: 'shopdb-1', names: ['shopdb-1.shop.internal', '10.1.0.20'] },
    { id: 'db2', name: 'shopdb-2', names: ['shopdb-2.shop.internal', '10.1.0.21'] },
    { id: 'cloudflare-dns', name: 'one.one.one.one', names: ['1.1.1.1'], external: true },
  ],
  world: mysqlWorld,
};

/** 14:05 on the fixture's day. */
export const MYSQL_START = 14 * 3600 + 5 * 60;

export function mysqlStart(): SimWorld {
  return createWorld(mysqlConfig, 'laptop', MYSQL_START);
}

/** Types each line in turn (a line `@HH:MM:SS` moves the clock instead); returns every step and the final world. */
export function typeMysql(lines: readonly string[], world: SimWorld = mysqlStart()): { steps: TerminalStep[]; world: SimWorld; prompt: string } {
  const steps: TerminalStep[] = [];
  let current = world;
  for (const line of lines) {
    const time = /^@(\d\d):(\d\d)(?::(\d\d))?$/.exec(line);
    if (time) {
      current = advanceTo(mysqlConfig, current, Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0));
      continue;
    }
    const step = submitLine(mysqlConfig, current, line);
    steps.push(step);
    current = step.world;
  }
  return { steps, world: current, prompt: promptOf(mysqlConfig, current) };
}

/** The output of the last line, as one string. */
export function lastMysqlOutput(lines: readonly string[], world?: SimWorld): string {
  const { steps } = typeMysql(lines, world);
  return steps[steps.length - 1]!.output.join('\n');
}

/** Runs statements directly on a server as an account (no client), returning each result and the world after. */
export function runStatements(host: string, statements: readonly string[], login: { user: string; password: string | null; from?: string } = { user: 'ana', password: 'ana-secret' }, world: SimWorld = mysqlStart()): { results: StatementResult[]; world: SimWorld; session: MysqlSession } {
  const draft = new Draft(mysqlConfig, world);
  const connected = connect(draft, { from: login.from ?? host, osUser: login.user, user: login.user, password: login.password, host: login.from && login.from !== host ? host : undefined });
  if (!connected.ok) throw new Error(connected.error.message);
  let session = connected.session;
  const results: StatementResult[] = [];
  for (const sql of statements) {
    const outcome = executeStatement(draft, session, sql);
    session = outcome.session;
    results.push(outcome.result);
  }
  return { results, world: draft.finish(), session };
}
