// @vitest-environment node
/**
 * The systemd unit machine without React or a world: each event from each resting state, the
 * state it settles in and the effects it asks lifecycle.ts to perform, in order.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { unitMachine, unitSnapshot, unitStateValue, type UnitEvent, type UnitFacts } from '../../../src/sim/machines/unit';

const nginx: UnitFacts = { name: 'nginx.service', kind: 'nginx', execReload: ['/usr/sbin/nginx -s reload'], exitedAtBoot: false, restart: 'no' };
const app: UnitFacts = { name: 'app.service', kind: 'app', execReload: [], exitedAtBoot: false, restart: 'always' };
const oneshot: UnitFacts = { name: 'ufw.service', kind: 'base', execReload: [], exitedAtBoot: true, restart: 'no' };

const RUNNING = { active: 'active', pid: 812 } as const;
const INACTIVE = { active: 'inactive', pid: null } as const;
const FAILED = { active: 'failed', pid: null } as const;

function step(unit: UnitFacts, from: { active: 'active' | 'inactive' | 'failed'; pid: number | null }, event: UnitEvent) {
  const machine = unitMachine(unit);
  const [next, actions] = transition(machine, unitSnapshot(machine, from), event);
  const effects = actions.filter((a) => a.type !== 'begin').map((a) => (a.params ? `${a.type}(${Object.values(a.params as object).join()})` : a.type));
  return { value: next.value, effects };
}

describe('reading a unit’s state from the world', () => {
  it('maps systemd’s words to the machine’s resting states', () => {
    expect(unitStateValue(RUNNING)).toEqual({ active: 'running' });
    expect(unitStateValue({ active: 'active', pid: null })).toEqual({ active: 'exited' });
    expect(unitStateValue({ active: 'reloading', pid: 9 })).toEqual({ active: 'running' });
    expect(unitStateValue(FAILED)).toBe('failed');
    expect(unitStateValue({ active: 'deactivating', pid: null })).toBe('inactive');
  });

  it('builds one machine per unit definition', () => {
    expect(unitMachine(nginx)).toBe(unitMachine(nginx));
    expect(unitMachine(app)).not.toBe(unitMachine(nginx));
  });
});

describe('inactive', () => {
  it('starts: announces, runs ExecStartPre, spawns the main process, tells the hooks', () => {
    expect(step(nginx, INACTIVE, { type: 'unit.start', configOk: true })).toEqual({ value: { active: 'running' }, effects: ['announceStart', 'runStartPre', 'spawnMain', 'notify(start)'] });
  });
  it('fails to start on a broken configuration', () => {
    expect(step(nginx, INACTIVE, { type: 'unit.start', configOk: false })).toEqual({ value: 'failed', effects: ['announceStart', 'runStartPre', 'failStart', 'notify(start)'] });
  });
  it('a restart is a start; a stop does nothing; a reload is refused', () => {
    expect(step(nginx, INACTIVE, { type: 'unit.restart', configOk: true }).effects).toContain('notify(start)');
    expect(step(nginx, INACTIVE, { type: 'unit.stop' })).toEqual({ value: 'inactive', effects: [] });
    expect(step(nginx, INACTIVE, { type: 'unit.try-restart', configOk: true })).toEqual({ value: 'inactive', effects: [] });
    expect(step(nginx, INACTIVE, { type: 'unit.reload', configOk: true }).effects).toEqual(['refuse(inactive)']);
    expect(step(app, INACTIVE, { type: 'unit.reload', configOk: true }).effects).toEqual(['refuse(not-applicable)']);
  });
  it('a one-shot unit runs and stays active (exited)', () => {
    expect(step(oneshot, INACTIVE, { type: 'unit.start', configOk: true })).toEqual({ value: { active: 'exited' }, effects: ['announceStart', 'runStartPre', 'markExited', 'notify(start)'] });
  });
});

describe('active (running)', () => {
  it('a start does nothing', () => {
    expect(step(nginx, RUNNING, { type: 'unit.start', configOk: true })).toEqual({ value: { active: 'running' }, effects: [] });
  });
  it('stops', () => {
    expect(step(nginx, RUNNING, { type: 'unit.stop' })).toEqual({ value: 'inactive', effects: ['stopMain', 'notify(stop)'] });
  });
  it('restarts through deactivating and activating', () => {
    expect(step(nginx, RUNNING, { type: 'unit.restart', configOk: true })).toEqual({ value: { active: 'running' }, effects: ['stopMain', 'announceStart', 'runStartPre', 'spawnMain', 'notify(restart)'] });
    expect(step(nginx, RUNNING, { type: 'unit.try-restart', configOk: false })).toEqual({ value: 'failed', effects: ['stopMain', 'announceStart', 'runStartPre', 'failStart', 'notify(restart)'] });
  });
  it('reloads, or keeps running when the new configuration is broken', () => {
    expect(step(nginx, RUNNING, { type: 'unit.reload', configOk: true })).toEqual({ value: { active: 'running' }, effects: ['announceReload', 'runReload', 'replaceWorkers', 'notify(reload)'] });
    expect(step(nginx, RUNNING, { type: 'unit.reload', configOk: false })).toEqual({ value: { active: 'running' }, effects: ['announceReload', 'runReload', 'failReload'] });
    expect(step(app, RUNNING, { type: 'unit.reload', configOk: true }).effects).toEqual(['refuse(not-applicable)']);
  });
  it('its main process exits: inactive when clean, failed when killed', () => {
    expect(step(nginx, RUNNING, { type: 'unit.main-exited', how: { code: 'exited', status: 0 }, configOk: true })).toEqual({ value: 'inactive', effects: ['recordExit', 'notify(died)'] });
    expect(step(nginx, RUNNING, { type: 'unit.main-exited', how: { code: 'killed', status: 9 }, configOk: true })).toEqual({ value: 'failed', effects: ['recordExit', 'notify(died)'] });
  });
  it('Restart=always starts it again after its main process dies', () => {
    expect(step(app, RUNNING, { type: 'unit.main-exited', how: { code: 'killed', status: 9 }, configOk: true })).toEqual({ value: { active: 'running' }, effects: ['recordExit', 'scheduleRestart', 'announceStart', 'runStartPre', 'spawnMain', 'notify(restart)'] });
  });
});

describe('active (exited)', () => {
  it('a restart runs it again without a stop; a reload is refused', () => {
    expect(step(oneshot, { active: 'active', pid: null }, { type: 'unit.restart', configOk: true }).effects).toEqual(['announceStart', 'runStartPre', 'markExited', 'notify(restart)']);
    expect(step(nginx, { active: 'active', pid: null }, { type: 'unit.reload', configOk: true }).effects).toEqual(['refuse(inactive)']);
  });
});

describe('failed', () => {
  it('a stop resets it to inactive, and tells nobody', () => {
    expect(step(nginx, FAILED, { type: 'unit.stop' })).toEqual({ value: 'inactive', effects: ['resetFailed'] });
  });
  it('starts again once the configuration is fixed', () => {
    expect(step(nginx, FAILED, { type: 'unit.start', configOk: true })).toEqual({ value: { active: 'running' }, effects: ['announceStart', 'runStartPre', 'spawnMain', 'notify(start)'] });
  });
});
