/**
 * The drill's keyboard shortcuts: Alt+Shift+1, 2 and 3 reach the actions menu, the chat and the
 * command line. Alt+digit alone switches tabs in Firefox and in Chrome on Linux, Ctrl+digit does
 * in every browser, plain keys are screen readers' quick-navigation keys in browse mode, and
 * Alt+letter opens browser menus on Windows; Alt+Shift+digit is none of these. Keys are read by
 * their place on the keyboard (`code`), so they work on AZERTY and with macOS's Option too.
 */
export type ShortcutTarget = 'actions' | 'chat' | 'command';

export interface Shortcut {
  target: ShortcutTarget;
  digit: '1' | '2' | '3';
  /** What it reaches, in the trainee's words. */
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { target: 'actions', digit: '1', label: 'actions menu' },
  { target: 'chat', digit: '2', label: 'chat' },
  { target: 'command', digit: '3', label: 'command line' },
];

interface KeyLike {
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  code: string;
}

/** The panel a key press asks for, or null when it is not one of the drill's shortcuts. */
export function shortcutTarget(event: KeyLike): ShortcutTarget | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  return SHORTCUTS.find((s) => event.code === `Digit${s.digit}`)?.target ?? null;
}

/** A touch screen (a coarse pointer): focus must not land in a text box, or the on-screen keyboard opens. */
export function isTouchScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;
}
