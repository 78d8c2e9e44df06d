/**
 * `ps` (procps-ng 3.3.12) over the host's process table: BSD style (`aux`, `ax`, `u`, `o`),
 * UNIX style (`-e`, `-f`, `-u`, `-p`, `-C`, `-o`), `--sort`, `--no-headers`; ps lists
 * itself. Errors in procps's words with its usage text.
 */
import type { ProgramContext } from '../process';
import { layout, psColumn, type PsColumn, type PsRow } from './psColumns';
import { processesWithSelf, selfProcess, uidOf, currentSession } from './self';
import type { Proc } from './processes';
import { memoryTotalKib } from './machine';
import { forestOrder } from './psForest';

const USAGE = ['', 'Usage:', ' ps [options]', '', " Try 'ps --help <simple|list|output|threads|misc|all>'", "  or 'ps --help <s|l|o|t|m|a>'", ' for additional help text.', '', 'For more details see ps(1).'];

const FORMATS = {
  unix: 'pid,tname,time,ucmd',
  full: 'fuid,pid,ppid,c,stime,tname,time,cmd',
  bsd: 'pid,tname,stat,bsdtime,args',
  user: 'user,pid,%cpu,%mem,vsz,rss,tname,stat,bsdstart,bsdtime,args',
  jobs: 'ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args',
  sysvJobs: 'pid,pgid,sid,tname,time,ucmd',
} as const;

/**
 * Each process's group and session, as the kernel keeps them: kernel threads 0, a daemon systemd
 * started (setsid) and a login's shell lead their own, sshd's per-connection child too; a
 * command an interactive shell starts gets its own group (job control) in the shell's session;
 * anything else inherits its parent's. A terminal's foreground group is ps's own where ps runs.
 */
function jobIds(procs: readonly Proc[], self: Proc): Map<number, { pgid: number; sid: number; tpgid: number }> {
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const ids = new Map<number, { pgid: number; sid: number }>();
  const isShell = (p: Proc | undefined) => p !== undefined && p.tty !== '?' && /^-?(bash|sh|dash)$/.test(p.comm);
  const of = (p: Proc, depth = 0): { pgid: number; sid: number } => {
    const known = ids.get(p.pid);
    if (known) return known;
    const parent = byPid.get(p.ppid);
    let id: { pgid: number; sid: number };
    if (p.kernel || p.pid === 2 || p.ppid === 2 || p.pid === 0) id = { pgid: 0, sid: 0 };
    else if (p.pid === 1 || p.ppid === 1 || p.ppid === 0 || !parent || depth > 64) id = { pgid: p.pid, sid: p.pid };
    else if (isShell(p) && !isShell(parent)) id = { pgid: p.pid, sid: p.pid };
    else if (parent.comm === 'sshd' && parent.ppid === 1) id = { pgid: p.pid, sid: p.pid };
    else if (isShell(parent)) {
      // The foreground pipeline is one job: its processes share the group of its first.
      const job = p.stat.includes('+') ? procs.filter((q) => q.ppid === p.ppid && q.stat.includes('+')).map((q) => q.pid) : [p.pid];
      id = { pgid: Math.min(...job), sid: of(parent, depth + 1).sid };
    }
    else id = of(parent, depth + 1);
    ids.set(p.pid, id);
    return id;
  };
  const result = new Map<number, { pgid: number; sid: number; tpgid: number }>();
  const selfIds = of(self);
  for (const p of procs) {
    const id = of(p);
    const leader = procs.find((q) => q.tty === p.tty && q.pid === id.sid);
    const tpgid = p.tty === '?' ? -1 : p.tty === self.tty ? selfIds.pgid : (leader?.pid ?? id.sid);
    result.set(p.pid, { ...id, tpgid });
  }
  return result;
}

function column(name: string, header?: string): PsColumn | null {
  if (name === 'fuid') {
    const user = psColumn('user')!;
    return { ...user, header: 'UID' };
  }
  const col = psColumn(name);
  if (!col) return null;
  return header === undefined ? col : { ...col, header };
}

interface Request {
  all: boolean;
  bsdAll: boolean;
  bsdNoTty: boolean;
  format: string[];
  style: keyof typeof FORMATS | null;
  pids: number[];
  commands: string[];
  users: string[];
  ppids: number[];
  sort: string[];
  headers: boolean;
  forest: boolean;
}

type Parsed = { ok: true; request: Request } | { ok: false; error: string };

