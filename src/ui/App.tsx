import { useEffect, useState } from 'react';
import { loadScenarios, type LoadedScenarios } from './scenarios';
import { restoreSavedRuns } from '../store/drill';
import { Shell } from './Shell';

export function App() {
  const [loaded, setLoaded] = useState<LoadedScenarios | null>(null);
  useEffect(() => {
    let live = true;
    void loadScenarios().then(async (result) => {
      if (result.ok) await restoreSavedRuns(result.scenarios);
      if (live) setLoaded(result);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!loaded) {
    return (
      <main id="main" className="loading">
        <h1>Outage Drill</h1>
        <p role="status">Loading the scenario…</p>
      </main>
    );
  }
  if (!loaded.ok) {
    return (
      <main id="main" className="error-screen">
        <h1>Outage Drill could not start</h1>
        <p role="alert">{loaded.message}</p>
        {loaded.problems.length > 0 && (
          <ul>
            {loaded.problems.slice(0, 20).map((p) => (
              <li key={`${p.path}${p.message}`}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </main>
    );
  }
  return <Shell scenarios={loaded.scenarios} />;
}
