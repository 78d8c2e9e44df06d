/** The browser's storage, as the drill store takes it: absent rather than throwing, and watched for other tabs' changes. */

/** Local storage, or null when the browser refuses it (reading `localStorage` itself can throw). */
export function localArea(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** This tab's session storage, or null. */
export function sessionArea(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Calls back with each local-storage key another tab changes (null when it cleared them all). */
export function watchOtherTabs(onChange: (key: string | null) => void): () => void {
  const area = localArea();
  const listener = (event: StorageEvent) => {
    if (event.storageArea === area) onChange(event.key);
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
