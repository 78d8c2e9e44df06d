/**
 * What the world's files take on each of a host's filesystems, counted as `du -sx` of the mount
 * point counts them (whole 4 KiB blocks, directories included, nothing on another filesystem),
 * so that `df` of a disk the world models file by file agrees with `du`.
 */
import type { Sys } from '../process';
import { byteLength, type FileNode } from '../fs';
import type { HostSpec } from '../../scenario/world';
import { kilobytesOf } from '../programs/files/attrs';
import { mountOf, mountPointsOf, type MountUsage } from './disks';

export function mountUsageOf(sys: Sys, files: Readonly<Record<string, FileNode>>): (mount: string) => MountUsage {
  const mounts = mountPointsOf(sys.spec);
  const totals = new Map<string, MountUsage>();
  for (const [path, node] of Object.entries(files)) {
    const mount = mountOf(mounts, path);
    const total = totals.get(mount) ?? { kib: 0, nodes: 0 };
    total.kib += kilobytesOf(sys, node, path);
    if (path !== mount) total.nodes += 1;
    totals.set(mount, total);
  }
  return (mount) => totals.get(mount) ?? { kib: 0, nodes: 0 };
}

/**
 * KiB the files on `/` take by their stored sizes (a growing log's lines left out): the world
 * keeps it for the start, so that `df /` moves by what the run writes there (a dump, a copy) and
 * frees, over the OS's declared share.
 */
export function rootStoredKib(spec: HostSpec | undefined, files: Readonly<Record<string, FileNode>>): number {
  const mounts = mountPointsOf(spec);
  let kib = 0;
  for (const [path, node] of Object.entries(files)) {
    if (node.kind === 'link' || mountOf(mounts, path) !== '/') continue;
    kib += node.kind === 'dir' ? 4 : Math.ceil((node.size ?? byteLength(node.content ?? '')) / 4096) * 4;
  }
  return kib;
}
