/**
 * `timedatectl` and `hostnamectl` (systemd 237): their status, read from the host's clock,
 * zone, name, machine id and kernel. Changing the time, zone or name is not simulated.
 */
import type { ProgramContext } from '../process';
import { isRunning } from './state';
import { formatDate } from './dateFormat';
import { offsetText, zoneOf } from './zone';
import { archOf, kernelOf } from './machine';
import { machineIdOf, stableHex } from './baseImage';
import { bootClockOf, machineOf } from './machine';

function changes(ctx: ProgramContext, program: string, verbs: readonly string[]): boolean {
  const verb = ctx.argv[1];
  if (verb === undefined || verb === 'status') return false;
  if (verbs.includes(verb)) ctx.note(`Not simulated in this drill: ${program} ${verb}; the host keeps its settings.`);
  else {
    ctx.err(`Unknown operation ${verb}`);
  }
  return true;
}

export function timedatectl(ctx: ProgramContext): number {
  if (ctx.argv[1] === '--version') {
    ctx.out('systemd 237');
    ctx.out('+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid');
    return 0;
  }
  if (ctx.argv[1] === 'list-timezones') {
    ctx.note('Not simulated in this drill: the list of time zones.');
    return 0;
  }
  if (changes(ctx, 'timedatectl', ['set-time', 'set-timezone', 'set-local-rtc', 'set-ntp'])) return ctx.argv[1] && ['set-time', 'set-timezone', 'set-local-rtc', 'set-ntp'].includes(ctx.argv[1]) ? 0 : 1;
  const zoneLabel = ctx.sys.config.timezone;
  const zone = zoneOf(zoneLabel);
  const now = ctx.sys.now();
  const utc = now - zone.offset;
  const synced = isRunning(ctx.sys.draft.host(ctx.sys.host)?.services['systemd-timesyncd.service']);
  const rows: [string, string][] = [
    ['Local time', formatDate(now, '%a %Y-%m-%d %H:%M:%S', zoneLabel) + ` ${zoneLabel}`],
    ['Universal time', `${formatDate(utc, '%a %Y-%m-%d %H:%M:%S', 'UTC')} UTC`],
    ['RTC time', formatDate(utc, '%a %Y-%m-%d %H:%M:%S', 'UTC')],
    ['Time zone', `${zone.name} (${zoneLabel}, ${offsetText(zone.offset)})`],
    ['System clock synchronized', synced ? 'yes' : 'no'],
    ['systemd-timesyncd.service active', synced ? 'yes' : 'no'],
    ['RTC in local TZ', 'no'],
  ];
  // systemd 237 prints fixed labels: the longest, "systemd-timesyncd.service active", from column 0.
  for (const [label, value] of rows) ctx.out(`${label.padStart(32)}: ${value}`);
  return 0;
}

export function hostnamectl(ctx: ProgramContext): number {
  if (ctx.argv[1] === '--version') {
    ctx.out('systemd 237');
    return 0;
  }
  if (changes(ctx, 'hostnamectl', ['set-hostname', 'set-icon-name', 'set-chassis', 'set-deployment', 'set-location'])) return ctx.argv[1] && ctx.argv[1].startsWith('set-') ? 0 : 1;
  const spec = ctx.sys.spec;
  const boot = bootClockOf(ctx.sys.draft.host(ctx.sys.host), spec, ctx.sys.clock);
  const machine = machineOf(spec);
  const rows: [string, string][] = [
    ['Static hostname', ctx.sys.hostname],
    ['Icon name', `computer-${machine.chassis}`],
    ['Chassis', machine.chassis],
    ['Machine ID', machineIdOf(ctx.sys.host)],
    ['Boot ID', stableHex(`${ctx.sys.host}:boot:${boot}`, 32)],
    ...(machine.virtualization === 'none' ? [] : [['Virtualization', machine.virtualization] as [string, string]]),
    ['Operating System', 'Ubuntu 18.04.4 LTS'],
    ['Kernel', `Linux ${kernelOf(spec)}`],
    ['Architecture', archOf(spec).replace('_', '-')],
  ];
  for (const [label, value] of rows) ctx.out(`${label.padStart(18)}: ${value}`);
  return 0;
}

/** `systemd-detect-virt [-v|-c|-q]`: the hypervisor, or `none` (exit 1) on real hardware and for containers. */
export function systemdDetectVirt(ctx: ProgramContext): number {
  const flags = ctx.argv.slice(1);
  if (flags.includes('--version')) {
    ctx.out('systemd 237');
    ctx.out('+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid');
    return 0;
  }
  const unknown = flags.find((f) => !['-v', '--vm', '-c', '--container', '-q', '--quiet'].includes(f));
  if (unknown) {
    ctx.err(unknown.startsWith('--') ? `systemd-detect-virt: unrecognized option '${unknown}'` : `systemd-detect-virt: invalid option -- '${unknown.replace(/^-/, '').charAt(0) || unknown}'`);
    return 1;
  }
  const container = flags.includes('-c') || flags.includes('--container');
  const found = container ? 'none' : machineOf(ctx.sys.spec).virtualization;
  if (!flags.includes('-q') && !flags.includes('--quiet')) ctx.out(found);
  return found === 'none' ? 1 : 0;
}
