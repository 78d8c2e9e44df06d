/**
 * `systemctl status UNIT` in systemd 237's layout: the bullet line, Loaded, Active with its
 * relative time, Docs, the Process lines of helpers that ran, Main PID, Status, Tasks, the
 * CGroup tree of the unit's processes (the same table ps reads), then the unit's last journal
 * lines. Memory and CPU lines are absent: Ubuntu 18.04 does not account them by default.
 */
import type { Sys } from '../process';
import type { ExecRun, ServiceState } from './state';
import { isRunning } from './state';
import type { UnitDefinition } from './units';
import { processesOf, type Proc } from './processes';
import { journalOf, shortLine, type JournalRecord } from './journal';
import { systemdAgo } from './relative';
import { systemdTime } from '../time';
import { signalName } from './signals';

/** `TasksMax` on Ubuntu 18.04: 15% of pid_max (32768). */
export const TASKS_LIMIT = 4915;

const EXIT_NAMES: Readonly<Record<number, string>> = { 0: 'SUCCESS', 1: 'FAILURE', 2: 'INVALIDARGUMENT', 3: 'NOTIMPLEMENTED', 4: 'NOPERMISSION', 5: 'NOTINSTALLED', 6: 'NOTCONFIGURED', 7: 'NOTRUNNING', 203: 'EXEC', 217: 'USER' };

/** `code=exited, status=0/SUCCESS` or `code=killed, signal=TERM`. */
export function exitText(code: 'exited' | 'killed', status: number): string {
  if (code === 'killed') return `code=killed, signal=${signalName(status)}`;
  const name = EXIT_NAMES[status];
  return `code=exited, status=${status}${name ? `/${name}` : ''}`;
}

/** A command line as systemd stores it: prefixes (`-`, `@`, `+`, `!`) off, quotes removed, words joined by spaces. */
export function argvText(command: string): string {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (const c of command.trim().replace(/^[-@+!]+/, '')) {
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === ' ' || c === '\t') {
      if (started || current) words.push(current);
      current = '';
      started = false;
    } else current += c;
  }
  if (started || current) words.push(current);
  return words.join(' ');
}

