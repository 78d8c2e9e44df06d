/**
 * The simulation's fixed facts for a scenario: its day, time zone, hosts and world. Worked out
 * once per scenario object (scenarios never change once loaded).
 */
import type { Scenario } from '../scenario/schema';
import type { SimConfig } from '../sim/world';

const configs = new WeakMap<Scenario, SimConfig>();

export function simConfigOf(scenario: Scenario): SimConfig {
  let config = configs.get(scenario);
  if (!config) {
    config = {
      date: scenario.date.iso,
      timezone: scenario.clock.timezone,
      hosts: scenario.hosts.map((h) => ({ id: h.id, name: h.name, names: h.names, ...(h.external ? { external: true } : {}) })),
      world: scenario.world,
    };
    configs.set(scenario, config);
  }
  return config;
}

/** Hosts the trainee can log in to: those the world describes. */
export function shellHosts(scenario: Scenario): Scenario['hosts'] {
  return scenario.hosts.filter((h) => Object.hasOwn(scenario.world.hosts, h.id));
}

/** Hosts running a MySQL server, with the databases their world declares (a replica without its own has its source's). */
export function mysqlServers(scenario: Scenario): { id: string; databases: string[] }[] {
  const hosts = scenario.world.hosts;
  return Object.entries(hosts).flatMap(([id, spec]) => {
    if (!spec.mysql) return [];
    const source = spec.mysql.replicaOf && Object.hasOwn(hosts, spec.mysql.replicaOf.host) ? hosts[spec.mysql.replicaOf.host]!.mysql : undefined;
    return [{ id, databases: (spec.mysql.databases ?? source?.databases ?? []).map((d) => d.name) }];
  });
}
