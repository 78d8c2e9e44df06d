/**
 * Everything after the scenarios are loaded, in its own chunk: the engine, the store that
 * replays saved runs, and the screens. The first screen's JavaScript stays small.
 */
import { useEffect, useState } from 'react';
import { afterPaint, createDrillStore, type DrillStore } from '../store/drill';
import type { Scenario } from '../scenario/schema';
import { Loading } from './Loading';
import { loadSqlEngine } from '../sim/mysql/sql-engine';
import { initialWorld } from '../engine/world';
import { localArea, sessionArea, watchOtherTabs } from './browserStorage';
import { createWorkerReplay } from './replayInWorker';
import { DrillStoreProvider } from './storeContext';
import { Shell } from './Shell';
import { startOffline } from './pwa';
import { startFacilitatorBridge } from './facilitator/bridge';

export default function Started({ scenarios }: { scenarios: Scenario[] }) {
  const [store, setStore] = useState<DrillStore | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let created: DrillStore | null = null;
    let settleOnLeave: (() => void) | null = null;
    let stopBridge: (() => void) | null = null;
    // Saved runs are read back once the scenarios and the SQL engine are loaded (each run is
    // replayed on its scenario's simulated world), after this first paint of the loading screen.
    void loadSqlEngine().then(() => {
      if (!live) return;
      created = createDrillStore({ storage: localArea(), tabStorage: sessionArea(), scenarios, watch: watchOtherTabs, replay: createWorkerReplay(), schedule: afterPaint });
      setStore(created);
      startOffline(created.getState().notify);
      // The facilitator's console, in another window of this browser, reads and drives this drill.
      stopBridge = startFacilitatorBridge(created);
      // An Enter runs after the next paint: a reload or a closed tab in between still runs and saves it.
      const store = created;
      settleOnLeave = () => store.getState().settle();
      window.addEventListener('pagehide', settleOnLeave);
      document.addEventListener('visibilitychange', settleOnLeave);
      // Each scenario's world at its start (its databases prepared from their seed and binary log)
      // is built once the briefing has painted, while it is read: starting a drill then answers
      // at once, and the first paint does not wait for it.
      setTimeout(() => {
        if (live) for (const scenario of scenarios) initialWorld(scenario);
      }, 50);
    }, (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
      if (settleOnLeave) {
        window.removeEventListener('pagehide', settleOnLeave);
        document.removeEventListener('visibilitychange', settleOnLeave);
      }
      stopBridge?.();
      created?.close();
    };
  }, [scenarios]);

  if (failed) {
    return (
      <main className="app-error" role="alert">
        <h1>Outage Drill could not start</h1>
        <p>The simulated database engine did not load ({failed}). Reload the page to try again; your saved runs are kept.</p>
      </main>
    );
  }
  if (!store) return <Loading scenario={scenarios[0]} />;
  return (
    <DrillStoreProvider store={store}>
      <Shell scenarios={scenarios} />
    </DrillStoreProvider>
  );
}
