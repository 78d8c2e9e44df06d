/**
 * Facts read off the simulated world (a scenario's `observe`): how many rows a table holds, whether
 * a replica's SQL thread runs, whether a dump of the data sits in a file, whether the app has served
 * a signed-in user. Read after every step,
 * so a fact follows what the servers really hold, whatever command changed them.
 */
import type { FactValue, Observation, Scenario } from '../scenario/schema';
import type { SimConfig, SimWorld, HostState } from '../sim/world';
import { countRows, replicationThread } from '../sim/mysql/probe';
import { mysqlHarm } from '../sim/mysql/api';
import { parseClock } from './clock';

/** Per files object (unchanged files are shared between worlds), what each `file` observation found. */
const fileHits = new WeakMap<HostState['files'], Map<string, boolean>>();

function fileHolds(files: HostState['files'], under: readonly string[] | undefined, text: string): boolean {
  const key = `${(under ?? []).join('\u0000')}\u0001${text}`;
  let hits = fileHits.get(files);
  if (!hits) fileHits.set(files, (hits = new Map()));
  const known = hits.get(key);
  if (known !== undefined) return known;
  let found = false;
  for (const [path, node] of Object.entries(files)) {
    if (node.kind !== 'file' || typeof node.content !== 'string') continue;
    if (under && !under.some((dir) => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`))) continue;
    if (node.content.includes(text)) {
      found = true;
      break;
    }
  }
  hits.set(key, found);
  return found;
}

/** Per data version of a server (unchanged data is shared between worlds): rows missing, by table and moment. */
const harmOf = new WeakMap<object, Map<string, number>>();

function observed(config: SimConfig, world: SimWorld, o: Observation): FactValue | undefined {
  if ('rows' in o) {
    const rows = countRows(config, world, o.rows.host, o.rows.database, o.rows.table);
    return rows === null ? undefined : rows > 0 ? o.present : o.empty;
  }
  if ('replication' in o) {
    const state = replicationThread(config, world, o.replication.host, o.replication.thread === 'sql' ? 'sqlThread' : 'ioThread');
    return state === null ? undefined : state === 'Yes' ? o.running : o.stopped;
  }
  if ('file' in o) {
    const hosts = o.file.hosts ?? Object.keys(world.hosts);
    return hosts.some((h) => world.hosts[h] && fileHolds(world.hosts[h].files, o.file.under, o.file.contains)) ? o.present : o.absent;
  }
  if ('signedIn' in o) {
    const hosts = o.signedIn.hosts ?? Object.keys(world.hosts);
    return hosts.some((h) => world.hosts[h]?.net?.servedSignedIn) ? o.present : o.absent;
  }
  const data = world.hosts[o.missing.host]?.mysql?.data;
  if (!data) return undefined;
  // The harm only changes with the server's data: most steps leave it as it was.
  const key = `${o.missing.database}.${o.missing.table}\u0000${o.missing.before}`;
  let known = harmOf.get(data);
  if (!known) harmOf.set(data, (known = new Map()));
  let missing = known.get(key);
  if (missing === undefined) {
    const harm = mysqlHarm(config, world, o.missing.host, parseClock(o.missing.before));
    missing = harm.find((t) => t.table === `${o.missing.database}.${o.missing.table}`)?.missing ?? 0;
    known.set(key, missing);
  }
  return missing;
}

/** The facts with every observed one read off `world` (a server that is not there leaves its fact as it was). */
export function observeFacts(scenario: Scenario, config: SimConfig, world: SimWorld, facts: Readonly<Record<string, FactValue>>): Record<string, FactValue> {
  const next = { ...facts };
  for (const [name, o] of Object.entries(scenario.observe ?? {})) {
    const value = observed(config, world, o);
    if (value !== undefined) next[name] = value;
  }
  return next;
}
