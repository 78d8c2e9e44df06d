/**
 * Opening a run from outside (a file, a share link) is untrusted work: decoding, migrating and
 * replaying whatever the file holds. The store hands it to the `ReplayRunner` it is built with,
 * which answers in plain data (it may come from a Web Worker, by structured clone). The app's
 * runner replays in a worker with a time budget (`src/ui/replayInWorker.ts`); tests pass one that
 * does the same work on this thread (`src/ui/replayHere.ts`).
 */
import type { Scenario } from '../scenario/schema';
import type { RunProblem } from '../runs/decode';
import type { Run } from '../runs/format';

/** What the trainee or mentor asked to open: a picked or dropped file, or a share link's location hash. */
export type ImportJob = { source: 'file'; file: File } | { source: 'link'; hash: string };

/** A runner's answer. `opened` is a run that replayed within the budget, on `run.scenario` (a shipped version). */
export type ReplayAnswer =
  | { kind: 'opened'; run: Run; scenarioFrom?: number; formatFrom?: number }
  | { kind: 'refused'; problem: RunProblem }
  /** Its replay went past the time budget: it was stopped. */
  | { kind: 'too-slow' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; detail: string };

/**
 * Decodes, migrates and replays a job against the shipped scenarios, somewhere it cannot freeze
 * the page. Resolves `cancelled` soon after `signal` aborts; never rejects.
 */
export type ReplayRunner = (job: ImportJob, scenarios: readonly Scenario[], signal: AbortSignal) => Promise<ReplayAnswer>;
