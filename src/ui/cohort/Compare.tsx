import { useId, useMemo } from 'react';
import type { Scenario } from '../../scenario/schema';
import type { ReceivedRun } from '../../store/drill';
import { compareRuns } from '../../runs/compare';
import { clockLabel, signedMinutes } from '../../scoring/text';

const nameOf = (entry: ReceivedRun, other: ReceivedRun) => {
  const name = entry.run.trainee || 'The trainee';
  // The same trainee twice (a first and a later attempt): told apart by the day.
  return name === (other.run.trainee || 'The trainee') ? `${name} (${new Date(entry.run.startedAt).toLocaleDateString()})` : name;
};

/** Two received runs on one timeline: where they diverged, who did each of the day's events first, every step of both. */
export default function Compare({ scenario, pair, onReview }: { scenario: Scenario; pair: readonly [ReceivedRun, ReceivedRun]; onReview: (entry: ReceivedRun, scenario: Scenario) => void }) {
  const id = useId();
  const [a, b] = pair;
  const { shared, scores, events, timeline } = useMemo(() => compareRuns(scenario, a.run, b.run), [scenario, a.run, b.run]);
  const names = [nameOf(a, b), nameOf(b, a)] as const;
  const diverged =
    shared === Math.min(a.run.inputs.length, b.run.inputs.length)
      ? shared === 0
        ? 'Neither run has a step yet.'
        : `One run is the other's first ${shared} steps, gone further.`
      : shared === 0
        ? 'They differ from the first step.'
        : `They typed the same first ${shared} ${shared === 1 ? 'step' : 'steps'}, then went different ways at step ${shared + 1}.`;
  const when = (at: number | null, realAt: number) => (at === null ? 'not done' : `${clockLabel(at)} (${signedMinutes((at - realAt) / 60) === '0' ? 'with the team' : `${signedMinutes((at - realAt) / 60)} against the team`})`);
  return (
    <section aria-labelledby={id} className="compare">
      <h2 id={id}>
        <bdi>{names[0]}</bdi> and <bdi>{names[1]}</bdi>, side by side
      </h2>
      <p>{diverged}</p>
      <ul>
        {pair.map((entry, i) => (
          <li key={entry.key}>
            <bdi>{names[i]}</bdi>: {scores[i]!.outcome === 'in-progress' ? 'unfinished' : scores[i]!.outcome}, grade {scores[i]!.grade} ({scores[i]!.points.total}), {entry.run.inputs.length} steps.{' '}
            <button type="button" onClick={() => onReview(entry, scenario)}>
              Review<span className="visually-hidden"> {names[i]}’s run</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="compare-table table-scroll" role="region" aria-label="The day’s events (scrolls sideways on a narrow screen)" tabIndex={0}>
        <table className="runs">
          <caption>The day’s events: when each did them, and who first</caption>
          <thead>
            <tr>
              <th scope="col">Event of the day</th>
              <th scope="col">The team</th>
              <th scope="col">
                <bdi>{names[0]}</bdi>
              </th>
              <th scope="col">
                <bdi>{names[1]}</bdi>
              </th>
              <th scope="col">First</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.eventId}>
                <th scope="row">{e.what}</th>
                <td>{clockLabel(e.realAt)}</td>
                <td>{when(e.at[0], e.realAt)}</td>
                <td>{when(e.at[1], e.realAt)}</td>
                <td>{e.first === null ? 'neither' : e.first === 'both' ? 'both at once' : <bdi>{names[e.first]}</bdi>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="compare-table table-scroll" role="region" aria-label="Every step of both runs (scrolls sideways on a narrow screen)" tabIndex={0}>
        <table className="runs">
          <caption>Every step of both runs, by the simulated clock</caption>
          <thead>
            <tr>
              <th scope="col">Clock</th>
              <th scope="col">
                <bdi>{names[0]}</bdi>
              </th>
              <th scope="col">
                <bdi>{names[1]}</bdi>
              </th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((s) => (
              <tr key={`${s.run}-${s.index}`}>
                <td>{clockLabel(s.clock)}</td>
                <td>{s.run === 0 && <code><bdi>{s.line}</bdi></code>}</td>
                <td>{s.run === 1 && <code><bdi>{s.line}</bdi></code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
