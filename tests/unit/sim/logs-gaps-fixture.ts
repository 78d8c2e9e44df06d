/**
 * A made-up pair of hosts for the log and account gaps: a web server (nginx, whose access log
 * repeats a health check and a page) and a database server (MySQL 8.0.19 as a unit), both up
 * for two days, on Tuesday 2 March 2021 at 10:40. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, advanceTo, type TerminalStep } from '../../../src/sim/terminal';

export const logsWorld: WorldSpec = {
  hosts: {
    web: {
      hostname: 'tea-web',
      login: 'kim',
      users: [{ name: 'kim', uid: 1000, groups: ['adm', 'sudo'], gecos: 'Kim Park,,,' }],
      programs: ['nginx'],
      network: { addresses: ['10.4.0.5'] },
      files: [
        { path: '/var/log/nginx', kind: 'dir', owner: 'root', group: 'adm', mode: '755', mtime: '06:25:01' },
        {
          path: '/var/log/nginx/access.log',
          owner: 'www-data',
          group: 'adm',
          mode: '640',
          mtime: '06:25:01',
          content: '',
          repeat: [
            { from: '07:00:05', until: '10:30:05', every: 600, text: '10.4.0.2 - - [{{time:%d/%b/%Y:%H:%M:%S}} +0000] "GET /health HTTP/1.1" 200 2 "-" "curl/7.58.0"' },
            { from: '09:10:00', until: '10:30:00', every: 1800, text: '10.4.0.9 - - [{{time:%d/%b/%Y:%H:%M:%S}} +0000] "GET /menu HTTP/1.1" 500 177 "-" "Mozilla/5.0"' },
          ],
        },
      ],
      system: {
        uptimeSeconds: 2 * 86400 + 3600,
        nextPid: 9000,
        units: [{ name: 'nginx.service', pid: 700, listen: ['0.0.0.0:80'] }],
      },
    },
    db: {
      hostname: 'tea-db',
      login: 'kim',
      users: [{ name: 'kim', uid: 1000, groups: ['adm', 'sudo'] }],
      network: { addresses: ['10.4.0.7'] },
      mysql: { serverId: 1, startedAt: '2021-02-28 09:41:00', accounts: [{ user: 'root', host: 'localhost', plugin: 'auth_socket', grants: ['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'] }] },
      system: {
        uptimeSeconds: 2 * 86400 + 3600,
        nextPid: 12000,
        units: [{ name: 'mysql.service', pid: 1010, listen: ['0.0.0.0:3306'] }],
      },
    },
  },
};

export const logsConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'web', name: 'tea-web', names: ['web', '10.4.0.5'] },
    { id: 'db', name: 'tea-db', names: ['db', '10.4.0.7'] },
  ],
  world: logsWorld,
};

/** 10:40 on the fixture's day (a Tuesday). */
export const LOGS_START = 10 * 3600 + 40 * 60;

export function logsStart(host = 'web'): SimWorld {
  return createWorld(logsConfig, host, LOGS_START);
}

/** A fixture's typing helpers: `run` types each line in turn (`+N` alone on a line lets N seconds pass), `out` gives the last line's output, joined. */
export function typist(config: SimConfig, start: () => SimWorld) {
  function run(lines: readonly string[], world: SimWorld = start()): { steps: TerminalStep[]; world: SimWorld } {
    const steps: TerminalStep[] = [];
    let current = world;
    for (const line of lines) {
      const wait = /^\+(\d+)$/.exec(line);
      if (wait) {
        current = advanceTo(config, current, current.clock + Number(wait[1]));
        continue;
      }
      const step = submitLine(config, current, line);
      steps.push(step);
      current = step.world;
    }
    return { steps, world: current };
  }
  function out(lines: readonly string[], world?: SimWorld): string {
    const { steps } = run(lines, world);
    return steps[steps.length - 1]!.output.join('\n');
  }
  return { run, out };
}

export const { run, out } = typist(logsConfig, () => logsStart());
