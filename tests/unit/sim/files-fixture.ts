/**
 * A small world for the file programs' tests: a workstation and two servers of a made-up
 * weather service, with files of every kind (text, empty, executable, hidden, a name with a
 * space, a link, a gzip log, a log that grows, private directories). Nothing here is from the
 * drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, promptOf, type TerminalStep } from '../../../src/sim/terminal';

export const filesWorld: WorldSpec = {
  hosts: {
    desk: {
      hostname: 'desk',
      login: 'kim',
      users: [{ name: 'kim', uid: 1000, groups: ['sudo'] }],
      files: [
        { path: '/home/kim/report.txt', owner: 'kim', content: ['rain at noon', 'wind 12 km/h', 'sunny later'], mtime: '2022-06-14T08:15:00' },
        { path: '/home/kim/my notes.txt', owner: 'kim', content: 'call the lab\n', mtime: '2022-06-13T17:40:00' },
        { path: '/home/kim/run.sh', owner: 'kim', mode: '755', content: ['#!/bin/bash', 'echo forecast'], mtime: '2022-05-30T11:00:00' },
        { path: '/home/kim/empty.txt', owner: 'kim', content: '', mtime: '2022-06-14T09:00:00' },
        { path: '/home/kim/latest', kind: 'link', target: 'report.txt', owner: 'kim', mtime: '2022-06-14T08:16:00' },
        { path: '/home/kim/old.log.gz', owner: 'kim', content: ['2022-06-01 ok', '2022-06-02 ok', '2022-06-03 late'], mtime: '2022-06-04T00:00:00' },
        { path: '/home/kim/data', kind: 'dir', owner: 'kim', mtime: '2022-06-10T10:00:00' },
        { path: '/home/kim/data/temps.csv', owner: 'kim', content: ['day,max', 'mon,21', 'tue,24'], mtime: '2022-06-10T10:00:00' },
        { path: '/home/kim/data/2021', kind: 'dir', owner: 'kim', mtime: '2021-12-31T23:00:00' },
        { path: '/home/kim/data/2021/temps.csv', owner: 'kim', content: ['day,max', 'mon,9'], mtime: '2021-12-31T23:00:00' },
        { path: '/home/kim/.secret', owner: 'kim', mode: '600', content: 'token=abc\n', mtime: '2022-06-01T12:00:00' },
        { path: '/opt/vault', kind: 'dir', owner: 'root', mode: '700', mtime: '2022-01-01T00:00:00' },
        { path: '/opt/vault/key', owner: 'root', mode: '600', content: 'k\n', mtime: '2022-01-01T00:00:00' },
        { path: '/srv/shared', kind: 'dir', owner: 'root', mode: '1777', mtime: '2022-06-14T07:00:00' },
        { path: '/srv/shared/theirs.txt', owner: 'root', content: 'not yours\n', mtime: '2022-06-14T07:00:00' },
      ],
    },
    web: {
      hostname: 'web-7',
      login: 'kim',
      users: [{ name: 'kim', uid: 1001, groups: ['adm'] }],
      files: [
        {
          path: '/var/log/nginx/access.log',
          owner: 'www-data',
          group: 'adm',
          mode: '640',
          content: ['10.0.0.5 - - [14/Jun/2022:09:00:01 +0000] "GET / HTTP/1.1" 200 612'],
          lines: [{ at: '09:40:00', text: '10.0.0.5 - - [14/Jun/2022:09:40:00 +0000] "GET /radar HTTP/1.1" 200 2048' }],
          mtime: '2022-06-14T09:00:01',
        },
        { path: '/var/log/nginx/error.log', owner: 'www-data', group: 'adm', mode: '640', content: '', mtime: '2022-06-13T06:25:00' },
        { path: '/etc/nginx/nginx.conf', content: ['user www-data;', 'worker_processes auto;'], mtime: '2022-03-01T10:00:00' },
        { path: '/var/www/html/index.html', owner: 'www-data', content: ['<!DOCTYPE html>', '<html><body>forecast</body></html>'], mtime: '2022-06-01T09:00:00' },
        { path: '/srv/app/config.yml', mode: '600', content: 'db: weather\n', mtime: '2022-06-01T09:00:00' },
        { path: '/var/lib/app/cache.db', owner: 'www-data', size: 1536000, mtime: '2022-06-14T09:29:00' },
      ],
    },
    store: {
      hostname: 'store-2',
      login: 'kim',
      users: [{ name: 'kim', uid: 1001 }],
      files: [{ path: '/backup/readme', content: 'backups go here\n', mtime: '2022-06-01T00:00:00' }],
    },
  },
};

export const filesConfig: SimConfig = {
  date: '2022-06-14',
  timezone: 'UTC',
  hosts: [
    { id: 'desk', name: 'desk', names: ['desk.wx.internal', '10.2.0.2'] },
    { id: 'web', name: 'web-7', names: ['web-7.wx.internal', '10.2.0.7'] },
    { id: 'store', name: 'store-2', names: ['store-2.wx.internal', '10.2.0.9'] },
    { id: 'mirror', name: 'mirror.example.org', names: ['203.0.113.9'], external: true },
  ],
  world: filesWorld,
};

/** 09:30 on the fixture's day. */
export const FILES_START = 9 * 3600 + 30 * 60;

export function filesStart(): SimWorld {
  return createWorld(filesConfig, 'desk', FILES_START);
}

/** Types each line in turn on the workstation; returns every step and the final world. */
export function run(lines: readonly string[], world: SimWorld = filesStart()): { steps: TerminalStep[]; world: SimWorld; prompt: string } {
  const steps: TerminalStep[] = [];
  let current = world;
  for (const line of lines) {
    const step = submitLine(filesConfig, current, line);
    steps.push(step);
    current = step.world;
  }
  return { steps, world: current, prompt: promptOf(filesConfig, current) };
}

/** What the last line printed (stdout and stderr as the terminal shows them). */
export function output(...lines: string[]): string {
  const { steps } = run(lines);
  return steps[steps.length - 1]!.output.join('\n');
}

/** The drill's notes for the last line. */
export function notes(...lines: string[]): string[] {
  const { steps } = run(lines);
  return steps[steps.length - 1]!.notes;
}
