/**
 * `systemctl show UNIT` (properties as `Name=value`, `-p` to pick, `--value` for values alone)
 * and `systemctl cat UNIT` (the unit file with its `# /path` header).
 */
import type { Sys } from '../process';
import type { ServiceState } from './state';
import { isRunning } from './state';
import type { UnitDefinition } from './units';
import { systemdTime } from '../time';
import { argvText, cgroupOf, TASKS_LIMIT } from './unitStatus';
import { processesOf } from './processes';
import { unitFileText } from './unitFiles';

/** Every property `show` knows for a unit, in the order systemd lists them. */
export function unitProperties(sys: Sys, def: UnitDefinition, state: ServiceState | undefined): [string, string][] {
  const time = (clock: number | null | undefined) => (clock === null || clock === undefined ? '' : systemdTime(sys.epochAt(clock), sys.config.timezone));
  const running = isRunning(state);
  const tasks = running ? processesOf(sys.draft, sys.host).filter((p) => p.unit === def.name).reduce((n, p) => n + p.threads, 0) : null;
  const mainStart = running ? state!.since : undefined;
  const start = state?.ran.find((r) => r.setting === 'ExecStart');
  const execStart = `{ path=${argvText(def.execStart).split(' ')[0]} ; argv[]=${argvText(def.execStart)} ; ignore_errors=no ; start_time=[${time(start?.at ?? mainStart)}] ; stop_time=[${start ? time(start.at) : ''}] ; pid=${start?.pid ?? state?.pid ?? 0} ; code=${start ? start.code : '(null)'} ; status=${start ? start.status : '0/0'} }`;
  return [
    ['Type', def.type],
    ['Restart', def.restart],
    ['NotifyAccess', def.type === 'notify' ? 'main' : 'none'],
    ['RestartUSec', '100ms'],
    ['TimeoutStartUSec', def.kind === 'mysql' ? 'infinity' : def.kind === 'nginx' ? '1min 30s' : '1min 30s'],
    ['TimeoutStopUSec', def.kind === 'nginx' ? '5s' : def.kind === 'mysql' ? 'infinity' : '1min 30s'],
    ['MainPID', String(running ? state!.pid : 0)],
    ['ControlPID', '0'],
    ['StatusText', running && def.status ? def.status : ''],
    ['Result', state?.result ?? 'success'],
    ['NRestarts', '0'],
    ['ExecMainStartTimestamp', time(mainStart ?? (state?.exited ? state.since : undefined))],
    ['ExecMainPID', String(running ? state!.pid : (state?.exited?.pid ?? 0))],
    ['ExecMainCode', String(running || !state?.exited ? 0 : state.exited.code === 'exited' ? 1 : 2)],
    ['ExecMainStatus', String(running || !state?.exited ? 0 : state.exited.status)],
    ['ExecStart', execStart],
    ['ControlGroup', running ? cgroupOf(def.name) : ''],
    ['MemoryCurrent', '[not set]'],
    ['CPUUsageNSec', '[not set]'],
    ['TasksCurrent', tasks === null ? '[not set]' : String(tasks)],
    ['TasksMax', String(TASKS_LIMIT)],
    ['User', def.user === 'root' ? '' : def.user],
    ['Id', def.name],
    ['Names', [def.name, ...def.aliases].join(' ')],
    ['Description', def.description],
    ['LoadState', state?.enabled === 'masked' ? 'masked' : 'loaded'],
    ['ActiveState', state?.active ?? 'inactive'],
    ['SubState', state?.sub ?? 'dead'],
    ['FragmentPath', state?.enabled === 'masked' ? '/dev/null' : def.unitFile],
    ['UnitFileState', state?.enabled ?? def.enabled],
    ['UnitFilePreset', def.vendorPreset],
    ['StateChangeTimestamp', time(state?.since)],
    ['ActiveEnterTimestamp', time(running || state?.active === 'active' ? state?.since : undefined)],
    ['InactiveEnterTimestamp', time(state && !running && state.active !== 'active' ? state.since : undefined)],
    ['CanStart', state?.enabled === 'masked' ? 'no' : 'yes'],
    ['CanStop', 'yes'],
    ['CanReload', def.execReload.length ? 'yes' : 'no'],
    ['Documentation', def.documentation.join(' ')],
  ];
}

/** `systemctl show` lines: every property, or those asked for with `-p` (unknown ones print nothing, as systemd does). */
export function showLines(sys: Sys, def: UnitDefinition, state: ServiceState | undefined, wanted: readonly string[], valueOnly: boolean): string[] {
  const props = unitProperties(sys, def, state);
  const picked = wanted.length ? wanted.flatMap((name) => props.filter(([key]) => key === name)) : props;
  return picked.map(([key, value]) => (valueOnly ? value : `${key}=${value}`));
}

/** `systemctl cat` text: the host's own unit file if the scenario put one there, else the packaged one. */
export function catLines(sys: Sys, def: UnitDefinition): string[] {
  const node = sys.node(def.unitFile);
  const text = node && node.kind === 'file' ? sys.textOf(node) : unitFileText(def);
  return [`# ${def.unitFile}`, ...text.replace(/\n$/, '').split('\n')];
}
