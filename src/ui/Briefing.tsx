import { useState } from 'react';
import type { Scenario } from '../scenario/schema';
import { ShortcutKeys } from './ShortcutKeys';

interface BriefingProps {
  scenario: Scenario;
  onStart: (trainee: string) => void;
  /** The name the trainee gave last time, kept in the box. */
  defaultName?: string;
  /** A run left in progress (browser Back from the drill): the briefing offers to go back to it. */
  inProgress?: { clock: string; steps: number; onResume: () => void } | undefined;
}

/** The briefing's words: who you are, what you see, the goal, how to play. Also shown while the drill loads. */
export function BriefingText({ scenario }: { scenario: Scenario }) {
  const { briefing } = scenario;
  return (
    <>
      <p className="eyebrow">Briefing · {briefing.title}</p>
      <h1>{scenario.title}</h1>
      <section aria-labelledby="who">
        <h2 id="who">Who you are</h2>
        <p>{briefing.role}</p>
        {briefing.situation.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </section>
      <section aria-labelledby="what">
        <h2 id="what">What you see</h2>
        <ul>
          {briefing.observations.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="goal">
        <h2 id="goal">Your goal</h2>
        <p>{briefing.goal}</p>
      </section>
      <section aria-labelledby="how">
        <h2 id="how">How to play</h2>
        <ul>
          <li>Type real commands in the terminal and press Enter. ↑ and ↓ recall earlier commands, Tab completes, Escape clears the line.</li>
          <li>Don't know the command? The Actions menu lists what you can do from where you are, with the command it runs.</li>
          <li>
            Every step costs simulated time, as it would on the day. The clock starts at {scenario.clock.start} {scenario.clock.timezone}.
          </li>
          <li>{scenario.colleague.name}, the {scenario.colleague.role}, is on team chat.</li>
          <li className="briefing-shortcuts">
            Keyboard shortcuts in the drill: <ShortcutKeys />.
          </li>
        </ul>
      </section>
    </>
  );
}

export function Briefing({ scenario, onStart, defaultName = '', inProgress }: BriefingProps) {
  const [name, setName] = useState(defaultName);
  return (
    <main id="main" className="briefing" tabIndex={-1}>
      {inProgress && (
        <section className="in-progress" aria-labelledby="in-progress-title">
          <h2 id="in-progress-title">Your drill is still in progress</h2>
          <p>
            The clock stands at {inProgress.clock}, after {inProgress.steps} {inProgress.steps === 1 ? 'step' : 'steps'}. Nothing was lost.
          </p>
          <button type="button" className="primary" onClick={inProgress.onResume}>
            Back to the drill
          </button>
        </section>
      )}
      <BriefingText scenario={scenario} />
      <form
        className="start-form"
        onSubmit={(event) => {
          event.preventDefault();
          onStart(name);
        }}
      >
        <label htmlFor="trainee-name">Your name (optional, shown to your mentor)</label>
        <input id="trainee-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="name" />
        <button type="submit" className={inProgress ? undefined : 'primary'}>
          {inProgress ? `Start the drill again at ${scenario.clock.start}` : `Start the drill at ${scenario.clock.start}`}
        </button>
        {inProgress && <p className="start-note">Starting again keeps the run in progress in Your runs, as unfinished.</p>}
      </form>
    </main>
  );
}
