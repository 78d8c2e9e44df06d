/**
 * `systemctl list-units` and `list-unit-files` with systemd 237's tables: columns as wide as
 * their longest value, the ● column when a unit failed, the LOAD/ACTIVE/SUB legend and the
 * count. The drill's terminal is wide, so nothing is cut.
 */
import type { HostState, SimConfig } from '../world';
import { unitsOf, type UnitDefinition } from './units';
import { wildcardMatch } from './nginxConfig';
import { INIT_SCOPE } from './machine';
import type { ServiceState } from './state';
import type { LoginUnitRow } from './loginUnits';

export interface ListOptions {
  type: string | null;
  states: readonly string[];
  all: boolean;
  failed: boolean;
  noLegend: boolean;
  patterns: readonly string[];
}

interface Row {
  name: string;
  load: string;
  active: string;
  sub: string;
  description: string;
}

function rowsOf(config: SimConfig, host: string, state: HostState | undefined, logins: readonly LoginUnitRow[]): Row[] {
  const rows: Row[] = logins.map((l) => ({ name: l.name, load: 'loaded', active: 'active', sub: l.sub, description: l.description }));
  const services = state?.services ?? {};
  const scope = Object.hasOwn(services, INIT_SCOPE) ? services[INIT_SCOPE]! : undefined;
  if (scope) rows.push({ name: INIT_SCOPE, load: 'loaded', active: 'active', sub: 'running', description: 'System and Service Manager' });
  for (const def of unitsOf(config, host)) {
    const s: ServiceState | undefined = Object.hasOwn(services, def.name) ? services[def.name] : undefined;
    const masked = s?.enabled === 'masked';
    rows.push({ name: def.name, load: masked ? 'masked' : 'loaded', active: s?.active ?? 'inactive', sub: s?.sub ?? 'dead', description: masked ? def.name : def.description });
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function wanted(row: Row, options: ListOptions): boolean {
  if (options.type && !row.name.endsWith(`.${options.type}`)) return false;
  if (options.patterns.length && !options.patterns.some((p) => wildcardMatch(p, row.name))) return false;
  const states = options.failed ? ['failed', ...options.states] : options.states;
  if (states.length) return states.some((s) => s === row.load || s === row.active || s === row.sub);
  return options.all || row.active !== 'inactive' || row.load !== 'loaded';
}

/** The lines `systemctl list-units` prints; `logins` are the units the host's logins have (loginUnits.ts). */
export function listUnits(config: SimConfig, host: string, state: HostState | undefined, options: ListOptions, logins: readonly LoginUnitRow[] = []): string[] {
  const rows = rowsOf(config, host, state, logins).filter((r) => wanted(r, options));
  const width = (key: keyof Row, title: string) => Math.max(title.length, ...rows.map((r) => r[key].length));
  const idLen = width('name', 'UNIT');
  const loadLen = width('load', 'LOAD');
  const activeLen = width('active', 'ACTIVE');
  const subLen = width('sub', 'SUB');
  const circle = !options.noLegend && rows.some((r) => r.active === 'failed' || r.load !== 'loaded');
  const out: string[] = [];
  if (rows.length && !options.noLegend) out.push(`${circle ? '  ' : ''}${'UNIT'.padEnd(idLen)} ${'LOAD'.padEnd(loadLen)} ${'ACTIVE'.padEnd(activeLen)} ${'SUB'.padEnd(subLen)} DESCRIPTION`);
  for (const r of rows) {
    const mark = circle ? (r.active === 'failed' || r.load !== 'loaded' ? '● ' : '  ') : '';
    out.push(`${mark}${r.name.padEnd(idLen)} ${r.load.padEnd(loadLen)} ${r.active.padEnd(activeLen)} ${r.sub.padEnd(subLen)} ${r.description}`);
  }
  if (!options.noLegend) {
    if (rows.length) {
      out.push('', 'LOAD   = Reflects whether the unit definition was properly loaded.', 'ACTIVE = The high-level unit activation state, i.e. generalization of SUB.', 'SUB    = The low-level unit activation state, values depend on unit type.', '');
    }
    out.push(options.all ? `${rows.length} loaded units listed.` : `${rows.length} loaded units listed. Pass --all to see loaded but inactive units, too.`);
    out.push("To show all installed unit files use 'systemctl list-unit-files'.");
  }
  return out;
}

/** The file name `list-unit-files` shows for a unit (a template's instance shows the template). */
function fileNameOf(def: UnitDefinition): string | null {
  if (def.unitFile.startsWith('/etc/init.d/')) return null;
  return def.unitFile.slice(def.unitFile.lastIndexOf('/') + 1);
}

/** The lines `systemctl list-unit-files` prints. */
export function listUnitFiles(config: SimConfig, host: string, state: HostState | undefined, options: ListOptions): string[] {
  const seen = new Map<string, string>();
  for (const def of unitsOf(config, host)) {
    const file = fileNameOf(def);
    if (!file || seen.has(file)) continue;
    const s = state && Object.hasOwn(state.services, def.name) ? state.services[def.name] : undefined;
    seen.set(file, file.includes('@.') && s?.enabled === 'enabled' ? 'enabled' : (s?.enabled ?? def.enabled));
  }
  const rows = [...seen.entries()]
    .filter(([name, st]) => (!options.type || name.endsWith(`.${options.type}`)) && (!options.states.length || options.states.includes(st)) && (!options.patterns.length || options.patterns.some((p) => wildcardMatch(p, name))))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const idLen = Math.max('UNIT FILE'.length, ...rows.map(([n]) => n.length));
  const stateLen = Math.max('STATE'.length, ...rows.map(([, st]) => st.length));
  const out: string[] = [];
  if (!options.noLegend) out.push(`${'UNIT FILE'.padEnd(idLen)} ${'STATE'.padEnd(stateLen)}`);
  for (const [name, st] of rows) out.push(`${name.padEnd(idLen)} ${st.padEnd(stateLen)}`);
  if (!options.noLegend) out.push('', `${rows.length} unit files listed.`);
  return out;
}
