import { describe, expect, it, vi } from 'vitest';
import type { UnitChangeEvent } from '../../../src/sim/system/hooks';

const seen: UnitChangeEvent[] = [];
vi.mock('../../../src/sim/system/hooks', () => ({
  unitHooks: [],
  notifyUnitChange: (_draft: unknown, event: UnitChangeEvent) => seen.push(event),
}));

const { run } = await import('./system-fixture');

describe('the unit-change hooks', () => {
  it('hear every start, stop, restart, reload and death, with the unit, its kind and the new PID', () => {
    seen.length = 0;
    const { world } = run(['ssh web', 'sudo systemctl restart nginx', 'sudo systemctl reload nginx', 'sudo systemctl stop shop-app', 'sudo systemctl start shop-app']);
    const nginx = world.hosts.web!.services['nginx.service']!;
    expect(seen.map((e) => `${e.host} ${e.unit} ${e.kind} ${e.change}`)).toEqual([
      'web nginx.service nginx restart',
      'web nginx.service nginx reload',
      'web shop-app.service app stop',
      'web shop-app.service app start',
    ]);
    expect(seen[0]!.pid).toBe(nginx.pid);
    expect(seen[2]!.pid).toBeNull();
  });
});
