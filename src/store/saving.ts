/** Saving a run from any slice: the trainee is told when the browser refuses, and a run never overwrites another tab's. */
import type { Run } from '../runs/format';
import type { DrillDeps, DrillState } from './drill';

/**
 * Saves the run and returns it as saved. When another tab changed the same run differently
 * (or its key holds a record that cannot be used), this copy is saved as a run of its own,
 * under a new id: nothing either tab did is lost.
 */
export function saveRun(deps: DrillDeps, get: () => DrillState, run: Run, scenarioFrom: number | undefined): Run {
  const outcome = deps.runs.save(run, scenarioFrom);
  if (outcome.ok === 'conflict') {
    const copy: Run = { ...run, id: deps.newId() };
    const again = deps.runs.save(copy, scenarioFrom);
    if (outcome.with === 'other-tab') get().notify({ kind: 'run-forked', runId: copy.id });
    if (again.ok === false) get().notify({ kind: 'save-failed', cause: again.cause, runId: copy.id });
    return copy;
  }
  if (outcome.ok === false) get().notify({ kind: 'save-failed', cause: outcome.cause, runId: run.id });
  else if (outcome.unsaved === 0) get().withdraw('save-failed');
  return run;
}
