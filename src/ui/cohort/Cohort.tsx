import { useId, useMemo, useRef, useState } from 'react';
import type { Scenario } from '../../scenario/schema';
import type { ReceivedRun } from '../../store/drill';
import { scenarioOf } from '../../runs/format';
import { cohortCsv, filterRows, sortRows, summarise, type CohortColumn, type CohortRow, type CohortSummary, type SortDirection } from '../../runs/cohort';
import { clockLabel } from '../../scoring/text';
import { useScored } from '../cohortScoring';
import { downloadText } from '../runFiles';
import './cohort.css';

/** Height of one table row, in pixels: the table draws only the rows in view (and a few more). */
export const ROW_HEIGHT = 40;
const VIEW_ROWS = 14;
const OVERSCAN = 6;

const COLUMNS: readonly { column: CohortColumn; label: string }[] = [
  { column: 'trainee', label: 'Trainee' },
  { column: 'startedAt', label: 'Date' },
  { column: 'outcome', label: 'Outcome' },
  { column: 'points', label: 'Score' },
  { column: 'grade', label: 'Grade' },
  { column: 'rootCause', label: 'Root cause after' },
  { column: 'restore', label: 'Restored after' },
  { column: 'redHerrings', label: 'Red herrings' },
  { column: 'rulesBroken', label: 'Rules broken' },
  { column: 'hints', label: 'Hints' },
  { column: 'toldAt', label: 'Told the colleague at' },
];

const minutesText = (s: number | null) => (s === null ? '—' : `${Math.round(s / 60)} min`);

function cell(row: CohortRow, column: CohortColumn): string {
  switch (column) {
    case 'trainee':
      return row.trainee || '—';
    case 'startedAt':
      return new Date(row.startedAt).toLocaleDateString();
    case 'outcome':
      return row.outcome === 'in-progress' ? 'unfinished' : row.outcome;
    case 'rootCause':
    case 'restore':
      return minutesText(row[column]);
    case 'toldAt':
      return row.toldAt === null ? 'never' : clockLabel(row.toldAt);
    default:
      return String(row[column]);
  }
}

/** Time to root cause as bars, the team's time on the day marked; a list says the same in words. */
function Histogram({ summary, timezone }: { summary: CohortSummary; timezone: string }) {
  const id = useId();
  const max = Math.max(1, ...summary.histogram.map((b) => b.count));
  const width = 640;
  const height = 180;
  const bar = width / summary.histogram.length;
  const x = (seconds: number) => (seconds / (summary.histogram.length * summary.binSeconds)) * width;
  return (
    <figure className="cohort-histogram" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        Time to root cause, in {summary.binSeconds / 60}-minute bins
        {summary.teamRootCauseAt !== null && `; the team found it at ${clockLabel(summary.teamRootCauseAt)} ${timezone} (${minutesText(summary.teamRootCause)})`}
        {summary.neverFound > 0 && `; ${summary.neverFound} never found it`}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label="Histogram of the time to root cause (the list below gives the counts)">
        {summary.histogram.map((b, i) => {
          const h = (b.count / max) * height;
          return <rect key={b.from} x={i * bar + 1} y={height - h} width={Math.max(1, bar - 2)} height={h} className="cohort-bar" />;
        })}
        {summary.teamRootCause !== null && (
          <>
            <line x1={x(summary.teamRootCause)} x2={x(summary.teamRootCause)} y1={0} y2={height} className="cohort-team" />
            <text x={Math.min(width - 90, x(summary.teamRootCause) + 4)} y={14} className="cohort-team-label">
              team: {summary.teamRootCauseAt !== null ? clockLabel(summary.teamRootCauseAt) : ''}
            </text>
          </>
        )}
        {summary.histogram.map((b, i) =>
          i % Math.max(1, Math.ceil(summary.histogram.length / 10)) === 0 ? (
            <text key={`l${b.from}`} x={i * bar + 2} y={height + 16} className="cohort-axis">
              {b.from / 60}
            </text>
          ) : null,
        )}
      </svg>
      <ul className="cohort-bins">
        {summary.histogram
          .filter((b) => b.count > 0)
          .map((b) => (
            <li key={b.from}>
              {b.from / 60}–{b.to / 60} min: {b.count}
            </li>
          ))}
      </ul>
    </figure>
  );
}

