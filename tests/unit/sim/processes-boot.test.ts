// @vitest-environment node
/**
 * Processes against boot, over every scenario: a PID below the boot's (1000) belongs to something
 * that started with the boot, and what started later has a PID on the host's counter at that
 * time, in the order things started; the mysqld error log's "starting as process" names the PID
 * systemctl and ps show.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';
import { initialWorld } from '../../../src/engine/world';
import { simConfigOf } from '../../../src/engine/simConfig';
import { processTable } from '../../../src/sim/system/processes';
import { bootClockOf } from '../../../src/sim/system/machine';
import { BOOT_PID, startedAtBoot } from '../../../src/sim/system/pids';

describe.each(scenarioFiles)('%s: PIDs against boot', (file) => {
  const scenario = loadScenarioFile(file);
  const world = initialWorld(scenario);
  const hosts = Object.keys(world.sim.hosts);

  it('a process that started after the boot has a PID above the boot’s; those started before the drill are in PID order', () => {
    for (const host of hosts) {
      const state = world.sim.hosts[host];
      const boot = bootClockOf(state, scenario.world.hosts[host], world.clock);
      const procs = processTable(simConfigOf(scenario), host, state, world.sim.sessions, world.clock).filter((p) => !p.kernel && p.session === undefined);
      for (const p of procs) {
        if (!startedAtBoot(p.started, boot)) expect(p.pid, `${host}: ${p.comm} started ${Math.round((p.started - boot) / 60)} min after boot`).toBeGreaterThanOrEqual(BOOT_PID);
      }
      const late = procs.filter((p) => !startedAtBoot(p.started, boot) && p.started < world.clock).sort((a, b) => a.started - b.started);
      for (let i = 1; i < late.length; i += 1) expect(late[i]!.pid, `${host}: ${late[i]!.comm} after ${late[i - 1]!.comm}`).toBeGreaterThan(late[i - 1]!.pid);
    }
  });

  it('mysqld’s error log names the PID systemctl status gives', { timeout: 60_000 }, () => {
    for (const host of hosts.filter((h) => scenario.world.hosts[h]!.mysql && scenario.world.hosts[h]!.login)) {
      const [log, status] = outputsOn(scenario, host, ['sudo grep "starting as process" /var/log/mysql/error.log', 'systemctl show -p MainPID --value mysql']);
      const pid = status![0];
      expect(log!.at(-1), host).toMatch(new RegExp(`starting as process ${pid}$`));
    }
  });
});
