import { useMemo } from 'react';
import type { Scenario } from '../../scenario/schema';
import { scoreRun, type Score } from '../../scoring/score';
import { drillInputs, scenarioOf, type Run } from '../../runs/format';
import { downloadRun } from '../runFiles';
import { useDrill, useDrillStoreApi } from '../storeContext';

interface Row {
  run: Run;
  scenario: Scenario | undefined;
  score: Score | null;
}

function minutes(seconds: number | null): string {
  return seconds === null ? '—' : `${Math.round(seconds / 60)} min`;
}

function outcomeText(score: Score | null): string {
  if (!score) return 'scenario not available';
  return score.outcome === 'in-progress' ? 'unfinished' : score.outcome;
}

/** Past runs, newest first, with progress across them. */
export default function History({ onReview }: { onReview: (run: Run, scenario: Scenario) => void }) {
  const past = useDrill((s) => s.past);
  const scenarios = useDrill((s) => s.scenarios);
  const deleted = useDrill((s) => s.deleted);
  const { deleteRun, undoDelete } = useDrillStoreApi().getState();
  const rows = useMemo<Row[]>(
    () =>
      past
        .map((run) => {
          const scenario = scenarioOf(run, scenarios);
          return { run, scenario, score: scenario ? scoreRun(scenario, drillInputs(run)) : null };
        })
        .reverse(),
    [past, scenarios],
  );
  const rootCauseTimes = rows
    .slice()
    .reverse()
    .map((r) => r.score?.timeToRootCause.seconds ?? null)
    .filter((s): s is number => s !== null);
  const best = rootCauseTimes.length ? Math.min(...rootCauseTimes) : null;
  const recent = rootCauseTimes.slice(-5);
  const trend = recent.length >= 2 ? (recent[recent.length - 1]! < recent[0]! ? 'getting faster' : recent[recent.length - 1]! > recent[0]! ? 'getting slower' : 'steady') : null;

  return (
    <main id="main" className="history">
      <h1>Your runs</h1>
      {deleted && (
        <p className="undo" role="status">
          Run from {new Date(deleted.run.startedAt).toLocaleString()} deleted.{' '}
          <button type="button" onClick={undoDelete}>
            Undo
          </button>
        </p>
      )}
      {rows.length === 0 ? (
        <p>No runs yet. Finished and abandoned runs appear here, kept in this browser.</p>
      ) : (
        <>
          <section aria-labelledby="progress-title" className="progress">
            <h2 id="progress-title">Progress</h2>
            <ul>
              <li>
                Best time to root cause: <strong>{minutes(best)}</strong>
              </li>
              {trend && (
                <li>
                  Time to root cause over your last {recent.length} runs that found it: {recent.map((s) => minutes(s)).join(' → ')} ({trend})
                </li>
              )}
              <li>
                Runs: {rows.length}, resolved: {rows.filter((r) => r.score?.outcome === 'resolved').length}
              </li>
            </ul>
          </section>
          <table className="runs">
            <caption>Past runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Scenario</th>
                <th scope="col">Trainee</th>
                <th scope="col">Outcome</th>
                <th scope="col">Grade</th>
                <th scope="col">Root cause after</th>
                <th scope="col">Steps</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ run, scenario, score }) => (
                <tr key={run.id}>
                  <td>{new Date(run.startedAt).toLocaleString()}</td>
                  <td>{scenario ? scenario.title : <bdi>{run.scenario.id}</bdi>}</td>
                  <td>{run.trainee ? <bdi>{run.trainee}</bdi> : '—'}</td>
                  <td>{outcomeText(score)}</td>
                  <td>{score ? `${score.grade} (${score.points.total})` : '—'}</td>
                  <td>{minutes(score?.timeToRootCause.seconds ?? null)}</td>
                  <td>{run.inputs.length}</td>
                  <td className="row-actions">
                    {scenario && (
                      <button type="button" onClick={() => onReview(run, scenario)}>
                        Review<span className="visually-hidden"> the run from {new Date(run.startedAt).toLocaleString()}</span>
                      </button>
                    )}
                    <button type="button" onClick={() => downloadRun(run)}>
                      Export<span className="visually-hidden"> the run from {new Date(run.startedAt).toLocaleString()}</span>
                    </button>
                    <button type="button" onClick={() => deleteRun(run.id)}>
                      Delete<span className="visually-hidden"> the run from {new Date(run.startedAt).toLocaleString()}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
