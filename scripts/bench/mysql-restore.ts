/**
 * How long restoring a mysqldump file takes in the simulated MySQL (Node, one core's worth):
 * the test shop of tests/unit/sim/mysql-fixture.ts grown to about 9,000 rows, dumped from its
 * delayed replica with `mysqldump --single-transaction`, then loaded into the master with
 * `mysql shop < file`, the step a replay runs again and again.
 *
 *   npx tsx scripts/bench/mysql-restore.ts [rounds]      (CPU profile: node --cpu-prof --import tsx …)
 */
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';
import { submitLine } from '../../src/sim/terminal';
import { createWorld } from '../../src/sim/init';
import type { SimConfig, SimWorld } from '../../src/sim/world';
import type { MysqlServerSpec } from '../../src/scenario/world/mysql';
import { mysqlConfig, shopMaster, MYSQL_START } from '../../tests/unit/sim/mysql-fixture';
import { mysqlRowCounts } from '../../src/sim/mysql/api';
import { median } from './scenario';

/** The fixture's master with its generated tables grown (3,000 rows each). */
function bigShop(perTable: number): SimConfig {
  const master: MysqlServerSpec = {
    ...shopMaster,
    databases: shopMaster.databases!.map((d) => ({ ...d, tables: d.tables!.map((t) => (t.generate ? { ...t, generate: { ...t.generate, count: perTable } } : t)) })),
  };
  const hosts = { ...mysqlConfig.world!.hosts, db1: { ...mysqlConfig.world!.hosts.db1!, mysql: master } };
  return { ...mysqlConfig, world: { ...mysqlConfig.world!, hosts } };
}

/** One terminal step; `ms` is the CPU time this process spent on it (the machine is shared: wall time says less). */
function step(config: SimConfig, world: SimWorld, line: string): { world: SimWorld; ms: number; output: string[] } {
  const t0 = process.cpuUsage();
  const result = submitLine(config, world, line);
  const used = process.cpuUsage(t0);
  return { world: result.world, ms: (used.user + used.system) / 1000, output: result.output };
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 10);
  await loadSqlEngine();
  const config = bigShop(3000);
  const login = '-u ana -pana-secret';
  let world = createWorld(config, 'laptop', MYSQL_START);
  world = step(config, world, 'ssh shopdb-1').world;
  // Warm up: prepare the servers (built once per process, as in the drill).
  step(config, world, `mysql ${login} -e "SELECT 1"`);
  step(config, world, `mysql ${login} -h shopdb-2 -e "SELECT 1"`);
  const dumps: number[] = [];
  let dumped = world;
  for (let i = 0; i < rounds; i += 1) {
    const d = step(config, world, `mysqldump ${login} -h shopdb-2 --single-transaction shop > /tmp/shop.sql`);
    dumps.push(d.ms);
    dumped = d.world;
  }
  const restores: number[] = [];
  let restored = dumped;
  for (let i = 0; i < rounds; i += 1) {
    const r = step(config, dumped, `mysql ${login} shop < /tmp/shop.sql`);
    if (r.output.some((l) => l.startsWith('ERROR'))) throw new Error(r.output.join('\n'));
    restores.push(r.ms);
    restored = r.world;
  }
  const counts = mysqlRowCounts(config, restored, 'db1')!;
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`rows restored on the master: ${rows} (${JSON.stringify([...counts])}); CPU ms per step:`);
  console.log(`mysqldump step: median ${median(dumps).toFixed(1)} ms (min ${Math.min(...dumps).toFixed(1)})`);
  console.log(`restore step:   median ${median(restores).toFixed(1)} ms (min ${Math.min(...restores).toFixed(1)}, first ${restores[0]!.toFixed(1)})`);
}

await main();
