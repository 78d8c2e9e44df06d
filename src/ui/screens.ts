/**
 * The app's screens as browser history entries: each screen the trainee reaches is an entry
 * (`history.pushState`), so Back and Forward move between them as on any site. No router, no
 * server: the entry's state names the screen, and the URL does not change.
 */
export type Screen = 'briefing' | 'drill' | 'end' | 'history' | 'cohort' | `review:${string}`;

export interface ScreenEntry {
  screen: Screen;
}

const SCREENS = new Set(['briefing', 'drill', 'end', 'history', 'cohort']);

/** The screen a history entry's state names, or null for an entry the app did not make. */
export function screenOf(state: unknown): Screen | null {
  if (typeof state !== 'object' || state === null || !Object.hasOwn(state, 'screen')) return null;
  const screen = (state as { screen: unknown }).screen;
  if (typeof screen !== 'string') return null;
  return SCREENS.has(screen) || screen.startsWith('review:') ? (screen as Screen) : null;
}

export const reviewScreen = (runId: string): Screen => `review:${runId}`;
