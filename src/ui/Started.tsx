/**
 * Everything after the scenarios are loaded, in its own chunk: the engine, the store that
 * replays saved runs, and the screens. The first screen's JavaScript stays small.
 */
import { useEffect, useState } from 'react';
import { createDrillStore, type DrillStore } from '../store/drill';
import type { Scenario } from '../scenario/schema';
import { Loading } from './Loading';
import { localArea, sessionArea, watchOtherTabs } from './browserStorage';
import { createWorkerReplay } from './replayInWorker';
import { DrillStoreProvider } from './storeContext';
import { Shell } from './Shell';

export default function Started({ scenarios }: { scenarios: Scenario[] }) {
  const [store, setStore] = useState<DrillStore | null>(null);
  useEffect(() => {
    let live = true;
    let created: DrillStore | null = null;
    // Saved runs are read back once the scenarios are known (each one is replayed on its
    // scenario), after this first paint of the loading screen.
    void Promise.resolve().then(() => {
      if (!live) return;
      created = createDrillStore({ storage: localArea(), tabStorage: sessionArea(), scenarios, watch: watchOtherTabs, replay: createWorkerReplay() });
      setStore(created);
    });
    return () => {
      live = false;
      created?.close();
    };
  }, [scenarios]);

  if (!store) return <Loading />;
  return (
    <DrillStoreProvider store={store}>
      <Shell scenarios={scenarios} />
    </DrillStoreProvider>
  );
}
