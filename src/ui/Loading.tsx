import type { Scenario } from '../scenario/schema';
import { BriefingText } from './Briefing';

/**
 * The screen shown while the drill's own chunk, the SQL engine and the servers' data load. Once
 * the scenario is known it is already the briefing, to read while the servers are prepared (the
 * first paint never waits for them); the start button comes with the drill.
 */
export function Loading({ scenario }: { scenario?: Scenario }) {
  if (scenario) {
    return (
      <main id="main" className="briefing">
        <BriefingText scenario={scenario} />
        <p role="status" className="start-form">
          Preparing the servers…
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="loading">
      <h1>Outage Drill</h1>
      <p role="status">Loading the scenario…</p>
    </main>
  );
}
