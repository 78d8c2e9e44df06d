/**
 * The presenter view: the same drill laid out for a projector. Whether this window shows it is
 * kept in this tab's session storage, so a reload of the projector's window keeps it while the
 * facilitator's own window stays as it was. Alt+Shift+P toggles it.
 */
import { useCallback, useState } from 'react';
import { sessionArea } from './browserStorage';

const KEY = 'outage-drill:view:presenter';

function stored(): boolean {
  try {
    return sessionArea()?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** This window's presenter view, on or off, and how to set it. */
export function usePresenterView(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored);
  const set = useCallback((next: boolean) => {
    setOn(next);
    try {
      if (next) sessionArea()?.setItem(KEY, '1');
      else sessionArea()?.removeItem(KEY);
    } catch {
      // Storage refused (private mode, full): the view still changes, for as long as the page is open.
    }
  }, []);
  return [on, set];
}

/** Alt+Shift+P (by its place on the keyboard, as the drill's other shortcuts). */
export function isPresenterToggle(event: { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP';
}
