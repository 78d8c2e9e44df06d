import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { SystemSpecSchema } from '../../../src/scenario/world/system';
import { WorldSpecSchema } from '../../../src/scenario/world';
import { listeningSockets, socketFor } from '../../../src/sim/system/sockets';
import { findUnit, parseListenAddress } from '../../../src/sim/system/units';
import { kernelThreads } from '../../../src/sim/system/kernelThreads';
import { systemConfig, systemStart } from './system-fixture';

describe('the system spec', () => {
  it('accepts a full host and names what is wrong in plain words', () => {
    expect(v.safeParse(WorldSpecSchema, systemConfig.world).issues).toBeUndefined();
    const bad = v.safeParse(SystemSpecSchema, { units: [{ name: 'nginx' }], memory: { total: '4 gigs' } });
    expect(bad.success).toBe(false);
    const messages = bad.issues!.map((i) => i.message);
    expect(messages).toContain('must be a service unit name like "nginx.service"');
    expect(messages.some((m) => m.startsWith('must be a size like'))).toBe(true);
  });
});

describe('the units a host starts with', () => {
  it('runs the base Ubuntu units and the scenario\'s, with the PIDs the scenario pins', () => {
    const world = systemStart();
    const web = world.hosts.web!.services;
    expect(web['nginx.service']).toMatchObject({ active: 'active', sub: 'running', pid: 640, workers: [641, 642] });
    expect(web['shop-app.service']).toMatchObject({ active: 'active', pid: 702 });
    expect(web['ssh.service']!.active).toBe('active');
    expect(web['apparmor.service']).toMatchObject({ active: 'active', sub: 'exited', pid: null });
    expect(world.hosts.lb!.services['haproxy.service']).toMatchObject({ pid: 733, workers: [735] });
  });

  it('gives every process on a host its own PID', () => {
    const world = systemStart();
    for (const [id, host] of Object.entries(world.hosts)) {
      const spec = systemConfig.world.hosts[id]!;
      const pids = [1, ...kernelThreads(spec.system?.cpus ?? 2, '/dev/vda1').map((t) => t.pid)];
      for (const s of Object.values(host.services)) {
        if (s.pid !== null && s.pid !== 1) pids.push(s.pid);
        pids.push(...s.workers, ...s.ran.map((r) => r.pid), ...(s.procs ?? []).map((p) => p.pid));
      }
      expect(new Set(pids).size, id).toBe(pids.length);
    }
  });

  it('finds units by the names people type, as systemd mangles them', () => {
    expect(findUnit(systemConfig, 'web', 'nginx')?.name).toBe('nginx.service');
    expect(findUnit(systemConfig, 'web', 'sshd')?.name).toBe('ssh.service');
    expect(findUnit(systemConfig, 'web', 'mysql')).toBeNull();
    expect(findUnit(systemConfig, 'web', 'constructor')).toBeNull();
  });
});

describe('who listens where', () => {
  it('lists the running units\' sockets with the processes that hold them', () => {
    const world = systemStart();
    const sockets = listeningSockets(systemConfig, 'web', world.hosts.web);
    expect(sockets.map((s) => `${s.proto} ${s.address} ${s.unit}`)).toEqual(
      expect.arrayContaining(['tcp 0.0.0.0:80 nginx.service', 'tcp :::80 nginx.service', 'tcp 127.0.0.1:8000 shop-app.service', 'tcp 0.0.0.0:22 ssh.service']),
    );
    expect(sockets.find((s) => s.address === '0.0.0.0:80')!.holders).toEqual([{ pid: 640, name: 'nginx' }, { pid: 641, name: 'nginx' }, { pid: 642, name: 'nginx' }]);
  });

  it('answers on the address a socket is bound to only', () => {
    const world = systemStart();
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 8000, '127.0.0.1')?.unit).toBe('shop-app.service');
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 8000, '10.1.0.5')).toBeNull();
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 80, '10.1.0.5')?.unit).toBe('nginx.service');
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 80, '::1')?.address).toBe(':::80');
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 443, '10.1.0.5')).toBeNull();
  });

  it('reads listen addresses in the forms ss prints them', () => {
    expect(parseListenAddress(':::80')).toEqual({ host: '::', port: 80, family: 6 });
    expect(parseListenAddress('[::1]:3306')).toEqual({ host: '::1', port: 3306, family: 6 });
    expect(parseListenAddress('*:443')).toEqual({ host: '0.0.0.0', port: 443, family: 4 });
    expect(parseListenAddress('localhost')).toBeNull();
    expect(parseListenAddress('0.0.0.0:70000')).toBeNull();
  });
});
