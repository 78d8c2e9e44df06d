/**
 * `lsb_release` (lsb-release 9.20170808ubuntu1, Ubuntu 18.04): -i -d -r -c -a, -s for the values
 * alone. Without options it prints only the LSB-modules line on stderr, as it does on Ubuntu.
 */
import type { ProgramContext } from '../process';

const FIELDS: readonly [flag: string, label: string, value: string][] = [
  ['i', 'Distributor ID', 'Ubuntu'],
  ['d', 'Description', 'Ubuntu 18.04.4 LTS'],
  ['r', 'Release', '18.04'],
  ['c', 'Codename', 'bionic'],
];
const LONG: Readonly<Record<string, string>> = { '--id': 'i', '--description': 'd', '--release': 'r', '--codename': 'c', '--all': 'a', '--short': 's' };

export function lsbRelease(ctx: ProgramContext): number {
  const wanted = new Set<string>();
  for (const arg of ctx.argv.slice(1)) {
    const flags = Object.hasOwn(LONG, arg) ? LONG[arg]! : arg.startsWith('-') && !arg.startsWith('--') ? arg.slice(1) : null;
    if (flags === null || [...flags].some((f) => !'idrcas'.includes(f))) {
      ctx.err('Usage: lsb_release [options]');
      ctx.err('');
      ctx.err(`lsb_release: error: no such option: ${arg}`);
      return 2;
    }
    for (const f of flags) wanted.add(f);
  }
  const all = wanted.has('a');
  const short = wanted.has('s');
  if (all || wanted.size === 0 || (short && wanted.size === 1)) ctx.err('No LSB modules are available.');
  const shown = FIELDS.filter(([flag]) => all || wanted.has(flag));
  if (short) {
    if (shown.length) ctx.out(shown.map(([, , value]) => value).join(' '));
  } else {
    for (const [, label, value] of shown) ctx.out(`${label}:\t${value}`);
  }
  return 0;
}
