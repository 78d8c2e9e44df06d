import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Scenario } from '../scenario/schema';
import type { DrillSnapshot } from '../engine/replay';
import { parseClock } from '../engine/clock';
import { clockLabel, durationText } from '../scoring/text';
import { menuEntries } from '../engine/menu';
import { promptOf } from '../engine/world';
import type { PendingInput } from '../store/currentRun';
import { Terminal } from './Terminal';
import { ActionsMenu, type ActionsMenuHandle } from './ActionsMenu';
import { Chat } from './Chat';
import { ShortcutKeys } from './ShortcutKeys';
import { isTouchScreen, shortcutTarget } from './shortcuts';
import { isPresenterToggle, usePresenterView } from './presenter';

interface DrillScreenProps {
  scenario: Scenario;
  snapshot: DrillSnapshot;
  /** Inputs entered and not yet run: echoed where they were typed. */
  pending?: readonly PendingInput[];
  onTerminal: (line: string, via: 'typed' | 'menu') => void;
  onChat: (text: string) => void;
  onHint: () => void;
  onPause: () => void;
  onResume: () => void;
}

/** The facilitator's console in a window of its own (another screen, usually the laptop's while this one is projected). */
function openConsole() {
  window.open(`${location.pathname}?facilitator`, 'outage-drill-facilitator', 'popup,width=1000,height=900');
}

export function DrillScreen({ scenario, snapshot, pending = [], onTerminal, onChat, onHint, onPause, onResume }: DrillScreenProps) {
  const { world, steps } = snapshot.context;
  const paused = snapshot.matches('paused');
  const elapsed = world.clock - parseClock(scenario.clock.start);
  const hintsUsed = steps.filter((s) => s.hint).length;
  // The menu depends on where the trainee is and what is true, not on the clock: rebuild it only then.
  const where = `${world.hostStack.join('>')}|${world.mode}|${world.mysqlHost}|${world.db}|${JSON.stringify(world.facts)}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const entries = useMemo(() => menuEntries(scenario, world), [scenario, where]);
  const menu = useRef<ActionsMenuHandle>(null);
  const [presenter, setPresenter] = usePresenterView();
  // In the presenter view the chat and the actions are hidden until asked for (a shortcut to them shows them).
  const [panels, setPanels] = useState(false);
  const sideShown = !presenter || panels;
  const host = world.mode === 'mysql' && world.mysqlHost ? world.mysqlHost : world.hostStack[world.hostStack.length - 1];
  const hostName = scenario.hosts.find((h) => h.id === host)?.name ?? host ?? scenario.startHost;
  // After an action, focus goes to the output it printed (a second Enter must not run another
  // action); on a touch screen it stays in the menu, so no on-screen keyboard opens.
  const runFromMenu = useCallback(
    (command: string) => {
      onTerminal(command, 'menu');
      if (!isTouchScreen()) document.getElementById('terminal-log')?.focus();
    },
    [onTerminal],
  );

  useEffect(() => {
    if (!paused && !isTouchScreen()) document.getElementById('command')?.focus();
  }, [paused]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isPresenterToggle(event)) {
        event.preventDefault();
        setPresenter(!presenter);
        return;
      }
      const target = shortcutTarget(event);
      if (!target) return;
      event.preventDefault();
      // A hidden panel is shown first (at once, so it can take the focus).
      if (target !== 'command') flushSync(() => setPanels(true));
      if (target === 'actions') menu.current?.focus();
      else document.getElementById(target === 'chat' ? 'chat-message' : 'command')?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [presenter, setPresenter]);

  return (
    <main id="main" className={presenter ? `drill presenter${panels ? ' with-panels' : ''}` : 'drill'} tabIndex={-1}>
      <header className="drill-header">
        <h1 className="drill-title">{scenario.title}</h1>
        <p className="clock" role="timer" aria-label={`Simulated clock: ${clockLabel(world.clock)} ${scenario.clock.timezone}`}>
          <span className="clock-time">{clockLabel(world.clock)}</span> <span className="clock-zone">{scenario.clock.timezone}</span>
          <span className="clock-elapsed"> · {elapsed === 0 ? 'just noticed' : `${durationText(elapsed)} since you noticed`}</span>
        </p>
        {scenario.hints && scenario.hints.length > 0 && (
          <button type="button" onClick={onHint} disabled={paused} aria-describedby="hint-cost">
            Hint{hintsUsed > 0 ? ` (${hintsUsed} used)` : ''}
          </button>
        )}
        {scenario.hints && scenario.hints.length > 0 && (
          <span id="hint-cost" className="visually-hidden">
            A nudge, then a pointer, then the command. Hints cost points; typing hint in the terminal does the same.
          </span>
        )}
        {world.held ? (
          <span className="held" role="status">
            Paused by the facilitator
          </span>
        ) : (
          <button type="button" onClick={paused ? onResume : onPause} aria-pressed={paused}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        )}
        <button type="button" onClick={() => setPresenter(!presenter)} aria-pressed={presenter} aria-keyshortcuts="Alt+Shift+P">
          Presenter view
        </button>
        <button type="button" onClick={openConsole} aria-describedby="console-what">
          Facilitator console
        </button>
        <span id="console-what" className="visually-hidden">
          Opens a second window to run the session from: pause, injects, hints, questions for the room.
        </span>
        {presenter && (
          <button type="button" onClick={() => setPanels(!panels)} aria-expanded={panels} aria-controls="drill-side">
            {panels ? 'Hide chat and actions' : 'Show chat and actions'}
          </button>
        )}
        {presenter && (
          <p className="where">
            <span className="visually-hidden">Current host: </span>
            {world.mode === 'mysql' ? `mysql on ${hostName}${world.db ? ` (${world.db})` : ''}` : hostName}
          </p>
        )}
      </header>
      <p className="shortcuts">
        <span className="visually-hidden">Keyboard shortcuts: </span>
        <ShortcutKeys />
      </p>
      {paused && (
        <p className="paused-banner" role="status">
          Paused. The clock is stopped: talk it through, then resume.
        </p>
      )}
      <div className="drill-body">
        <Terminal scenario={scenario} world={world} prompt={promptOf(scenario, world)} steps={steps} pending={pending} disabled={paused} onSubmit={(line) => onTerminal(line, 'typed')} />
        <div className="side" id="drill-side" hidden={!sideShown}>
          <Chat scenario={scenario} steps={steps} pending={pending} disabled={paused} onSend={onChat} />
          <ActionsMenu ref={menu} entries={entries} disabled={paused} onRun={runFromMenu} />
        </div>
      </div>
    </main>
  );
}
