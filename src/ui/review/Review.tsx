import { lazy, Suspense, useMemo } from 'react';
import type { Review as ReviewData } from '../../store/drill';
import { clockText } from '../../engine/clock';
import type { Step } from '../../engine/world';
import { drillInputs, type Postmortem, type Run, type RunReview } from '../../runs/format';
import { walkRun } from '../../runs/stepThrough';
import { editReview, noteOn, reviewMarkdown, TAG_LABELS, type ReviewEdit } from '../../runs/review';
import { RunTools } from '../RunTools';
import { downloadText, runFileName } from '../runFiles';
import { ReviewForm } from './ReviewForm';
import { postmortemMarkdown } from '../../postmortem/postmortem';

const Debrief = lazy(() => import('../debrief/Debrief'));
const StepThrough = lazy(() => import('./StepThrough'));
const PostmortemSection = lazy(() => import('../postmortem/Postmortem'));
const PostmortemView = lazy(() => import('../postmortem/Postmortem').then((m) => ({ default: m.PostmortemView })));

const SOURCES = { file: 'Imported from a file', link: 'Opened from a share link', history: 'From your history', received: 'Received' };

/** The mentor's note on a step, under it in the transcript. */
function TranscriptNote({ review, step }: { review: RunReview | undefined; step: number }) {
  const note = noteOn(review, step);
  if (!note) return null;
  const tags = note.tags.map((t) => TAG_LABELS[t]).join(', ');
  return (
    <p className="walk-note walk-comment">
      <strong>Note:</strong> {tags}
      {tags && note.comment ? ' — ' : ''}
      {note.comment}
    </p>
  );
}

/** What a step answered: a facilitator's step answers in the drill's own lines (what it did). */
function answerLines(step: Step): string[] {
  return step.channel === 'facilitator' ? [...(step.notes ?? []), ...step.notices] : [...step.output, ...step.notices];
}

/** A run read-only: replayed from its log, never from anything it claims about itself. */
export default function Review({
  review,
  onClose,
  onBranch,
  onSaveReview,
  onSavePostmortem,
}: {
  review: ReviewData;
  onClose: () => void;
  onBranch?: (run: Run, keep: number) => void;
  /** Saves the mentor's review (someone else's run); absent, the review is read, not written. */
  onSaveReview?: (review: RunReview | undefined) => void;
  /** Saves the trainee's own postmortem of this run (one of their past runs); absent, it is read. */
  onSavePostmortem?: (postmortem: Postmortem) => void;
}) {
  const { run, scenario, source } = review;
  const subject = review.mine || source === 'history' ? 'you' : run.trainee || 'the trainee';
  const editable = !review.mine && source !== 'history' && onSaveReview !== undefined;
  const onEdit = editable ? (edit: ReviewEdit) => onSaveReview(editReview(run.review, edit, new Date().toISOString())) : undefined;
  // Replayed once, and again only when the inputs change, not when the review does: the step-through,
  // the debrief, the transcript and the Markdown all read this one replay and its score.
  const inputs = useMemo(() => drillInputs({ inputs: run.inputs }), [run.inputs]);
  const { startedAt } = run;
  const walk = useMemo(() => walkRun(scenario, { inputs: run.inputs, startedAt }), [scenario, run.inputs, startedAt]);
  const steps = useMemo(() => walk.steps.map((s) => s.step), [walk]);
  const { score } = walk;
  return (
    <main id="main" className="review" tabIndex={-1}>
      <p className="eyebrow">
        {SOURCES[source]} · read-only · {score.outcome}
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
        Started {new Date(run.startedAt).toLocaleString()} · {steps.length} steps · ended at {clockText(score.endedAt)} {scenario.clock.timezone}
        {run.branchedFrom && ` · tried again from step ${run.branchedFrom.inputs + 1} of another run`}
      </p>
      <div className="end-actions">
        <button type="button" onClick={onClose}>
          Back
        </button>
        <RunTools run={run} />
        <button type="button" onClick={() => downloadText(runFileName(run).replace(/\.json$/, '-review.md'), reviewMarkdown({ run, scenario, score: walk.score, steps: walk.steps }) + (run.postmortem ? `\n${postmortemMarkdown(run.postmortem, scenario, run.trainee, 2)}` : ''), 'text/markdown')}>
          Export as Markdown
        </button>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <ReviewForm review={run.review} subject={subject === 'you' ? 'your' : subject} {...(onEdit ? { onEdit } : {})} />
      <Suspense fallback={<p role="status">Loading the steps…</p>}>
        <StepThrough scenario={scenario} run={run} walk={walk} subject={subject} {...(onEdit ? { onEdit } : {})} />
      </Suspense>
      <Suspense fallback={<p role="status">Loading the debrief…</p>}>
        <Debrief scenario={scenario} inputs={inputs} score={score} readOnly audience={source === 'history' ? 'trainee' : 'mentor'} trainee={run.trainee ?? null} {...(onBranch ? { onBranch: (keep: number) => onBranch(run, keep) } : {})} />
      </Suspense>
      {onSavePostmortem && score.outcome !== 'in-progress' ? (
        <Suspense fallback={<p role="status">Loading the postmortem…</p>}>
          <PostmortemSection scenario={scenario} run={run} steps={steps} ending={score.ending?.id ?? null} endClock={score.endedAt} onSave={onSavePostmortem} />
        </Suspense>
      ) : (
        run.postmortem && (
          <Suspense fallback={<p role="status">Loading the postmortem…</p>}>
            <PostmortemView scenario={scenario} run={run} postmortem={run.postmortem} />
          </Suspense>
        )
      )}
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
              <TranscriptNote review={run.review} step={i} />
              {answerLines(step).length > 0 && <pre>{answerLines(step).join('\n')}</pre>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
