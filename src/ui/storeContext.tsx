import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DrillState, DrillStore } from '../store/drill';

const DrillStoreContext = createContext<DrillStore | null>(null);

/** Makes one drill store (built by `createDrillStore`) the one the screens below read and change. */
export function DrillStoreProvider({ store, children }: { store: DrillStore; children: ReactNode }) {
  return <DrillStoreContext.Provider value={store}>{children}</DrillStoreContext.Provider>;
}

/** The store itself, for its actions (`useDrillStoreApi().getState().submit(...)`). */
export function useDrillStoreApi(): DrillStore {
  const store = useContext(DrillStoreContext);
  if (!store) throw new Error('useDrillStoreApi needs a <DrillStoreProvider> above it');
  return store;
}

/** A value from the store; the component renders again when it changes. */
export function useDrill<T>(selector: (state: DrillState) => T): T {
  return useStore(useDrillStoreApi(), selector);
}
