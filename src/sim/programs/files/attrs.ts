/**
 * What stat(2) would say of a node: its size in bytes, the blocks it takes on an ext4 disk
 * (4 KiB each), its modification time (a log that grows is modified when its last line came),
 * its inode number and link count. Every program that shows one of these asks here, so `ls -l`,
 * `stat`, `du` and `find -size` agree.
 */
import { baseName, byteLength, type FileNode } from '../../fs';
import type { Sys } from '../../process';
import { gzipSize } from './gzipdata';
import { liveMtime } from '../../system/liveFiles';

/** ext4's block: files take whole blocks. */
export const BLOCK = 4096;

function grows(node: FileNode): boolean {
  return node.live !== undefined || (node.timed?.length ?? 0) > 0 || (node.repeat?.length ?? 0) > 0;
}

/** The name gzip stored in a `.gz` file's header: the file's name without `.gz`. */
export function gzipStoredName(path: string): string {
  return baseName(path).replace(/\.gz$/, '');
}

/** Bytes of a node as `ls -l` and `stat` show them. */
export function sizeOf(sys: Sys, node: FileNode, path: string): number {
  if (node.kind === 'dir') return BLOCK;
  // A /proc link has its own size (64 for a descriptor's, 0 for exe and cwd), not its target's length.
  if (node.kind === 'link') return node.size ?? byteLength(node.target ?? '');
  if (node.size !== undefined) return node.size;
  const text = sys.textOf(node);
  if (node.gzip) return gzipSize(text, gzipStoredName(path), grows(node) ? undefined : node);
  return byteLength(text);
}

/** Disk usage in KiB (what `du` and `ls -s` count, and `ls -l`'s "total"). */
export function kilobytesOf(sys: Sys, node: FileNode, path: string): number {
  if (node.kind === 'dir') return BLOCK / 1024;
  if (node.kind === 'link') return 0;
  return Math.ceil(sizeOf(sys, node, path) / BLOCK) * (BLOCK / 1024);
}

/** Epoch seconds of the last change: for a growing log, when its latest line was written. */
export function mtimeOf(sys: Sys, node: FileNode): number {
  let latest = node.mtime;
  if (node.live) return liveMtime(sys, node.live);
  if (!grows(node)) return latest;
  const clock = sys.clock;
  for (const line of node.timed ?? []) if (line.at <= clock) latest = Math.max(latest, sys.epochAt(line.at));
  for (const r of node.repeat ?? []) {
    const end = Math.min(clock, r.until ?? clock);
    if (end >= r.from) latest = Math.max(latest, sys.epochAt(r.from + Math.floor((end - r.from) / r.every) * r.every));
  }
  return latest;
}

/** FNV-1a, 32 bits: a stable number from a string, for inode numbers and other fixed variety. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The inode number: the one a program gave the node, else one derived from where it is. */
export function inodeOf(host: string, path: string, node: FileNode): number {
  if (node.inode !== undefined) return node.inode;
  if (path === '/') return 2;
  return 131_073 + (stableHash(`${host}:${path}`) % 3_800_000);
}

/** The nanoseconds of a node's times (ext4 keeps them; stable for the node). */
export function nanosOf(node: FileNode, inode: number, mtime: number): number {
  return stableHash(`${mtime}:${inode}:${node.kind}`) % 1_000_000_000;
}

/** Hard links: 1 for a file, 2 plus one per subdirectory for a directory. */
export function linkCount(node: FileNode, path: string, files: Readonly<Record<string, FileNode>>, children: (dir: string) => readonly string[]): number {
  if (node.kind !== 'dir') return 1;
  let count = 2;
  for (const name of children(path)) {
    const key = path === '/' ? `/${name}` : `${path}/${name}`;
    if (Object.hasOwn(files, key) && files[key]!.kind === 'dir') count += 1;
  }
  return count;
}

/** `regular file`, `regular empty file`, `directory`, `symbolic link`: stat's %F. */
export function typeName(node: FileNode, size: number): string {
  if (node.kind === 'dir') return 'directory';
  if (node.kind === 'link') return 'symbolic link';
  if (node.device) return 'character special file';
  if (node.socket) return 'socket';
  return size === 0 ? 'regular empty file' : 'regular file';
}

/** A copy of a file's content as it is now (a growing log's lines so far), for cp, scp and tar. */
export function snapshotOf(sys: Sys, node: FileNode): FileNode {
  if (node.kind !== 'file' || !grows(node)) return node;
  return { ...node, content: sys.textOf(node), timed: undefined, repeat: undefined, live: undefined, size: node.live ? undefined : node.size };
}
