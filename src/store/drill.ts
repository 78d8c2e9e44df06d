/**
 * The app's one store: the run in progress (its log is the truth; the snapshot is derived),
 * past runs, the run being reviewed, and notices for the trainee. Runs persist in local
 * storage through zustand's `persist`, versioned, and every run read back is validated and
 * replayed like an imported file: nothing stored is trusted.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { transition } from 'xstate';
import { drillMachine } from '../engine/machine';
import { clockText } from '../engine/clock';
import { eventFor, replayInputs, startDrill, type DrillInput, type DrillSnapshot } from '../engine/replay';
import type { Scenario } from '../scenario/schema';
import { MAX_INPUT_CHARS, MAX_TRAINEE_CHARS, drillInputs, newRun, scenarioOf, type Run } from '../runs/format';
import { decodeRunData } from '../runs/decode';
import { createGuardedStorage, setAside, type StorageProblem } from './storage';

export const STORAGE_KEY = 'outage-drill';
/** Version of what is kept in local storage (not the run-file format). */
export const STORAGE_VERSION = 1;

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

export interface Review {
  run: Run;
  scenario: Scenario;
  source: 'file' | 'link' | 'history';
}

interface Persisted {
  current: Run | null;
  past: Run[];
}

export interface DrillState {
  scenarios: Scenario[];
  scenario: Scenario | null;
  run: Run | null;
  snapshot: DrillSnapshot | null;
  past: Run[];
  review: Review | null;
  notices: Notice[];
  /** The last run deleted from history, until undone or another is deleted. */
  deleted: { run: Run; index: number } | null;
  open: (scenario: Scenario) => void;
  start: (trainee?: string) => void;
  submit: (input: DrillInput, via?: 'typed' | 'menu') => void;
  pause: () => void;
  resume: () => void;
  restart: () => void;
  showReview: (review: Review | null) => void;
  deleteRun: (id: string) => void;
  undoDelete: () => void;
  notify: (tone: Notice['tone'], text: string) => void;
  dismiss: (id: number) => void;
}

/** A run id: random, because ids only need to be unique, never reproducible. */
function runId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

let noticeId = 0;

/** Adds or replaces a run in the list of past runs, by id. */
function keep(past: readonly Run[], run: Run): Run[] {
  const index = past.findIndex((r) => r.id === run.id);
  if (index < 0) return [...past, run];
  const copy = [...past];
  copy[index] = run;
  return copy;
}

/** Saved runs that could not be read, each set aside on its own, while the good ones were kept. */
type RunsSetAside = { kind: 'runs-set-aside'; count: number; keys: string[]; reason: string };

const problems: (StorageProblem | RunsSetAside)[] = [];

/**
 * What version 1 saves: `{ current, past: [...] }`. Anything else (another app's data, a
 * hand-edited key) is set aside whole rather than read as "no runs" and overwritten.
 */
function isSavedShape(state: object, version: number): boolean {
  return version >= 1 && Number.isInteger(version) && Array.isArray((state as { past?: unknown }).past);
}

const storage = createGuardedStorage<Persisted>(
  () => globalThis.localStorage,
  STORAGE_VERSION,
  (problem) => {
    problems.push(problem);
    flushProblems();
  },
  isSavedShape,
);

function flushProblems() {
  const state = useDrillStore.getState();
  for (const problem of problems.splice(0)) {
    if (problem.kind === 'set-aside') {
      state.notify('error', `Some saved data could not be read (${problem.reason}). It was set aside, not deleted (local storage key "${problem.key}"), and the app started clean.`);
    } else if (problem.kind === 'runs-set-aside') {
      const runs = problem.count === 1 ? '1 saved run' : `${problem.count} saved runs`;
      const kept = problem.keys.length === 0
        ? 'There was no room in local storage to set it aside'
        : `${problem.count === 1 ? 'It was' : 'They were'} set aside, not deleted (local storage key${problem.keys.length > 1 ? 's' : ''} ${problem.keys.map((k) => `"${k}"`).join(', ')})`;
      state.notify('error', `${runs} could not be read (${problem.reason}). ${kept}; your other runs are kept.`);
    } else if (problem.kind === 'write-failed') {
      if (!state.notices.some((n) => n.text.startsWith('Your runs could not be saved'))) {
        state.notify('error', `Your runs could not be saved: the browser's storage is ${problem.reason === 'full' ? 'full' : 'not accepting data'}. This run is kept while the tab stays open; export it to keep it.`);
      }
    } else {
      state.notify('info', 'This browser does not allow local storage, so runs are not kept after you close the tab. Export a run to keep it.');
    }
  }
}

