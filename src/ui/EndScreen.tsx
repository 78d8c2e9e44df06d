import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import type { Scenario } from '../scenario/schema';
import type { DrillSnapshot } from '../engine/replay';
import { clockText } from '../engine/clock';
import { outcomeOf } from '../engine/replay';
import type { Run } from '../runs/format';
import { drillInputs } from '../runs/format';
import { RunTools } from './RunTools';
import { useDrillStoreApi } from './storeContext';

const Debrief = lazy(() => import('./debrief/Debrief'));
const PostmortemSection = lazy(() => import('./postmortem/Postmortem'));

interface EndScreenProps {
  scenario: Scenario;
  snapshot: DrillSnapshot;
  run: Run | null;
  onRestart: () => void;
  /** "Try again from step N" in the debrief: `keep` is how many inputs come before it. */
  onBranch?: (keep: number) => void;
}

export function EndScreen({ scenario, snapshot, run, onRestart, onBranch }: EndScreenProps) {
  const inputs = useMemo(() => (run ? drillInputs(run) : []), [run]);
  const { world, steps } = snapshot.context;
  const ending = scenario.endings.find((e) => e.id === world.ending);
  const outcome = outcomeOf(snapshot);
  const texts = ending ? (typeof ending.text === 'string' ? [ending.text] : ending.text) : [];
  const heading = useRef<HTMLHeadingElement>(null);
  const store = useDrillStoreApi();
  // The end opens at its top, on its heading: the outcome is the first thing read.
  useEffect(() => {
    document.documentElement.scrollTop = 0;
    heading.current?.focus();
  }, []);
  return (
    <main id="main" className={`end end-${outcome}`} tabIndex={-1}>
      <p className="eyebrow">{outcome === 'resolved' ? 'Resolved' : 'Failed'} at {clockText(world.clock)} {scenario.clock.timezone}</p>
      <h1 ref={heading} tabIndex={-1}>
        {ending?.title ?? 'The drill is over'}
      </h1>
      {texts.map((t) => (
        <p key={t}>{t}</p>
      ))}
      <div className="end-actions">
        <button type="button" className="primary" onClick={onRestart}>
          Try again
        </button>
        {run && <RunTools run={run} />}
      </div>
      {run && (
        <Suspense fallback={<p role="status">Loading the debrief…</p>}>
          <Debrief scenario={scenario} inputs={inputs} {...(onBranch ? { onBranch } : {})} />
        </Suspense>
      )}
      {run && (
        <Suspense fallback={<p role="status">Loading the postmortem…</p>}>
          <PostmortemSection scenario={scenario} run={run} steps={steps} ending={world.ending} endClock={world.clock} onSave={(postmortem) => store.getState().savePostmortem(run.id, postmortem)} />
        </Suspense>
      )}
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">Your steps ({steps.length})</h2>
        <ol className="step-list">
          {steps.map((step, i) => (
            <li key={i}>
              <span className="step-clock">{clockText(step.startClock)}</span>{' '}
              {step.channel === 'chat' ? (
                <span>Told {scenario.colleague.name}: “{step.input}”</span>
              ) : step.channel === 'facilitator' ? (
                <span>
                  The facilitator: <code>{step.input}</code>
                </span>
              ) : (
                <code>{step.input || '(empty line)'}</code>
              )}
              {!step.recognised && <span className="tag"> not recognised</span>}
              {step.breaches.length > 0 && <span className="tag tag-danger"> unsafe</span>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
