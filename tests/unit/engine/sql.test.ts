// @vitest-environment node
/** SQL at the mysql> prompt answers like the MySQL 8.0 client would. */
import { describe, expect, it } from 'vitest';
import { mysqlServers } from '../../../src/engine/simConfig';
import { mysqlWipe, on, play, text } from './support';

/** Opens the client on a server without choosing a database, then types the statements. */
const mysqlOn = (server: 'db-master' | 'db-replica', ...sql: string[]) => on(server, 'mysql -u intern -p', ...sql);

describe('at the mysql> prompt on db-master', () => {
  it('SHOW DATABASES lists the server’s databases', () => {
    const { last } = play(mysqlOn('db-master', 'SHOW DATABASES;'));
    expect(last.actions).toEqual(['show-databases']);
    for (const db of mysqlServers(mysqlWipe).find((h) => h.id === 'db-master')!.databases) expect(text(last)).toContain(`| ${db}`);
  });

  it('USE tunistocks changes the database', () => {
    const { last, world } = play(mysqlOn('db-master', 'USE tunistocks;'));
    // With auto-rehash on (no -A), the client reads the table names first, and says so.
    expect(last.output).toEqual(['Reading table information for completion of table and column names', 'You can turn off this feature to get a quicker startup with -A', '', 'Database changed']);
    expect(world.db).toBe('tunistocks');
  });

  it('SHOW TABLES needs a database, then lists its tables', () => {
    expect(play(mysqlOn('db-master', 'SHOW TABLES;')).last.output[0]).toMatch(/^ERROR 1046 \(3D000\): No database selected/);
    const { last } = play(mysqlOn('db-master', 'USE tunistocks;', 'SHOW TABLES;'));
    expect(text(last)).toContain('| Tables_in_tunistocks |');
    expect(text(last)).toContain('| users ');
  });

  it('SELECT COUNT(*) FROM users is 0 on the wiped master, and that is noticed', () => {
    const { last, world } = play(mysqlOn('db-master', 'USE tunistocks;', 'SELECT COUNT(*) FROM users;'));
    expect(last.actions).toEqual(['count-master']);
    expect(text(last)).toContain('|        0 |');
    expect(world.facts.noDataSeen).toBe(true);
  });

  it('accepts lower case and a schema-qualified table', () => {
    const { last } = play(mysqlOn('db-master', 'select count(*) from tunistocks.users;'));
    expect(last.actions).toEqual(['count-master']);
    expect(text(last)).toContain('|        0 |');
  });

  it('without a semicolon the client waits for the rest (->), and the ; on the next line runs it', () => {
    const { steps } = play(mysqlOn('db-master', 'select count(*) from tunistocks.users', ';'));
    const [waiting, ran] = steps.slice(-2);
    expect(waiting!.output).toEqual([]);
    expect(waiting!.actions).toEqual([]);
    expect(ran!.prompt).toBe('    ->');
    expect(ran!.actions).toEqual(['count-master']);
    expect(text(ran!)).toContain('|        0 |');
  });

  it('market data was not tied to the deleted programme and survived', () => {
    expect(text(play(mysqlOn('db-master', 'USE tunistocks;', 'SELECT COUNT(*) FROM stocks;')).last)).toContain('|       81 |');
  });

  it('an unknown database is ERROR 1049, and the database does not change', () => {
    const { last, world } = play(mysqlOn('db-master', 'USE tunistocks;', 'USE tunistock;'));
    expect(last.output).toEqual(["ERROR 1049 (42000): Unknown database 'tunistock'"]);
    expect(last.actions).toEqual([]);
    expect(world.db).toBe('tunistocks');
  });

  it('an unknown database on the command line is ERROR 1049 and the client does not open', () => {
    const { last, world } = play(on('db-master', 'mysql -u intern -p nosuchdb'));
    expect(last.output).toEqual(['Enter password: ', "ERROR 1049 (42000): Unknown database 'nosuchdb'"]);
    expect(world.mode).toBe('shell');
  });

  it('bad SQL is ERROR 1064, quoting what was typed', () => {
    const { last } = play(mysqlOn('db-master', 'SELEC * FORM users;'));
    expect(last.output[0]).toMatch(/^ERROR 1064 \(42000\): You have an error in your SQL syntax; .* near 'SELEC \* FORM users' at line 1$/);
    expect(last.actions).toEqual([]);
  });

  it('shell commands are not SQL', () => {
    expect(play(mysqlOn('db-master', 'ls -la;')).last.output[0]).toMatch(/^ERROR 1064 \(42000\): .* near 'ls -la' at line 1$/);
  });

  it('changes the database with USE and runs what follows on the same line', () => {
    const { last } = play(mysqlOn('db-replica', 'USE tunistocks; SELECT COUNT(*) FROM users;'));
    expect(last.output).toContain('Database changed');
    expect(last.output.indexOf('Database changed')).toBeLessThan(last.output.indexOf('| COUNT(*) |'));
    expect(last.actions).toContain('count-replica');
  });

  it('runs several statements typed on one line, in order', () => {
    const { last } = play(mysqlOn('db-master', 'SHOW TABLES FROM tunistocks; SELECT COUNT(*) FROM tunistocks.users;'));
    expect(last.output[1]).toBe('| Tables_in_tunistocks |');
    expect(last.output.indexOf('| Tables_in_tunistocks |')).toBeLessThan(last.output.indexOf('| COUNT(*) |'));
    expect(last.actions).toEqual(['show-tables', 'count-master']);
    const costs = ['show-tables', 'count-master'].map((id) => mysqlWipe.actions.find((a) => a.id === id)!.minutes * 60);
    expect(last.clock - last.startClock).toBe(costs.reduce((a, b) => a + b, 0));
  });

  it('SHOW SLAVE STATUS\\G on the master says it is the source', () => {
    const { last } = play(mysqlOn('db-master', 'SHOW SLAVE STATUS\\G'));
    expect(last.actions).toEqual(['replica-status']);
    expect(last.output[0]).toMatch(/^Empty set/);
  });

  it('help lists what is useful here', () => {
    expect(play(mysqlOn('db-master', 'help')).last.actions).toEqual(['sql-help']);
  });
});

