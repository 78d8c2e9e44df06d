/**
 * Who is logged in, from the trainee's own sessions on this host (utmp has a line per terminal
 * login: ssh and local logins; su and sudo add none): `w` and `who` (procps-ng 3.3.12,
 * coreutils 8.28), `users`, and `last` (util-linux 2.31) with the boot record.
 */
import type { ProgramContext } from '../process';
import { formatDate } from './dateFormat';
import { sessionsOn, type SessionProcesses } from './processes';
import { uptimeLine, uptimeSeconds } from './uptimeText';
import { addressOf, seenFrom } from './sessions';
import { kernelOf } from './machine';

interface Login {
  user: string;
  tty: string;
  from: string;
  /** Epoch seconds. */
  since: number;
  /** What runs in the foreground there. */
  what: string;
  current: boolean;
}

function loginsOf(ctx: ProgramContext, command: string): Login[] {
  const sessions = sessionsOn(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.draft.sessions, ctx.sys.clock);
  const innermost = sessions[sessions.length - 1];
  const logins: Login[] = [];
  sessions.forEach((s: SessionProcesses) => {
    if (s.session.via !== 'ssh' && s.session.via !== 'login') return;
    // The session before this one in the world's list is where the trainee came from.
    const before = ctx.sys.draft.sessions[s.index - 1];
    const from = s.session.via === 'ssh' && before ? (seenFrom(ctx.sys, before.host, s.session.host) ?? addressOf(ctx.sys, before.host)) : s.session.via === 'login' ? ':0' : '';
    const current = innermost !== undefined && innermost.tty === s.tty;
    // A desktop login is the X display :0 in utmp; its terminal windows are not logins.
    const line = s.session.via === 'login' ? ':0' : s.tty;
    logins.push({ user: s.session.user, tty: line, from, since: ctx.sys.epochAt(s.since), what: current ? command : '-bash', current });
  });
  return logins;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function loginTime(ctx: ProgramContext, epoch: number): string {
  const now = ctx.sys.now();
  const day = (e: number) => Math.floor(e / 86_400);
  if (now - epoch > 12 * 3600 && day(now) !== day(epoch)) {
    if (now - epoch > 6 * 86_400) return ` ${formatDate(epoch, '%d%b%y', ctx.sys.config.timezone)}`;
    return ` ${formatDate(epoch, '%a%H', ctx.sys.config.timezone)}  `;
  }
  return ` ${formatDate(epoch, '%H:%M', ctx.sys.config.timezone)}  `;
}

/** procps's 7-character idle/CPU times: ` 0.00s`, ` 3:05 `, ` 2:14m`, ` 3days`. */
function ival7(seconds: number, centi = 0): string {
  if (seconds >= 48 * 3600) return ` ${String(Math.floor(seconds / 86_400)).padStart(3)}days`;
  if (seconds >= 3600) return ` ${String(Math.floor(seconds / 3600)).padStart(2)}:${pad2(Math.floor(seconds / 60) % 60)}m`;
  if (seconds > 60) return ` ${String(Math.floor(seconds / 60)).padStart(2)}:${pad2(seconds % 60)} `;
  return ` ${String(seconds).padStart(2)}.${pad2(centi)}s`;
}

export function w(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const noHeader = args.some((a) => /^-[a-z]*h/.test(a));
  const short = args.some((a) => /^-[a-z]*s/.test(a));
  const only = args.find((a) => !a.startsWith('-'));
  const logins = loginsOf(ctx, ['w', ...args].join(' ')).filter((l) => !only || l.user === only);
  if (!noHeader) {
    ctx.out(uptimeLine(ctx.sys));
    ctx.out(short ? 'USER     TTY      FROM              IDLE WHAT' : 'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT');
  }
  for (const l of logins) {
    const idle = l.current ? 0 : Math.max(0, ctx.sys.now() - l.since);
    const head = `${l.user.slice(0, 8).padEnd(9)}${l.tty.slice(0, 8).padEnd(9)}${l.from.slice(0, 16).padEnd(16)}`;
    const idleText = l.tty.startsWith(':') ? ' ?xdm? ' : ival7(idle);
    if (short) ctx.out(`${head}${idleText} ${l.what}`);
    else ctx.out(`${head}${loginTime(ctx, l.since)}${idleText}${ival7(0, 4)}${ival7(0, 0)} ${l.what}`);
  }
  return 0;
}

export function who(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.includes('-b') || args.includes('--boot')) {
    const boot = ctx.sys.now() - uptimeSeconds(ctx.sys);
    ctx.out(`         system boot  ${formatDate(boot, '%Y-%m-%d %H:%M', ctx.sys.config.timezone)}`);
    return 0;
  }
  if (args.includes('-r') || args.includes('--runlevel')) {
    const boot = ctx.sys.now() - uptimeSeconds(ctx.sys);
    ctx.out(`         run-level 5  ${formatDate(boot, '%Y-%m-%d %H:%M', ctx.sys.config.timezone)}`);
    return 0;
  }
  const me = args.includes('-m') || (args.length === 2 && args[0] === 'am' && /^(i|I)$/.test(args[1]!));
  const heading = args.includes('-H') || args.includes('--heading');
  let logins = loginsOf(ctx, 'who');
  if (me) logins = logins.filter((l) => l.current);
  if (args.includes('-q') || args.includes('--count')) {
    ctx.out(logins.map((l) => l.user).join(' '));
    ctx.out(`# users=${logins.length}`);
    return 0;
  }
  if (heading) ctx.out('NAME     LINE         TIME             COMMENT');
  for (const l of logins) ctx.out(`${l.user.padEnd(8)} ${l.tty.padEnd(12)} ${formatDate(l.since, '%Y-%m-%d %H:%M', ctx.sys.config.timezone)}${l.from ? ` (${l.from})` : ''}`);
  return 0;
}

