/**
 * The process tree of `ps f` / `ps --forest`, as procps-ng 3.3.12's show_forest draws it:
 * processes ordered by parent then PID, each tree from a process whose parent is not listed
 * (searched from the end, so kthreadd's tree comes before init's), children of PID 1 drawn at
 * init's own level (procps's ADOPTED), and each level's prefix four columns wide: ` \_ ` for
 * the process, ` |  ` under a parent with more children to come, four spaces otherwise.
 */

export interface ForestItem {
  pid: number;
  ppid: number;
}

/** The items in tree order, each with the prefix for its command column. */
export function forestOrder<T extends ForestItem>(items: readonly T[]): { item: T; prefix: string }[] {
  const sorted = [...items].sort((a, b) => a.ppid - b.ppid || a.pid - b.pid);
  const pids = new Set(sorted.map((p) => p.pid));
  const out: { item: T; prefix: string }[] = [];
  const prefix: string[] = [];
  const piece = (c: string) => (c === 'L' || c === '+' ? ' \\_ ' : c === '|' ? ' |  ' : '    ');
  const show = (self: number, level: number, hasSibling: boolean, depth: number): void => {
    if (level) prefix[level - 1] = hasSibling ? '+' : 'L';
    prefix.length = level;
    out.push({ item: sorted[self]!, prefix: prefix.map(piece).join('') });
    if (depth > 64) return;
    const selfPid = sorted[self]!.pid;
    let i = sorted.findIndex((p) => p.ppid === selfPid);
    if (i < 0) return;
    if (level) prefix[level - 1] = hasSibling ? '|' : ' ';
    for (; i < sorted.length; i += 1) {
      const more = i + 1 < sorted.length && sorted[i + 1]!.ppid === selfPid;
      show(i, selfPid === 1 ? level : level + 1, more, depth + 1);
      prefix.length = level;
      if (level) prefix[level - 1] = hasSibling ? '|' : ' ';
      if (!more) break;
    }
    prefix.length = level;
  };
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    if (!pids.has(sorted[i]!.ppid) || sorted[i]!.ppid === sorted[i]!.pid) show(i, 0, false, 0);
  }
  return out;
}
