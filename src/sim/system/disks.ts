/**
 * A host's mounted filesystems as the kernel's mount table lists them: devtmpfs and the tmpfs
 * mounts every Ubuntu 18.04 host has (sized from its memory, as the kernel sizes them), the
 * scenario's disks, and a /run/user/UID tmpfs for each user with a login.
 */
import type { DiskSpec, HostSpec } from '../../scenario/world';
import { bytesOf } from './sizes';
import { memoryTotalKib } from './machine';
import { ext4Geometry } from './ext4';

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

/** What the world's files take on a filesystem, as `du -sx` of its mount point counts them. */
export interface MountUsage {
  /** KiB of the mount point and everything on the same filesystem under it. */
  kib: number;
  /** The files, directories and links under it (the mount point itself not counted). */
  nodes: number;
}

/** The disk a host has when its scenario declares none. */
export const DEFAULT_DISKS: readonly DiskSpec[] = [{ device: '/dev/vda1', mount: '/', size: '39G', used: '6.1G' }];

/**
 * The mounts of a host, in /proc/mounts order; `loginUids` are the users with a session there.
 * With `usage`, a disk other than `/` is as full as the world's files on it make it (and its
 * declared `used`, what the world does not model file by file there, default none), plus what
 * the filesystem itself takes; `/` is as declared, the OS not being modelled file by file, moved
 * by `rootGrowthKib`, what the run's files changed there.
 */
export function filesystemsOf(spec: HostSpec | undefined, loginUids: readonly number[], usage?: (mount: string) => MountUsage, rootGrowthKib = 0): Filesystem[] {
  const mem = memoryTotalKib(spec);
  const pages = Math.floor(mem / 4);
  const tenth = Math.floor(mem / 10 / 4) * 4;
  const half = Math.floor(mem / 2 / 4) * 4;
  const disks = spec?.system?.disks ?? DEFAULT_DISKS;
  const list: Filesystem[] = [fs('udev', 'devtmpfs', '/dev', half - 12_000, 0, Math.floor(pages / 2) - 3_000, 438), fs('tmpfs', 'tmpfs', '/run', tenth, 1_004, Math.floor(pages / 2), 973)];
  const rootFirst = [...disks].sort((a, b) => (a.mount === '/' ? -1 : b.mount === '/' ? 1 : 0));
  rootFirst.forEach((d, i) => {
    const type = d.type ?? 'ext4';
    if (d.mount !== '/' && usage) {
      const files = usage(d.mount);
      const unmodelled = Math.floor(bytesOf(d.used) / 1024);
      if (type === 'ext4') {
        const g = ext4Geometry(bytesOf(d.size));
        const inodes = d.inodes ?? g.inodes;
        list.push(fs(d.device, type, d.mount, g.sizeKib, files.kib + unmodelled + g.metadataKib, inodes, d.inodesUsed ?? Math.min(inodes, g.metadataInodes + files.nodes), g.reservedKib));
      } else {
        const size = Math.floor(bytesOf(d.size) / 1024);
        const inodes = d.inodes ?? Math.floor(size / 16);
        list.push(fs(d.device, type, d.mount, size, files.kib + unmodelled, inodes, d.inodesUsed ?? Math.min(inodes, files.nodes + 1)));
      }
      return;
    }
    const size = Math.floor(bytesOf(d.size) / 1024);
    const used = Math.max(0, Math.floor(bytesOf(d.used ?? (d.mount === '/' ? '6.1G' : 0)) / 1024) + (d.mount === '/' ? rootGrowthKib : 0));
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

/** Mount points du -x does not cross into: the host's filesystems, and /proc and /sys (proc and sysfs, which df leaves out). */
export function mountPointsOf(spec: HostSpec | undefined): string[] {
  return [...filesystemsOf(spec, []).map((f) => f.mount), '/proc', '/sys'];
}

/** The mount point a path is on, of `mounts`: the longest that contains it. */
export function mountOf(mounts: readonly string[], path: string): string {
  let best = '/';
  for (const m of mounts) if ((path === m || path.startsWith(`${m}/`)) && m.length > best.length) best = m;
  return best;
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