export function users(ctx: ProgramContext): number {
  const names = loginsOf(ctx, 'users').map((l) => l.user).sort();
  ctx.out(names.join(' '));
  return 0;
}

/** last's duration of a closed login: `(00:23)`, `(1+02:05)`. */
function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hm = `${pad2(Math.floor(minutes / 60) % 24)}:${pad2(minutes % 60)}`;
  return days ? `(${days}+${hm})` : `(${hm})`;
}

interface LastRow {
  user: string;
  tty: string;
  from: string;
  /** Epoch seconds. */
  at: number;
  until: number | null;
}

/** `last` (util-linux 2.31): the host's wtmp newest first (its logins, the desktop's `:0`, the boot), then when wtmp begins. */
export function last(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const countArg = args.find((a) => /^-\d+$/.test(a));
  const nIndex = args.indexOf('-n');
  const limit = countArg ? Number(countArg.slice(1)) : nIndex >= 0 ? Number(args[nIndex + 1]) : Infinity;
  const only = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-n');
  const zone = ctx.sys.config.timezone;
  const boot = ctx.sys.now() - uptimeSeconds(ctx.sys);
  const records: LastRow[] = (ctx.sys.draft.host(ctx.sys.host)?.logins ?? []).map((l) => ({ user: l.user, tty: l.tty, from: l.from, at: ctx.sys.epochAt(l.at), until: l.until === null ? null : ctx.sys.epochAt(l.until) }));
  for (const l of loginsOf(ctx, 'last')) if (l.tty === ':0') records.push({ user: l.user, tty: ':0', from: ':0', at: l.since, until: null });
  // Newest first; of two that began the same second, the one written later.
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => b.r.at - a.r.at || b.i - a.i).map((x) => x.r);
  const rows: string[] = [];
  for (const l of ordered) {
    if (only && only !== l.user && only !== l.tty) continue;
    const head = `${l.user.slice(0, 8).padEnd(8)} ${l.tty.slice(0, 12).padEnd(12)} ${l.from.slice(0, 16).padEnd(16)} ${formatDate(l.at, '%a %b %e %H:%M', zone)}`;
    rows.push(l.until === null ? `${head}   still logged in` : `${head} - ${formatDate(l.until, '%H:%M', zone)}  ${duration(l.until - l.at)}`);
  }
  if (!only || only === 'reboot') rows.push(`${'reboot'.padEnd(8)} ${'system boot'.padEnd(12)} ${kernelOf(ctx.sys.spec).slice(0, 16).padEnd(16)} ${formatDate(boot, '%a %b %e %H:%M', zone)}   still running`);
  for (const row of rows.slice(0, Number.isFinite(limit) ? limit : rows.length)) ctx.out(row);
  ctx.out('');
  const begins = Math.min(boot, ...records.map((r) => r.at));
  ctx.out(`wtmp begins ${formatDate(begins, '%a %b %e %H:%M:%S %Y', zone)}`);
  return 0;
}

/** `tty [-s]` (coreutils 8.28): the terminal on stdin, as the session's pty is numbered (who, ps, $SSH_TTY). */
export function tty(ctx: ProgramContext): number {
  const silent = ctx.argv.slice(1).some((a) => a === '-s' || a === '--silent' || a === '--quiet');
  const sessions = sessionsOn(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.draft.sessions, ctx.sys.clock);
  const own = sessions[sessions.length - 1];
  if (ctx.stdin !== null || !own) {
    if (!silent) ctx.out('not a tty');
    return 1;
  }
  if (!silent) ctx.out(`/dev/${own.tty}`);
  return 0;
}
