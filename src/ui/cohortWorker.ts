/**
 * The Web Worker that scores a cohort: each received run is replayed and scored into its row
 * (`cohortRow`), one after another, off the page's thread. Rows are posted in small batches, so
 * the page draws as they come; a run that cannot be scored (its scenario missing, a replay that
 * fails) comes back as a reason, and the others go on.
 */
import type { Scenario } from '../scenario/schema';
import type { Run } from '../runs/format';
import { scenarioOf } from '../runs/format';
import { cohortRow, type CohortRow } from '../runs/cohort';
import { loadSqlEngine } from '../sim/mysql/sql-engine';

export interface CohortRequest {
  scenarios: readonly Scenario[];
  runs: readonly { key: string; run: Run }[];
}

export type CohortAnswer = { key: string; row: CohortRow } | { key: string; problem: string };

export type CohortMessage = { kind: 'scored'; answers: CohortAnswer[] } | { kind: 'done' };

/** Rows are posted at least this often (ms) while scoring. */
const BATCH_MS = 100;

const scope = self as unknown as { onmessage: ((event: MessageEvent<CohortRequest>) => void) | null; postMessage: (message: CohortMessage) => void };

/** Scores the runs, calling `post` with batches of answers. Exported for the tests, which run it on their own thread. */
export function scoreRuns({ scenarios, runs }: CohortRequest, post: (message: CohortMessage) => void, now: () => number = () => performance.now()): void {
  let batch: CohortAnswer[] = [];
  let last = now();
  for (const { key, run } of runs) {
    const scenario = scenarioOf(run, scenarios);
    try {
      batch.push(scenario ? { key, row: cohortRow(scenario, key, run) } : { key, problem: 'its scenario is not in this app' });
    } catch (error) {
      batch.push({ key, problem: `scoring it failed (${error instanceof Error ? error.name : 'error'})` });
    }
    if (now() - last >= BATCH_MS) {
      post({ kind: 'scored', answers: batch });
      batch = [];
      last = now();
    }
  }
  if (batch.length > 0) post({ kind: 'scored', answers: batch });
  post({ kind: 'done' });
}

if (typeof window === 'undefined') {
  scope.onmessage = (event) => {
    void loadSqlEngine().then(() => scoreRuns(event.data, (m) => scope.postMessage(m)));
  };
}
