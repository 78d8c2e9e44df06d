/**
 * Properties of the system programs over random sequences of unit jobs, signals and reads:
 * nothing throws, every PID on a host is unique, a unit runs exactly when it has a main
 * process in the table, and only running units listen.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, systemConfig, systemStart } from './system-fixture';
import { processTable } from '../../../src/sim/system/processes';
import { listeningSockets } from '../../../src/sim/system/sockets';
import { unitsOf } from '../../../src/sim/system/units';
import { isRunning } from '../../../src/sim/system/state';
import type { SimWorld } from '../../../src/sim/world';

const units = ['nginx', 'shop-app', 'cron', 'ssh', 'apparmor', 'frob', 'systemd-journald'];
const job = fc.tuple(fc.constantFrom('start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'enable', 'disable', 'mask', 'unmask', 'kill', 'status', 'is-active', 'show'), fc.constantFrom(...units)).map(([verb, unit]) => `sudo systemctl ${verb} ${unit}`);
const signal = fc.tuple(fc.constantFrom('', '-9 ', '-HUP ', '-USR1 ', '-QUIT ', '-STOP ', '-0 '), fc.constantFrom('nginx', 'node', 'rsync', 'cron', 'sshd', 'bash', 'systemd')).map(([sig, name]) => `sudo pkill ${sig}-x ${name}`);
const killPid = fc.tuple(fc.constantFrom('-9', '-TERM', '-HUP'), fc.integer({ min: 1, max: 1100 })).map(([sig, pid]) => `sudo kill ${sig} ${pid}`);
const read = fc.constantFrom('ps aux', 'ps -ef', 'top -b -n 1', 'free -h', 'df -h', 'journalctl -n 20', 'systemctl list-units --all', 'systemctl status', 'pgrep -a nginx', 'w', 'uptime', '+30', '+3600');
const step = fc.oneof(job, signal, killPid, read);

function checkHost(world: SimWorld, host: string): void {
  const state = world.hosts[host]!;
  const table = processTable(systemConfig, host, state, world.sessions, world.clock);
  const pids = table.map((p) => p.pid);
  expect(new Set(pids).size, `unique PIDs on ${host}`).toBe(pids.length);
  for (const def of unitsOf(systemConfig, host)) {
    const s = state.services[def.name];
    if (!s) continue;
    const inTable = s.pid !== null && pids.includes(s.pid);
    expect(isRunning(s) ? inTable : s.pid === null, `${def.name} on ${host}: running ⇔ its main process is in the table`).toBe(true);
    if (!isRunning(s)) expect(s.workers).toEqual([]);
    for (const w of s.workers) expect(pids).toContain(w);
  }
  for (const socket of listeningSockets(systemConfig, host, state)) expect(isRunning(state.services[socket.unit])).toBe(true);
}

describe('random unit jobs, signals and reads', () => {
  it('never throw, keep PIDs unique and a unit\'s state and processes in step', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (lines) => {
        const { steps, world } = run(['ssh web', ...lines]);
        for (const s of steps) {
          expect(s.notes.filter((n) => n.startsWith('The drill could not simulate'))).toEqual([]);
          expect(s.output.length).toBeLessThan(5_000);
        }
        checkHost(world, 'web');
        checkHost(world, 'laptop');
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('restarts hand out PIDs never in use on the host, however many there are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (n) => {
        const { world } = run(['ssh web', 'sudo -i', ...Array.from({ length: n }, (_, i) => `systemctl restart ${i % 2 ? 'nginx' : 'shop-app'}`)]);
        checkHost(world, 'web');
        expect(world.hosts.web!.services['nginx.service']!.active).toBe('active');
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('is deterministic: the same lines give the same world and output', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (lines) => {
        const a = run(['ssh web', ...lines], systemStart());
        const b = run(['ssh web', ...lines], systemStart());
        expect(b.steps.map((s) => s.output)).toEqual(a.steps.map((s) => s.output));
        expect(b.world).toEqual(a.world);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
