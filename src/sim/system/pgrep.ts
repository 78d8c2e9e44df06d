/**
 * `pgrep` and `pkill` (procps-ng 3.3.12), `pidof` (sysvinit-utils) and `killall` (psmisc):
 * finding processes by name (an extended regex on re2js, or the whole command line with -f)
 * and signalling them, with the permission checks and messages of the real tools.
 */
import type { ProgramContext } from '../process';
import { compilePosix } from '../regex';
import { processesWithSelf, selfProcess, uidOf } from './self';
import type { Proc } from './processes';
import { signalNumber } from './signals';
import { deliverSignal } from './deliver';

interface Match {
  full: boolean;
  exact: boolean;
  ignoreCase: boolean;
  invert: boolean;
  newest: boolean;
  oldest: boolean;
  count: boolean;
  list: boolean;
  listFull: boolean;
  delimiter: string;
  users: string[];
  parents: number[];
  signal: number;
  pattern: string | null;
}

type Parsed = { ok: true; m: Match } | { ok: false; lines: string[]; status: number };

function parse(ctx: ProgramContext, kill: boolean): Parsed {
  const prog = ctx.argv[0]!;
  const m: Match = { full: false, exact: false, ignoreCase: false, invert: false, newest: false, oldest: false, count: false, list: false, listFull: false, delimiter: '\n', users: [], parents: [], signal: 15, pattern: null };
  const args = ctx.argv.slice(1);
  const usage = [`Try \`${prog} --help' for more information.`];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (kill && /^-[A-Za-z0-9]+$/.test(a) && signalNumber(a.slice(1)) !== null && !/^-[fxinovcluUPd]+$/.test(a)) {
      m.signal = signalNumber(a.slice(1))!;
      continue;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = () => inline ?? args[++i];
      switch (name) {
        case '--full': m.full = true; break;
        case '--exact': m.exact = true; break;
        case '--ignore-case': m.ignoreCase = true; break;
        case '--inverse': m.invert = true; break;
        case '--newest': m.newest = true; break;
        case '--oldest': m.oldest = true; break;
        case '--count': m.count = true; break;
        case '--list-name': m.list = true; break;
        case '--list-full': m.listFull = true; break;
        case '--delimiter': m.delimiter = value() ?? '\n'; break;
        case '--euid': case '--uid': m.users.push(...(value() ?? '').split(',')); break;
        case '--parent': m.parents.push(...(value() ?? '').split(',').map(Number)); break;
        case '--signal': {
          const s = signalNumber(value() ?? '');
          if (s === null) return { ok: false, lines: [`${prog}: unknown signal name ${inline ?? args[i]}`, ...usage], status: 2 };
          m.signal = s;
          break;
        }
        case '--version': return { ok: false, lines: [`${prog} from procps-ng 3.3.12`], status: 0 };
        default: return { ok: false, lines: [`${prog}: unrecognized option '${a}'`, ...usage], status: 2 };
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j += 1) {
        const f = a[j]!;
        const rest = a.slice(j + 1);
        const value = () => {
          j = a.length;
          return rest !== '' ? rest : args[++i];
        };
        switch (f) {
          case 'f': m.full = true; break;
          case 'x': m.exact = true; break;
          case 'i': m.ignoreCase = true; break;
          case 'v': if (kill) return { ok: false, lines: [`${prog}: invalid option -- 'v'`, ...usage], status: 2 }; m.invert = true; break;
          case 'n': m.newest = true; break;
          case 'o': m.oldest = true; break;
          case 'c': m.count = true; break;
          case 'l': if (kill) return { ok: false, lines: [`${prog}: invalid option -- 'l'`, ...usage], status: 2 }; m.list = true; break;
          case 'a': if (kill) return { ok: false, lines: [`${prog}: invalid option -- 'a'`, ...usage], status: 2 }; m.listFull = true; break;
          case 'd': m.delimiter = value() ?? '\n'; break;
          case 'u': case 'U': m.users.push(...(value() ?? '').split(',')); break;
          case 'P': m.parents.push(...(value() ?? '').split(',').map(Number)); break;
          default: return { ok: false, lines: [`${prog}: invalid option -- '${f}'`, ...usage], status: 2 };
        }
      }
      continue;
    }
    if (m.pattern !== null) return { ok: false, lines: [`${prog}: only one pattern can be provided`, ...usage], status: 2 };
    m.pattern = a;
  }
  if (m.pattern === null && !m.users.length && !m.parents.length) return { ok: false, lines: [`${prog}: no matching criteria specified`, ...usage], status: 2 };
  return { ok: true, m };
}

