/**
 * Which runs were tried again from which ("Try again from here" records `branchedFrom`): a list
 * of runs laid out as a family tree, for history to show each branch under the run it came from.
 */
import type { Run } from './format';

export interface LineageEntry {
  run: Run;
  /** 0 for a run listed on its own; 1 for a branch of it, 2 for a branch of that branch… */
  depth: number;
  /** The run it branched from, when that run is in the list. */
  parent?: Run;
}

/**
 * The runs, each followed by its branches (depth first), in the order given at every level.
 * A branch whose parent is not in the list (deleted, or from another browser) is listed on its
 * own. Every run appears exactly once, even if hand-edited files make parents loop.
 */
export function lineage(runs: readonly Run[]): LineageEntry[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const parentOf = (run: Run): Run | undefined => {
    const id = run.branchedFrom?.id;
    return id !== undefined && id !== run.id ? byId.get(id) : undefined;
  };
  const children = new Map<string, Run[]>();
  for (const run of runs) {
    const parent = parentOf(run);
    if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), run]);
  }
  const out: LineageEntry[] = [];
  const placed = new Set<string>();
  const place = (run: Run, depth: number, parent: Run | undefined) => {
    const stack: [Run, number, Run | undefined][] = [[run, depth, parent]];
    while (stack.length > 0) {
      const [next, level, from] = stack.pop()!;
      if (placed.has(next.id)) continue;
      placed.add(next.id);
      out.push(from ? { run: next, depth: level, parent: from } : { run: next, depth: level });
      const below = children.get(next.id) ?? [];
      for (let i = below.length - 1; i >= 0; i -= 1) stack.push([below[i]!, level + 1, next]);
    }
  };
  for (const run of runs) if (!parentOf(run)) place(run, 0, undefined);
  // Runs whose parents loop back to them: each listed on its own, where it comes.
  for (const run of runs) if (!placed.has(run.id)) place(run, 0, undefined);
  return out;
}
