import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../scenario/schema';
import { inputFromTyped } from '../engine/replay';
import { HINT_COMMAND } from '../engine/world';
import { clockText } from '../engine/clock';
import { outcomeOf } from '../engine/replay';
import { Briefing } from './Briefing';
import { DrillScreen } from './DrillScreen';
import { EndScreen } from './EndScreen';
import { ErrorBoundary } from './ErrorBoundary';
import { useDrill, useDrillStoreApi } from './storeContext';

interface DrillAppProps {
  scenario: Scenario;
  /** Show the briefing even though a run is in progress or over (the browser's Back from the drill). */
  briefing?: boolean;
  /** The briefing was left: for the drill in progress, or for a new one. */
  onBriefingDone?: () => void;
}

/** The screens of one scenario: briefing → drill → end. */
export function DrillApp({ scenario, briefing = false, onBriefingDone }: DrillAppProps) {
  const current = useDrill((s) => s.scenario);
  const snapshot = useDrill((s) => s.snapshot);
  const run = useDrill((s) => s.run);
  const pending = useDrill((s) => s.pending);
  // The name given in this session (or the run in progress's): "Try again" and Back keep it in the
  // briefing's box. A name from an earlier visit is not filled in: the computer may be shared.
  const lastName = useDrill((s) => s.run?.trainee ?? '');
  const [typedName, setTypedName] = useState<string | null>(null);
  const { open, start, submit, pause, resume, restart, branch } = useDrillStoreApi().getState();

  useEffect(() => {
    if (current?.id !== scenario.id || current.version !== scenario.version) open(scenario);
  }, [scenario, current, open]);

  // Typed, the word `hint` asks for a hint; the menu only ever runs commands.
  const onTerminal = useCallback((text: string, via: 'typed' | 'menu') => submit(via === 'typed' ? inputFromTyped(text) : { channel: 'terminal', text }, via), [submit]);
  const onChat = useCallback((text: string) => submit({ channel: 'chat', text }), [submit]);
  const onHint = useCallback(() => submit({ channel: 'hint', text: HINT_COMMAND }), [submit]);
  const onBranch = useCallback((keep: number) => void (run && branch(run, keep)), [run, branch]);
  const onStart = (name: string) => {
    setTypedName(name);
    start(name);
    onBriefingDone?.();
  };

  const inProgress = snapshot !== null && !snapshot.matches('briefing') && outcomeOf(snapshot) === 'in-progress';
  let screen;
  if (!snapshot || snapshot.matches('briefing') || briefing) {
    screen = (
      <Briefing
        scenario={scenario}
        defaultName={typedName ?? lastName}
        onStart={onStart}
        inProgress={inProgress ? { clock: `${clockText(snapshot.context.world.clock)} ${scenario.clock.timezone}`, steps: snapshot.context.steps.length, onResume: () => onBriefingDone?.() } : undefined}
      />
    );
  } else if (snapshot.matches('investigating') || snapshot.matches('paused')) {
    screen = (
      <DrillScreen
        scenario={scenario}
        snapshot={snapshot}
        pending={pending}
        onTerminal={onTerminal}
        onChat={onChat}
        onHint={onHint}
        onPause={pause}
        onResume={resume}
      />
    );
  } else {
    screen = <EndScreen scenario={scenario} snapshot={snapshot} run={run} onRestart={restart} onBranch={onBranch} />;
  }
  return <ErrorBoundary onReset={restart}>{screen}</ErrorBoundary>;
}
