/**
 * net-tools' `arp` (1.60+git20161116): the kernel's ARP cache, /proc/net/arp in the same order
 * `ip neigh` lists it (src/sim/net/neighbours.ts). `arp` and `arp -e` print arp_disp_2's table
 * (names unless `-n`), `arp -a` the BSD lines (`? (10.0.1.1) at … [ether] on ens3`). Setting and
 * deleting entries is not modelled.
 */
import type { ProgramContext } from '../process';
import { formatIpv4 } from './address';
import { neighboursOf } from './neighbours';
import { lookupName, nameOfAddress } from './resolver';

export function arp(ctx: ProgramContext): number {
  let numeric = false;
  let bsd = false;
  let device: string | null = null;
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--numeric') numeric = true;
    else if (a === '--all') bsd = true;
    else if (a === '--device' || a === '-i') device = args[++i] ?? '';
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      for (let j = 1; j < a.length; j += 1) {
        const letter = a[j]!;
        if (letter === 'n') numeric = true;
        else if (letter === 'a') bsd = true;
        else if (letter === 'e' || letter === 'v') continue;
        else if (letter === 'i') {
          device = a.slice(j + 1) || (args[++i] ?? '');
          break;
        } else if ('sdfD'.includes(letter)) {
          ctx.note('Not simulated in this drill: changing the ARP cache (arp -s, -d, -f).');
          return 0;
        } else {
          ctx.note("Not simulated in this drill: arp's usage text.");
          return 0;
        }
      }
    } else operands.push(a);
  }
  const draft = ctx.sys.draft;
  let wanted: number | null = null;
  if (operands[0] !== undefined) {
    const found = lookupName(draft, ctx.sys.host, operands[0]);
    if (!found.ok) {
      ctx.err(`${operands[0]}: Unknown host`);
      return 255;
    }
    wanted = found.addresses[0]!;
  }
  const entries = neighboursOf(draft, ctx.sys.host);
  const shown = entries.filter((n) => (wanted === null || n.address === wanted) && (device === null || n.dev === device));
  let title = false;
  for (const n of shown) {
    const ip = formatIpv4(n.address);
    const name = numeric ? '?' : (nameOfAddress(draft, ctx.sys.host, n.address) ?? '?');
    if (bsd) {
      ctx.out(`${name} (${ip}) at ${n.mac} [ether] on ${n.dev}`);
      continue;
    }
    if (!title) ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface');
    title = true;
    ctx.out(`${(name === '?' ? ip : name).slice(0, 23).padEnd(23)}  ${'ether'.padEnd(8)}${n.mac.padEnd(20)}${'C'.padEnd(6)}${''.padEnd(15)} ${n.dev}`);
  }
  if (shown.length === 0) {
    if (wanted !== null && !bsd) ctx.out(`${operands[0]} (${formatIpv4(wanted)}) -- no entry`);
    else if (wanted !== null || device !== null) ctx.out(`arp: in ${entries.length} entries no match found.`);
  }
  return 0;
}

