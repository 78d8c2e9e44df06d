/**
 * `du` (GNU coreutils 8.28): disk usage in 1 KiB blocks (ext4 takes whole 4 KiB blocks), each
 * directory after what is in it; -s, -a, -h, -c, -d/--max-depth, -k, -m, -b and
 * --apparent-size, -x (not into another filesystem). A directory it cannot read is reported and counted as itself.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, join, locate, may, ERROR_TEXT } from './access';
import { kilobytesOf, sizeOf } from './attrs';
import { humanSize } from './human';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteAlways } from './quote';
import { joinShown } from './tree';
import type { FileNode } from '../../fs';
import { mountOf, mountPointsOf } from '../../system/disks';

const MAX_VISITS = 100_000;

function du(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'abcDhHkLlmPsSxX0',
    withArg: 'dBt',
    long: [
      ...STANDARD_LONG,
      { name: 'all', key: 'a' },
      { name: 'apparent-size', key: 'apparent' },
      { name: 'bytes', key: 'b' },
      { name: 'total', key: 'c' },
      { name: 'human-readable', key: 'h' },
      { name: 'si', key: 'si' },
      { name: 'max-depth', key: 'd', arg: 'required' },
      { name: 'summarize', key: 's' },
      { name: 'dereference', key: 'L' },
      { name: 'one-file-system', key: 'x' },
      { name: 'separate-dirs', key: 'S' },
      { name: 'block-size', key: 'B', arg: 'required' },
      { name: 'null', key: '0' },
      { name: 'exclude', key: 'exclude', arg: 'required' },
      { name: 'time', key: 'time', arg: 'optional' },
      { name: 'threshold', key: 't', arg: 'required' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  let unit: 'k' | 'm' | 'bytes' | 'human' = 'k';
  let apparent = false;
  for (const { key } of options.list) {
    if (key === 'h' || key === 'si') unit = 'human';
    else if (key === 'k') unit = 'k';
    else if (key === 'm') unit = 'm';
    else if (key === 'b') {
      unit = 'bytes';
      apparent = true;
    } else if (key === 'apparent') apparent = true;
  }
  const depthText = options.value('d');
  let maxDepth = Infinity;
  if (depthText !== undefined) {
    if (!/^\d+$/.test(depthText)) {
      ctx.err(`du: invalid maximum depth ${quoteAlways(depthText)}`);
      return 1;
    }
    maxDepth = Number(depthText);
  }
  if (options.has('s')) {
    if (depthText !== undefined && maxDepth !== 0) {
      ctx.err(`du: warning: summarizing conflicts with --max-depth=${maxDepth}`);
      return usageError(ctx, '');
    }
    maxDepth = 0;
  }
  if (options.has('a') && options.has('s')) {
    ctx.err('du: cannot both summarize and show all entries');
    return usageError(ctx, '');
  }
  const actor = actorOf(ctx.sys);
  const files = filesOf(actor);
  const children = childIndex(files);
  const end = options.has('0') ? '\u0000' : '\n';
  let status = 0;
  let visits = 0;
  /** Usage of a node in bytes (apparent) or KiB (disk). */
  const own = (node: FileNode, path: string) => (apparent ? sizeOf(ctx.sys, node, path) : kilobytesOf(ctx.sys, node, path));
  const shown = (amount: number): string => {
    if (apparent) {
      if (unit === 'bytes') return String(amount);
      if (unit === 'human') return humanSize(amount);
      if (unit === 'm') return String(Math.ceil(amount / (1024 * 1024)));
      return String(Math.ceil(amount / 1024));
    }
    if (unit === 'human') return humanSize(amount * 1024);
    if (unit === 'm') return String(Math.ceil(amount / 1024));
    if (unit === 'bytes') return String(amount * 1024);
    return String(amount);
  };
  const print = (amount: number, name: string) => ctx.write(`${shown(amount)}\t${name}${end}`);
  // -x: a directory on another filesystem (a mount point under the operand) is left out whole, as fts's FTS_XDEV makes du do.
  const mounts = options.has('x') ? mountPointsOf(ctx.sys.spec) : null;
  let operandMount = '/';
  const walk = (name: string, path: string, node: FileNode, depth: number): number => {
    visits += 1;
    if (visits > MAX_VISITS) return 0;
    let total = own(node, path);
    if (node.kind === 'dir') {
      if (!may(actor, node, 'r') || !may(actor, node, 'x')) {
        ctx.err(`du: cannot read directory ${quoteAlways(name)}: ${ERROR_TEXT.EACCES}`);
        status = 1;
      } else {
        for (const child of children(path)) {
          const childPath = join(path, child);
          if (!Object.hasOwn(files, childPath)) continue;
          if (mounts && mountOf(mounts, childPath) !== operandMount) continue;
          const sub = walk(joinShown(name, child), childPath, files[childPath]!, depth + 1);
          if (!options.has('S') || files[childPath]!.kind !== 'dir') total += sub;
        }
      }
      if (depth <= maxDepth) print(total, name);
    } else if (depth === 0 || (options.has('a') && depth <= maxDepth)) print(total, name);
    return total;
  };
  let grand = 0;
  for (const arg of options.operands.length ? options.operands : ['.']) {
    const found = locate(actor, arg, options.has('L') || options.has('D') || options.has('H'));
    if (!found.ok) {
      ctx.err(`du: cannot access ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`);
      status = 1;
      continue;
    }
    if (mounts) operandMount = mountOf(mounts, found.path);
    grand += walk(arg, found.path, found.node, 0);
  }
  if (options.has('c')) print(grand, 'total');
  if (visits > MAX_VISITS) ctx.note(`Not simulated in this drill: du over more than ${MAX_VISITS.toLocaleString('en')} files.`);
  return status;
}

export const duPrograms: Readonly<Record<string, ProgramEntry>> = {
  du: { main: du, base: true },
};
