/**
 * Changes to a host's files, as the kernel makes them: a new entry is owned by the user who
 * made it (mode masked by the umask: 002 for a user with their own group, 022 for root), and adding or removing an entry changes its
 * directory's modification time. All changes go through the draft, so a step is all or nothing.
 */
import { parentOf, type FileNode } from '../../fs';
import { epochOf } from '../../time';
import { filesOf, subtree, type Actor } from './access';
import { loginUmask } from '../../process';

export { loginUmask };

/** The umask of whoever makes a file: the shell's (`umask 027`), else the login's. */
export function umaskOf(actor: Actor): number {
  return actor.umask ?? loginUmask(actor.user);
}

export function nowOf(actor: Actor): number {
  return epochOf(actor.draft.config.date, actor.draft.clock);
}

/** A directory's entries changed: its mtime is now. */
export function touchDir(actor: Actor, dir: string): void {
  const files = filesOf(actor);
  if (!Object.hasOwn(files, dir)) return;
  const node = files[dir]!;
  if (node.kind === 'dir') actor.draft.setFile(actor.host, dir, { ...node, mtime: nowOf(actor) });
}

/** Puts a node at a path (replacing what was there) and updates its directory's mtime. */
export function putNode(actor: Actor, path: string, node: FileNode): void {
  actor.draft.setFile(actor.host, path, node);
  touchDir(actor, parentOf(path));
}

/** Removes an entry and everything below it, and updates its directory's mtime. */
export function removeNode(actor: Actor, path: string): void {
  actor.draft.setFile(actor.host, path, null);
  touchDir(actor, parentOf(path));
}

/** A node owned by the actor: a new file, directory or link. */
export function ownNode(actor: Actor, kind: FileNode['kind'], mode: number, extra: Partial<FileNode> = {}): FileNode {
  return { kind, owner: actor.user.name, group: actor.user.groups[0] ?? actor.user.name, mode, mtime: nowOf(actor), ...extra };
}

/** Renames a whole subtree (mv within one host): every node keeps its content, times and inode. */
export function moveTree(actor: Actor, from: string, to: string, inodeOf: (path: string, node: FileNode) => number): void {
  const files = filesOf(actor);
  const paths = subtree(files, from);
  const moved = paths.map((p) => ({ path: to + p.slice(from.length), node: { ...files[p]!, inode: inodeOf(p, files[p]!) } }));
  actor.draft.setFile(actor.host, from, null);
  actor.draft.setFile(actor.host, to, null);
  for (const m of moved) actor.draft.setFile(actor.host, m.path, m.node);
  touchDir(actor, parentOf(from));
  touchDir(actor, parentOf(to));
}
