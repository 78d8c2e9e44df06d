import { useId, useMemo, type ReactNode } from 'react';
import type { Scenario } from '../../scenario/schema';
import type { DrillInput } from '../../engine/replay';
import { parseClock } from '../../engine/clock';
import { scoreRun, type Score } from '../../scoring/score';
import { traineeWords } from '../../scoring/words/trainee';
import { mentorWords } from '../../scoring/words/mentor';
import type { Audience } from '../../scoring/words/voice';
import { debriefModel, type DebriefModel, type DebriefRow } from './model';
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
  /**
   * Who reads it: the trainee about their own run ("You found…", the default), or a mentor
   * about someone else's ("Lina found…", by `trainee`, or "the trainee" without a name).
   */
  audience?: Audience;
  /** The run's trainee name, for a mentor's debrief. */
  trainee?: string | null;
  /** The score of `inputs`, when the caller has it already (a review scores the run once for all its parts). */
  score?: Score;
}

type Row = DebriefRow;

/** The table's rows as a list of cards, for a phone: one card per step or missed event, nothing wider than the screen. */
function StepCards({ id, model, branchButton }: { id: string; model: DebriefModel; branchButton: (r: Row) => ReactNode }) {
  return (
    <>
      <h4 id={id} className="debrief-cards-title">
        {model.table.caption}
      </h4>
      <ol className="debrief-cards" aria-labelledby={id}>
        {model.table.rows.map((r) => (
          <li key={r.key} className="debrief-card">
            <p className="debrief-card-head">{r.cardHead}</p>
            <dl>
              <div>
                <dt>{model.cards.stepLabel}</dt>
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
export function Debrief({ scenario, inputs, onRestart, onExport, readOnly = false, onBranch, audience = 'trainee', trainee, score: given }: DebriefProps) {
  const score = useMemo(() => given ?? scoreRun(scenario, inputs), [given, scenario, inputs]);
  const model = useMemo(
    () => debriefModel(score, scenario, audience === 'mentor' ? mentorWords(score, scenario, trainee) : traineeWords(score, scenario)),
    [score, scenario, audience, trainee],
  );
  const id = useId();
  const rows = model.table.rows;
  const branchButton = (r: Row): ReactNode =>
    onBranch && r.keep !== undefined ? (
      <button type="button" className="debrief-branch" aria-label={`Try again from step ${r.step}, ${r.yourTime} ${r.yourStep.slice(0, 80)}`} onClick={() => onBranch(r.keep!)}>
        Try again from step {r.step}
      </button>
    ) : null;
  const narrow = useMediaQuery(NARROW);
  const [first, second, third, fourth, fifth, sixth, seventh] = model.table.columns;
  return (
    <section className="debrief" aria-labelledby={`${id}-headline`}>
      <header className="debrief-header">
        <p className="debrief-eyebrow">{model.eyebrow}</p>
        <h2 id={`${id}-headline`}>{model.headline}</h2>
        <div className="debrief-grade">
          <p className="debrief-grade-letter" aria-hidden="true">
            {model.grade.letter}
          </p>
          <div>
            <p className="debrief-grade-line">{model.grade.line}</p>
            <p>{model.grade.reason}</p>
            <p className={`debrief-outcome debrief-outcome-${model.grade.tone}`}>{model.grade.outcome}</p>
          </div>
        </div>
      </header>

      <section aria-labelledby={`${id}-times`}>
        <h3 id={`${id}-times`}>Against the day</h3>
        <dl className="debrief-times">
          {model.times.map((t) => (
            <div key={t.key}>
              <dt>{t.term}</dt>
              <dd>{t.text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby={`${id}-timeline`}>
        <h3 id={`${id}-timeline`}>{model.timelineTitle}</h3>
        <ul className="debrief-legend" aria-label="Chart legend">
          <li>
            <svg viewBox="0 0 16 16" aria-hidden="true" className="step step-matched">
              <circle cx="8" cy="8" r="6" />
            </svg>
            {model.legend.matched}
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
            {model.legend.missed}
          </li>
        </ul>
        <TimelineChart score={score} voice={model.voice} impactStart={parseClock(scenario.timeline.impactStart)} orientation={narrow ? 'vertical' : 'horizontal'} />
        {narrow ? (
          <StepCards id={`${id}-caption`} model={model} branchButton={branchButton} />
        ) : (
          <div className="debrief-table" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table>
              <caption id={`${id}-caption`}>{model.table.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{first}</th>
                  <th scope="col">{second}</th>
                  <th scope="col">{third}</th>
                  <th scope="col">{fourth}</th>
                  <th scope="col">{fifth}</th>
                  <th scope="col">{sixth}</th>
                  <th scope="col">{seventh}</th>
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
        <p>{model.breakdown.intro}</p>
        {model.breakdown.items.length === 0 ? (
          <p>{model.breakdown.empty}</p>
        ) : (
          <ul className="debrief-deductions">
            {model.breakdown.items.map((d, i) => (
              <li key={i}>
                <span className="debrief-points">{d.points}</span> <strong>{d.category}:</strong> {d.reason}
              </li>
            ))}
          </ul>
        )}
        <p className="debrief-total">{model.breakdown.total}</p>
      </section>

      <section aria-labelledby={`${id}-root-cause`}>
        <h3 id={`${id}-root-cause`}>Root cause</h3>
        <p>{model.rootCause}</p>
      </section>

      <section aria-labelledby={`${id}-lessons`}>
        <h3 id={`${id}-lessons`}>Lessons</h3>
        {model.lessons.map((lesson) => (
          <article key={lesson.id} className="debrief-lesson" aria-labelledby={`${id}-lesson-${lesson.id}`}>
            <h4 id={`${id}-lesson-${lesson.id}`}>{lesson.title}</h4>
            <p>{lesson.text}</p>
            {lesson.notes.length > 0 && (
              <ul aria-label={lesson.listLabel} className="debrief-in-run">
                {lesson.notes.map((note, i) => (
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
