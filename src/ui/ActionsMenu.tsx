import { forwardRef, memo, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import type { MenuEntry } from '../engine/menu';
import { isTouchScreen } from './shortcuts';

interface ActionsMenuProps {
  entries: readonly MenuEntry[];
  disabled: boolean;
  onRun: (command: string) => void;
}

export interface ActionsMenuHandle {
  /** Focuses the action the menu was last on (the first one at the start). */
  focus: () => void;
}

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(count - 1, at + 1),
  ArrowUp: (at) => Math.max(0, at - 1),
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * The actions menu: what can be done from here, each with the command it types for you. One
 * action is in the Tab order at a time; the arrow keys move between them (a roving tabindex).
 */
export const ActionsMenu = memo(
  forwardRef<ActionsMenuHandle, ActionsMenuProps>(function ActionsMenu({ entries, disabled, onRun }, ref) {
    const [activeKey, setActiveKey] = useState<string | null>(null);
    const buttons = useRef(new Map<string, HTMLButtonElement>());
    // On a touch screen the action chosen keeps the focus (or, if it is gone, the one now in its place).
    const [refocusAt, setRefocusAt] = useState<{ index: number } | null>(null);
    const groups = [...new Set(entries.map((e) => e.group))];
    const ordered = groups.flatMap((group) => entries.filter((e) => e.group === group));
    const activeIndex = Math.max(0, ordered.findIndex((e) => e.key === activeKey));
    const active = ordered[activeIndex];

    const focusAt = (index: number) => {
      const entry = ordered[Math.min(Math.max(0, index), ordered.length - 1)];
      if (!entry) return;
      setActiveKey(entry.key);
      buttons.current.get(entry.key)?.focus();
    };

    useImperativeHandle(ref, () => ({ focus: () => focusAt(activeIndex) }));

    useEffect(() => {
      if (!refocusAt) return;
      setRefocusAt(null);
      focusAt(refocusAt.index);
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [refocusAt, entries]);

    const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
      const move = MOVES[event.key];
      if (!move) return;
      event.preventDefault();
      focusAt(move(index, ordered.length));
    };

    return (
      <section className="actions" aria-labelledby="actions-title">
        <h2 id="actions-title" className="panel-title">
          Actions
        </h2>
        <p className="panel-help">Not sure what to type? Pick an action: it runs the command shown, as if you typed it.</p>
        {groups.map((group) => (
          <details key={group} className="action-group" open>
            <summary>{group}</summary>
            <ul>
              {ordered
                .map((entry, index) => ({ entry, index }))
                .filter(({ entry }) => entry.group === group)
                .map(({ entry, index }) => (
                  <li key={entry.key}>
                    <button
                      type="button"
                      className="action"
                      ref={(el) => {
                        if (el) buttons.current.set(entry.key, el);
                        else buttons.current.delete(entry.key);
                      }}
                      tabIndex={entry.key === active?.key ? 0 : -1}
                      disabled={disabled}
                      onFocus={() => setActiveKey(entry.key)}
                      onKeyDown={(event) => onKeyDown(event, index)}
                      onClick={() => {
                        setActiveKey(entry.key);
                        if (isTouchScreen()) setRefocusAt({ index });
                        onRun(entry.command);
                      }}
                      title={entry.teaches}
                    >
                      <span className="action-label">{entry.label}</span>
                      <code className="action-command">{entry.command}</code>
                    </button>
                  </li>
                ))}
            </ul>
          </details>
        ))}
      </section>
    );
  }),
);
