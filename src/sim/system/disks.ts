/**
 * A host's mounted filesystems as the kernel's mount table lists them: devtmpfs and the tmpfs
 * mounts every Ubuntu 18.04 host has (sized from its memory, as the kernel sizes them), the
 * scenario's disks, and a /run/user/UID tmpfs for each user with a login.
 */
import type { HostSpec } from '../../scenario/world';
import { bytesOf } from './sizes';
import { memoryTotalKib } from './machine';

export interface Filesystem {
  device: string;
  type: string;
  mount: string;
  /** KiB. */
  size: number;
  used: number;
  /** What ordinary users can still write (the root-reserved 5% of ext4 excluded). */
  avail: number;
  inodes: number;
  inodesUsed: number;
}

function fs(device: string, type: string, mount: string, sizeKib: number, usedKib: number, inodes: number, inodesUsed: number, reserved = 0): Filesystem {
  const used = Math.min(usedKib, sizeKib);
  return { device, type, mount, size: sizeKib, used, avail: Math.max(0, sizeKib - used - reserved), inodes, inodesUsed };
}

/** The mounts of a host, in /proc/mounts order; `loginUids` are the users with a session there. */
export function filesystemsOf(spec: HostSpec | undefined, loginUids: readonly number[]): Filesystem[] {
  const mem = memoryTotalKib(spec);
  const pages = Math.floor(mem / 4);
  const tenth = Math.floor(mem / 10 / 4) * 4;
  const half = Math.floor(mem / 2 / 4) * 4;
  const disks = spec?.system?.disks ?? [{ device: '/dev/vda1', mount: '/', size: '39G', used: '6.1G' }];
  const list: Filesystem[] = [fs('udev', 'devtmpfs', '/dev', half - 12_000, 0, Math.floor(pages / 2) - 3_000, 438), fs('tmpfs', 'tmpfs', '/run', tenth, 1_004, Math.floor(pages / 2), 973)];
  const rootFirst = [...disks].sort((a, b) => (a.mount === '/' ? -1 : b.mount === '/' ? 1 : 0));
  rootFirst.forEach((d, i) => {
    const size = Math.floor(bytesOf(d.size) / 1024);
    const used = Math.floor(bytesOf(d.used) / 1024);
    const type = d.type ?? 'ext4';
    const inodes = d.inodes ?? Math.floor(size / 16);
    const inodesUsed = d.inodesUsed ?? Math.min(inodes, Math.floor((used / Math.max(1, size)) * inodes * 0.35) + 24_000);
    const entry = fs(d.device, type, d.mount, size, used, inodes, inodesUsed, type === 'ext4' ? Math.floor(size * 0.05) : 0);
    list.push(entry);
    if (i === 0) {
      list.push(fs('tmpfs', 'tmpfs', '/dev/shm', half, 0, Math.floor(pages / 2), 1));
      list.push(fs('tmpfs', 'tmpfs', '/run/lock', 5_120, 0, Math.floor(pages / 2), 3));
      list.push(fs('tmpfs', 'tmpfs', '/sys/fs/cgroup', half, 0, Math.floor(pages / 2), 18));
    }
  });
  for (const uid of [...new Set(loginUids)].sort((a, b) => a - b)) list.push(fs('tmpfs', 'tmpfs', `/run/user/${uid}`, tenth, 0, Math.floor(pages / 2), 4));
  return list;
}

/** The filesystem a path is on: the longest mount point that contains it. */
export function filesystemOf(list: readonly Filesystem[], path: string): Filesystem | null {
  let best: Filesystem | null = null;
  for (const f of list) {
    const inside = f.mount === '/' || path === f.mount || path.startsWith(`${f.mount}/`);
    if (inside && (!best || f.mount.length > best.mount.length)) best = f;
  }
  return best;
}

/**
 * A block device's numbers as Ubuntu 18.04's kernel gives them: virtio disks (`vda`) major
 * 252 (16 minors a disk), SCSI disks (`sda`) 8, NVMe namespaces 259 (numbered in probe order:
 * the namespace, then its partitions). Null for a name that is not one of these.
 */
export function blockDeviceNumbers(device: string): { major: number; minor: number } | null {
  const name = device.replace(/^\/dev\//, '');
  const disk = /^(vd|sd|xvd)([a-z])(\d*)$/.exec(name);
  if (disk) return { major: disk[1] === 'vd' ? 252 : disk[1] === 'xvd' ? 202 : 8, minor: (disk[2]!.charCodeAt(0) - 97) * 16 + Number(disk[3] || 0) };
  const nvme = /^nvme(\d+)n(\d+)(?:p(\d+))?$/.exec(name);
  if (nvme) return { major: 259, minor: Number(nvme[3] ?? 0) };
  return null;
}

/** st_dev of a file on that device, as stat(1) prints it (`fc01h/64513d` for /dev/vda1); the kernel's new_encode_dev. */
export function encodedDevice(device: string): number | null {
  const numbers = blockDeviceNumbers(device);
  if (!numbers) return null;
  return (numbers.minor & 0xff) | (numbers.major << 8) | ((numbers.minor & ~0xff) << 12);
}

/** The disk a partition is on: `/dev/vda1` → `vda`, `/dev/nvme0n1p2` → `nvme0n1`. */
export function diskOf(device: string): string | null {
  const name = device.replace(/^\/dev\//, '');
  return /^((?:vd|sd|xvd)[a-z])\d*$/.exec(name)?.[1] ?? /^(nvme\d+n\d+)(?:p\d+)?$/.exec(name)?.[1] ?? null;
}
