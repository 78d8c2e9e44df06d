import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Run } from '../../runs/format';
import type { Scenario } from '../../scenario/schema';
import { factValueWords, factWords, seenAt, type RunWalk, type StepView as WalkStep } from '../../runs/stepThrough';
import { clockLabel, durationText, signedMinutes } from '../../scoring/text';
import { StepView, visibleSteps } from '../Terminal';
import { ChatLog } from '../Chat';
import { MAX_COMMENT_CHARS, REVIEW_TAGS, type RunReview } from '../../runs/format';
import { noteOn, TAG_LABELS, type ReviewEdit } from '../../runs/review';
import './review.css';

/** Steps of terminal output drawn at one step of a review (the latest ones). */
const SHOWN_STEPS = 60;
export const PLAYBACK_SPEEDS = [1, 4, 16] as const;
/** Playback waits this long for a step whose thinking time is unknown. */
const UNKNOWN_PAUSE_MS = 1_000;
/** Shortest wait between two steps in playback, so each can be read. */
const MIN_PAUSE_MS = 300;

/** A step as one line: its clock, and what was typed, sent or asked. */
function stepLine(scenario: Scenario, step: WalkStep): string {
  const { channel, input, clock } = step.step;
  if (channel === 'chat') return `${clockLabel(clock)} to ${scenario.colleague.name}: ${input}`;
  if (channel === 'hint') return `${clockLabel(clock)} asked for a hint`;
  return `${clockLabel(clock)} ${input}`;
}

function eventText(step: WalkStep): string | null {
  const { event, review } = step;
  if (!event) return review?.role === 'extra' ? 'No event of the real timeline' : null;
  const when = clockLabel(event.realAt);
  const delta = event.deltaMinutes === null ? '' : event.deltaMinutes === 0 ? ', at the same minute' : ` (${signedMinutes(event.deltaMinutes)} against the team)`;
  const role = review?.role === 'repeat' ? 'Again: ' : review?.role === 'attempt' ? 'Tried, without the effect: ' : '';
  return `${role}${event.who} at ${when}: ${event.what}${delta}`;
}

