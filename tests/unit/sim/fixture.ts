/**
 * A small world for testing the simulation without any scenario: a laptop and two servers of a
 * made-up shop, no MySQL. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { submitLine, promptOf, type TerminalStep } from '../../../src/sim/terminal';

export const fixtureWorld: WorldSpec = {
  hosts: {
    laptop: {
      hostname: 'dev-laptop',
      login: 'ana',
      users: [{ name: 'ana', uid: 1000, groups: ['sudo'] }],
      files: [{ path: '/home/ana/notes.txt', owner: 'ana', content: ['buy milk', 'check the queue', 'Queue depth alarm at 14:02'] }],
      programs: ['nmap'],
    },
    app: {
      hostname: 'app-1',
      login: 'ana',
      users: [
        { name: 'ana', uid: 1001, groups: ['adm'] },
        { name: 'worker', uid: 999, shell: '/usr/sbin/nologin', home: '/srv/worker' },
      ],
      files: [
        { path: '/var/log/worker/worker.log', owner: 'worker', group: 'adm', mode: '640', content: ['2021-03-02 13:58:01 INFO started'], lines: [{ at: '14:02:10', text: '2021-03-02 14:02:10 ERROR queue full' }, { at: '14:06:00', text: '2021-03-02 14:06:00 ERROR queue still full' }] },
        { path: '/etc/worker.conf', mode: '600', content: 'threads=4\n' },
        { path: '/srv/worker', kind: 'dir', owner: 'worker' },
      ],
      programs: ['nginx'],
    },
    queue: {
      hostname: 'queue-1',
      login: 'ana',
      users: [{ name: 'ana', uid: 1001 }],
    },
  },
};

export const fixtureConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'laptop', name: 'dev-laptop', names: ['laptop'] },
    { id: 'app', name: 'app-1', names: ['app-1.shop.internal', '10.1.0.5'] },
    { id: 'queue', name: 'queue-1', names: ['queue-1.shop.internal', '10.1.0.9'] },
    { id: 'cloudflare-dns', name: 'one.one.one.one', names: ['1.1.1.1'], external: true },
  ],
  world: fixtureWorld,
};

/** 14:05 on the fixture's day. */
export const FIXTURE_START = 14 * 3600 + 5 * 60;

export function fixtureStart(): SimWorld {
  return createWorld(fixtureConfig, 'laptop', FIXTURE_START);
}

/** Types each line in turn; returns every step and the final world. */
export function typeLines(lines: readonly string[], world: SimWorld = fixtureStart(), config: SimConfig = fixtureConfig): { steps: TerminalStep[]; world: SimWorld; prompt: string } {
  const steps: TerminalStep[] = [];
  let current = world;
  for (const line of lines) {
    const step = submitLine(config, current, line);
    steps.push(step);
    current = step.world;
  }
  return { steps, world: current, prompt: promptOf(config, current) };
}

/** The output of the last of these lines. */
export function lastOutput(lines: readonly string[]): string {
  const { steps } = typeLines(lines);
  return steps[steps.length - 1]!.output.join('\n');
}