/** A name escaped as systemd's unit_name_escape does: `-` and other bytes outside `[A-Za-z0-9:_.]` as `\xHH`. */
function unitNameEscape(text: string): string {
  return text.replace(/[^A-Za-z0-9:_.]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The cgroup of a unit: `/system.slice/nginx.service`, getty instances under `system-getty.slice`, `system-openvpn\x2dclient.slice`. */
export function cgroupOf(name: string): string {
  const template = /^([^@]+)@[^.]*\.service$/.exec(name);
  return template ? `/system.slice/system-${unitNameEscape(template[1]!)}.slice/${name}` : `/system.slice/${name}`;
}

const SETTING_ORDER: readonly ExecRun['setting'][] = ['ExecStop', 'ExecReload', 'ExecStart', 'ExecStartPre'];

function commandOf(def: UnitDefinition, run: ExecRun): string {
  switch (run.setting) {
    case 'ExecStartPre':
      return def.execStartPre[run.index ?? 0] ?? def.execStartPre[0] ?? '';
    case 'ExecStart':
      return def.execStart;
    case 'ExecReload':
      return def.execReload[run.index ?? 0] ?? def.execReload[0] ?? '';
    case 'ExecStop':
      return def.execStop ?? '';
  }
}

/** May this user read the system journal (root, or the groups Ubuntu gives read access: adm, systemd-journal)? */
export function canReadJournal(sys: Sys): boolean {
  return sys.user.name === 'root' || sys.user.groups.includes('adm') || sys.user.groups.includes('systemd-journal');
}

/** Tree lines of processes: `├─812 nginx: master process …`, the last with `└─`. */
export function treeLines(procs: readonly Proc[], indent: string): string[] {
  return procs.map((p, i) => `${indent}${i === procs.length - 1 ? '└─' : '├─'}${p.pid} ${p.args}`);
}

/**
 * The journal lines of one unit, newest last, at most `lines` of them. With `since` (the unit's
 * last change of state), systemctl status's not_before: only what was logged from the unit's last
 * start on (its inactive-exit time, systemd's `Starting …` line), not the runs before it.
 */
export function unitJournal(sys: Sys, unit: string, lines: number, since?: number): JournalRecord[] {
  let all = journalOf(sys.config, sys.host, sys.draft.host(sys.host), sys.clock).filter((r) => r.unit === unit);
  if (since !== undefined) {
    let start = -1;
    all.forEach((r, i) => {
      if (r.at <= since && r.identifier === 'systemd' && r.message.startsWith('Starting ')) start = i;
    });
    all = start >= 0 ? all.slice(start) : all.filter((r) => r.at >= since);
  }
  return lines <= 0 ? [] : all.slice(-lines);
}

/** The status of one unit, line by line; `lines` is how many journal lines to add (`-n`). */
export function statusLines(sys: Sys, def: UnitDefinition, state: ServiceState | undefined, lines: number): string[] {
  const out: string[] = [];
  const now = sys.now();
  const masked = state?.enabled === 'masked';
  out.push(`● ${def.name}${def.description && !masked ? ` - ${def.description}` : ''}`);
  if (masked) out.push('   Loaded: masked (/dev/null; bad)');
  else if (def.unitFile.startsWith('/etc/init.d/')) out.push(`   Loaded: loaded (${def.unitFile}; generated)`);
  else out.push(`   Loaded: loaded (${def.unitFile}; ${state?.enabled ?? def.enabled}; vendor preset: ${def.vendorPreset})`);
  const since = state ? sys.epochAt(state.since) : now;
  const when = `since ${systemdTime(since, sys.config.timezone)}; ${systemdAgo(now - since)}`;
  const everRan = state !== undefined && (state.ran.length > 0 || state.exited !== undefined || state.active !== 'inactive');
  if (!state || (state.active === 'inactive' && !everRan)) out.push('   Active: inactive (dead)');
  else if (state.active === 'failed') out.push(`   Active: failed (Result: ${state.result === 'success' ? 'exit-code' : state.result}) ${when}`);
  else out.push(`   Active: ${state.active} (${state.sub}) ${when}`);
  if (def.documentation.length) {
    out.push(`     Docs: ${def.documentation[0]}`);
    for (const doc of def.documentation.slice(1)) out.push(`           ${doc}`);
  }
  const runs = [...(state?.ran ?? [])].sort((a, b) => SETTING_ORDER.indexOf(a.setting) - SETTING_ORDER.indexOf(b.setting) || (b.index ?? 0) - (a.index ?? 0));
  for (const run of runs) out.push(`  Process: ${run.pid} ${run.setting}=${argvText(commandOf(def, run))} (${exitText(run.code, run.status)})`);
  const running = isRunning(state);
  if (running && state!.pid !== null) out.push(` Main PID: ${state!.pid} (${def.mainName})`);
  else if (state?.exited) out.push(` Main PID: ${state.exited.pid} (${exitText(state.exited.code, state.exited.status)})`);
  if (running && def.status) out.push(`   Status: "${def.status}"`);
  if (running) {
    const procs = processesOf(sys.draft, sys.host).filter((p) => p.unit === def.name);
    const tasks = procs.reduce((n, p) => n + p.threads, 0);
    out.push(`    Tasks: ${tasks} (limit: ${TASKS_LIMIT})`);
    out.push(`   CGroup: ${cgroupOf(def.name)}`);
    out.push(...treeLines(procs, '           '));
  }
  if (canReadJournal(sys)) {
    const journal = unitJournal(sys, def.name, lines, state && everRan ? state.since : undefined);
    if (journal.length) {
      out.push('');
      for (const record of journal) out.push(shortLine(sys.config, record, sys.hostname));
    }
  }
  return out;
}
