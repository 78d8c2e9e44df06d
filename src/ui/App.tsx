import { lazy, Suspense, useEffect, useState } from 'react';
import { Loading } from './Loading';
import { loadScenarios, type LoadedScenarios } from './scenarios';

/**
 * The drill itself (engine, simulated world, store, screens): a chunk of its own, fetched from
 * the start, beside the scenario, so the first screen's JavaScript stays small.
 */
/** The facilitator's console (`?facilitator`): a window of its own, fed by the drill's window. */
const isConsole = new URLSearchParams(location.search).has('facilitator');
const FacilitatorConsole = lazy(() => import('./facilitator/Console'));
const startedChunk = isConsole ? null : import('./Started');
const Started = lazy(() => startedChunk ?? import('./Started'));
// The SQL engine (sql.js and its WebAssembly) downloads beside them, not after them. A failure
// here is shown by Started, which asks for the engine again.
if (!isConsole) void import('../sim/mysql/sql-engine').then((m) => m.loadSqlEngine()).catch(() => undefined);

export function App() {
  if (isConsole)
    return (
      <Suspense fallback={<Loading />}>
        <FacilitatorConsole />
      </Suspense>
    );
  return <Drill />;
}

function Drill() {
  const [started, setStarted] = useState<LoadedScenarios | null>(null);
  useEffect(() => {
    let live = true;
    void loadScenarios().then((result) => live && setStarted(result));
    return () => {
      live = false;
    };
  }, []);

  if (!started) return <Loading />;
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
    <Suspense fallback={<Loading scenario={started.scenarios[0]} />}>
      <Started scenarios={started.scenarios} />
    </Suspense>
  );
}
