/**
 * What the actions menu offers from where the trainee stands: the scenario's actions that count
 * on this host (or at this mysql> prompt) right now and that what the trainee has found so far
 * would suggest (`offerWhen`), plus moving between hosts. Each entry is a
 * command, run exactly as if typed, so the run log stays a list of inputs.
 */
import type { Scenario } from '../scenario/schema';
import { holds, type Where } from './conditions';
import { mysqlServers, shellHosts } from './simConfig';
import { currentHost, type World } from './world';

export interface MenuEntry {
  key: string;
  group: string;
  label: string;
  command: string;
  teaches?: string;
}

const NAVIGATION = 'Move around';
const SYSTEM_SCHEMAS = new Set(['information_schema', 'mysql', 'performance_schema', 'sys']);

export function menuEntries(scenario: Scenario, world: World): MenuEntry[] {
  const host = currentHost(world);
  const entries: MenuEntry[] = [];
  const where: Where = { host, mode: world.mode, mysqlHost: world.mysqlHost, db: world.db };
  const offer = (channel: 'shell' | 'sql', place: string) => {
    for (const action of scenario.actions) {
      if (action.channel !== channel) continue;
      if (action.hosts?.length && !action.hosts.includes(place)) continue;
      if (!holds(action.requires, world.facts, where)) continue;
      // A fix is offered once the trainee has found what it fixes (any of `offerWhen`); typed, it works whenever.
      if (action.offerWhen && !action.offerWhen.some((when) => holds(when, world.facts, where))) continue;
      entries.push({ key: action.id, group: action.group, label: action.label, command: action.command, ...(action.teaches ? { teaches: action.teaches } : {}) });
    }
  };
  if (world.mode === 'mysql') {
    offer('sql', world.mysqlHost ?? '');
    if (world.db === null) {
      for (const db of mysqlServers(scenario).find((s) => s.id === world.mysqlHost)?.databases ?? []) {
        if (!SYSTEM_SCHEMAS.has(db)) entries.unshift({ key: `use-${db}`, group: 'Database', label: `Use the ${db} database`, command: `USE ${db};` });
      }
    }
    entries.push({ key: 'mysql-exit', group: NAVIGATION, label: 'Leave the MySQL client', command: 'exit' });
    return entries;
  }
  offer('shell', host);
  for (const target of shellHosts(scenario)) {
    if (target.id === host || target.id === scenario.startHost) continue;
    entries.push({ key: `ssh-${target.id}`, group: NAVIGATION, label: `Log in to ${target.name} (${target.role})`, command: `ssh ${target.name}` });
  }
  if (world.hostStack.length > 1) {
    const back = world.hostStack[world.hostStack.length - 2]!;
    entries.push({ key: 'exit', group: NAVIGATION, label: `Log out, back to ${scenario.hosts.find((h) => h.id === back)?.name ?? back}`, command: 'exit' });
  }
  return entries;
}
