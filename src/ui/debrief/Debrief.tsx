import { useId, useMemo, type ReactNode } from 'react';
import type { Scenario } from '../../scenario/schema';
import type { DrillInput } from '../../engine/replay';
import { parseClock } from '../../engine/clock';
import { scoreRun, type DeductionCategory, type Score } from '../../scoring/score';
import { clockLabel, signedMinutes } from '../../scoring/text';
import { tierWords } from '../../engine/hints';
import { TimelineChart } from './TimelineChart';
import { NARROW, useMediaQuery } from '../useMediaQuery';
import './debrief.css';

export interface DebriefProps {
  scenario: Scenario;
  inputs: DrillInput[];
  onRestart?: () => void;
  onExport?: () => void;
  /** A mentor's view of someone else's run: no "Try again". */
  readOnly?: boolean;
  /** "Try again from step N": a new run with the inputs before step N (`keep` of them). */
  onBranch?: (keep: number) => void;
}

const CATEGORY: Record<DeductionCategory, string> = {
  outcome: 'Outcome',
  'root-cause': 'Root cause',
  mitigation: 'Restore',
  recovery: 'Verification',
  'critical-steps': 'Critical step',
  communication: 'Communication',
  'red-herrings': 'Red herring',
  hints: 'Hint',
  'data-loss': 'Data lost',
  safety: 'Safety',
};

interface Row {
  key: string;
  at: number;
  order: number;
  step: string;
  yourTime: string;
  yourStep: string;
  dayTime: string;
  dayWhat: string;
  difference: string;
  notes: string;
  /** For a step of the run: how many inputs come before it. */
  keep?: number;
}


function hintsText(score: Score): string {
  if (score.hints.length === 0) return 'You asked for no hints.';
  const points = score.hints.reduce((n, h) => n + h.points, 0);
  const list = score.hints.map((h) => `at ${clockLabel(h.at)}, up to ${tierWords(h.tier)}`).join('; ');
  return `You asked for ${score.hints.length === 1 ? 'one hint' : `${score.hints.length} hints`} (${list}), costing ${points === 1 ? '1 point' : `${points} points`}.`;
}

function outcomeText(score: Score): string {
  if (score.outcome === 'resolved') return `Resolved at ${clockLabel(score.endedAt)}`;
  if (score.outcome === 'failed') return `Failed at ${clockLabel(score.endedAt)}: ${score.ending?.title ?? 'the run failed'}`;
  return `Unfinished: the run stopped at ${clockLabel(score.endedAt)}`;
}

function tableRows(score: Score, scenario: Scenario): Row[] {
  const events = new Map(score.alignment.events.map((e) => [e.eventId, e]));
  const extras = new Map(score.alignment.extras.map((x) => [x.stepIndex, x.reason]));
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const rows: Row[] = score.alignment.steps.map((s) => {
    const event = s.eventId ? events.get(s.eventId) : undefined;
    const completes = event?.stepIndex === s.index;
    const notes: string[] = [];
    if (s.role === 'matched' && event) {
      notes.push(completes ? (event.status === 'out-of-order' ? 'Matches the day, in another order.' : 'Matches the day.') : `Part of “${event.eventId}”, completed by step ${event.stepIndex! + 1}.`);
    } else if (s.role === 'repeat' && event) notes.push(`Repeats “${event.eventId}”.`);
    else if (s.role === 'attempt' && event) notes.push(`Tried “${event.eventId}”, without the effect.`);
    else notes.push(extras.get(s.index) ?? 'Extra.');
    if (s.redHerring) notes.push('Red herring.');
    for (const b of s.breaches) notes.push(`Broke “${rules.get(b.rule)?.title ?? b.rule}” (${rules.get(b.rule)?.severity ?? 'rule'}).`);
    return {
      key: `step-${s.index}`,
      at: s.at,
      order: 0,
      step: String(s.index + 1),
      yourTime: clockLabel(s.at),
      yourStep: s.channel === 'chat' ? `To ${scenario.colleague.name}: ${s.input}` : s.input || '(empty line)',
      dayTime: completes && event ? clockLabel(event.realAt) : '—',
      dayWhat: completes && event ? `${event.who}: ${event.what}` : '—',
      difference: completes && event?.deltaMinutes != null ? signedMinutes(event.deltaMinutes) : '—',
      notes: notes.join(' '),
      keep: s.index,
    };
  });
  for (const e of score.alignment.events) {
    if (e.status !== 'missed') continue;
    rows.push({
      key: `event-${e.eventId}`,
      at: e.realAt,
      order: 1,
      step: '—',
      yourTime: '—',
      yourStep: 'Not in your run',
      dayTime: clockLabel(e.realAt),
      dayWhat: `${e.who}: ${e.what}`,
      difference: '—',
      notes: e.kind === 'red-herring' ? 'A red herring on the day: skipping it saved time.' : `Missed (${e.kind}).`,
    });
  }
  return rows.sort((a, b) => a.at - b.at || a.order - b.order);
}

