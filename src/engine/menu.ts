/**
 * What the actions menu offers from where the trainee stands: the scenario's actions that can
 * run on this host (or at this mysql> prompt) right now, plus moving between hosts. Each entry
 * is a command, run exactly as if typed, so the run log stays a list of inputs.
 */
import type { Scenario } from '../scenario/schema';
import { currentHost, holds, type World } from './world';

export interface MenuEntry {
  key: string;
  group: string;
  label: string;
  command: string;
  teaches?: string;
}

const NAVIGATION = 'Move around';

export function menuEntries(scenario: Scenario, world: World): MenuEntry[] {
  const host = currentHost(world);
  const entries: MenuEntry[] = [];
  if (world.mode === 'mysql') {
    for (const action of scenario.actions) {
      if (action.channel !== 'sql') continue;
      if (action.hosts?.length && !action.hosts.includes(world.mysqlHost ?? '')) continue;
      if (!holds(action.requires, world)) continue;
      entries.push({ key: action.id, group: action.group, label: action.label, command: action.command, ...(action.teaches ? { teaches: action.teaches } : {}) });
    }
    if (world.db === null) {
      for (const db of scenario.hosts.find((h) => h.id === world.mysqlHost)?.databases ?? []) {
        if (!['information_schema', 'mysql', 'performance_schema', 'sys'].includes(db)) {
          entries.unshift({ key: `use-${db}`, group: 'Database', label: `Use the ${db} database`, command: `USE ${db};` });
        }
      }
    }
    entries.push({ key: 'mysql-exit', group: NAVIGATION, label: 'Leave the MySQL client', command: 'exit' });
    return entries;
  }
  for (const action of scenario.actions) {
    if (action.channel !== 'shell' || action.op) continue;
    if (action.hosts?.length && !action.hosts.includes(host)) continue;
    if (!holds(action.requires, world)) continue;
    entries.push({ key: action.id, group: action.group, label: action.label, command: action.command, ...(action.teaches ? { teaches: action.teaches } : {}) });
  }
  const connect = scenario.actions.find((a) => a.op === 'mysql-connect');
  if (connect && (!connect.hosts?.length || connect.hosts.includes(host))) {
    // The scenario's own connect command, pointed at each database server in turn.
    const servers = scenario.hosts.filter((h) => h.databases);
    const names = new Set(servers.flatMap((h) => [h.id, h.name, ...h.names]));
    for (const db of servers) {
      const command = connect.command
        .split(' ')
        .map((word) => (names.has(word) ? db.name : word))
        .join(' ');
      entries.push({ key: `mysql-${db.id}`, group: connect.group, label: `Open MySQL on ${db.name}`, command, ...(connect.teaches ? { teaches: connect.teaches } : {}) });
    }
  }
  if (scenario.actions.some((a) => a.op === 'ssh')) {
    for (const target of scenario.hosts) {
      if (!target.prompt || target.id === host || target.id === scenario.startHost) continue;
      entries.push({ key: `ssh-${target.id}`, group: NAVIGATION, label: `Log in to ${target.name} (${target.role})`, command: `ssh ${target.name}` });
    }
  }
  if (world.hostStack.length > 1) {
    const back = world.hostStack[world.hostStack.length - 2]!;
    entries.push({ key: 'exit', group: NAVIGATION, label: `Log out, back to ${scenario.hosts.find((h) => h.id === back)?.name ?? back}`, command: 'exit' });
  }
  return entries;
}
