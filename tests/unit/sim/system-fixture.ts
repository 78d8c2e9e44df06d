/**
 * A small world for the system programs (systemctl, journalctl, ps, free…): a made-up shop with
 * a web server (nginx and a Node app), a database server (MySQL, where the trainee is no sudoer),
 * a load balancer (HAProxy) and a laptop. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, promptOf, advanceTo, type TerminalStep } from '../../../src/sim/terminal';

export const systemWorld: WorldSpec = {
  hosts: {
    laptop: {
      hostname: 'dev-laptop',
      login: 'ana',
      users: [{ name: 'ana', uid: 1000, groups: ['sudo'], gecos: 'Ana Lopez,,,' }],
      network: { addresses: ['10.9.0.6'] },
    },
    web: {
      hostname: 'shop-web',
      login: 'ana',
      users: [
        { name: 'ana', uid: 1001, groups: ['adm', 'sudo'] },
        { name: 'shop', uid: 998, shell: '/usr/sbin/nologin', home: '/srv/shop' },
      ],
      programs: ['nginx'],
      network: { addresses: ['10.1.0.5'] },
      files: [
        { path: '/etc/nginx/nginx.conf', content: ['user www-data;', 'worker_processes auto;', 'pid /run/nginx.pid;', '', 'events {', '\tworker_connections 768;', '}', '', 'http {', '\tinclude /etc/nginx/mime.types;', '\tinclude /etc/nginx/sites-enabled/*;', '}'] },
        { path: '/etc/nginx/sites-enabled/shop', content: ['server {', '\tlisten 80 default_server;', '\tlocation / {', '\t\tproxy_pass http://127.0.0.1:8000;', '\t}', '}'] },
      ],
      system: {
        uptimeSeconds: 3 * 86400 + 4 * 3600 + 7 * 60,
        cpus: 2,
        load: [0.15, 0.1, 0.05],
        memory: { total: '3.8G', used: '1.3G', buffCache: '1.6G', shared: '12M' },
        disks: [{ device: '/dev/vda1', mount: '/', size: '39G', used: '12G' }],
        units: [
          { name: 'nginx.service', pid: 640, listen: ['0.0.0.0:80', ':::80'], since: '2021-02-27T09:58:31' },
          {
            name: 'shop-app.service',
            kind: 'app',
            description: 'Shop storefront',
            execStart: '/usr/bin/node /srv/shop/server.js',
            user: 'shop',
            pid: 702,
            memory: '96M',
            listen: ['127.0.0.1:8000'],
            since: '2021-02-27T09:58:33',
            identifier: 'shop-app',
            journal: [
              { at: '2021-02-27T09:58:34', text: 'listening on 127.0.0.1:8000' },
              { at: '13:59:40', text: 'ERROR GET /cart 502 - upstream timeout', priority: 3 },
              { at: '14:02:11', text: 'WARN slow query 2300ms', priority: 4 },
            ],
            journalRepeat: [{ from: '14:00', every: 120, text: 'WARN pool exhausted, waiting', priority: 4 }],
            startLog: ['listening on 127.0.0.1:8000'],
          },
        ],
        processes: [{ command: '/usr/bin/rsync -a /srv/shop/media/ /backup/media/', user: 'root', pid: 3950, unit: 'cron.service', started: '13:58' }],
      },
    },
    db: {
      hostname: 'shop-db',
      login: 'ana',
      users: [{ name: 'ana', uid: 1001, groups: ['adm'] }],
      system: {
        uptimeSeconds: 40 * 86400 + 5 * 3600,
        cpus: 4,
        memory: { total: '15.6G', used: '9.2G', buffCache: '5.9G' },
        swap: { total: '2G', used: '0' },
        disks: [
          { device: '/dev/sda1', mount: '/', size: '48G', used: '9.1G' },
          { device: '/dev/sdb1', mount: '/var/lib/mysql', size: '200G', used: '61G' },
        ],
        units: [{ name: 'mysql.service', pid: 1123, listen: ['0.0.0.0:3306', { address: ':::33060', backlog: 70 }], memory: '6.1G' }],
        processes: [{ command: '/bin/sh -c /usr/local/bin/backup.sh', user: 'root', pid: 4410, unit: 'cron.service', started: '14:00' }],
      },
    },
    lb: {
      hostname: 'shop-lb',
      login: 'ana',
      users: [{ name: 'ana', uid: 1001, groups: ['sudo'] }],
      programs: ['haproxy'],
      files: [{ path: '/etc/haproxy/haproxy.cfg', content: ['global', '\tdaemon', '', 'defaults', '\tmode http', '\ttimeout connect 5s', '\ttimeout client 30s', '\ttimeout server 30s', '', 'frontend www', '\tbind *:80', '\tdefault_backend web', '', 'backend web', '\tserver web1 10.1.0.5:80 check'] }],
      system: { units: [{ name: 'haproxy.service', pid: 733, workerPids: [735], listen: ['0.0.0.0:80'], journal: [{ at: '14:01:10', text: '10.9.0.6:51044 [02/Mar/2021:14:01:10.311] www web/web1 0/0/1/2/3 200 512 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"' }] }] },
    },
  },
};

export const systemConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'laptop', name: 'dev-laptop', names: ['laptop'] },
    { id: 'web', name: 'shop-web', names: ['web', '10.1.0.5'] },
    { id: 'db', name: 'shop-db', names: ['db', '10.1.0.7'] },
    { id: 'lb', name: 'shop-lb', names: ['lb', '10.1.0.2'] },
  ],
  world: systemWorld,
};

/** 14:05 on the fixture's day (a Tuesday). */
export const SYSTEM_START = 14 * 3600 + 5 * 60;

export function systemStart(host = 'laptop'): SimWorld {
  return createWorld(systemConfig, host, SYSTEM_START);
}

/** Types each line in turn; `+N` alone on a line lets N seconds pass. */
export function run(lines: readonly string[], world: SimWorld = systemStart()): { steps: TerminalStep[]; world: SimWorld; prompt: string } {
  const steps: TerminalStep[] = [];
  let current = world;
  for (const line of lines) {
    const wait = /^\+(\d+)$/.exec(line);
    if (wait) {
      current = advanceTo(systemConfig, current, current.clock + Number(wait[1]));
      continue;
    }
    const step = submitLine(systemConfig, current, line);
    steps.push(step);
    current = step.world;
  }
  return { steps, world: current, prompt: promptOf(systemConfig, current) };
}

/** The output of the last line, joined. */
export function out(lines: readonly string[], world?: SimWorld): string {
  const { steps } = run(lines, world);
  return steps[steps.length - 1]!.output.join('\n');
}
