/**
 * `systemctl` (systemd 237): status, is-active/is-enabled/is-failed, start/stop/restart/reload
 * and friends, enable/disable/mask/unmask, kill, list-units, list-unit-files, show, cat,
 * daemon-reload, with systemd's messages and exit statuses (3 not running, 4 no such unit or
 * access denied, 5 not installed).
 */
import type { ProgramContext } from '../process';
import { parseSystemctl, type SystemctlArgs } from './systemctlArgs';
import { findUnit, mangleUnitName, type UnitDefinition } from './units';
import type { ServiceState } from './state';
import { isRunning } from './state';
import { statusLines } from './unitStatus';
import { listUnitFiles, listUnits } from './unitLists';
import { catLines, showLines } from './unitShow';
import { authorise, type PolkitAction } from './polkit';
import { relinkUnit } from './unitLinks';
import { reloadUnit, restartUnit, setEnabled, startUnit, stopUnit, tryRestartUnit, type JobOutcome } from './lifecycle';
import { disableText, enableText, STATIC_UNIT_TEXT } from './unitFiles';
import { processesOf } from './processes';
import { machineOf } from './machine';
import { systemOverview } from './systemOverview';
import { loginUnitOfPid, loginUnitRows, loginUnitStatus } from './loginUnits';
import { signalNumber } from './signals';
import { deliverSignal } from './deliver';

export const SYSTEMD_VERSION = ['systemd 237', '+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid'];

function stateOf(ctx: ProgramContext, def: UnitDefinition): ServiceState | undefined {
  const services = ctx.sys.draft.host(ctx.sys.host)?.services ?? {};
  return Object.hasOwn(services, def.name) ? services[def.name] : undefined;
}

function status(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    for (const line of systemOverview(ctx.sys)) ctx.out(line);
    return 0;
  }
  let code = 0;
  let first = true;
  for (const word of args.words) {
    let def: UnitDefinition | null = null;
    if (/^\d+$/.test(word)) {
      const proc = processesOf(ctx.sys.draft, ctx.sys.host).find((p) => p.pid === Number(word));
      if (!proc) {
        ctx.err(`Failed to get unit for PID ${word}: PID ${word} does not belong to any loaded unit.`);
        code ||= 1;
        continue;
      }
      def = proc.unit ? findUnit(ctx.sys.config, ctx.sys.host, proc.unit) : null;
      const login = def ? null : loginUnitOfPid(ctx.sys, proc.pid);
      if (login) {
        if (!first) ctx.out('');
        first = false;
        for (const line of loginUnitStatus(ctx.sys, login, args.lines) ?? []) ctx.out(line);
        continue;
      }
      if (!def) {
        if (!first) ctx.out('');
        first = false;
        ctx.out(`● ${proc.unit ?? 'init.scope'}`);
        continue;
      }
    } else def = findUnit(ctx.sys.config, ctx.sys.host, word);
    const login = def ? null : loginUnitStatus(ctx.sys, mangleUnitName(word), args.lines);
    if (login) {
      if (!first) ctx.out('');
      first = false;
      for (const line of login) ctx.out(line);
      continue;
    }
    if (!def) {
      ctx.err(`Unit ${mangleUnitName(word)} could not be found.`);
      code ||= 4;
      continue;
    }
    if (!first) ctx.out('');
    first = false;
    const state = stateOf(ctx, def);
    for (const line of statusLines(ctx.sys, def, state, args.lines)) ctx.out(line);
    if (!isRunning(state) && !(state?.active === 'active')) code ||= 3;
  }
  return code;
}

function isActive(ctx: ProgramContext, args: SystemctlArgs, mode: 'active' | 'failed'): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  let hit = false;
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    const state = def ? stateOf(ctx, def) : undefined;
    const active = state?.active ?? (def ? 'inactive' : 'inactive');
    if (!args.quiet) ctx.out(active);
    if (mode === 'active' ? active === 'active' || active === 'reloading' : active === 'failed') hit = true;
  }
  return hit ? 0 : mode === 'active' ? 3 : 1;
}

function isEnabled(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  let enabled = false;
  let code = 0;
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    if (!def) {
      ctx.err(`Failed to get unit file state for ${mangleUnitName(word)}: No such file or directory`);
      code = 1;
      continue;
    }
    const st = stateOf(ctx, def)?.enabled ?? def.enabled;
    if (!args.quiet) ctx.out(def.unitFile.startsWith('/etc/init.d/') ? 'generated' : st);
    if (st === 'enabled' || st === 'static') enabled = true;
  }
  return code || (enabled ? 0 : 1);
}

