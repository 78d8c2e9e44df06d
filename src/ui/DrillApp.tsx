import { useCallback, useEffect } from 'react';
import type { Scenario } from '../scenario/schema';
import { inputFromTyped } from '../engine/replay';
import { HINT_COMMAND } from '../engine/world';
import { Briefing } from './Briefing';
import { DrillScreen } from './DrillScreen';
import { EndScreen } from './EndScreen';
import { ErrorBoundary } from './ErrorBoundary';
import { useDrill, useDrillStoreApi } from './storeContext';

/** The screens of one scenario: briefing → drill → end. */
export function DrillApp({ scenario }: { scenario: Scenario }) {
  const current = useDrill((s) => s.scenario);
  const snapshot = useDrill((s) => s.snapshot);
  const run = useDrill((s) => s.run);
  const { open, start, submit, pause, resume, restart, branch } = useDrillStoreApi().getState();

  useEffect(() => {
    if (current?.id !== scenario.id || current.version !== scenario.version) open(scenario);
  }, [scenario, current, open]);

  // Typed, the word `hint` asks for a hint; the menu only ever runs commands.
  const onTerminal = useCallback((text: string, via: 'typed' | 'menu') => submit(via === 'typed' ? inputFromTyped(text) : { channel: 'terminal', text }, via), [submit]);
  const onChat = useCallback((text: string) => submit({ channel: 'chat', text }), [submit]);
  const onHint = useCallback(() => submit({ channel: 'hint', text: HINT_COMMAND }), [submit]);
  const onBranch = useCallback((keep: number) => void (run && branch(run, keep)), [run, branch]);

  let screen;
  if (!snapshot || snapshot.matches('briefing')) {
    screen = <Briefing scenario={scenario} onStart={start} />;
  } else if (snapshot.matches('investigating') || snapshot.matches('paused')) {
    screen = (
      <DrillScreen
        scenario={scenario}
        snapshot={snapshot}
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