/** The table's rows as a list of cards, for a phone: one card per step or missed event, nothing wider than the screen. */
function StepCards({ id, rows, branchButton }: { id: string; rows: Row[]; branchButton: (r: Row) => ReactNode }) {
  return (
    <>
      <h4 id={id} className="debrief-cards-title">
        Your steps and the real timeline, in clock order
      </h4>
      <ol className="debrief-cards" aria-labelledby={id}>
        {rows.map((r) => (
          <li key={r.key} className="debrief-card">
            <p className="debrief-card-head">
              {r.step === '—' ? 'On the day only' : `Step ${r.step}`}
              {r.yourTime !== '—' && ` · ${r.yourTime}`}
            </p>
            <dl>
              <div>
                <dt>Your step</dt>
                <dd className="debrief-input">
                  {r.yourStep}
                  {branchButton(r)}
                </dd>
              </div>
              {r.dayWhat !== '—' && (
                <div>
                  <dt>On the day{r.dayTime !== '—' && `, ${r.dayTime}`}</dt>
                  <dd>{r.dayWhat}</dd>
                </div>
              )}
              {r.difference !== '—' && (
                <div>
                  <dt>Difference</dt>
                  <dd>{r.difference}</dd>
                </div>
              )}
              <div>
                <dt>Notes</dt>
                <dd>{r.notes}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The debrief: how this run compares with the day, why it scored what it did, and the postmortem's lessons. */
export function Debrief({ scenario, inputs, onRestart, onExport, readOnly = false, onBranch }: DebriefProps) {
  const score = useMemo(() => scoreRun(scenario, inputs), [scenario, inputs]);
  const id = useId();
  const rows = tableRows(score, scenario);
  const branchButton = (r: Row): ReactNode =>
    onBranch && r.keep !== undefined ? (
      <button type="button" className="debrief-branch" aria-label={`Try again from step ${r.step}, ${r.yourTime} ${r.yourStep.slice(0, 80)}`} onClick={() => onBranch(r.keep!)}>
        Try again from step {r.step}
      </button>
    ) : null;
  const narrow = useMediaQuery(NARROW);
  const times = [score.timeToRootCause, score.timeToMitigation, score.timeToVerifiedRecovery];
  return (
    <section className="debrief" aria-labelledby={`${id}-headline`}>
      <header className="debrief-header">
        <p className="debrief-eyebrow">Debrief · {scenario.title}</p>
        <h2 id={`${id}-headline`}>{score.headline}</h2>
        <div className="debrief-grade">
          <p className="debrief-grade-letter" aria-hidden="true">
            {score.grade}
          </p>
          <div>
            <p className="debrief-grade-line">
              Grade {score.grade} · {score.points.total} of {score.points.max} points
            </p>
            <p>{score.gradeReason}</p>
            <p className={`debrief-outcome debrief-outcome-${score.outcome}`}>{outcomeText(score)}</p>
          </div>
        </div>
      </header>

      <section aria-labelledby={`${id}-times`}>
        <h3 id={`${id}-times`}>Against the day</h3>
        <dl className="debrief-times">
          {times.map((m) => (
            <div key={m.label}>
              <dt>{m.label[0]!.toUpperCase() + m.label.slice(1)}</dt>
              <dd>{m.explanation}</dd>
            </div>
          ))}
          <div>
            <dt>Users affected</dt>
            <dd>{score.userImpact.explanation}</dd>
          </div>
          <div>
            <dt>Telling {scenario.colleague.name}</dt>
            <dd>{score.communication.explanation}</dd>
          </div>
          {score.criticalSteps.map((c) => (
            <div key={c.id}>
              <dt>Critical step</dt>
              <dd>{c.done ? c.explanation : `Missed, −${c.points}. ${c.explanation}`}</dd>
            </div>
          ))}
          {scenario.hints && scenario.hints.length > 0 && (
            <div>
              <dt>Hints</dt>
              <dd>{hintsText(score)}</dd>
            </div>
          )}
          <div>
            <dt>Safety</dt>
            <dd>{score.safety.explanation}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby={`${id}-timeline`}>
        <h3 id={`${id}-timeline`}>Your path beside the real timeline</h3>
        <ul className="debrief-legend" aria-label="Chart legend">
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="step step-matched">
              <circle cx="8" cy="8" r="6" />
            </svg>
            your step that matches the day
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="step step-other">
              <circle cx="8" cy="8" r="3.5" />
            </svg>
            other step
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="cluster">
              <rect x="1" y="4" width="14" height="8" rx="3" />
            </svg>
            other steps close together (×&nbsp;how many)
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="step">
              <polygon className="herring" points="8,1 15,8 8,15 1,8" />
            </svg>
            red herring
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="violation">
              <polygon points="8,1 15,14 1,14" />
            </svg>
            broke a safety rule (marked “!”)
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="event">
              <rect x="2" y="2" width="12" height="12" />
            </svg>
            event on the day
          </li>
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="event event-missed">
              <rect x="2" y="2" width="12" height="12" />
            </svg>
            not in your run (dashed)
          </li>
        </ul>
        <TimelineChart score={score} impactStart={parseClock(scenario.timeline.impactStart)} orientation={narrow ? 'vertical' : 'horizontal'} />
        {narrow ? (
          <StepCards id={`${id}-caption`} rows={rows} branchButton={branchButton} />
        ) : (
          <div className="debrief-table" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table>
              <caption id={`${id}-caption`}>Your steps and the real timeline, in clock order</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Your time</th>
                  <th scope="col">Your step</th>
                  <th scope="col">On the day</th>
                  <th scope="col">What happened on the day</th>
                  <th scope="col">Difference</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.step}</th>
                    <td>{r.yourTime}</td>
                    <td className="debrief-input">
                      {r.yourStep}
                      {branchButton(r)}
                    </td>
                    <td>{r.dayTime}</td>
                    <td>{r.dayWhat}</td>
                    <td>{r.difference}</td>
                    <td>{r.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby={`${id}-breakdown`}>
        <h3 id={`${id}-breakdown`}>Score breakdown</h3>
        <p>
          Every run starts with {score.points.max} points. Safety is scored apart from speed: a fast run does not buy back a broken rule.
        </p>
        {score.points.deductions.length === 0 ? (
          <p>Nothing was deducted.</p>
        ) : (
          <ul className="debrief-deductions">
            {score.points.deductions.map((d, i) => (
              <li key={i}>
                <span className="debrief-points">{d.points === 0 ? '0' : `−${d.points}`}</span> <strong>{CATEGORY[d.category]}:</strong> {d.reason}
              </li>
            ))}
          </ul>
        )}
        <p className="debrief-total">
          {score.points.taken > score.points.max
            ? `Deductions: ${score.points.taken} points, more than the ${score.points.max} a run starts with; a total stops at 0. `
            : ''}
          Total: {score.points.total} of {score.points.max} points, grade {score.grade}.
        </p>
      </section>

      <section aria-labelledby={`${id}-root-cause`}>
        <h3 id={`${id}-root-cause`}>Root cause</h3>
        <p>{scenario.debrief.rootCause}</p>
      </section>

      <section aria-labelledby={`${id}-lessons`}>
        <h3 id={`${id}-lessons`}>Lessons</h3>
        {score.lessons.map((lesson) => (
          <article key={lesson.id} className="debrief-lesson" aria-labelledby={`${id}-lesson-${lesson.id}`}>
            <h4 id={`${id}-lesson-${lesson.id}`}>{lesson.title}</h4>
            <p>{lesson.text}</p>
            {lesson.inThisRun.length > 0 && (
              <ul aria-label={`${lesson.title}: in your run`} className="debrief-in-run">
                {lesson.inThisRun.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </section>

      {(onExport || (onRestart && !readOnly)) && (
        <div className="debrief-actions">
          {onRestart && !readOnly && (
            <button type="button" className="primary" onClick={onRestart}>
              Try again
            </button>
          )}
          {onExport && (
            <button type="button" onClick={onExport}>
              Export run
            </button>
          )}
        </div>
      )}
    </section>
  );
}

export default Debrief;
