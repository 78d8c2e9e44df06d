/**
 * mysqladmin 8.0.19: ping, status, version, processlist, variables, extended-status,
 * flush-logs, flush-privileges, kill, create, and the connection errors it prints in its own way.
 */
import { threadCounts } from './processlist';
import type { ProgramContext } from '../process';
import { CONNECTION_OPTIONS, parseOptions, switchOn, type OptionDef } from './options';
import { planLogin } from './login';
import { connect } from './connect';
import { executeStatement } from './execute';
import { tableLines, uptimeText } from './format';
import { factsOf, nowOf, serverOf, startedAt } from './server';
import type { MysqlSession } from './session';

const OPTIONS: readonly OptionDef[] = [
  ...CONNECTION_OPTIONS,
  { long: 'force', short: 'f', arg: 'none' },
  { long: 'silent', short: 's', arg: 'none' },
  { long: 'sleep', short: 'i', arg: 'required' },
  { long: 'count', short: 'c', arg: 'required' },
  { long: 'relative', short: 'r', arg: 'none' },
  { long: 'vertical', short: 'E', arg: 'none' },
  { long: 'wait', short: 'w', arg: 'optional' },
];

const VERSION = 'mysqladmin  Ver 8.0.19 for Linux on x86_64 (MySQL Community Server - GPL)';

function statusLine(ctx: ProgramContext, session: MysqlSession): string {
  const server = serverOf(ctx.sys.draft, session.host)!;
  const up = Math.max(0, nowOf(ctx.sys.draft) - startedAt(ctx.sys.draft, server));
  const q = server.state.questions;
  // mysql_stat's Threads: every thread of the processlist (the event scheduler and this connection included).
  return `Threads: ${threadCounts(ctx.sys.draft, server, session).all}  Questions: ${q}  Slow queries: 0  Opens: 214  Flush tables: 3  Open tables: 140  Queries per second avg: ${(up ? q / up : 0).toFixed(3)}`;
}

