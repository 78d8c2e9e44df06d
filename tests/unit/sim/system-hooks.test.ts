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
    const { world } = run(['ssh web', 'sudo systemctl restart nginx', 'sudo systemctl reload nginx', 'sudo systemctl stop shop-app', 'sudo systemctl start shop-app', 'sudo kill -9 $(systemctl show -p MainPID --value shop-app)', 'sudo kill $(pgrep -o nginx)']);
    expect(seen.map((e) => `${e.host} ${e.unit} ${e.kind} ${e.change}`)).toEqual([
      'web nginx.service nginx restart',
      'web nginx.service nginx reload',
      'web shop-app.service app stop',
      'web shop-app.service app start',
      // Killed: systemd starts it again (Restart=always); nginx's master exits cleanly and stays down.
      'web shop-app.service app restart',
      'web nginx.service nginx died',
    ]);
    // The restart's new master, kept by the reload; null once stopped or dead.
    expect(seen[0]!.pid).not.toBe(640);
    expect(seen[1]!.pid).toBe(seen[0]!.pid);
    expect(seen[4]!.pid).toBe(world.hosts.web!.services['shop-app.service']!.pid);
    expect(seen[5]!.pid).toBeNull();
    expect(seen[2]!.pid).toBeNull();
  });
});