/** A counted list; `code` when the items are what was typed. */
function Counts({ title, items, empty, code = false }: { title: string; items: CohortSummary['firstSteps']; empty: string; code?: boolean }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="cohort-counts">
      <h3 id={id}>{title}</h3>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ol>
          {items.map((i) => (
            <li key={i.value}>
              {code ? (
                <code>
                  <bdi>{i.value}</bdi>
                </code>
              ) : (
                <bdi>{i.value}</bdi>
              )}{' '}
              × {i.count}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * Many trainees' runs of one scenario: a sortable, filterable table (drawn a window at a time,
 * so 500 rows scroll as fast as 5), the time to root cause against the team's, the most common
 * first steps and red herrings, the commands the drill did not recognise, and the CSV. Runs are
 * scored in a Web Worker and fill in as they come.
 */
export default function Cohort({ entries, scenarios, onReview }: { entries: readonly ReceivedRun[]; scenarios: readonly Scenario[]; onReview: (entry: ReceivedRun, scenario: Scenario) => void }) {
  const ids = useId();
  const known = useMemo(() => scenarios.filter((s) => entries.some((e) => scenarioOf(e.run, [s]))), [entries, scenarios]);
  const [scenarioId, setScenarioId] = useState(known[0]?.id ?? '');
  const scenario = known.find((s) => s.id === scenarioId) ?? known[0];
  const mine = useMemo(() => (scenario ? entries.filter((e) => scenarioOf(e.run, [scenario])) : []), [entries, scenario]);
  const scored = useScored(mine, scenarios);
  const [sort, setSort] = useState<{ column: CohortColumn; direction: SortDirection }>({ column: 'startedAt', direction: 'descending' });
  const [trainee, setTrainee] = useState('');
  const [outcome, setOutcome] = useState<'any' | CohortRow['outcome']>('any');
  const [top, setTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => [...scored.values()].flatMap((s) => ('row' in s ? [s.row] : [])), [scored]);
  const problems = scored.size - rows.length;
  const shown = useMemo(() => sortRows(filterRows(rows, { trainee, outcome }), sort.column, sort.direction), [rows, trainee, outcome, sort]);
  const summary = useMemo(() => (scenario ? summarise(scenario, shown) : null), [scenario, shown]);
  if (!scenario || !summary) return <p>No received run of a scenario this app has.</p>;
  const byKey = new Map(mine.map((e) => [e.key, e]));

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, first + VIEW_ROWS + OVERSCAN * 2);
  // A new column sorts ascending; the same one again turns the order round.
  const sortBy = (column: CohortColumn) => setSort((s) => (s.column === column ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { column, direction: 'ascending' }));

  return (
    <section aria-labelledby={`${ids}-title`} className="cohort">
      <h2 id={`${ids}-title`}>
        Cohort: {mine.length} {mine.length === 1 ? 'run' : 'runs'} of “{scenario.title}”
      </h2>
      {known.length > 1 && (
        <label>
          Scenario{' '}
          <select value={scenario.id} onChange={(e) => setScenarioId(e.target.value)}>
            {known.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <p role="status" className="cohort-progress">
        {scored.size < mine.length ? `Scoring: ${scored.size} of ${mine.length} runs…` : `All ${mine.length} runs scored${problems > 0 ? `; ${problems} could not be` : ''}.`}
      </p>
      <div className="cohort-filters">
        <label>
          Trainee <input value={trainee} onChange={(e) => setTrainee(e.target.value)} maxLength={100} />
        </label>
        <label>
          Outcome{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            <option value="any">any</option>
            <option value="resolved">resolved</option>
            <option value="failed">failed</option>
            <option value="in-progress">unfinished</option>
          </select>
        </label>
        <button type="button" onClick={() => downloadText(`outage-drill-${scenario.id}-cohort.csv`, cohortCsv(shown), 'text/csv')}>
          Export the table (.csv)
        </button>
      </div>
      <div className="cohort-table" ref={scroller} onScroll={(e) => setTop(e.currentTarget.scrollTop)} tabIndex={0} role="region" aria-label="Cohort table (scrolls)">
        <table aria-rowcount={shown.length + 1}>
          <caption>
            {shown.length} of {rows.length} scored runs{trainee || outcome !== 'any' ? ' (filtered)' : ''}, sorted by {COLUMNS.find((c) => c.column === sort.column)?.label.toLowerCase()}, {sort.direction}
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map(({ column, label }) => (
                <th key={column} scope="col" aria-sort={sort.column === column ? sort.direction : 'none'}>
                  <button type="button" onClick={() => sortBy(column)}>
                    {label}
                    <span aria-hidden="true">{sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {shown.slice(first, last).map((row, i) => (
              <tr key={row.key} aria-rowindex={first + i + 2} style={{ height: ROW_HEIGHT }}>
                {COLUMNS.map(({ column }) =>
                  column === 'trainee' ? (
                    <th key={column} scope="row">
                      <button type="button" className="link-button" onClick={() => onReview(byKey.get(row.key)!, scenario)}>
                        <bdi>{cell(row, column)}</bdi>
                        <span className="visually-hidden"> (review)</span>
                      </button>
                    </th>
                  ) : (
                    <td key={column}>{cell(row, column)}</td>
                  ),
                )}
              </tr>
            ))}
            {last < shown.length && (
              <tr aria-hidden="true" style={{ height: (shown.length - last) * ROW_HEIGHT }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Histogram summary={summary} timezone={scenario.clock.timezone} />
      <div className="cohort-lists">
        <Counts title="Most common first three steps" items={summary.firstSteps} empty="No steps yet." code />
        <Counts title="Most common red herrings" items={summary.redHerrings} empty="No red herring in these runs." />
        <Counts title="Commands the drill did not recognise (for the scenario's authors)" items={summary.unrecognised} empty="Every command was recognised." code />
      </div>
    </section>
  );
}
