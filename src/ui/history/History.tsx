import { useMemo, useState } from 'react';
import type { Scenario } from '../../scenario/schema';
import { scenarioOf, type Run } from '../../runs/format';
import { lineage } from '../../runs/lineage';
import { downloadRun } from '../runFiles';
import { useDrill, useDrillStoreApi } from '../storeContext';
import type { ReceivedRun } from '../../store/drill';
import { useScored, type Scored } from '../cohortScoring';
import './history.css';

interface Row {
  run: Run;
  scenario: Scenario | undefined;
  /** Scored off the page's thread, as received runs are: missing until its answer comes. */
  scored: Scored | undefined;
  /** How far under the run it was tried again from (0: listed on its own). */
  depth: number;
  parent?: Run;
}

/** The deepest indentation shown; deeper branches line up with it (their note says where they came from). */
const MAX_INDENT = 3;

const when = (run: Run) => new Date(run.startedAt).toLocaleString();

/** Where a branched run came from, with the parent's grade beside it. */
function BranchNote({ run, parent, parentScore }: { run: Run; parent: Run | undefined; parentScore: Scored | undefined }) {
  if (!run.branchedFrom) return null;
  const step = run.branchedFrom.inputs + 1;
  return (
    <span className="history-branch">
      <span aria-hidden="true">↳ </span>
      {parent ? `branched from the run of ${when(parent)} (${scoredCells(parentScore).grade}) at step ${step}` : `branched from a run not in this list at step ${step}`}
    </span>
  );
}

function minutes(seconds: number | null): string {
  return seconds === null ? '—' : `${Math.round(seconds / 60)} min`;
}

/** A runs table's header row; the columns of controls (Select, Actions) are named for screen readers only. */
function Headings({ columns }: { columns: readonly string[] }) {
  return (
    <tr>
      {columns.map((c) => (
        <th key={c} scope="col">
          {c === 'Select' || c === 'Actions' ? <span className="visually-hidden">{c}</span> : c}
        </th>
      ))}
    </tr>
  );
}

/** The key a trainee's own run is scored under (received runs have keys of their own). */
const ownKey = (run: Run) => `own:${run.id}`;

/** Received runs listed at first; the rest on request (the cohort view shows any number). */
const RECEIVED_SHOWN = 50;

function scoredCells(scored: Scored | undefined) {
  if (!scored) return { outcome: 'scoring…', grade: '…', rootCause: '…' };
  if ('problem' in scored) return { outcome: `not scored: ${scored.problem}`, grade: '—', rootCause: '—' };
  const { row } = scored;
  return { outcome: row.outcome === 'in-progress' ? 'unfinished' : row.outcome, grade: `${row.grade} (${row.points})`, rootCause: minutes(row.rootCause) };
}

