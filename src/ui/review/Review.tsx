import { lazy, Suspense, useMemo } from 'react';
import type { Review as ReviewData } from '../../store/drill';
import { clockText } from '../../engine/clock';
import { outcomeOf, replayInputs } from '../../engine/replay';
import { drillInputs, type Run } from '../../runs/format';
import { RunTools } from '../RunTools';

const Debrief = lazy(() => import('../debrief/Debrief'));

const SOURCES = { file: 'Imported from a file', link: 'Opened from a share link', history: 'From your history' };

/** A run read-only: replayed from its log, never from anything it claims about itself. */
export default function Review({ review, onClose, onBranch }: { review: ReviewData; onClose: () => void; onBranch?: (run: Run, keep: number) => void }) {
  const { run, scenario, source } = review;
  const inputs = useMemo(() => drillInputs(run), [run]);
  const snapshot = useMemo(() => replayInputs(scenario, inputs), [scenario, inputs]);
  const { steps } = snapshot.context;
  return (
    <main id="main" className="review" tabIndex={-1}>
      <p className="eyebrow">
        {SOURCES[source]} · read-only · {outcomeOf(snapshot)}
        {review.scenarioFrom !== undefined && ` · made on version ${review.scenarioFrom} of the scenario, replayed on version ${scenario.version}`}
      </p>
      <h1>
        {run.trainee ? (
          <>
            <bdi>{run.trainee}</bdi>{"'s run"}
          </>
        ) : (
          'A run'
        )}{' '}
        of “{scenario.title}”
      </h1>
      <p>
        Started {new Date(run.startedAt).toLocaleString()} · {steps.length} steps · ended at {clockText(snapshot.context.world.clock)} {scenario.clock.timezone}
        {run.branchedFrom && ` · tried again from step ${run.branchedFrom.inputs + 1} of another run`}
      </p>
      <div className="end-actions">
        <button type="button" onClick={onClose}>
          Back
        </button>
        <RunTools run={run} />
      </div>
      <Suspense fallback={<p role="status">Loading the debrief…</p>}>
        <Debrief scenario={scenario} inputs={inputs} readOnly audience={source === 'history' ? 'trainee' : 'mentor'} trainee={run.trainee ?? null} {...(onBranch ? { onBranch: (keep: number) => onBranch(run, keep) } : {})} />
      </Suspense>
      <section aria-labelledby="transcript-title">
        <h2 id="transcript-title">Transcript</h2>
        <ol className="transcript">
          {steps.map((step, i) => (
            <li key={i}>
              <p className="transcript-input">
                <span className="step-clock">{clockText(step.startClock)}</span> {step.channel === 'chat' ? `To ${scenario.colleague.name}:` : step.prompt} <code><bdi>{step.input}</bdi></code>
                {run.inputs[i]?.via === 'menu' && <span className="tag"> (from the menu)</span>}
                {!step.recognised && <span className="tag"> not recognised</span>}
              </p>
              {[...step.output, ...step.notices].length > 0 && <pre>{[...step.output, ...step.notices].join('\n')}</pre>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