const VERB_OF: Readonly<Record<string, { verb: string; job: 'start' | 'stop' | 'restart' | 'reload' | 'try-restart' | 'reload-or-restart' }>> = {
  start: { verb: 'start', job: 'start' },
  stop: { verb: 'stop', job: 'stop' },
  restart: { verb: 'restart', job: 'restart' },
  reload: { verb: 'reload', job: 'reload' },
  'try-restart': { verb: 'try-restart', job: 'try-restart' },
  condrestart: { verb: 'try-restart', job: 'try-restart' },
  'force-reload': { verb: 'reload-or-try-restart', job: 'reload-or-restart' },
  'reload-or-restart': { verb: 'reload-or-restart', job: 'reload-or-restart' },
  'try-reload-or-restart': { verb: 'try-reload-or-restart', job: 'reload-or-restart' },
};

/** polkit's sentence for a job. */
function polkitMessage(job: string, unit: string): string {
  const verb = job === 'stop' ? 'stop' : job === 'start' ? 'start' : job === 'reload' ? 'reload' : 'restart';
  return `Authentication is required to ${verb} '${unit}'.`;
}

function denied(ctx: ProgramContext, verb: string, unit: string, answer: 'denied' | 'no-agent'): number {
  ctx.err(`Failed to ${verb} ${unit}: ${answer === 'denied' ? 'Access denied' : 'Interactive authentication required.'}`);
  ctx.err(`See system logs and 'systemctl status ${unit}' for details.`);
  return answer === 'denied' ? 4 : 1;
}

/** Asks polkit unless the caller is root; `--no-ask-password` means no agent. */
function allowed(ctx: ProgramContext, args: SystemctlArgs, action: PolkitAction, message: string): 'ok' | 'denied' | 'no-agent' {
  if (ctx.sys.user.name === 'root') return 'ok';
  if (!args.askPassword) return 'no-agent';
  return authorise(ctx, action, message);
}

function jobFailed(ctx: ProgramContext, unit: string): number {
  ctx.err(`Job for ${unit} failed because the control process exited with error code.`);
  ctx.err(`See "systemctl status ${unit}" and "journalctl -xe" for details.`);
  return 1;
}

/** Runs a job on one unit; the exit status. */
function runJob(ctx: ProgramContext, job: (typeof VERB_OF)[string]['job'], def: UnitDefinition): number {
  const draft = ctx.sys.draft;
  const host = ctx.sys.host;
  const state = stateOf(ctx, def);
  if (state?.enabled === 'masked' && job !== 'stop') {
    ctx.err(`Failed to ${job === 'reload-or-restart' ? 'reload-or-restart' : job} ${def.name}: Unit ${def.name} is masked.`);
    return 1;
  }
  let outcome: JobOutcome;
  switch (job) {
    case 'start': outcome = startUnit(draft, host, def); break;
    case 'stop': outcome = stopUnit(draft, host, def); break;
    case 'restart': outcome = restartUnit(draft, host, def); break;
    case 'try-restart': outcome = tryRestartUnit(draft, host, def); break;
    case 'reload': outcome = reloadUnit(draft, host, def); break;
    case 'reload-or-restart':
      outcome = def.execReload.length && isRunning(state) ? reloadUnit(draft, host, def) : restartUnit(draft, host, def);
      break;
  }
  if (outcome.ok) return 0;
  if (outcome.reason === 'not-applicable') {
    ctx.err(`Failed to reload ${def.name}: Job type reload is not applicable for unit ${def.name}.`);
    return 3;
  }
  if (outcome.reason === 'inactive') {
    ctx.err(`${def.name} is not active, cannot reload.`);
    return 1;
  }
  return jobFailed(ctx, def.name);
}

function control(ctx: ProgramContext, args: SystemctlArgs): number {
  const { verb, job } = VERB_OF[args.verb]!;
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  let code = 0;
  for (const word of args.words) {
    const name = mangleUnitName(word);
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    const answer = allowed(ctx, args, 'manage-units', polkitMessage(job, def?.name ?? name));
    if (answer !== 'ok') {
      code ||= denied(ctx, verb, def?.name ?? name, answer);
      continue;
    }
    if (!def) {
      ctx.err(`Failed to ${verb} ${name}: Unit ${name} ${job === 'stop' ? 'not loaded' : 'not found'}.`);
      code ||= 5;
      continue;
    }
    code ||= runJob(ctx, job, def);
  }
  return code;
}