/** Runs received from others (files, a folder, links), newest first, scored in a worker as they are listed. */
function Received({ onReview, onCohort }: { onReview: (entry: ReceivedRun, scenario: Scenario) => void; onCohort: (keys: readonly string[], compare?: boolean) => void }) {
  const received = useDrill((s) => s.received);
  const removed = useDrill((s) => s.receivedRemoved);
  const scenarios = useDrill((s) => s.scenarios);
  const { removeReceived, undoRemoveReceived } = useDrillStoreApi().getState();
  const [all, setAll] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => (all ? received : received.slice(0, RECEIVED_SHOWN)), [all, received]);
  const scored = useScored(shown, scenarios);
  if (received.length === 0 && !removed) return null;
  const who = (run: Run) => run.trainee || 'an unnamed trainee';
  const label = (run: Run) => `${who(run)}'s run from ${when(run)}`;
  const chosen = received.filter((e) => picked.has(e.key)).map((e) => e.key);
  const toggle = (key: string) => {
    const next = new Set(picked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setPicked(next);
  };
  return (
    <section aria-labelledby="received-title" className="received">
      <h2 id="received-title">Received runs</h2>
      <p>Runs you opened from a file, a folder or a link, kept apart from your own.</p>
      {removed && (
        <p className="undo" role="status">
          <bdi>{label(removed.run)}</bdi> removed.{' '}
          <button type="button" onClick={undoRemoveReceived}>
            Undo
          </button>
        </p>
      )}
      {received.length > 0 && (
        <div className="end-actions">
          <button type="button" onClick={() => onCohort(received.map((e) => e.key))}>
            Cohort view of all {received.length}
          </button>
          <button type="button" aria-disabled={chosen.length < 2} onClick={() => chosen.length >= 2 && onCohort(chosen)}>
            Cohort view of the {chosen.length} selected
          </button>
          <button type="button" aria-disabled={chosen.length !== 2} onClick={() => chosen.length === 2 && onCohort(chosen, true)}>
            Compare the 2 selected
          </button>
        </div>
      )}
      {shown.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Received runs (scrolls sideways on a narrow screen)" tabIndex={0}>
        <table className="runs">
          <caption>Received runs, newest first</caption>
          <thead>
            <Headings columns={['Select', 'Trainee', 'Date', 'Scenario', 'Outcome', 'Grade', 'Root cause after', 'Steps', 'Actions']} />
          </thead>
          <tbody>
            {shown.map((entry) => {
              const scenario = scenarioOf(entry.run, scenarios);
              const cells = scoredCells(scored.get(entry.key));
              return (
                <tr key={entry.key}>
                  <td>
                    <input type="checkbox" checked={picked.has(entry.key)} onChange={() => toggle(entry.key)} aria-label={`Select ${label(entry.run)}`} />
                  </td>
                  <td>{entry.run.trainee ? <bdi>{entry.run.trainee}</bdi> : '—'}</td>
                  <td>{when(entry.run)}</td>
                  <td>{scenario ? scenario.title : <bdi>{entry.run.scenario.id}</bdi>}</td>
                  <td>{cells.outcome}</td>
                  <td>{cells.grade}</td>
                  <td>{cells.rootCause}</td>
                  <td>{entry.run.inputs.length}</td>
                  <td className="row-actions">
                    {scenario && (
                      <button type="button" onClick={() => onReview(entry, scenario)}>
                        Review<span className="visually-hidden"> {label(entry.run)}</span>
                      </button>
                    )}
                    <button type="button" onClick={() => removeReceived(entry.key)}>
                      Remove<span className="visually-hidden"> {label(entry.run)}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      )}
      {received.length > shown.length && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {received.length} received runs
        </button>
      )}
    </section>
  );
}

/** Past runs, newest first, with progress across them; then the runs received from others. */
export default function History({
  onReview,
  onReviewReceived,
  onCohort = () => {},
}: {
  onReview: (run: Run, scenario: Scenario) => void;
  onReviewReceived: (entry: ReceivedRun, scenario: Scenario) => void;
  /** Opens the cohort view of these received runs (`compare`: the two side by side). */
  onCohort?: (keys: readonly string[], compare?: boolean) => void;
}) {
  const past = useDrill((s) => s.past);
  const scenarios = useDrill((s) => s.scenarios);
  const deleted = useDrill((s) => s.deleted);
  const { deleteRun, undoDelete } = useDrillStoreApi().getState();
  // The trainee's own runs are scored as received runs are: in a worker, once per page, filled in as they come.
  const entries = useMemo(() => past.map((run) => ({ key: ownKey(run), run })), [past]);
  const scored = useScored(entries, scenarios);
  const rows = useMemo<Row[]>(
    () =>
      lineage(past.slice().reverse()).map(({ run, depth, parent }) => {
        const row: Row = { run, scenario: scenarioOf(run, scenarios), scored: scored.get(ownKey(run)), depth };
        return parent ? { ...row, parent } : row;
      }),
    [past, scenarios, scored],
  );
  const rowOf = (run: Run) => {
    const got = scored.get(ownKey(run));
    return got && 'row' in got ? got.row : null;
  };
  const rootCauseTimes = past
    .map((run) => rowOf(run)?.rootCause ?? null)
    .filter((s): s is number => s !== null);
  const best = rootCauseTimes.length ? Math.min(...rootCauseTimes) : null;
  const recent = rootCauseTimes.slice(-5);
  const trend = recent.length >= 2 ? (recent[recent.length - 1]! < recent[0]! ? 'getting faster' : recent[recent.length - 1]! > recent[0]! ? 'getting slower' : 'steady') : null;
  const waiting = past.length - past.filter((run) => scored.has(ownKey(run))).length;

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
        <p>No runs of your own yet. Finished and abandoned runs appear here, kept in this browser.</p>
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
                Runs: {rows.length}, resolved: {past.filter((run) => rowOf(run)?.outcome === 'resolved').length}
                {waiting > 0 && ` (${waiting} still being scored)`}
              </li>
            </ul>
          </section>
          <div className="table-scroll" role="region" aria-label="Your past runs (scrolls sideways on a narrow screen)" tabIndex={0}>
          <table className="runs">
            <caption>Past runs, newest first; a run tried again from one of its steps has its branches under it</caption>
            <thead>
              <Headings columns={['Date', 'Scenario', 'Trainee', 'Outcome', 'Grade', 'Root cause after', 'Steps', 'Actions']} />
            </thead>
            <tbody>
              {rows.map(({ run, scenario, scored: got, depth, parent }) => (
                <tr key={run.id} className={depth > 0 ? `history-branch-row history-depth-${Math.min(depth, MAX_INDENT)}` : undefined}>
                  <td>
                    {when(run)}
                    <BranchNote run={run} parent={parent} parentScore={parent ? scored.get(ownKey(parent)) : undefined} />
                  </td>
                  <td>{scenario ? scenario.title : <bdi>{run.scenario.id}</bdi>}</td>
                  <td>{run.trainee ? <bdi>{run.trainee}</bdi> : '—'}</td>
                  <td>{scenario ? scoredCells(got).outcome : 'scenario not available'}</td>
                  <td>{scenario ? scoredCells(got).grade : '—'}</td>
                  <td>{scenario ? scoredCells(got).rootCause : '—'}</td>
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
          </div>
        </>
      )}
      <Received onReview={onReviewReceived} onCohort={onCohort} />
    </main>
  );
}