export const useDrillStore = create<DrillState>()(
  persist(
    (set, get) => ({
      scenarios: [],
      scenario: null,
      run: null,
      snapshot: null,
      past: [],
      review: null,
      notices: [],
      deleted: null,
      open: (scenario) => {
        const { run } = get();
        if (run && run.scenario.id === scenario.id && run.scenario.version === scenario.version) {
          set({ scenario, snapshot: replayInputs(scenario, drillInputs(run)) });
        } else {
          set({ scenario, run: null, snapshot: null });
        }
      },
      start: (trainee) => {
        const { scenario } = get();
        if (!scenario) return;
        const run = newRun(scenario, runId(), new Date().toISOString(), trainee?.trim().slice(0, MAX_TRAINEE_CHARS) || undefined);
        set({ run, snapshot: startDrill(scenario) });
      },
      submit: (input, via = 'typed') => {
        const { run, snapshot, past } = get();
        if (!run || !snapshot || !snapshot.matches('investigating')) return;
        // The log keeps what the engine reads: never more than a run file may hold.
        const text = input.text.slice(0, MAX_INPUT_CHARS);
        const [next] = transition(drillMachine, snapshot, eventFor({ channel: input.channel, text }));
        const entry = { channel: input.channel, text, at: new Date().toISOString(), clock: clockText(snapshot.context.world.clock, true), via };
        const updated = { ...run, inputs: [...run.inputs, entry] };
        const over = next.matches('resolved') || next.matches('failed');
        set({ snapshot: next, run: updated, ...(over ? { past: keep(past, updated) } : {}) });
      },
      pause: () => {
        const { snapshot } = get();
        if (snapshot?.matches('investigating')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.pause' })[0] });
      },
      resume: () => {
        const { snapshot } = get();
        if (snapshot?.matches('paused')) set({ snapshot: transition(drillMachine, snapshot, { type: 'session.resume' })[0] });
      },
      restart: () => {
        const { run, past } = get();
        // A run given up half-way is still a run: it goes to history, never to the bin.
        set({ run: null, snapshot: null, past: run && run.inputs.length > 0 ? keep(past, run) : past });
      },
      showReview: (review) => set({ review }),
      deleteRun: (id) => {
        const { past } = get();
        const index = past.findIndex((r) => r.id === id);
        if (index < 0) return;
        set({ past: past.filter((r) => r.id !== id), deleted: { run: past[index]!, index } });
      },
      undoDelete: () => {
        const { deleted, past } = get();
        if (!deleted) return;
        const copy = [...past];
        copy.splice(Math.min(deleted.index, copy.length), 0, deleted.run);
        set({ past: copy, deleted: null });
      },
      notify: (tone, text) => set((s) => ({ notices: [...s.notices, { id: ++noticeId, tone, text }] })),
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    }),
    {
      name: STORAGE_KEY,
      version: STORAGE_VERSION,
      storage,
      skipHydration: true,
      partialize: (s): Persisted => ({ current: s.run, past: s.past }),
      // Version 1 is the first; a future version adds its step here.
      migrate: (persisted) => persisted as Persisted,
      merge: (persisted, current) => mergeSaved(persisted, current),
    },
  ),
);

/** Validates what came back from storage: each run is decoded and replayed as if imported. */
function mergeSaved(persisted: unknown, current: DrillState): DrillState {
  const saved = (persisted ?? {}) as Partial<Record<keyof Persisted, unknown>>;
  const scenarios = knownScenarios;
  const rejected: string[] = [];
  const keys: string[] = [];
  const check = (data: unknown): Run | null => {
    const result = decodeRunData(data, scenarios);
    if (result.ok) return result.run;
    rejected.push(result.problem.message.replace(/\.$/, ''));
    const key = setAsideRun(data);
    if (key) keys.push(key);
    return null;
  };
  const past = (Array.isArray(saved.past) ? saved.past : []).map(check).filter((r): r is Run => r !== null);
  const run = saved.current ? check(saved.current) : null;
  if (rejected.length > 0) {
    problems.push({ kind: 'runs-set-aside', count: rejected.length, keys, reason: rejected[0]! });
  }
  return { ...current, scenarios, past, run };
}

/**
 * Keeps a saved run that could not be read under a set-aside key: as JSON, or, when it cannot
 * be written back as JSON (nested too deep for JSON.stringify), the whole saved text as it was.
 */
function setAsideRun(data: unknown): string | null {
  let local: Storage | undefined;
  try {
    local = globalThis.localStorage;
  } catch {
    return null;
  }
  if (!local) return null;
  let raw: string | null;
  try {
    raw = JSON.stringify(data) ?? 'null';
  } catch {
    raw = local.getItem(STORAGE_KEY);
  }
  return raw === null ? null : setAside(local, raw);
}

/** Scenarios runs are validated against while hydrating (set just before; a store write before hydration would overwrite what is saved). */
let knownScenarios: Scenario[] = [];

/**
 * Loads saved runs once the scenarios are known (runs are validated against them), then
 * resumes the run in progress exactly where it was.
 */
export async function restoreSavedRuns(scenarios: Scenario[]): Promise<void> {
  knownScenarios = scenarios;
  await useDrillStore.persist.rehydrate();
  flushProblems();
  const { run } = useDrillStore.getState();
  const scenario = run ? scenarioOf(run, scenarios) : scenarios[0];
  if (scenario) useDrillStore.getState().open(scenario);
}
