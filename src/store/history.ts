/**
 * Past runs: finished and abandoned ones, oldest first, each saved under its own key. A
 * deletion can be undone until the next one.
 */
import type { StateCreator } from 'zustand';
import type { Postmortem, Run } from '../runs/format';
import type { DrillDeps, DrillState } from './drill';
import { saveRun } from './saving';

export interface HistorySlice {
  past: Run[];
  /** The last run deleted from history, until undone or another is deleted. */
  deleted: { run: Run; scenarioFrom: number | undefined } | null;
  /** For runs made on an older version of their scenario and replayed on the one this app has: the version they were made on. */
  migratedFrom: ReadonlyMap<string, number>;
  deleteRun: (id: string) => void;
  undoDelete: () => void;
  /**
   * Saves the trainee's postmortem of one of their past runs (a run is past once it has ended, or
   * was set down), or takes it away (undefined). It travels with the run: its file, its link, a
   * mentor's review. Returns the run as saved, or null when there is no such past run.
   */
  savePostmortem: (runId: string, postmortem: Postmortem | undefined) => Run | null;
}

/** Oldest first: by the time a run started, then by id, so every tab lists runs in the same order. */
export function byStart(a: Run, b: Run): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds or replaces a run in the list of past runs, by id, keeping the order. */
export function keep(past: readonly Run[], run: Run): Run[] {
  return [...past.filter((r) => r.id !== run.id), run].sort(byStart);
}

/** The map with one run's migration noted (or taken out). */
export function noteMigration(map: ReadonlyMap<string, number>, id: string, from: number | undefined): ReadonlyMap<string, number> {
  if (map.get(id) === from) return map;
  const next = new Map(map);
  if (from === undefined) next.delete(id);
  else next.set(id, from);
  return next;
}

export function createHistorySlice(deps: DrillDeps): StateCreator<DrillState, [], [], HistorySlice> {
  return (set, get) => ({
    past: [],
    deleted: null,
    migratedFrom: new Map(),
    deleteRun: (id) => {
      const { past, migratedFrom, notify } = get();
      const run = past.find((r) => r.id === id);
      if (!run) return;
      const removed = deps.runs.remove(id);
      if (!removed.ok) notify({ kind: 'delete-failed', cause: removed.cause, runId: id });
      set({ past: past.filter((r) => r.id !== id), deleted: { run, scenarioFrom: migratedFrom.get(id) } });
    },
    undoDelete: () => {
      const { deleted, past, migratedFrom } = get();
      if (!deleted) return;
      // Saved again meanwhile by another tab that was playing it: that copy is back already, and newer.
      if (past.some((r) => r.id === deleted.run.id)) {
        set({ deleted: null });
        return;
      }
      const run = saveRun(deps, get, deleted.run, deleted.scenarioFrom);
      set({ past: keep(past, run), deleted: null, migratedFrom: noteMigration(migratedFrom, run.id, deleted.scenarioFrom) });
    },
    savePostmortem: (runId, postmortem) => {
      const { past, run: current, review, migratedFrom } = get();
      const own = past.find((r) => r.id === runId);
      if (!own) return null;
      const { postmortem: _, ...bare } = own;
      const from = migratedFrom.get(own.id);
      const saved = saveRun(deps, get, postmortem ? { ...bare, postmortem } : bare, from);
      set({
        past: keep(get().past, saved),
        ...(current?.id === runId && saved.id === runId ? { run: saved } : {}),
        ...(review?.mine && review.run.id === runId ? { review: { ...review, run: saved } } : {}),
        ...(saved.id !== runId ? { migratedFrom: noteMigration(get().migratedFrom, saved.id, from) } : {}),
      });
      return saved;
    },
  });
}