function enableDisable(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  const enable = args.verb === 'enable' || args.verb === 'reenable';
  const defs: UnitDefinition[] = [];
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    if (!def) {
      ctx.err(`Failed to ${args.verb} unit: Unit file ${mangleUnitName(word)} does not exist.`);
      return 1;
    }
    defs.push(def);
  }
  const answer = allowed(ctx, args, 'manage-unit-files', 'Authentication is required to manage system service or unit files.');
  if (answer !== 'ok') {
    ctx.err(`Failed to ${args.verb} unit: ${answer === 'denied' ? 'Access denied' : 'Interactive authentication required.'}`);
    return 1;
  }
  let code = 0;
  for (const def of defs) {
    const before = stateOf(ctx, def)?.enabled ?? def.enabled;
    if (before === 'static') {
      for (const line of STATIC_UNIT_TEXT) ctx.out(line);
      continue;
    }
    if (before === 'masked' && enable) {
      ctx.err(`Failed to enable unit: Unit file ${def.name} is masked.`);
      code = 1;
      continue;
    }
    for (const line of enable ? enableText(def, before === 'enabled') : disableText(def, before === 'enabled')) ctx.err(line);
    setEnabled(ctx.sys.draft, ctx.sys.host, def, enable);
    if (args.now) code ||= runJob(ctx, enable ? 'start' : 'stop', def);
  }
  return code;
}

function mask(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  const answer = allowed(ctx, args, 'manage-unit-files', 'Authentication is required to manage system service or unit files.');
  if (answer !== 'ok') {
    ctx.err(`Failed to ${args.verb} unit: ${answer === 'denied' ? 'Access denied' : 'Interactive authentication required.'}`);
    return 1;
  }
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    const name = def?.name ?? mangleUnitName(word);
    if (!def) {
      if (args.verb === 'mask') ctx.err(`Created symlink /etc/systemd/system/${name} → /dev/null.`);
      continue;
    }
    const state = stateOf(ctx, def);
    if (!state) continue;
    if (args.verb === 'mask') {
      if (state.enabled !== 'masked') ctx.err(`Created symlink /etc/systemd/system/${name} → /dev/null.`);
      ctx.sys.draft.setService(ctx.sys.host, def.name, { ...state, enabled: 'masked' });
      relinkUnit(ctx.sys.draft, ctx.sys.host, def, state.enabled, 'masked');
    } else if (state.enabled === 'masked') {
      ctx.err(`Removed /etc/systemd/system/${name}.`);
      ctx.sys.draft.setService(ctx.sys.host, def.name, { ...state, enabled: def.enabled });
      relinkUnit(ctx.sys.draft, ctx.sys.host, def, 'masked', def.enabled);
    }
  }
  return 0;
}

function kill(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  const signal = signalNumber(args.signal ?? 'TERM');
  if (signal === null) {
    ctx.err(`Failed to parse signal string ${args.signal}.`);
    return 1;
  }
  let code = 0;
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    const name = def?.name ?? mangleUnitName(word);
    const answer = allowed(ctx, args, 'manage-units', `Authentication is required to kill '${name}'.`);
    if (answer !== 'ok') {
      code ||= denied(ctx, 'kill', name, answer);
      continue;
    }
    const state = def ? stateOf(ctx, def) : undefined;
    if (!def || !isRunning(state)) {
      ctx.err(`Failed to kill unit ${name}: No main process to kill`);
      code ||= 1;
      continue;
    }
    // KillMode=control-group: every process of the unit gets the signal, the main one first.
    for (const pid of [...state!.workers].reverse()) deliverSignal(ctx.sys.draft, ctx.sys.host, pid, signal);
    deliverSignal(ctx.sys.draft, ctx.sys.host, state!.pid!, signal);
  }
  return code;
}

function show(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    const wanted = args.properties;
    const virt = machineOf(ctx.sys.spec).virtualization;
    const props: [string, string][] = [['Version', '237'], ['Architecture', 'x86-64'], ['NNames', '0'], ['NFailedUnits', '0'], ['Virtualization', virt === 'none' ? '' : virt], ['SystemState', 'running']];
    // Without -p, systemctl leaves out empty properties (Virtualization on real hardware).
    for (const [k, v] of wanted.length ? props.filter(([k]) => wanted.includes(k)) : props.filter(([, v]) => v !== '')) ctx.out(args.value ? v : `${k}=${v}`);
    return 0;
  }
  let first = true;
  for (const word of args.words) {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    if (!first && !args.value) ctx.out('');
    first = false;
    if (!def) {
      const name = mangleUnitName(word);
      const props: [string, string][] = [['Id', name], ['Names', name], ['LoadState', 'not-found'], ['ActiveState', 'inactive'], ['SubState', 'dead'], ['UnitFileState', '']];
      const wanted = args.properties;
      for (const [k, v] of wanted.length ? props.filter(([k]) => wanted.includes(k)) : props) ctx.out(args.value ? v : `${k}=${v}`);
      continue;
    }
    for (const line of showLines(ctx.sys, def, stateOf(ctx, def), args.properties, args.value)) ctx.out(line);
  }
  return 0;
}