function Facts({ walk, step, subject }: { walk: RunWalk; step: WalkStep; subject: string }) {
  const { scenario } = walk;
  const event = eventText(step);
  const broken = step.review?.breaches ?? [];
  const rules = new Map(scenario.rules.map((r) => [r.id, r]));
  const hosts = [...new Set(step.services.map((s) => s.host))];
  return (
    <div className="walk-facts">
      <h3>This step</h3>
      <dl>
        <dt>Simulated clock</dt>
        <dd>
          {clockLabel(step.step.startClock)} → {clockLabel(step.step.clock)} {scenario.clock.timezone}
        </dd>
        <dt>Thinking time</dt>
        <dd className={step.longPause ? 'walk-long' : undefined}>
          {step.thinkingSeconds === null ? 'not recorded' : durationText(step.thinkingSeconds)}
          {step.longPause && <strong> · a long pause</strong>}
        </dd>
        <dt>Entered</dt>
        <dd>{step.via === 'menu' ? 'from the Actions menu' : step.step.channel === 'chat' ? 'written on team chat' : step.step.channel === 'hint' ? 'the Hint button' : 'typed'}</dd>
        {step.step.hint && (
          <>
            <dt>Hint</dt>
            <dd>tier {step.step.hint.tier} of 3</dd>
          </>
        )}
        <dt>Real timeline</dt>
        <dd>{event ?? '—'}</dd>
        {step.review?.redHerring && (
          <>
            <dt>Red herring</dt>
            <dd>the team lost time on this on the day</dd>
          </>
        )}
        <dt>Rules broken</dt>
        <dd>{broken.length === 0 ? 'none' : broken.map((b) => rules.get(b.rule)?.title ?? b.rule).join('; ')}</dd>
        {!step.step.recognised && (
          <>
            <dt>Recognised</dt>
            <dd>no: the drill did not know this input</dd>
          </>
        )}
      </dl>
      <h3>The world after it</h3>
      <ul className="walk-services">
        {hosts.map((host) => (
          <li key={host}>
            <strong>{host}</strong>:{' '}
            {step.services
              .filter((s) => s.host === host)
              .map((s) => (
                <span key={s.unit} className={s.active === 'active' ? 'walk-up' : 'walk-down'}>
                  {s.unit.replace(/\.service$/, '')} {s.active}
                </span>
              ))
              .reduce<ReactNode[]>((all, item, i) => (i === 0 ? [item] : [...all, ', ', item]), [])}
          </li>
        ))}
      </ul>
      <h3>What {subject} had found or changed</h3>
      {step.found.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ul className="walk-found">
          {step.found.map((f) => (
            <li key={f.fact} className={step.changed.some((c) => c.fact === f.fact) ? 'walk-new' : undefined}>
              {factWords(f.fact)}: {factValueWords(f.from)} → {factValueWords(f.to)}
              {step.changed.some((c) => c.fact === f.fact) && <span className="tag"> (this step)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The mentor's note on the step shown: tags to toggle and a comment, saved as they change (the comment when it loses focus). */
function StepNoteEditor({ review, step, onEdit }: { review: RunReview | undefined; step: number; onEdit: (edit: ReviewEdit) => void }) {
  const note = noteOn(review, step);
  const saved = note?.comment ?? '';
  // The draft follows the saved comment whenever the step (or the saved text) changes.
  const [draft, setDraft] = useState({ step, saved, text: saved });
  const text = draft.step === step && draft.saved === saved ? draft.text : saved;
  const id = useId();
  return (
    <div className="walk-note walk-note-edit">
      <h3>Your note on step {step + 1}</h3>
      <div role="group" aria-label={`Tags for step ${step + 1}`} className="walk-tags">
        {REVIEW_TAGS.map((tag) => (
          <button key={tag} type="button" aria-pressed={note?.tags.includes(tag) ?? false} onClick={() => onEdit({ kind: 'step', step, toggle: tag })}>
            {TAG_LABELS[tag]}
          </button>
        ))}
      </div>
      <label htmlFor={id}>Comment on step {step + 1}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={MAX_COMMENT_CHARS}
        value={text}
        onChange={(e) => setDraft({ step, saved, text: e.target.value })}
        onBlur={() => {
          if (text !== saved) onEdit({ kind: 'step', step, comment: text });
        }}
      />
    </div>
  );
}

/** A mentor's note on the step shown, as the trainee reads it. */
function StepNoteShown({ review, step }: { review: RunReview | undefined; step: number }) {
  const note = noteOn(review, step);
  if (!note) return null;
  return (
    <div className="walk-note">
      <h3>{review?.reviewer ? <bdi>{review.reviewer}</bdi> : 'Your mentor'}’s note on step {step + 1}</h3>
      {note.tags.length > 0 && (
        <ul className="walk-tag-list" aria-label="Tags">
          {note.tags.map((t) => (
            <li key={t} className="tag">
              {TAG_LABELS[t]}
            </li>
          ))}
        </ul>
      )}
      {note.comment && <p className="walk-comment">{note.comment}</p>}
    </div>
  );
}

/**
 * `subject` is who played it, as the texts name them: `you` for the user's own run, else the
 * trainee's name (or `the trainee`).
 *
 * A run, one step at a time: first, previous, next, last, a scrubber, a list to jump to any
 * step, keys (shown), and playback at 1×, 4× or 16× the trainee's own thinking time. At each step
 * the terminal and the chat as the trainee saw them then, and the facts of that step.
 */
export default function StepThrough({ scenario, run, walk, subject, onEdit }: { scenario: Scenario; run: Run; walk: RunWalk; subject: string; onEdit?: (edit: ReviewEdit) => void }) {
  const last = walk.steps.length - 1;
  const [at, setAt] = useState(0);
  const [playRequested, setPlaying] = useState(false);
  // Playback stops by itself at the last step.
  const playing = playRequested && at < walk.steps.length - 1;
  const [speed, setSpeed] = useState<(typeof PLAYBACK_SPEEDS)[number]>(4);
  const ids = useId();
  const go = (index: number) => setAt(Math.max(0, Math.min(last, index)));

  useEffect(() => {
    if (!playing) return;
    const thinking = walk.steps[at + 1]?.thinkingSeconds;
    const wait = thinking === null || thinking === undefined ? UNKNOWN_PAUSE_MS : Math.max(MIN_PAUSE_MS, (thinking * 1000) / speed);
    const timer = setTimeout(() => setAt((n) => Math.min(last, n + 1)), wait);
    return () => clearTimeout(timer);
  }, [playing, at, last, speed, walk]);

  if (walk.steps.length === 0) return null;
  const step = walk.steps[at]!;
  const seen = seenAt(walk, at);
  const terminal = visibleSteps(seen);
  const shown = terminal.slice(-SHOWN_STEPS);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    // The scrubber and the lists handle their own keys.
    if (target.matches('input, select, textarea')) return;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => go(at - 1),
      ArrowRight: () => go(at + 1),
      Home: () => go(0),
      End: () => go(last),
      p: () => setPlaying(!playing),
    };
    const move = moves[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    move();
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="walk" onKeyDown={onKeyDown}>
      <h2 id={`${ids}-title`}>Step by step</h2>
      <p className="walk-keys" id={`${ids}-keys`}>
        Keys: <kbd>←</kbd> <kbd>→</kbd> previous and next step · <kbd>Home</kbd> <kbd>End</kbd> first and last · <kbd>P</kbd> play or pause
      </p>
      {/* aria-disabled, not disabled: a button that disables itself would drop the keyboard's focus. */}
      <div className="walk-controls" role="group" aria-label="Move through the run" aria-describedby={`${ids}-keys`}>
        <button type="button" onClick={() => go(0)} aria-disabled={at === 0}>
          First
        </button>
        <button type="button" onClick={() => go(at - 1)} aria-disabled={at === 0}>
          Previous
        </button>
        <label className="walk-scrub">
          <span className="visually-hidden">Step</span>
          <input type="range" min={1} max={last + 1} value={at + 1} onChange={(e) => go(Number(e.target.value) - 1)} aria-valuetext={`Step ${at + 1} of ${last + 1}`} />
        </label>
        <button type="button" onClick={() => go(at + 1)} aria-disabled={at === last}>
          Next
        </button>
        <button type="button" onClick={() => go(last)} aria-disabled={at === last}>
          Last
        </button>
        <label>
          Go to{' '}
          <select value={at} onChange={(e) => go(Number(e.target.value))}>
            {walk.steps.map((s) => (
              <option key={s.index} value={s.index}>
                {s.index + 1}. {stepLine(scenario, s).slice(0, 70)}
                {s.longPause ? ' (long pause)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            if (!playing && at === last) setAt(0); // from the start again
            setPlaying(!playing);
          }}
          aria-pressed={playing}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof PLAYBACK_SPEEDS)[number])}>
            {PLAYBACK_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}× thinking time
              </option>
            ))}
          </select>
        </label>
      </div>
      {run.review && run.review.steps.length > 0 && (
        <div className="walk-noted">
          <h3>Steps with a note</h3>
          <ul>
            {run.review.steps.map((n) => (
              <li key={n.step}>
                <button type="button" onClick={() => go(n.step)} aria-current={n.step === at ? 'step' : undefined}>
                  Step {n.step + 1}
                </button>{' '}
                {n.tags.map((t) => TAG_LABELS[t]).join(', ')}
                {n.tags.length > 0 && n.comment ? ': ' : ''}
                {n.comment && <bdi>{n.comment.length > 90 ? `${n.comment.slice(0, 90)}…` : n.comment}</bdi>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="walk-position" aria-live="polite">
        Step {at + 1} of {last + 1}: <bdi>{stepLine(scenario, step)}</bdi>
      </p>
      <div className="walk-body">
        <div className="walk-screen">
          <h3>Terminal, as {subject} saw it</h3>
          <div className="terminal-log walk-terminal" role="log" aria-live="off" aria-label={`Terminal after step ${at + 1}`} tabIndex={0}>
            {terminal.length > shown.length && <p className="terminal-hint">({terminal.length - shown.length} earlier steps not shown)</p>}
            {shown.map((s, i) => (
              <StepView step={s} quiet key={`${s.startClock}-${i}`} />
            ))}
          </div>
          <h3>Team chat</h3>
          <ChatLog scenario={scenario} steps={seen} author={subject === 'you' ? 'You' : subject} live={false} />
        </div>
        <div>
          {onEdit ? <StepNoteEditor review={run.review} step={at} onEdit={onEdit} /> : <StepNoteShown review={run.review} step={at} />}
          <Facts walk={walk} step={step} subject={subject} />
        </div>
      </div>
    </section>
  );
}
