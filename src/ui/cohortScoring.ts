/**
 * Scores received runs for the page: in a Web Worker (`cohortWorker.ts`), with the answers kept
 * per run (by its key and inputs), so a list and a cohort view share one scoring and a run is
 * scored once per page. Tests and browsers without workers score on the page's thread instead.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Scenario } from '../scenario/schema';
import type { ReceivedRun } from '../store/drill';
import type { CohortAnswer, CohortMessage, CohortRequest } from './cohortWorker';
import type { CohortRow } from '../runs/cohort';

export type Scored = { row: CohortRow } | { problem: string };

/** Scores runs and calls back with answers as they come; returns how to stop. */
export type CohortScorer = (request: CohortRequest, onAnswers: (answers: CohortAnswer[]) => void) => () => void;

const spawn = () => new Worker(new URL('./cohortWorker.ts', import.meta.url), { type: 'module' });

export const workerScorer: CohortScorer = (request, onAnswers) => {
  let worker: Worker;
  try {
    worker = spawn();
  } catch {
    onAnswers(request.runs.map(({ key }) => ({ key, problem: 'the scoring worker could not start' })));
    return () => {};
  }
  worker.onmessage = (event: MessageEvent<CohortMessage>) => {
    if (event.data.kind === 'scored') onAnswers(event.data.answers);
    else worker.terminate();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onAnswers(request.runs.map(({ key }) => ({ key, problem: 'the scoring worker failed' })));
    worker.terminate();
  };
  worker.postMessage(request);
  return () => worker.terminate();
};

/** The same work on this thread (tests; a browser without module workers). */
export const hereScorer: CohortScorer = (request, onAnswers) => {
  let stopped = false;
  void import('./cohortWorker').then(({ scoreRuns }) => {
    if (!stopped) scoreRuns(request, (m) => !stopped && m.kind === 'scored' && onAnswers(m.answers));
  });
  return () => {
    stopped = true;
  };
};

const scorer: CohortScorer = typeof Worker === 'function' ? workerScorer : hereScorer;

/**
 * Answers kept for this page, by run key and the number of its inputs (a run that went further is
 * scored again). Bounded: past CACHE_LIMIT answers the oldest are forgotten (scored again if asked).
 */
const cache = new Map<string, Scored>();
const CACHE_LIMIT = 20_000;
const cacheKey = (entry: ScoredEntry) => `${entry.key}#${entry.run.inputs.length}`;

function remember(key: string, scored: Scored): void {
  cache.delete(key);
  cache.set(key, scored);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

/** A run to score and the key its answer is known by (a received run's key; `own:<id>` for the trainee's own). */
export type ScoredEntry = Pick<ReceivedRun, 'key' | 'run'>;

/** The scored rows of these runs, filled in as the scorer answers (missing: not scored yet). */
export function useScored(entries: readonly ScoredEntry[], scenarios: readonly Scenario[]): ReadonlyMap<string, Scored> {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const waiting = entries.filter((e) => !cache.has(cacheKey(e)));
    if (waiting.length === 0) return;
    const keys = new Map(waiting.map((e) => [e.key, cacheKey(e)]));
    return scorer({ scenarios, runs: waiting.map(({ key, run }) => ({ key, run })) }, (answers) => {
      for (const answer of answers) {
        const at = keys.get(answer.key);
        if (at) remember(at, 'row' in answer ? { row: answer.row } : { problem: answer.problem });
      }
      setVersion((n) => n + 1);
    });
  }, [entries, scenarios]);
  // A new map only when an answer came in: the views that sort and count it redo that work only then.
  return useMemo(() => {
    const out = new Map<string, Scored>();
    for (const e of entries) {
      const got = cache.get(cacheKey(e));
      if (got) out.set(e.key, got);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is what says the cache changed
  }, [entries, version]);
}
