/**
 * The Web Worker that opens a run from outside (`answerImport`), so a run that replays for long,
 * or forever, never freezes the page: the page stops this worker past its budget, or when the
 * trainee cancels. It says `started` once it has loaded and has the job (the budget counts from
 * there), then posts its answer, plain data, and is done.
 */
import type { Scenario } from '../scenario/schema';
import type { ImportJob, ReplayAnswer } from '../store/importing';
import { answerImport } from './replayJob';
import { loadSqlEngine } from '../sim/mysql/sql-engine';

/** What the page sends: one job and the scenarios the app ships. */
export interface ReplayRequest {
  job: ImportJob;
  scenarios: readonly Scenario[];
}

/** What the worker posts back. */
export type ReplayMessage = { kind: 'started' } | { kind: 'answered'; answer: ReplayAnswer };

/** This worker's side of the channel (the DOM's `self` is typed as a window). */
const scope = self as unknown as { onmessage: ((event: MessageEvent<ReplayRequest>) => void) | null; postMessage: (message: ReplayMessage) => void };

scope.onmessage = (event) => {
  const { job, scenarios } = event.data;
  // The budget counts from 'started': the SQL engine loads first, so loading is never counted as replaying.
  void loadSqlEngine().then(() => {
    scope.postMessage({ kind: 'started' });
    return answerImport(job, scenarios).then((answer) => scope.postMessage({ kind: 'answered', answer }));
  });
};
