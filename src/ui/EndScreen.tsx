import type { Scenario } from '../scenario/schema';
import type { DrillSnapshot } from '../engine/replay';
import { clockText } from '../engine/clock';
import { outcomeOf } from '../engine/replay';

interface EndScreenProps {
  scenario: Scenario;
  snapshot: DrillSnapshot;
  onRestart: () => void;
  onDebrief?: () => void;
}

export function EndScreen({ scenario, snapshot, onRestart, onDebrief }: EndScreenProps) {
  const { world, steps } = snapshot.context;
  const ending = scenario.endings.find((e) => e.id === world.ending);
  const outcome = outcomeOf(snapshot);
  const texts = ending ? (typeof ending.text === 'string' ? [ending.text] : ending.text) : [];
  return (
    <main id="main" className={`end end-${outcome}`}>
      <p className="eyebrow">{outcome === 'resolved' ? 'Resolved' : 'Failed'} at {clockText(world.clock)} {scenario.clock.timezone}</p>
      <h1>{ending?.title ?? 'The drill is over'}</h1>
      {texts.map((t) => (
        <p key={t}>{t}</p>
      ))}
      <div className="end-actions">
        {onDebrief && (
          <button type="button" className="primary" onClick={onDebrief}>
            See the debrief
          </button>
        )}
        <button type="button" onClick={onRestart}>
          Start again
        </button>
      </div>
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">Your steps ({steps.length})</h2>
        <ol className="step-list">
          {steps.map((step, i) => (
            <li key={i}>
              <span className="step-clock">{clockText(step.startClock)}</span>{' '}
              {step.channel === 'chat' ? <span>Told {scenario.colleague.name}: “{step.input}”</span> : <code>{step.input || '(empty line)'}</code>}
              {!step.recognised && <span className="tag"> not recognised</span>}
              {step.breaches.length > 0 && <span className="tag tag-danger"> unsafe</span>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
