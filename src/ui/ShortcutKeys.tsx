import { SHORTCUTS } from './shortcuts';

/** The drill's keyboard shortcuts, as shown under the drill's header and in the briefing. */
export function ShortcutKeys() {
  return (
    <>
      {SHORTCUTS.map((s, i) => (
        <span key={s.target}>
          {i > 0 && ' · '}
          <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>{s.digit}</kbd> {s.label}
        </span>
      ))}
      {' · '}
      <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd> presenter view
      {' · '}
      <kbd>↑</kbd> <kbd>↓</kbd> move within the actions
    </>
  );
}
