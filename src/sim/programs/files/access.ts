/**
 * A path looked up as the kernel does it for one user on one host: every directory on the way
 * must exist, be a directory and be searchable (x) by that user; symbolic links on the way are
 * followed (at most 40, then ELOOP), the last one only when asked (stat vs lstat). Everything
 * the file programs read or change goes through here, so permissions hold everywhere.
 */
import { allowed, parentOf, type FileNode } from '../../fs';
import type { Draft } from '../../draft';
import type { Sys, UserInfo } from '../../process';

/** Who acts, and where: a user on a host (scp acts as the trainee's login on another host). */
export interface Actor {
  draft: Draft;
  host: string;
  user: UserInfo;
  cwd: string;
  /** The shell's umask, when `umask` set one (else the login's: change.ts). */
  umask?: number;
}

export type FileError = 'ENOENT' | 'EACCES' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'ELOOP' | 'EPERM' | 'EINVAL' | 'EBUSY' | 'ENXIO';

/** strerror() of each error, as every program prints it after its own words. */
export const ERROR_TEXT: Readonly<Record<FileError, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EPERM: 'Operation not permitted',
  EINVAL: 'Invalid argument',
  ENXIO: 'No such device or address',
  EBUSY: 'Device or resource busy',
};

export type Located = { ok: true; path: string; node: FileNode } | { ok: false; error: FileError };

/** Longest chain of symbolic links followed in one lookup (Linux's limit). */
const MAX_LINKS = 40;

export function actorOf(sys: Sys): Actor {
  return { draft: sys.draft, host: sys.host, user: sys.user, cwd: sys.cwd, ...(sys.umask !== undefined ? { umask: sys.umask } : {}) };
}

export function filesOf(actor: Actor): Readonly<Record<string, FileNode>> {
  return actor.draft.host(actor.host)?.files ?? {};
}

export function isRoot(actor: Actor): boolean {
  return actor.user.name === 'root';
}

export function may(actor: Actor, node: FileNode, want: 'r' | 'w' | 'x'): boolean {
  return allowed(node, actor.user.name, actor.user.groups, want);
}

export function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function nodeAt(files: Readonly<Record<string, FileNode>>, path: string): FileNode | undefined {
  return Object.hasOwn(files, path) ? files[path] : undefined;
}

/**
 * Resolves `path` (relative to the actor's directory). `follow` decides whether a link as the
 * last component is followed; a trailing slash always follows it and requires a directory.
 */
export function locate(actor: Actor, path: string, follow = true): Located {
  if (path === '') return { ok: false, error: 'ENOENT' };
  const files = filesOf(actor);
  const absolute = path.startsWith('/') ? path : `${actor.cwd}/${path}`;
  const trailing = /\/\.?$/.test(path) && path !== '/';
  const queue = absolute.split('/').filter((c) => c !== '' && c !== '.');
  let current = '/';
  let links = 0;
  while (queue.length > 0) {
    const dir = nodeAt(files, current);
    if (!dir) return { ok: false, error: 'ENOENT' };
    if (dir.kind !== 'dir') return { ok: false, error: 'ENOTDIR' };
    if (!may(actor, dir, 'x')) return { ok: false, error: 'EACCES' };
    const component = queue.shift()!;
    if (component === '..') {
      current = parentOf(current);
      continue;
    }
    const next = join(current, component);
    const node = nodeAt(files, next);
    if (!node) return { ok: false, error: 'ENOENT' };
    const last = queue.length === 0;
    if (node.kind === 'link' && (!last || follow || trailing)) {
      links += 1;
      if (links > MAX_LINKS) return { ok: false, error: 'ELOOP' };
      const target = node.target ?? '';
      if (target === '') return { ok: false, error: 'ENOENT' };
      if (target.startsWith('/')) current = '/';
      queue.unshift(...target.split('/').filter((c) => c !== '' && c !== '.'));
      continue;
    }
    current = next;
  }
  const node = nodeAt(files, current);
  if (!node) return { ok: false, error: 'ENOENT' };
  if (trailing && node.kind !== 'dir') return { ok: false, error: 'ENOTDIR' };
  return { ok: true, path: current, node };
}

/** Where a new entry would go: its directory (resolved and searchable), its name, and what is there now. */
export type Slot =
  | { ok: true; dir: string; dirNode: FileNode; name: string; path: string; node: FileNode | null }
  | { ok: false; error: FileError };

/** The directory entry a path names, without following a link in its last component. */
export function slotOf(actor: Actor, path: string): Slot {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed === '/' || trimmed === '') return trimmed === '/' ? { ok: false, error: 'EBUSY' } : { ok: false, error: 'ENOENT' };
  const cut = trimmed.lastIndexOf('/');
  const dirPart = cut < 0 ? '.' : cut === 0 ? '/' : trimmed.slice(0, cut);
  const name = trimmed.slice(cut + 1);
  const dir = locate(actor, dirPart, true);
  if (!dir.ok) return dir;
  if (dir.node.kind !== 'dir') return { ok: false, error: 'ENOTDIR' };
  if (!may(actor, dir.node, 'x')) return { ok: false, error: 'EACCES' };
  // The kernel will not make, remove or rename an entry called . or .. (EBUSY).
  if (name === '.' || name === '..') return { ok: false, error: 'EBUSY' };
  const full = join(dir.path, name);
  return { ok: true, dir: dir.path, dirNode: dir.node, name, path: full, node: nodeAt(filesOf(actor), full) ?? null };
}

/** May this user add or remove entries in a directory (write and search)? */
export function mayChangeEntries(actor: Actor, dir: FileNode): boolean {
  return may(actor, dir, 'w') && may(actor, dir, 'x');
}

/** In a sticky directory (/tmp) only an entry's owner, the directory's owner or root may remove or rename it. */
export function stickyForbids(actor: Actor, dir: FileNode, entry: FileNode): boolean {
  return (dir.mode & 0o1000) !== 0 && !isRoot(actor) && entry.owner !== actor.user.name && dir.owner !== actor.user.name;
}

/** Children of every directory, computed once for a walk over many of them (ls -R, find, du). */
export function childIndex(files: Readonly<Record<string, FileNode>>): (dir: string) => string[] {
  const index = new Map<string, string[]>();
  for (const path of Object.keys(files)) {
    if (path === '/') continue;
    const parent = parentOf(path);
    let list = index.get(parent);
    if (!list) index.set(parent, (list = []));
    list.push(path.slice(parent === '/' ? 1 : parent.length + 1));
  }
  for (const list of index.values()) list.sort(byteOrder);
  return (dir) => index.get(dir) ?? [];
}

/** Names in C-locale byte order, as `ls` and `sort` compare them with LC_COLLATE=C. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every path at or below `root`, the root first, parents before children. */
export function subtree(files: Readonly<Record<string, FileNode>>, root: string): string[] {
  const prefix = root === '/' ? '/' : `${root}/`;
  return Object.keys(files)
    .filter((p) => p === root || p.startsWith(prefix))
    .sort(byteOrder);
}
