/**
 * Local storage that never loses a saved run. What cannot be read (not JSON, a foreign shape,
 * a newer version) is set aside under its own key, kept, and reported; a write that fails
 * (storage full, storage disabled) is reported and the state stays in memory.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export const SET_ASIDE_PREFIX = 'outage-drill:set-aside:';

export type StorageProblem =
  | { kind: 'set-aside'; key: string; reason: string }
  | { kind: 'write-failed'; reason: string }
  | { kind: 'unavailable' };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function backendOf(get: () => Storage | undefined): Storage | null {
  try {
    return get() ?? null;
  } catch {
    return null;
  }
}

/** Copies text to a fresh set-aside key; returns the key, or null if even that failed. */
export function setAside(storage: Storage, raw: string): string | null {
  for (let n = 1; n < 10_000; n += 1) {
    const key = `${SET_ASIDE_PREFIX}${n}`;
    if (storage.getItem(key) !== null) continue;
    try {
      storage.setItem(key, raw);
      return key;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * `accepts` checks the shape of the saved state (zustand trusts whatever it reads): state it
 * refuses is set aside like text that is not JSON, instead of being dropped and overwritten.
 */
export function createGuardedStorage<S>(
  get: () => Storage | undefined,
  currentVersion: number,
  report: (problem: StorageProblem) => void,
  accepts: (state: object, version: number) => boolean = () => true,
): PersistStorage<S> {
  // Names whose unreadable data could not be copied aside (storage full): never written over.
  const guarded = new Set<string>();
  const putAside = (storage: Storage, name: string, raw: string, reason: string) => {
    const key = setAside(storage, raw);
    // Only remove the original once its copy is safe; otherwise leave it, and stop saving over it.
    if (key) storage.removeItem(name);
    else guarded.add(name);
    report({ kind: 'set-aside', key: key ?? name, reason });
  };
  return {
    getItem: (name) => {
      // Each read starts afresh: if the data is still unreadable, it is guarded again below.
      guarded.delete(name);
      const storage = backendOf(get);
      if (!storage) {
        report({ kind: 'unavailable' });
        return null;
      }
      let raw: string | null;
      try {
        raw = storage.getItem(name);
      } catch {
        report({ kind: 'unavailable' });
        return null;
      }
      if (raw === null) return null;
      let data: unknown;
      try {
        data = JSON.parse(raw, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
      } catch (error) {
        // Parsing with a reviver recurses: very deep nesting overflows the stack before any shape check.
        putAside(storage, name, raw, error instanceof RangeError ? 'it is nested too deep to read' : 'it is not valid JSON');
        return null;
      }
      const value = data as Partial<StorageValue<unknown>> | null;
      if (typeof value !== 'object' || value === null || typeof value.state !== 'object' || value.state === null || typeof value.version !== 'number') {
        putAside(storage, name, raw, 'it is not in the shape Outage Drill saves');
        return null;
      }
      if (value.version > currentVersion) {
        putAside(storage, name, raw, `it was saved by a newer version of Outage Drill (storage version ${value.version})`);
        return null;
      }
      if (!accepts(value.state, value.version)) {
        putAside(storage, name, raw, 'it is not in the shape Outage Drill saves');
        return null;
      }
      return value as StorageValue<S>;
    },
    setItem: (name, value) => {
      const storage = backendOf(get);
      if (!storage) return;
      if (guarded.has(name)) {
        report({ kind: 'write-failed', reason: 'full' });
        return;
      }
      try {
        storage.setItem(name, JSON.stringify(value));
      } catch (error) {
        report({ kind: 'write-failed', reason: (error as Error).name === 'QuotaExceededError' ? 'full' : (error as Error).message });
      }
    },
    removeItem: (name) => {
      backendOf(get)?.removeItem(name);
    },
  };
}