describe('at the mysql> prompt on db-replica', () => {
  it('SELECT COUNT(*) FROM users is not 0: the replica still has the data', () => {
    const { last, world } = play(mysqlOn('db-replica', 'SELECT COUNT(*) FROM tunistocks.users;'));
    expect(last.actions).toEqual(['count-replica']);
    expect(text(last)).toMatch(/^\|\s+[1-9]\d* \|$/m);
    expect(world.facts.replicaChecked).toBe(true);
  });

  it('SHOW SLAVE STATUS\\G shows the one-hour delay, vertically', () => {
    const { last } = play(mysqlOn('db-replica', 'SHOW SLAVE STATUS\\G'));
    expect(last.output[0]).toMatch(/^\*+ 1\. row \*+$/);
    expect(text(last)).toMatch(/SQL_Delay: 3600/);
    expect(text(last)).toMatch(/Slave_SQL_Running: Yes/);
  });

  it('SHOW REPLICA STATUS is a syntax error: MySQL 8.0.19 predates that spelling (8.0.22)', () => {
    expect(play(mysqlOn('db-replica', 'SHOW REPLICA STATUS;')).last.output).toEqual([
      "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'REPLICA STATUS' at line 1",
    ]);
  });

  it('after STOP SLAVE SQL_THREAD the status shows the SQL thread stopped', () => {
    const { last } = play(mysqlOn('db-replica', 'STOP SLAVE SQL_THREAD;', 'SHOW SLAVE STATUS\\G'));
    expect(text(last)).toMatch(/Slave_SQL_Running: No/);
  });
});

describe('leaving the mysql> prompt', () => {
  it.each(['exit', 'quit', '\\q', 'EXIT;', 'quit;'])('%s says Bye and returns to the shell of the same host', (line) => {
    const { steps, world } = play(mysqlOn('db-master', line, 'hostname'));
    expect(steps[steps.length - 2]!.output).toEqual(['Bye']);
    expect(world.mode).toBe('shell');
    expect(world.mysqlHost).toBeNull();
    expect(steps[steps.length - 1]!.prompt).toBe('intern@db-master:~$');
    expect(steps[steps.length - 1]!.output).toEqual(['db-master']);
  });

  it('statements after exit on the same line are not run', () => {
    const { last } = play(mysqlOn('db-master', 'exit; SHOW DATABASES;'));
    expect(last.output).toEqual(['Bye']);
    expect(last.actions).toEqual([]);
  });

  it('the next exit leaves the server', () => {
    const { world } = play(mysqlOn('db-master', 'exit', 'exit'));
    expect(world.hostStack).toEqual(['laptop']);
  });
});
