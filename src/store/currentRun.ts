/**
 * The run in progress: its log is the truth, the snapshot is derived. Each accepted input is
 * appended to the log and the run saved under its own key; a run that ends goes to history.
 */
import type { StateCreator } from 'zustand';
import { transition } from 'xstate';
import { drillMachine } from '../engine/machine';
import { clockText } from '../engine/clock';
import { eventFor, outcomeOf, replayInputs, startDrill, type DrillInput, type DrillSnapshot } from '../engine/replay';
import type { Scenario } from '../scenario/schema';
import { MAX_INPUT_CHARS, MAX_TRAINEE_CHARS, drillInputs, newRun, scenarioOf, type Run, type RunInput } from '../runs/format';
import type { DrillDeps, DrillState } from './drill';
import { keep, noteMigration } from './history';
import { saveRun } from './saving';

/** An input entered, waiting for its step. `at` is when it was entered (the trainee's thinking time). */
export interface PendingInput {
  channel: DrillInput['channel'];
  text: string;
  via: 'typed' | 'menu';
  at: string;
}

export interface CurrentRunSlice {
  scenario: Scenario | null;
  run: Run | null;
  snapshot: DrillSnapshot | null;
  /**
   * Shows a scenario. Its run in progress, if any, is resumed; a run in progress for another
   * scenario is not discarded: it stays in history as unfinished, and the trainee is told.
   */
  open: (scenario: Scenario) => void;
  start: (trainee?: string) => void;
  /**
   * Takes an input the trainee entered. It is queued and echoed at once (`pending`), and run on
   * the world by `settle`, which the store's scheduler calls after the next paint in the browser:
   * the Enter is answered on screen within a frame even when the command is slow to simulate, as
   * a real terminal echoes what was typed before the program's output comes.
   */
  submit: (input: DrillInput, via?: 'typed' | 'menu') => void;
  /** Inputs entered and not yet run, oldest first (typed ahead while a slow step runs). */
  pending: readonly PendingInput[];
  /** Runs the pending inputs now, in order. Every other action settles first, so nothing entered is reordered. */
  settle: () => void;
  pause: () => void;
  resume: () => void;
  /** Back to the briefing. A run given up half-way is still a run: it stays in history. */
  restart: () => void;
  /**
   * "Try again from here": a new run that begins with the first `keep` inputs of `source` (any
   * run: finished, from history, from a file) and opens the drill just after them, as it was
   * when the trainee typed the next one. When those inputs already end the drill, it opens just
   * before the step that ended it. The run in progress, if any, is set down in history as
   * `start` does. The new run remembers `branchedFrom`; returns it, or null when the app does
   * not have the source's scenario.
   */
  branch: (source: Run, keep: number) => Run | null;
}

/**
 * The first `keep` inputs of a run (clamped to what it has), cut back to just before the step
 * that ended the drill if they reach an ending, with the drill's snapshot after them.
 */
export function branchPoint(scenario: Scenario, source: Pick<Run, 'inputs'>, keep: number): { inputs: RunInput[]; snapshot: DrillSnapshot } {
  const count = Number.isFinite(keep) ? Math.max(0, Math.min(Math.trunc(keep), source.inputs.length)) : 0;
  const inputs = source.inputs.slice(0, count);
  const snapshot = replayInputs(scenario, drillInputs({ inputs }));
  if (!isOver(snapshot)) return { inputs, snapshot };
  // The step that ended it is the last one replayed; the inputs before it leave the drill open.
  const before = inputs.slice(0, snapshot.context.steps.length - 1);
  return { inputs: before, snapshot: replayInputs(scenario, drillInputs({ inputs: before })) };
}

const sameScenario = (run: Run, scenario: Scenario) => run.scenario.id === scenario.id && run.scenario.version === scenario.version;

export const isOver = (snapshot: DrillSnapshot): boolean => outcomeOf(snapshot) !== 'in-progress';

/** Whether the drill takes an input on this channel now: the facilitator's console acts while it is paused too. */
const takes = (snapshot: DrillSnapshot, channel: DrillInput['channel']): boolean => snapshot.matches('investigating') || (channel === 'facilitator' && snapshot.matches('paused'));

