/**
 * A small world for the text tools: one host of a made-up bakery with a web log, a CSV of
 * orders, numbers to sort, a compressed log, a tree to search with grep -r, and a file the
 * trainee may not read. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, type TerminalStep } from '../../../src/sim/terminal';

export const ACCESS_LOG = [
  '10.0.0.5 - - [02/Mar/2021:14:00:01 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/7.58.0"',
  '10.0.0.7 - - [02/Mar/2021:14:00:03 +0000] "GET /menu HTTP/1.1" 200 2048 "-" "Mozilla/5.0"',
  '10.0.0.5 - - [02/Mar/2021:14:00:09 +0000] "POST /order HTTP/1.1" 500 91 "-" "Mozilla/5.0"',
  '10.0.0.9 - - [02/Mar/2021:14:01:15 +0000] "GET /menu HTTP/1.1" 404 162 "-" "Mozilla/5.0"',
  '10.0.0.5 - - [02/Mar/2021:14:01:20 +0000] "POST /order HTTP/1.1" 500 91 "-" "Mozilla/5.0"',
  '10.0.0.7 - - [02/Mar/2021:14:02:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.18"',
];

export const APP_LOG = [
  '2021-03-02 13:58:01 INFO oven service started',
  '2021-03-02 13:59:30 INFO order 1001 accepted',
  '2021-03-02 14:00:09 ERROR order 1002 failed: payment gateway timeout',
  '2021-03-02 14:00:10 WARN retrying payment for order 1002',
  '2021-03-02 14:01:20 ERROR order 1003 failed: payment gateway timeout',
  '2021-03-02 14:01:21 INFO order 1004 accepted',
  '2021-03-02 14:02:00 error lowercase line for -i',
  '2021-03-02 14:03:00 INFO done',
];

export const textWorld: WorldSpec = {
  hosts: {
    shop: {
      hostname: 'bakery-1',
      login: 'sam',
      users: [
        { name: 'sam', uid: 1000, groups: ['adm', 'sudo'] },
        { name: 'www-data', uid: 33, home: '/var/www', shell: '/usr/sbin/nologin' },
      ],
      files: [
        { path: '/var/log/nginx/access.log', owner: 'www-data', group: 'adm', mode: '640', content: ACCESS_LOG },
        { path: '/var/log/bakery/app.log', owner: 'sam', content: APP_LOG },
        { path: '/var/log/bakery/app.log.1.gz', owner: 'sam', content: ['2021-03-01 23:59:59 ERROR yesterday failed', '2021-03-01 23:59:59 INFO yesterday ok'] },
        { path: '/home/sam/orders.csv', owner: 'sam', content: ['id,customer,item,qty,price', '1001,ana,croissant,2,1.50', '1002,bo,baguette,1,2.10', '1003,cy,croissant,12,1.50', '1004,ana,eclair,3,2.75', '1005,dee,baguette,2,2.10'] },
        { path: '/home/sam/numbers.txt', owner: 'sam', content: ['10', '9', '100', '-3', '2.5', '9', '1K', '2M', ''] },
        { path: '/home/sam/words.txt', owner: 'sam', content: ['banana', 'Apple', 'cherry', 'apple', 'banana', 'banana', 'Cherry'] },
        { path: '/home/sam/noeol.txt', owner: 'sam', content: 'first\nsecond' },
        { path: '/home/sam/empty.txt', owner: 'sam', content: '' },
        { path: '/home/sam/tabs.txt', owner: 'sam', content: ['a\tb\tc', 'dd\teee\tf'] },
        { path: '/home/sam/versions.txt', owner: 'sam', content: ['app-1.10.0', 'app-1.2.0', 'app-1.9.3'] },
        { path: '/srv/site/index.html', content: ['<html>', '<title>Bakery</title>', '</html>'] },
        { path: '/srv/site/conf/site.conf', content: ['listen 80;', 'server_name bakery.example;'] },
        { path: '/srv/site/conf/old.conf.bak', content: ['listen 8080;'] },
        { path: '/root/secret.txt', mode: '600', content: ['token=abc'] },
      ],
    },
  },
};

export const textConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [{ id: 'shop', name: 'bakery-1', names: ['bakery-1.internal', '10.0.0.2'] }],
  world: textWorld,
};

export function textStart(): SimWorld {
  return createWorld(textConfig, 'shop', 14 * 3600 + 10 * 60);
}

/** Runs lines in order on a fresh world; returns every step. */
export function runText(lines: readonly string[]): TerminalStep[] {
  let world = textStart();
  const steps: TerminalStep[] = [];
  for (const line of lines) {
    const step = submitLine(textConfig, world, line);
    steps.push(step);
    world = step.world;
  }
  return steps;
}

/** The terminal output of one command line on a fresh world, lines joined with `\n`. */
export function out(line: string): string {
  return runText([line])[0]!.output.join('\n');
}

/** The exit status of one command line (read back through `echo $?`). */
export function status(line: string): number {
  const steps = runText([line, 'echo $?']);
  return Number(steps[1]!.output.join(''));
}
