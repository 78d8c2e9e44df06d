/** `uname` (coreutils 8.28): -s -n -r -v -m -p -i -o and -a, in coreutils' order. */
import type { ProgramContext } from '../process';
import { archOf, kernelBuildOf, kernelOf } from './machine';

const LONG: Readonly<Record<string, string>> = { '--all': 'a', '--kernel-name': 's', '--nodename': 'n', '--kernel-release': 'r', '--kernel-version': 'v', '--machine': 'm', '--processor': 'p', '--hardware-platform': 'i', '--operating-system': 'o' };

export function uname(ctx: ProgramContext): number {
  const wanted = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    if (a === '--version') {
      ctx.out('uname (GNU coreutils) 8.28');
      return 0;
    }
    if (a.startsWith('--')) {
      if (!Object.hasOwn(LONG, a)) {
        ctx.err(`uname: unrecognized option '${a}'`);
        ctx.err("Try 'uname --help' for more information.");
        return 1;
      }
      wanted.add(LONG[a]!);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      ctx.err(`uname: extra operand ‘${a}’`);
      ctx.err("Try 'uname --help' for more information.");
      return 1;
    }
    for (const f of a.slice(1)) {
      if (!'asnrvmpio'.includes(f)) {
        ctx.err(`uname: invalid option -- '${f}'`);
        ctx.err("Try 'uname --help' for more information.");
        return 1;
      }
      wanted.add(f);
    }
  }
  const spec = ctx.sys.spec;
  const arch = archOf(spec);
  const all = wanted.has('a');
  const parts: string[] = [];
  const want = (f: string) => all || wanted.has(f);
  if (wanted.size === 0 || want('s')) parts.push('Linux');
  if (want('n')) parts.push(ctx.sys.hostname);
  if (want('r')) parts.push(kernelOf(spec));
  if (want('v')) parts.push(kernelBuildOf(spec));
  if (want('m')) parts.push(arch);
  // -a leaves out -p and -i when they are unknown; on Ubuntu they are the machine name.
  if (want('p')) parts.push(arch);
  if (want('i')) parts.push(arch);
  if (want('o')) parts.push('GNU/Linux');
  ctx.out(parts.join(' '));
  return 0;
}
