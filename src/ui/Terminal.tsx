import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Scenario } from '../scenario/schema';
import type { Step, World } from '../engine/replay';
import { clockLabel } from '../scoring/text';
import { complete } from '../engine/complete';
import type { PendingInput } from '../store/currentRun';

interface TerminalProps {
  scenario: Scenario;
  world: World;
  prompt: string;
  steps: readonly Step[];
  /** Inputs entered and not yet run (a slow step): the typed lines, as a terminal echoes them. */
  pending?: readonly PendingInput[];
  disabled: boolean;
  onSubmit: (line: string) => void;
}

/** The steps shown: terminal steps since the last `clear`. */
export function visibleSteps(steps: readonly Step[]): Step[] {
  const terminal = steps.filter((s) => (s.channel !== 'chat' || s.notices.length > 0) && shownToTheRoom(s));
  let from = 0;
  terminal.forEach((s, i) => {
    if (s.clear) from = i + 1;
  });
  return terminal.slice(from);
}

/** Steps the log draws at first; a long run shows its latest ones, and earlier ones on request. */
export const TERMINAL_WINDOW = 150;

export function Terminal({ scenario, world, prompt, steps, pending = [], disabled, onSubmit }: TerminalProps) {
  const [line, setLine] = useState('');
  const [windowSize, setWindowSize] = useState(TERMINAL_WINDOW);
  const [options, setOptions] = useState<string[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const promptId = useId();
  const optionsId = useId();
  const history = useMemo(() => steps.filter((s) => s.channel === 'terminal' && s.input !== '').map((s) => s.input), [steps]);
  const visible = useMemo(() => visibleSteps(steps), [steps]);
  // Only the latest steps are in the page, so a run of thousands of steps stays quick to draw and scroll.
  const hidden = Math.max(0, visible.length - windowSize);
  const shown = hidden > 0 ? visible.slice(hidden) : visible;

  useEffect(() => {
    // The log scrolls inside its panel; the page itself stays put, so the command line stays in view.
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [steps.length, pending.length]);
  const typedAhead = pending.filter((p) => p.channel === 'terminal');

  const run = () => {
    onSubmit(line);
    setLine('');
    setOptions([]);
    setCursor(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      if (history.length === 0) return;
      event.preventDefault();
      const up = event.key === 'ArrowUp';
      const next = cursor === null ? (up ? history.length - 1 : null) : up ? Math.max(0, cursor - 1) : cursor + 1 < history.length ? cursor + 1 : null;
      setCursor(next);
      setLine(next === null ? '' : history[next]!);
    } else if (event.key === 'Tab' && !event.shiftKey && line.trim() !== '') {
      // Tab completes when there is something to complete; otherwise it moves focus on as usual,
      // so the keyboard is never trapped in the terminal.
      const result = complete(scenario, world, line);
      if (result.line === line && result.options.length === 0) return;
      event.preventDefault();
      setLine(result.line);
      setOptions(result.options);
    } else if (event.key === 'Escape') {
      setLine('');
      setOptions([]);
      setCursor(null);
    } else if (event.key === 'l' && event.ctrlKey) {
      event.preventDefault();
      onSubmit('clear');
    }
  };

  return (
    <section className="terminal" aria-labelledby="terminal-title">
      <h2 id="terminal-title" className="panel-title">
        Terminal
      </h2>
      <div className="terminal-screen">
        <div ref={logRef} id="terminal-log" role="log" aria-live="polite" aria-busy={typedAhead.length > 0} aria-label="Terminal output" className="terminal-log" tabIndex={0}>
          {shown.length === 0 && typedAhead.length === 0 && (
            <p className="terminal-hint">Connected to {scenario.hosts.find((h) => h.id === scenario.startHost)?.name}. Type a command and press Enter, or type help. The Actions menu lists what you can do from here.</p>
          )}
          {hidden > 0 && (
            <button type="button" className="show-earlier" onClick={() => setWindowSize((n) => n + TERMINAL_WINDOW)}>
              Show earlier output ({hidden.toLocaleString('en')} more {hidden === 1 ? 'step' : 'steps'})
            </button>
          )}
          {shown.map((step, i) => (
            <StepView step={step} key={`${step.startClock}-${hidden + i}`} />
          ))}
          {typedAhead.map((input, i) => (
            // The line is read out with its output once the step has run: the echo is only seen.
            <p className="step-command step-pending" aria-hidden="true" key={`pending-${i}`}>
              {/* The first line follows the prompt; a line typed ahead of it is echoed bare, as a terminal does. */}
              {i === 0 && (
                <>
                  <span className="step-clock">{clockLabel(world.clock)}</span> <span className="prompt">{prompt}</span>{' '}
                </>
              )}
              <span className="typed">{input.text}</span>
            </p>
          ))}
        </div>
        <form
          className="terminal-input"
          onSubmit={(event) => {
            event.preventDefault();
            if (!disabled) run();
          }}
        >
          <label htmlFor="command" className="visually-hidden">
            Command
          </label>
          <span id={promptId} className="prompt" aria-hidden="false">
            {prompt}
          </span>
          <input
            id="command"
            ref={inputRef}
            className="command"
            value={line}
            onChange={(event) => {
              setLine(event.target.value);
              setOptions([]);
            }}
            onKeyDown={onKeyDown}
            disabled={disabled}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={10_000}
            aria-describedby={`${promptId} ${optionsId}`}
            enterKeyHint="send"
          />
        </form>
        <p id={optionsId} className="completion-options" aria-live="polite">
          {options.length > 0 ? `Completions: ${options.join('  ')}` : ''}
        </p>
      </div>
    </section>
  );
}

/** The facilitator's own notes, and commands the console refused, stay on the console: the room sees the rest. */
function shownToTheRoom(step: Step): boolean {
  return step.channel !== 'facilitator' || (step.recognised && step.facilitator?.kind !== 'note');
}

/**
 * One command and its output. Steps never change once made, so a row renders once. `quiet`
 * (a review moving through old steps) shows the world's notices without announcing them.
 */
export const StepView = memo(function StepView({ step, quiet = false }: { step: Step; quiet?: boolean }) {
  return (
    <div className={step.channel === 'hint' ? 'step step-hint' : step.channel === 'facilitator' ? 'step step-facilitator' : 'step'}>
      {step.channel === 'terminal' && (
        <p className="step-command">
          {/* The clock when its answer was on screen: the time the debrief and the score use too. */}
          <span className="step-clock">{clockLabel(step.clock)}</span> <span className="prompt">{step.prompt}</span> <span className="typed">{step.input}</span>
          {!step.recognised && <span className="visually-hidden"> (not recognised)</span>}
        </p>
      )}
      {step.channel === 'terminal' && step.output.length > 0 && <pre className="step-output">{step.output.join('\n')}</pre>}
      {step.notes && step.notes.length > 0 && (
        <p className="step-note">
          <span className="visually-hidden">{step.channel === 'hint' ? 'Hint from the drill: ' : step.channel === 'facilitator' ? 'From the facilitator: ' : 'Drill note: '}</span>
          {step.notes.join(' ')}
        </p>
      )}
      {step.notices.length > 0 && (
        <p className="step-notice" role={quiet ? undefined : 'alert'}>
          {step.notices.join('\n')}
        </p>
      )}
    </div>
  );
});
