import { useEffect, useState } from 'react';
import { createDrillStore, type DrillStore } from '../store/drill';
import type { Scenario } from '../scenario/schema';
import { loadScenarios, type LoadedScenarios } from './scenarios';
import { localArea, sessionArea, watchOtherTabs } from './browserStorage';
import { createWorkerReplay } from './replayInWorker';
import { DrillStoreProvider } from './storeContext';
import { Shell } from './Shell';

type Started = { ok: true; scenarios: Scenario[]; store: DrillStore } | Extract<LoadedScenarios, { ok: false }>;

export function App() {
  const [started, setStarted] = useState<Started | null>(null);
  useEffect(() => {
    let live = true;
    let store: DrillStore | null = null;
    void loadScenarios().then((result) => {
      if (!live) return;
      if (!result.ok) {
        setStarted(result);
        return;
      }
      // Saved runs are read back once the scenarios are known: each one is replayed on its scenario.
      store = createDrillStore({ storage: localArea(), tabStorage: sessionArea(), scenarios: result.scenarios, watch: watchOtherTabs, replay: createWorkerReplay() });
      setStarted({ ok: true, scenarios: result.scenarios, store });
    });
    return () => {
      live = false;
      store?.close();
    };
  }, []);

  if (!started) {
    return (
      <main id="main" className="loading">
        <h1>Outage Drill</h1>
        <p role="status">Loading the scenario…</p>
      </main>
    );
  }
  if (!started.ok) {
    return (
      <main id="main" className="error-screen">
        <h1>Outage Drill could not start</h1>
        <p role="alert">{started.message}</p>
        {started.problems.length > 0 && (
          <ul>
            {started.problems.slice(0, 20).map((p) => (
              <li key={`${p.path}${p.message}`}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </main>
    );
  }
  return (
    <DrillStoreProvider store={started.store}>
      <Shell scenarios={started.scenarios} />
    </DrillStoreProvider>
  );
}
