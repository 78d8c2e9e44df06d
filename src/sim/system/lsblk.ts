/**
 * lsblk as util-linux 2.31 prints it: each disk of the host (from the disks `df` and `mount`
 * show), its partitions under it with the tree's `├─`/`└─`, MAJ:MIN, size in lsblk's units (one
 * decimal unless whole), and where each is mounted. The disk's size is its partitions' rounded
 * up to the next GiB (the space a partition table leaves). `-f`, `-o` and the rest give a note.
 */
import type { ProgramContext } from '../process';
import { blockDeviceNumbers, diskOf } from './disks';
import { bytesOf } from './sizes';

const GIB = 1024 ** 3;

/** util-linux's size_to_human_string: B, K, M, G, T with one decimal when not whole. */
function lsblkSize(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const whole = Math.floor(value);
  const tenth = Math.round((value - whole) * 10);
  if (tenth === 0) return `${whole}${units[unit]}`;
  if (tenth === 10) return `${whole + 1}${units[unit]}`;
  return `${whole}.${tenth}${units[unit]}`;
}

interface Row {
  name: string;
  numbers: string;
  size: string;
  type: 'disk' | 'part';
  mount: string;
}

export function lsblk(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.some((a) => a.startsWith('-') && a !== '-a' && a !== '--all')) {
    ctx.note('Not simulated in this drill: lsblk options other than -a.');
    return 0;
  }
  const disks = ctx.sys.spec?.system?.disks ?? [{ device: '/dev/vda1', mount: '/', size: '39G', used: '6.1G' }];
  const byDisk = new Map<string, { device: string; mount: string; bytes: number }[]>();
  for (const d of disks) {
    const disk = diskOf(d.device);
    if (!disk) continue;
    const list = byDisk.get(disk) ?? [];
    list.push({ device: d.device.replace(/^\/dev\//, ''), mount: d.mount, bytes: bytesOf(d.size) });
    byDisk.set(disk, list);
  }
  const rows: { row: Row; prefix: string }[] = [];
  for (const disk of [...byDisk.keys()].sort()) {
    const parts = byDisk.get(disk)!.sort((a, b) => (blockDeviceNumbers(a.device)?.minor ?? 0) - (blockDeviceNumbers(b.device)?.minor ?? 0));
    const total = Math.ceil((parts.reduce((sum, p) => sum + p.bytes, 0) + 1024 * 1024) / GIB) * GIB;
    const numbers = (name: string) => {
      const n = blockDeviceNumbers(name);
      // lsblk's `%3u:%-3u`.
      return n ? `${String(n.major).padStart(3)}:${String(n.minor).padEnd(3)}` : '';
    };
    rows.push({ row: { name: disk, numbers: numbers(disk), size: lsblkSize(total), type: 'disk', mount: '' }, prefix: '' });
    parts.forEach((p, i) => {
      if (p.device === disk) return;
      rows.push({ row: { name: p.device, numbers: numbers(p.device), size: lsblkSize(p.bytes), type: 'part', mount: p.mount }, prefix: i === parts.length - 1 ? '└─' : '├─' });
    });
  }
  const names = rows.map((r) => r.prefix + r.row.name);
  const nameWidth = Math.max(4, ...names.map((n) => [...n].length));
  const numWidth = Math.max(7, ...rows.map((r) => r.row.numbers.length));
  const sizeWidth = Math.max(4, ...rows.map((r) => r.row.size.length));
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
  ctx.out(`${pad('NAME', nameWidth)} ${pad('MAJ:MIN', numWidth)} RM ${'SIZE'.padStart(sizeWidth)} RO TYPE MOUNTPOINT`);
  rows.forEach((r, i) => {
    ctx.out(`${pad(names[i]!, nameWidth)} ${pad(r.row.numbers, numWidth)}  0 ${r.row.size.padStart(sizeWidth)}  0 ${r.row.type} ${r.row.mount}`.trimEnd());
  });
  return 0;
}
