import { memo } from 'react';
import type { MenuEntry } from '../engine/menu';

interface ActionsMenuProps {
  entries: readonly MenuEntry[];
  disabled: boolean;
  onRun: (command: string) => void;
}

/** The actions menu: what can be done from here, each with the command it types for you. */
export const ActionsMenu = memo(function ActionsMenu({ entries, disabled, onRun }: ActionsMenuProps) {
  const groups = [...new Set(entries.map((e) => e.group))];
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
            {entries
              .filter((e) => e.group === group)
              .map((entry) => (
                <li key={entry.key}>
                  <button type="button" className="action" disabled={disabled} onClick={() => onRun(entry.command)} title={entry.teaches}>
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
});