export function createCurrentRunSlice(deps: DrillDeps): StateCreator<DrillState, [], [], CurrentRunSlice> {
  /** Puts the current run (if it holds anything) in history, and forgets it as the run in progress. */
  const setDown = (get: () => DrillState): Partial<DrillState> => {
    const { run, past } = get();
    deps.runs.setCurrent(null);
    if (!run) return { run: null, snapshot: null };
    if (run.inputs.length === 0) {
      deps.runs.remove(run.id);
      return { run: null, snapshot: null };
    }
    return { run: null, snapshot: null, past: keep(past, run) };
  };

  return (set, get) => {
    /** Runs one entered input on the world, appends it to the run's log and saves the run. */
    const accept = (input: PendingInput) => {
      const { run, snapshot } = get();
      // An input typed ahead after the step that ended the drill has nothing left to run on.
      if (!run || !snapshot || !takes(snapshot, input.channel)) return;
      const [next] = transition(drillMachine, snapshot, eventFor({ channel: input.channel, text: input.text }));
      const entry = { channel: input.channel, text: input.text, at: input.at, clock: clockText(snapshot.context.world.clock, true), via: input.via };
      const from = get().migratedFrom.get(run.id);
      const saved = saveRun(deps, get, { ...run, inputs: [...run.inputs, entry] }, from);
      const forked = saved.id !== run.id;
      deps.runs.setCurrent(saved.id);
      const { past, migratedFrom } = get();
      set({
        snapshot: next,
        run: saved,
        ...(isOver(next) ? { past: keep(past, saved) } : {}),
        ...(forked ? { migratedFrom: noteMigration(migratedFrom, saved.id, from) } : {}),
      });
    };

    return {
      scenario: null,
      run: null,
      snapshot: null,
      open: (scenario) => {
        get().settle();
        const { run, snapshot, notify } = get();
        if (run && sameScenario(run, scenario)) {
          set({ scenario, snapshot: replayInputs(scenario, drillInputs(run)) });
          return;
        }
        if (run && run.inputs.length > 0 && snapshot && !isOver(snapshot)) {
          const title = deps.scenarios.find((s) => s.id === run.scenario.id)?.title ?? run.scenario.id;
          notify({ kind: 'run-kept', runId: run.id, scenarioTitle: title });
        }
        set({ ...setDown(get), scenario });
      },
      start: (trainee) => {
        get().settle();
        const { scenario, run, snapshot } = get();
        if (!scenario) return;
        const leaving = run && snapshot && !isOver(snapshot) ? setDown(get) : {};
        const fresh = newRun(scenario, deps.newId(), deps.now(), trainee?.trim().slice(0, MAX_TRAINEE_CHARS) || undefined);
        deps.runs.setCurrent(fresh.id);
        set({ ...leaving, run: fresh, snapshot: startDrill(scenario) });
        // Saved before any input, so a reload resumes the drill rather than the briefing.
        const saved = saveRun(deps, get, fresh, undefined);
        if (saved.id !== fresh.id) {
          deps.runs.setCurrent(saved.id);
          set({ run: saved });
        }
      },
      pending: [],
      submit: (input, via = 'typed') => {
        const { run, snapshot, pending } = get();
        if (!run || !snapshot || !takes(snapshot, input.channel)) return;
        // The log keeps what the engine reads: never more than a run file may hold.
        const entry: PendingInput = { channel: input.channel, text: input.text.slice(0, MAX_INPUT_CHARS), via, at: deps.now() };
        set({ pending: [...pending, entry] });
        if (pending.length === 0) deps.schedule(() => get().settle());
      },
      settle: () => {
        const queue = get().pending;
        if (queue.length === 0) return;
        set({ pending: [] });
        for (const input of queue) accept(input);
      },
      pause: () => {
        get().settle();
        const { snapshot } = get();
        if (snapshot?.matches('investigating')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.pause' })[0] });
      },
      resume: () => {
        get().settle();
        const { snapshot } = get();
        if (snapshot?.matches('paused')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.resume' })[0] });
      },
      restart: () => {
        get().settle();
        set(setDown(get));
      },
      branch: (source, keep) => {
        get().settle();
        const scenario = scenarioOf(source, deps.scenarios);
        if (!scenario) return null;
        const { inputs, snapshot } = branchPoint(scenario, source, keep);
        const { run, snapshot: playing, notify } = get();
        if (run && run.id !== source.id && run.inputs.length > 0 && playing && !isOver(playing)) {
          notify({ kind: 'run-kept', runId: run.id, scenarioTitle: deps.scenarios.find((s) => s.id === run.scenario.id)?.title ?? run.scenario.id });
        }
        const leaving = setDown(get);
        const at = deps.now();
        const { steps } = snapshot.context;
        const { inputs: _none, ...fresh } = newRun(scenario, deps.newId(), at, source.trainee);
        const branched: Run = {
          ...fresh,
          branchedFrom: { id: source.id, inputs: inputs.length },
          // The same inputs, entered now: the clock is the replay's, never the source's note.
          inputs: inputs.map(({ channel, text, via }, i) => ({ channel, text, at, clock: clockText(steps[i]!.startClock, true), ...(via ? { via } : {}) })),
        };
        deps.runs.setCurrent(branched.id);
        set({ ...leaving, scenario, run: branched, snapshot, review: null });
        const saved = saveRun(deps, get, branched, undefined);
        if (saved.id !== branched.id) {
          deps.runs.setCurrent(saved.id);
          set({ run: saved });
        }
        return saved;
      },
    };
  };
}
