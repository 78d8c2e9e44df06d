/**
 * Walking a directory tree as chmod -R, chown -R and cp -r do: an entry, then (for a directory
 * this user may read and search) its entries in name order, never following links found on the
 * way. A directory that cannot be read is reported once and not entered.
 */
import type { FileNode } from '../../fs';
import { childIndex, filesOf, join, may, type Actor } from './access';

export interface TreeVisitor {
  visit(shown: string, path: string, node: FileNode): void;
  cannotRead(shown: string): void;
}

/** Shown paths join like fts does: no doubled slash after an operand that ends in one. */
export function joinShown(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Visits `path` and, when it is a directory, everything below it; at most `limit` entries. */
export function walkTree(actor: Actor, shown: string, path: string, node: FileNode, visitor: TreeVisitor, limit = 50_000): void {
  const children = childIndex(filesOf(actor));
  let seen = 0;
  const step = (s: string, p: string, n: FileNode) => {
    if (seen >= limit) return;
    seen += 1;
    visitor.visit(s, p, n);
    if (n.kind !== 'dir') return;
    const current = filesOf(actor);
    const self = Object.hasOwn(current, p) ? current[p]! : n;
    if (!may(actor, self, 'r') || !may(actor, self, 'x')) {
      if (children(p).length > 0 || !may(actor, self, 'r')) visitor.cannotRead(s);
      return;
    }
    for (const name of children(p)) {
      const childPath = join(p, name);
      const files = filesOf(actor);
      if (Object.hasOwn(files, childPath)) step(joinShown(s, name), childPath, files[childPath]!);
    }
  };
  step(shown, path, node);
}