function list(value: string | undefined): string[] {
  return (value ?? '').split(/[,\s]+/).filter((s) => s !== '');
}

function parse(argv: readonly string[]): Parsed {
  const r: Request = { all: false, bsdAll: false, bsdNoTty: false, format: [], style: null, pids: [], commands: [], users: [], ppids: [], sort: [], headers: true, forest: false };
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    const takeValue = (rest: string): string | undefined => (rest !== '' ? rest : argv[++i]);
    if (word.startsWith('--')) {
      const [name, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
      const value = () => inline ?? argv[++i];
      switch (name) {
        case '--sort': r.sort.push(...list(value())); break;
        case '--pid': r.pids.push(...list(value()).map(Number)); break;
        case '--ppid': r.ppids.push(...list(value()).map(Number)); break;
        case '--user': case '--User': r.users.push(...list(value())); break;
        case '--format': r.format.push(value() ?? ''); break;
        case '--no-headers': case '--no-heading': r.headers = false; break;
        case '--forest': r.forest = true; break;
        case '--cols': case '--columns': case '--width': case '--rows': case '--lines': value(); break;
        case '--help': return { ok: false, error: 'help' };
        case '--version': return { ok: false, error: 'version' };
        default: return { ok: false, error: 'error: unknown gnu long option' };
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const flags = word.slice(1);
      for (let j = 0; j < flags.length; j += 1) {
        const f = flags[j]!;
        const rest = flags.slice(j + 1);
        switch (f) {
          case 'e': case 'A': r.all = true; break;
          case 'f': r.style = 'full'; break;
          case 'F': r.style = 'full'; break;
          case 'j': r.style = 'sysvJobs'; break;
          case 'l': case 'y': case 'c': case 'L': case 'T': case 'M': case 'Z': break;
          case 'H': r.forest = true; break;
          case 'a': case 'd': case 'N': case 'x': r.bsdNoTty = true; break;
          case 'w': break;
          case 'u': case 'U': {
            const v = takeValue(rest);
            if (v === undefined) return { ok: false, error: 'error: list of users must follow -u' };
            r.users.push(...list(v));
            j = flags.length;
            break;
          }
          case 'p': case 'q': {
            const v = takeValue(rest);
            if (v === undefined) return { ok: false, error: 'error: list of process IDs must follow -p' };
            const pids = list(v);
            if (pids.some((p) => !/^\d+$/.test(p))) return { ok: false, error: 'error: process ID list syntax error' };
            r.pids.push(...pids.map(Number));
            j = flags.length;
            break;
          }
          case 'C': {
            const v = takeValue(rest);
            if (v === undefined) return { ok: false, error: 'error: list of command names must follow -C' };
            r.commands.push(...list(v));
            j = flags.length;
            break;
          }
          case 'o': {
            const v = takeValue(rest);
            if (v === undefined) return { ok: false, error: 'error: format specification must follow -o' };
            r.format.push(v);
            j = flags.length;
            break;
          }
          case 't': {
            takeValue(rest);
            j = flags.length;
            break;
          }
          default:
            return { ok: false, error: 'error: unsupported SysV option' };
        }
      }
      continue;
    }
    // BSD options: letters without a dash.
    for (let j = 0; j < word.length; j += 1) {
      const f = word[j]!;
      switch (f) {
        case 'a': r.bsdAll = true; break;
        case 'x': r.bsdNoTty = true; break;
        case 'u': r.style = 'user'; break;
        case 'j': r.style = 'jobs'; break;
        case 'e': case 'w': case 'h': case 'c': case 'n': break;
        case 'f': r.forest = true; break;
        case 'o': {
          const v = word.slice(j + 1) || argv[++i];
          if (v === undefined) return { ok: false, error: 'error: format specification must follow o' };
          r.format.push(v);
          j = word.length;
          break;
        }
        case 'k': {
          const v = word.slice(j + 1) || argv[++i];
          r.sort.push(...list(v));
          j = word.length;
          break;
        }
        default:
          if (/^\d+$/.test(word)) {
            r.pids.push(Number(word));
            j = word.length;
            break;
          }
          return { ok: false, error: 'error: unsupported option (BSD syntax)' };
      }
      if (r.style === null && (f === 'a' || f === 'x' || f === 'f')) r.style = 'bsd';
    }
  }
  return { ok: true, request: r };
}

function sortKey(key: string): ((a: PsRow, b: PsRow) => number) | null {
  const desc = key.startsWith('-');
  const name = key.replace(/^[-+]/, '');
  const col = column(name);
  if (!col) return null;
  const numeric = col.align === 'right';
  return (a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    const order = numeric ? Number.parseFloat(x) - Number.parseFloat(y) : x < y ? -1 : x > y ? 1 : 0;
    return desc ? -order : order;
  };
}

/** `ps`. */
export function ps(ctx: ProgramContext): number {
  const parsed = parse(ctx.argv.slice(1));
  if (!parsed.ok) {
    if (parsed.error === 'version') {
      ctx.out('ps from procps-ng 3.3.12');
      return 0;
    }
    if (parsed.error === 'help') {
      ctx.out(USAGE.slice(1).join('\n'));
      return 0;
    }
    ctx.err(parsed.error);
    for (const line of USAGE) ctx.err(line);
    return 1;
  }
  const r = parsed.request;
  const columns: PsColumn[] = [];
  const spec = r.format.length ? r.format.join(',') : FORMATS[r.style ?? (r.bsdAll || r.bsdNoTty ? 'bsd' : 'unix')];
  for (const item of spec.split(/[,\s]+/).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    const name = eq >= 0 ? item.slice(0, eq) : item;
    const col = column(name, eq >= 0 ? item.slice(eq + 1) : undefined);
    if (!col) {
      ctx.err(`error: unknown user-defined format specifier "${name}"`);
      for (const line of USAGE) ctx.err(line);
      return 1;
    }
    columns.push(col);
  }
  for (const key of r.sort) {
    if (!sortKey(key)) {
      ctx.err('error: unknown sort specifier');
      for (const line of USAGE) ctx.err(line);
      return 1;
    }
  }
  for (const user of r.users) {
    if (!/^\d+$/.test(user) && !ctx.sys.userInfo(user) && uidOf(ctx, user) === 1000 && user !== ctx.sys.user.name) {
      ctx.err('error: user name does not exist');
      for (const line of USAGE) ctx.err(line);
      return 1;
    }
  }
  const self = selfProcess(ctx, ['ps', ...ctx.argv.slice(1)].join(' '));
  const everything = processesWithSelf(ctx, self);
  const session = currentSession(ctx);
  const tty = session?.tty ?? self.tty;
  const explicit = r.pids.length || r.commands.length || r.users.length || r.ppids.length;
  const chosen = everything.filter((p: Proc) => {
    if (r.all) return true;
    if (explicit) {
      return r.pids.includes(p.pid) || r.ppids.includes(p.ppid) || r.commands.includes(p.comm) || r.users.some((u) => u === p.user || u === String(uidOf(ctx, p.user)));
    }
    if (r.bsdAll && r.bsdNoTty) return true;
    if (r.bsdNoTty) return p.user === ctx.sys.user.name;
    if (r.bsdAll) return p.tty !== '?';
    return p.tty === tty && p.user === ctx.sys.user.name;
  });
  const now = ctx.sys.now();
  const memTotalKib = memoryTotalKib(ctx.sys.spec);
  const jobs = jobIds(everything, self);
  let rows: PsRow[] = chosen.map((proc) => ({ proc, now, started: ctx.sys.epochAt(proc.started), clock: ctx.sys.clock, memTotalKib, uid: uidOf(ctx, proc.user), ...jobs.get(proc.pid) }));
  for (const key of [...r.sort].reverse()) {
    const compare = sortKey(key)!;
    rows = rows.map((row, i) => ({ row, i })).sort((a, b) => compare(a.row, b.row) || a.i - b.i).map((x) => x.row);
  }
  if (r.headers && columns.some((c) => c.header !== '')) ctx.out(layout(columns, columns.map((c) => c.header)));
  // In a forest the command columns carry the tree's prefix.
  const tree = r.forest ? forestOrder(rows.map((row) => ({ pid: row.proc.pid, ppid: row.proc.ppid, row }))) : rows.map((row) => ({ item: { row }, prefix: '' }));
  const commandColumn = (c: PsColumn) => c.header === 'COMMAND' || c.header === 'CMD';
  for (const { item, prefix } of tree) ctx.out(layout(columns, columns.map((c) => (prefix && commandColumn(c) ? prefix + c.value(item.row) : c.value(item.row)))));
  return rows.length ? 0 : 1;
}