function mysqladminMain(ctx: ProgramContext): number {
  const parsed = parseOptions('mysqladmin', ctx.argv.slice(1), OPTIONS);
  if (!parsed.ok) {
    ctx.err(parsed.message);
    return 1;
  }
  const o = parsed.options;
  if (switchOn(o, 'version') && o.positional.length === 0) {
    ctx.out(VERSION);
    return 0;
  }
  const commands = o.positional;
  if (switchOn(o, 'help') || commands.length === 0) {
    ctx.out(VERSION);
    ctx.out('Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.');
    ctx.out('');
    ctx.out('Administration program for the mysqld daemon.');
    ctx.out('Usage: mysqladmin [OPTIONS] command command....');
    return commands.length === 0 && !switchOn(o, 'help') ? 1 : 0;
  }
  const plan = planLogin(ctx, 'mysqladmin', o, null);
  for (const line of plan.before) ctx.err(line);
  const connected = connect(ctx.sys.draft, { ...plan.request, database: null });
  const where = plan.request.host ?? 'localhost';
  if (!connected.ok) {
    if (commands[0] === 'ping' && connected.error.code === 1045) {
      // ping answers "alive" even when the login fails: the server did answer.
      ctx.out('mysqld is alive');
      return 0;
    }
    ctx.err(`mysqladmin: connect to server at '${where}' failed`);
    ctx.err(`error: '${connected.error.message}'`);
    if (connected.error.code === 2002) ctx.err("Check that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!");
    return 1;
  }
  let session = connected.session;
  const run = (sql: string) => {
    const outcome = executeStatement(ctx.sys.draft, session, sql);
    session = outcome.session;
    return outcome.result;
  };
  for (let i = 0; i < commands.length; i += 1) {
    const command = commands[i]!.toLowerCase();
    switch (command) {
      case 'ping':
        ctx.out('mysqld is alive');
        break;
      case 'status':
        ctx.out(`Uptime: ${Math.max(0, nowOf(ctx.sys.draft) - startedAt(ctx.sys.draft, serverOf(ctx.sys.draft, session.host)!))}  ${statusLine(ctx, session)}`);
        break;
      case 'version': {
        const server = serverOf(ctx.sys.draft, session.host)!;
        const up = Math.max(0, nowOf(ctx.sys.draft) - startedAt(ctx.sys.draft, server));
        for (const line of [VERSION, 'Copyright (c) 2000, 2020, Oracle and/or its affiliates. All rights reserved.', '', 'Oracle is a registered trademark of Oracle Corporation and/or its', 'affiliates. Other names may be trademarks of their respective', 'owners.', '', `Server version\t\t${factsOf(ctx.sys.draft, server).version}`, 'Protocol version\t10', session.tcp ? `Connection\t\t${where} via TCP/IP` : 'Connection\t\tLocalhost via UNIX socket', session.tcp ? `TCP port\t\t${factsOf(ctx.sys.draft, server).port}` : 'UNIX socket\t\t/var/run/mysqld/mysqld.sock', `Uptime:\t\t\t${uptimeText(up)}`, '', statusLine(ctx, session)]) ctx.out(line);
        break;
      }
      case 'processlist':
      case 'variables':
      case 'extended-status': {
        const result = run(command === 'processlist' ? 'SHOW PROCESSLIST' : command === 'variables' ? 'SHOW GLOBAL VARIABLES' : 'SHOW GLOBAL STATUS');
        if (result.kind === 'error') {
          ctx.err(`mysqladmin: ${command} failed; error: '${result.error.message}'`);
          return 1;
        }
        if (result.kind === 'rows') for (const line of tableLines(result.result)) ctx.out(line);
        break;
      }
      case 'flush-logs':
      case 'flush-privileges':
      case 'flush-tables':
      case 'flush-status':
      case 'flush-hosts':
      case 'refresh':
      case 'reload': {
        const result = run(command === 'flush-logs' || command === 'refresh' ? 'FLUSH LOGS' : command === 'flush-privileges' || command === 'reload' ? 'FLUSH PRIVILEGES' : `FLUSH ${command.slice(6).toUpperCase()}`);
        if (result.kind === 'error') {
          ctx.err(`mysqladmin: refresh failed; error: '${result.error.message}'`);
          return 1;
        }
        break;
      }
      case 'kill': {
        const ids = (commands[i + 1] ?? '').split(',').filter((x) => x !== '');
        i += 1;
        for (const id of ids) {
          const result = run(`KILL ${Number(id)}`);
          if (result.kind === 'error') ctx.err(`mysqladmin: kill failed on ${id}; error: '${result.error.message}'`);
        }
        break;
      }
      case 'create': {
        const name = commands[i + 1] ?? '';
        i += 1;
        const result = run(`CREATE DATABASE \`${name.replace(/`/g, '``')}\``);
        if (result.kind === 'error') {
          ctx.err(`mysqladmin: CREATE DATABASE failed; error: '${result.error.message}'`);
          return 1;
        }
        break;
      }
      case 'drop': {
        const name = commands[i + 1] ?? '';
        i += 1;
        if (!switchOn(o, 'force')) {
          ctx.out('Dropping the database is potentially a very bad thing to do.');
          ctx.out('Any data stored in the database will be destroyed.');
          ctx.out('');
          ctx.out(`Do you really want to drop the '${name}' database [y/N] `);
          ctx.note('Not simulated in this drill: answering mysqladmin\'s question; it took N. Use -f, or DROP DATABASE in mysql.');
          ctx.out(`Database "${name}" not dropped`);
          break;
        }
        const result = run(`DROP DATABASE \`${name.replace(/`/g, '``')}\``);
        if (result.kind === 'error') {
          ctx.err(`mysqladmin: DROP DATABASE ${name} failed;`);
          ctx.err(`error: '${result.error.message}'`);
          return 1;
        }
        ctx.out(`Database "${name}" dropped`);
        break;
      }
      case 'start-slave':
      case 'stop-slave': {
        const result = run(command === 'start-slave' ? 'START SLAVE' : 'STOP SLAVE');
        if (result.kind === 'error') {
          ctx.err(`mysqladmin: Error ${command === 'start-slave' ? 'starting' : 'stopping'} slave: ${result.error.message}`);
          return 1;
        }
        ctx.out(`Slave ${command === 'start-slave' ? 'started' : 'stopped'}`);
        break;
      }
      case 'shutdown':
        ctx.note('Not simulated in this drill: mysqladmin shutdown; stop the server with systemctl.');
        break;
      case 'password':
        ctx.note('Not simulated in this drill: mysqladmin password; use ALTER USER in mysql.');
        i += 1;
        break;
      default:
        ctx.err(`mysqladmin: Unknown command: '${commands[i]}'`);
        return 1;
    }
  }
  return 0;
}

export const mysqladminProgram = { main: mysqladminMain };
