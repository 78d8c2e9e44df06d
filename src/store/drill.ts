/**
 * The drill in progress: the run log (the truth) and the snapshot derived from it. Every input
 * goes through the drill machine as a pure transition; the wall clock is read here, at the
 * edge, only to stamp the log for mentors.
 */
import { create } from 'zustand';
import { transition } from 'xstate';
import { drillMachine } from '../engine/machine';
import { clockText } from '../engine/clock';
import { eventFor, replayInputs, startDrill, type DrillInput, type DrillSnapshot } from '../engine/replay';
import type { Scenario } from '../scenario/schema';
import { drillInputs, newRun, type Run } from '../runs/format';

export interface DrillState {
  scenario: Scenario | null;
  run: Run | null;
  snapshot: DrillSnapshot | null;
  /** Opens the briefing for a scenario (no run yet). */
  open: (scenario: Scenario) => void;
  /** Starts a new run: the trainee is at their laptop at the scenario's start time. */
  start: (trainee?: string) => void;
  /** Runs one input, if the drill is under way, and appends it to the log. */
  submit: (input: DrillInput, via?: 'typed' | 'menu') => void;
  pause: () => void;
  resume: () => void;
  /** Back to the briefing of the same scenario. */
  restart: () => void;
  /** Replaces the state with a run replayed from its log (resume after reload, imports). */
  load: (scenario: Scenario, run: Run) => void;
}

/** A run id: random, because ids only need to be unique, never reproducible. */
function runId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 16);
}

export const useDrillStore = create<DrillState>()((set, get) => ({
  scenario: null,
  run: null,
  snapshot: null,
  open: (scenario) => set({ scenario, run: null, snapshot: null }),
  start: (trainee) => {
    const { scenario } = get();
    if (!scenario) return;
    const run = newRun(scenario, runId(), new Date().toISOString(), trainee?.trim() || undefined);
    set({ run, snapshot: startDrill(scenario) });
  },
  submit: (input, via = 'typed') => {
    const { run, snapshot } = get();
    if (!run || !snapshot || !snapshot.matches('investigating')) return;
    const [next] = transition(drillMachine, snapshot, eventFor(input));
    const entry = { channel: input.channel, text: input.text, at: new Date().toISOString(), clock: clockText(snapshot.context.world.clock, true), via };
    set({ snapshot: next, run: { ...run, inputs: [...run.inputs, entry] } });
  },
  pause: () => {
    const { snapshot } = get();
    if (snapshot?.matches('investigating')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.pause' })[0] });
  },
  resume: () => {
    const { snapshot } = get();
    if (snapshot?.matches('paused')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.resume' })[0] });
  },
  restart: () => set({ run: null, snapshot: null }),
  load: (scenario, run) => set({ scenario, run, snapshot: replayInputs(scenario, drillInputs(run)) }),
}));