function cat(ctx: ProgramContext, args: SystemctlArgs): number {
  if (args.words.length === 0) {
    ctx.err('Too few arguments.');
    return 1;
  }
  let code = 0;
  args.words.forEach((word, i) => {
    const def = findUnit(ctx.sys.config, ctx.sys.host, word);
    if (!def) {
      ctx.err(`No files found for ${mangleUnitName(word)}.`);
      code = 1;
      return;
    }
    if (i > 0) ctx.out('');
    for (const line of catLines(ctx.sys, def)) ctx.out(line);
  });
  return code;
}

function daemonReload(ctx: ProgramContext, args: SystemctlArgs): number {
  const answer = allowed(ctx, args, 'reload-daemon', 'Authentication is required to reload the systemd state.');
  if (answer === 'ok') return 0;
  ctx.err(`Failed to reload daemon: ${answer === 'denied' ? 'Access denied' : 'Interactive authentication required.'}`);
  return 1;
}

const NOT_MODELLED = new Set(['list-timers', 'list-sockets', 'list-dependencies', 'list-jobs', 'list-machines', 'isolate', 'set-property', 'edit', 'reset-failed', 'preset', 'link', 'revert', 'get-default', 'set-default', 'default', 'rescue', 'emergency', 'suspend', 'hibernate', 'hybrid-sleep', 'switch-root', 'set-environment', 'unset-environment', 'show-environment', 'import-environment', 'daemon-reexec', 'help', 'add-wants', 'add-requires', 'is-system-running']);
const POWER = new Set(['reboot', 'poweroff', 'halt', 'kexec', 'exit']);

export function systemctl(ctx: ProgramContext): number {
  const parsed = parseSystemctl(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.err(parsed.error);
    return 1;
  }
  const args = parsed.args;
  if (args.version) {
    for (const line of SYSTEMD_VERSION) ctx.out(line);
    return 0;
  }
  if (args.help) {
    ctx.out('systemctl [OPTIONS...] {COMMAND} ...');
    ctx.out('');
    ctx.out('Query or send control commands to the systemd manager.');
    ctx.note('Not simulated in this drill: the rest of systemctl --help; see `man systemctl` on a real host.');
    return 0;
  }
  if (args.user) {
    ctx.note('Not simulated in this drill: systemctl --user (per-user services).');
    return 0;
  }
  const list = { type: args.type, states: args.state, all: args.all, failed: args.failed, noLegend: args.noLegend, patterns: args.words };
  switch (args.verb) {
    case 'status':
      return status(ctx, args);
    case 'is-active':
      return isActive(ctx, args, 'active');
    case 'is-failed':
      return isActive(ctx, args, 'failed');
    case 'is-enabled':
      return isEnabled(ctx, args);
    case 'list-units':
      if (!args.type) ctx.note('Not simulated in this drill: units other than services (devices, mounts, sockets, targets, timers).');
      for (const line of listUnits(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), list, loginUnitRows(ctx.sys))) ctx.out(line);
      return 0;
    case 'list-unit-files':
      for (const line of listUnitFiles(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), list)) ctx.out(line);
      return 0;
    case 'enable':
    case 'disable':
    case 'reenable':
      return enableDisable(ctx, args);
    case 'mask':
    case 'unmask':
      return mask(ctx, args);
    case 'kill':
      return kill(ctx, args);
    case 'show':
      return show(ctx, args);
    case 'cat':
      return cat(ctx, args);
    case 'daemon-reload':
      return daemonReload(ctx, args);
    default:
      if (Object.hasOwn(VERB_OF, args.verb)) return control(ctx, args);
      if (NOT_MODELLED.has(args.verb)) {
        ctx.note(`Not simulated in this drill: systemctl ${args.verb}.`);
        return 0;
      }
      if (POWER.has(args.verb)) {
        ctx.note(`Not simulated in this drill: systemctl ${args.verb} (rebooting or powering off a host).`);
        return 0;
      }
      ctx.err(`Unknown operation '${args.verb}'.`);
      return 1;
  }
}
