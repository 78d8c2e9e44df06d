/**
 * What the app tells the trainee, as data. Every kind is a case of one union, and sentences are
 * made in one place (`src/ui/noticeText.ts`, an exhaustive switch), so a new kind of problem
 * cannot fall into a generic message. Notices are de-duplicated by kind and key: a second
 * notice about the same thing replaces the first instead of piling up.
 */
import type { StateCreator } from 'zustand';
import type { RunProblem } from '../runs/decode';

/**
 * Why a run could not be opened: the decoder's refusal (worded by `src/runs`), a replay stopped
 * past its time budget, or a replay that failed outright.
 */
export type Refusal = { code: 'run'; problem: RunProblem } | { code: 'too-slow' } | { code: 'replay-failed'; detail: string };

/** Why something saved in the browser could not be used. It is left where it is, as it was. */
export type UnusableReason =
  | { code: 'not-json' }
  | { code: 'too-deep' }
  | { code: 'not-ours' }
  | { code: 'newer-storage'; version: number }
  | { code: 'refused'; refusal: Refusal };

/** Why the browser would not store a run. */
export type WriteCause = 'full' | 'refused';

export type Notice =
  /** Saved data that cannot be used, left in place; `raw` is offered as a download. */
  | { kind: 'record-unusable'; key: string; reason: UnusableReason; raw: string; runCount: number }
  /** A run could not be written; it goes on in memory and is offered as a download. */
  | { kind: 'save-failed'; cause: WriteCause; runId: string }
  /** Deleting a run could not be saved: it will be back after a reload. */
  | { kind: 'delete-failed'; cause: WriteCause; runId: string }
  | { kind: 'storage-unavailable' }
  /** Saved runs made on older versions of a scenario, replayed on the one this app has. */
  | { kind: 'runs-migrated'; scenarioId: string; scenarioTitle: string; from: number[]; to: number; count: number }
  /** Opening another scenario kept the unfinished run in history. */
  | { kind: 'run-kept'; runId: string; scenarioTitle: string }
  /** The same run was played on in another tab too: what this tab did is kept as a run of its own. */
  | { kind: 'run-forked'; runId: string }
  | { kind: 'import-refused'; source: 'file' | 'link'; refusal: Refusal }
  /** An imported run in an older run format, or made on an older scenario version, was brought up to date to open. */
  | { kind: 'import-updated'; source: 'file' | 'link'; formatFrom?: number; scenarioFrom?: number; scenarioTo: number }
  /** Several files opened at once (picked together, or a folder dropped): how many were received, refused, or left out past the limit. */
  | { kind: 'runs-received'; received: number; refused: number; skipped: number }
  /** A new version of the app has been downloaded (it works offline) and waits for a reload. */
  | { kind: 'update-ready' };

export type ShownNotice = Notice & { id: number };

/** Two notices with the same key are about the same thing. */
export function noticeKey(notice: Notice): string {
  switch (notice.kind) {
    case 'record-unusable':
      return `record-unusable:${notice.key}`;
    case 'save-failed':
    case 'storage-unavailable':
      return notice.kind;
    case 'delete-failed':
    case 'run-kept':
    case 'run-forked':
      return `${notice.kind}:${notice.runId}`;
    case 'runs-migrated':
      return `runs-migrated:${notice.scenarioId}`;
    case 'import-refused':
    case 'import-updated':
      return `import:${notice.source}`;
    case 'runs-received':
    case 'update-ready':
      return notice.kind;
  }
}

export interface NoticesSlice {
  notices: ShownNotice[];
  /** Shows a notice, or replaces the one about the same thing (same key), keeping its place. */
  notify: (notice: Notice) => void;
  dismiss: (id: number) => void;
  /** Takes away the notice with this key, if shown (the thing it was about is over). */
  withdraw: (key: string) => void;
}

export function createNoticesSlice<S extends NoticesSlice>(): StateCreator<S, [], [], NoticesSlice> {
  let nextId = 0;
  return (set) => ({
    notices: [],
    notify: (notice) =>
      set((s) => {
        const key = noticeKey(notice);
        const index = s.notices.findIndex((n) => noticeKey(n) === key);
        if (index < 0) return { notices: [...s.notices, { ...notice, id: ++nextId }] } as Partial<S>;
        // The same news again (a save that fails at every keystroke): leave it be, so it is not announced again.
        const { id: _, ...shown } = s.notices[index]!;
        if (JSON.stringify(shown) === JSON.stringify(notice)) return s;
        const notices = [...s.notices];
        notices[index] = { ...notice, id: ++nextId };
        return { notices } as Partial<S>;
      }),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }) as Partial<S>),
    withdraw: (key) =>
      set((s) => (s.notices.some((n) => noticeKey(n) === key) ? ({ notices: s.notices.filter((n) => noticeKey(n) !== key) } as Partial<S>) : s)),
  });
}
