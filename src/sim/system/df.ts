/**
 * `df` (coreutils 8.28): 1K-blocks or `-h` sizes (powers of 1024, rounded up), `-T` types,
 * `-i` inodes, `-x`/`-t` type filters, paths; columns as wide as their widest cell, with
 * coreutils' minimum widths.
 */
import type { ProgramContext } from '../process';
import { filesystemOf, filesystemsOf, type Filesystem } from './disks';
import { humanCeil } from './sizes';
import { sessionsOn } from './processes';
import { mountUsageOf, rootStoredKib } from './mountUsage';

interface Column {
  header: string;
  min: number;
  left: boolean;
  cell: (f: Filesystem) => string;
}

const pct = (used: number, avail: number) => (used + avail === 0 ? '-' : `${Math.ceil((used * 100) / (used + avail) - 1e-9)}%`);

export function df(ctx: ProgramContext): number {
  let human = false;
  let si = false;
  let types = false;
  let inodes = false;
  let total = false;
  const only: string[] = [];
  const exclude: string[] = [];
  const paths: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (name === '--human-readable') human = true;
      else if (name === '--si') si = true;
      else if (name === '--print-type') types = true;
      else if (name === '--inodes') inodes = true;
      else if (name === '--total') total = true;
      else if (name === '--type') only.push(value ?? args[++i] ?? '');
      else if (name === '--exclude-type') exclude.push(value ?? args[++i] ?? '');
      else if (name === '--local' || name === '--all' || name === '--sync' || name === '--no-sync' || name === '--portability') continue;
      else if (name === '--version') {
        ctx.out('df (GNU coreutils) 8.28');
        return 0;
      } else {
        ctx.err(`df: unrecognized option '${a}'`);
        ctx.err("Try 'df --help' for more information.");
        return 1;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j += 1) {
        const f = a[j]!;
        if (f === 'h') human = true;
        else if (f === 'H') si = true;
        else if (f === 'T') types = true;
        else if (f === 'i') inodes = true;
        else if (f === 'k' || f === 'l' || f === 'a' || f === 'P') continue;
        else if (f === 't' || f === 'x') {
          const v = a.slice(j + 1) || args[++i] || '';
          (f === 't' ? only : exclude).push(v);
          break;
        } else {
          ctx.err(`df: invalid option -- '${f}'`);
          ctx.err("Try 'df --help' for more information.");
          return 1;
        }
      }
      continue;
    }
    paths.push(a);
  }
  const uids = sessionsOn(ctx.sys.config, ctx.sys.host, ctx.sys.draft.host(ctx.sys.host), ctx.sys.draft.sessions, ctx.sys.clock)
    .filter((s) => s.session.via === 'ssh' || s.session.via === 'login')
    .map((s) => ctx.sys.userInfo(s.session.user)?.uid ?? 1000);
  const state = ctx.sys.draft.host(ctx.sys.host);
  const files = state?.files ?? {};
  const growth = state?.rootKibAtStart === undefined ? 0 : rootStoredKib(ctx.sys.spec, files) - state.rootKibAtStart;
  const all = filesystemsOf(ctx.sys.spec, uids, mountUsageOf(ctx.sys, files), growth);
  let chosen: Filesystem[] = all.filter((f) => (!only.length || only.includes(f.type)) && !exclude.includes(f.type));
  let status = 0;
  if (paths.length) {
    chosen = [];
    for (const p of paths) {
      if (!ctx.sys.node(p) && !all.some((f) => f.mount === ctx.sys.resolve(p))) {
        ctx.err(`df: ${p}: No such file or directory`);
        status = 1;
        continue;
      }
      const f = filesystemOf(all, ctx.sys.resolve(p));
      if (f) chosen.push(f);
    }
  }
  if (total) {
    const sum = (key: keyof Filesystem) => chosen.reduce((n, f) => n + (f[key] as number), 0);
    chosen = [...chosen, { device: 'total', type: '-', mount: '-', size: sum('size'), used: sum('used'), avail: sum('avail'), inodes: sum('inodes'), inodesUsed: sum('inodesUsed') }];
  }
  const sized = (kib: number) => (human ? humanCeil(kib * 1024) : si ? siCeil(kib * 1024) : String(kib));
  const count = (n: number) => (human ? humanCeil(n) : String(n));
  const columns: Column[] = [{ header: 'Filesystem', min: 14, left: true, cell: (f) => f.device }];
  if (types) columns.push({ header: 'Type', min: 4, left: true, cell: (f) => f.type });
  if (inodes) {
    columns.push(
      { header: 'Inodes', min: 5, left: false, cell: (f) => count(f.inodes) },
      { header: 'IUsed', min: 5, left: false, cell: (f) => count(f.inodesUsed) },
      { header: 'IFree', min: 5, left: false, cell: (f) => count(f.inodes - f.inodesUsed) },
      { header: 'IUse%', min: 4, left: false, cell: (f) => pct(f.inodesUsed, f.inodes - f.inodesUsed) },
    );
  } else {
    columns.push(
      { header: human || si ? 'Size' : '1K-blocks', min: 5, left: false, cell: (f) => sized(f.size) },
      { header: 'Used', min: 5, left: false, cell: (f) => sized(f.used) },
      { header: human || si ? 'Avail' : 'Available', min: 5, left: false, cell: (f) => sized(f.avail) },
      { header: 'Use%', min: 4, left: false, cell: (f) => pct(f.used, f.avail) },
    );
  }
  columns.push({ header: 'Mounted on', min: 0, left: true, cell: (f) => f.mount });
  const table = [columns.map((c) => c.header), ...chosen.map((f) => columns.map((c) => c.cell(f)))];
  const widths = columns.map((c, i) => Math.max(c.min, ...table.map((row) => row[i]!.length)));
  if (!chosen.length && paths.length) return status;
  for (const row of table) {
    ctx.out(row.map((cell, i) => (i === row.length - 1 ? cell : columns[i]!.left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' '));
  }
  return status;
}

/** coreutils' `-H` sizes: powers of 1000, rounded up. */
function siCeil(bytes: number): string {
  const units = ['k', 'M', 'G', 'T', 'P'];
  if (bytes < 1000) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return value < 10 ? `${(Math.ceil(value * 10 - 1e-9) / 10).toFixed(1)}${units[unit]}` : `${Math.ceil(value - 1e-9)}${units[unit]}`;
}
