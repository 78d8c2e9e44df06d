/**
 * The app's replay runner: each run opened from a file or a link is decoded and replayed in a
 * Web Worker of its own (`replayWorker.ts`), so the page stays responsive. Past the time budget,
 * or when the trainee cancels, the worker is stopped and nothing else happens.
 */
import type { ReplayAnswer, ReplayRunner } from '../store/importing';
import type { ReplayMessage, ReplayRequest } from './replayWorker';

/** Worker time one run may take to decode and replay. A real drill replays in well under a second. */
export const REPLAY_BUDGET_MS = 3_000;
/** Time the worker may take to load (fetch and compile its chunk) before it starts on the run. */
const START_BUDGET_MS = 30_000;

export interface WorkerReplayOptions {
  budgetMs?: number;
  /** Makes the worker (a test may pass another script). */
  spawn?: () => Worker;
}

const spawnReplayWorker = () => new Worker(new URL('./replayWorker.ts', import.meta.url), { type: 'module' });

export function createWorkerReplay({ budgetMs = REPLAY_BUDGET_MS, spawn = spawnReplayWorker }: WorkerReplayOptions = {}): ReplayRunner {
  return (job, scenarios, signal) =>
    new Promise<ReplayAnswer>((resolve) => {
      if (signal.aborted) {
        resolve({ kind: 'cancelled' });
        return;
      }
      let worker: Worker;
      try {
        worker = spawn();
      } catch (error) {
        resolve({ kind: 'failed', detail: `the replay worker could not start (${error instanceof Error ? error.name : 'error'})` });
        return;
      }
      let timer: ReturnType<typeof setTimeout>;
      const finish = (answer: ReplayAnswer) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', cancel);
        worker.terminate();
        resolve(answer);
      };
      const cancel = () => finish({ kind: 'cancelled' });
      timer = setTimeout(() => finish({ kind: 'failed', detail: 'the replay worker did not start' }), START_BUDGET_MS);
      signal.addEventListener('abort', cancel);
      worker.onmessage = (event: MessageEvent<ReplayMessage>) => {
        if (event.data.kind === 'answered') {
          finish(event.data.answer);
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'too-slow' }), budgetMs);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish({ kind: 'failed', detail: `the replay worker failed (${event.message || 'no message'})`.slice(0, 120) });
      };
      worker.onmessageerror = () => finish({ kind: 'failed', detail: 'the replay worker answered in a form the page cannot read' });
      const request: ReplayRequest = { job, scenarios };
      worker.postMessage(request);
    });
}