/** The processes a pgrep/pkill match selects (never the program itself), or an error line. */
function select(ctx: ProgramContext, m: Match, self: Proc): { ok: true; procs: Proc[] } | { ok: false; error: string } {
  let test: (text: string) => boolean = () => true;
  if (m.pattern !== null) {
    const re = compilePosix(m.pattern, { syntax: 'grep-extended', ignoreCase: m.ignoreCase, line: m.exact });
    if (!re.ok) return { ok: false, error: re.error };
    test = (text) => re.test(text);
  }
  let procs = processesWithSelf(ctx, self).filter((p) => p.pid !== self.pid);
  procs = procs.filter((p) => {
    const hit = test(m.full ? p.args : p.comm) && (!m.users.length || m.users.some((u) => u === p.user || u === String(uidOf(ctx, p.user)))) && (!m.parents.length || m.parents.includes(p.ppid));
    return m.invert ? !hit : hit;
  });
  if (m.newest || m.oldest) {
    const sorted = [...procs].sort((a, b) => a.started - b.started || a.pid - b.pid);
    const pick = m.newest ? sorted[sorted.length - 1] : sorted[0];
    procs = pick ? [pick] : [];
  }
  return { ok: true, procs };
}

/** May this user signal that process? (root may signal anything; others only their own.) */
export function maySignal(ctx: ProgramContext, p: Proc): boolean {
  return ctx.sys.user.name === 'root' || p.user === ctx.sys.user.name;
}

function pgrepOrPkill(ctx: ProgramContext, kill: boolean): number {
  const parsed = parse(ctx, kill);
  if (!parsed.ok) {
    for (const line of parsed.lines) (parsed.status === 0 ? ctx.out : ctx.err)(line);
    return parsed.status;
  }
  const { m } = parsed;
  const self = selfProcess(ctx, ctx.argv.join(' '), 3_000, 24_840);
  const found = select(ctx, m, self);
  if (!found.ok) {
    // procps prints regerror()'s words alone.
    ctx.err(found.error);
    return 2;
  }
  const procs = found.procs;
  if (!kill) {
    if (m.count) ctx.out(String(procs.length));
    else {
      const items = procs.map((p) => (m.listFull ? `${p.pid} ${p.args}` : m.list ? `${p.pid} ${p.comm}` : String(p.pid)));
      if (items.length) ctx.write(`${items.join(m.delimiter)}\n`);
    }
    return procs.length ? 0 : 1;
  }
  let signalled = 0;
  for (const p of procs) {
    if (!maySignal(ctx, p)) {
      ctx.err(`pkill: killing pid ${p.pid} failed: Operation not permitted`);
      continue;
    }
    const result = deliverSignal(ctx.sys.draft, ctx.sys.host, p.pid, m.signal);
    if (result === 'own-session') ctx.note(`Not simulated in this drill: ending your own session (PID ${p.pid}) with a signal; type exit.`);
    signalled += 1;
  }
  if (m.count) ctx.out(String(signalled));
  return signalled ? 0 : 1;
}

export function pgrep(ctx: ProgramContext): number {
  return pgrepOrPkill(ctx, false);
}

export function pkill(ctx: ProgramContext): number {
  return pgrepOrPkill(ctx, true);
}

/** `pidof NAME…`: PIDs of processes whose program is NAME, newest first, on one line. */
export function pidof(ctx: ProgramContext): number {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const single = ctx.argv.includes('-s');
  const self = selfProcess(ctx, ctx.argv.join(' '));
  const procs = processesWithSelf(ctx, self).filter((p) => p.pid !== self.pid && !p.kernel);
  const pids: number[] = [];
  for (const name of names) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const hits = procs.filter((p) => p.comm === base.slice(0, 15) || (p.args.split(' ')[0] ?? '').replace(/^.*\//, '') === base).map((p) => p.pid).sort((a, b) => b - a);
    pids.push(...(single ? hits.slice(0, 1) : hits));
  }
  if (pids.length) ctx.out(pids.join(' '));
  return pids.length ? 0 : 1;
}

/** `killall [-SIGNAL] NAME…` (psmisc 23.1). */
export function killall(ctx: ProgramContext): number {
  let signal = 15;
  const names: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-s' || a === '--signal') {
      const s = signalNumber(args[++i] ?? '');
      if (s === null) {
        ctx.err(`${args[i] ?? ''}: unknown signal; killall -l lists signals.`);
        return 1;
      }
      signal = s;
    } else if (a.startsWith('-') && signalNumber(a.slice(1)) !== null) signal = signalNumber(a.slice(1))!;
    else if (a.startsWith('-')) {
      ctx.note(`Not simulated in this drill: killall ${a}.`);
    } else names.push(a);
  }
  if (!names.length) {
    ctx.err('Usage: killall [ -Z CONTEXT ] [ -u USER ] [ -y TIME ] [ -o TIME ] [ -eIgiqrvw ]');
    ctx.err('               [ -s SIGNAL | -SIGNAL ] NAME...');
    return 1;
  }
  const self = selfProcess(ctx, ctx.argv.join(' '));
  let code = 0;
  for (const name of names) {
    const procs = processesWithSelf(ctx, self).filter((p) => p.pid !== self.pid && !p.kernel && p.comm === name.slice(0, 15));
    if (!procs.length) {
      ctx.err(`${name}: no process found`);
      code = 1;
      continue;
    }
    for (const p of procs) {
      if (!maySignal(ctx, p)) {
        ctx.err(`${name}(${p.pid}): Operation not permitted`);
        code = 1;
        continue;
      }
      deliverSignal(ctx.sys.draft, ctx.sys.host, p.pid, signal);
    }
  }
  return code;
}
