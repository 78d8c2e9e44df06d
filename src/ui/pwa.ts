/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Offline after one visit: the service worker that vite-plugin-pwa builds (vite.config.ts)
 * precaches the whole app, the SQL engine and the scenarios. Registered once the app has started
 * (its code is loaded then, out of the first load). A new version is downloaded in the
 * background and waits: the app says so, and the trainee reloads when it suits them, so a drill
 * in progress is never swapped for another version under their hands. Until then this version
 * keeps running with its own scenarios; a run saved by a newer version is not replayed on them
 * (the run decoder refuses a scenario version it does not have, and says to update).
 */
import type { Notice } from '../store/notices';

let update: ((reload?: boolean) => Promise<void>) | null = null;

/** Registers the service worker (in a built app, in a browser that has them); `notify` hears when a new version is ready. */
export function startOffline(notify: (notice: Notice) => void): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register').then(
    ({ registerSW }) => {
      update = registerSW({ immediate: true, onNeedRefresh: () => notify({ kind: 'update-ready' }) });
    },
    () => {
      // The registration code did not load (offline on a first visit): the app works as a page.
    },
  );
}

/** Takes the new version: the waiting service worker activates and the page reloads. */
export function applyUpdate(): void {
  void update?.(true);
}
