/**
 * The app's store, built by `createDrillStore` from its inputs (storage, scenarios, clock, ids):
 * slices for the run in progress, history with undo, the run under review, and notices. It
 * keeps no state outside the store it builds, so two stores on one storage behave as two tabs.
 *
 * Runs persist one key per run (see `layout.ts`); every run read back is decoded and replayed
 * like an imported file, and runs made on an older scenario version are replayed on the one the
 * app has. Another tab's changes arrive through `receive` (the browser's `storage` event).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { replayInputs } from '../engine/replay';
import type { Scenario } from '../scenario/schema';
import { drillInputs, type Run } from '../runs/format';
import { createCurrentRunSlice, isOver, type CurrentRunSlice } from './currentRun';
import { byStart, createHistorySlice, keep, noteMigration, type HistorySlice } from './history';
import type { ReplayRunner } from './importing';
import { createNoticesSlice, type Notice, type NoticesSlice } from './notices';
import { continues, createRunStorage, type RunStorage, type SavedRun } from './persistence';
import { migrationTargets, type MigrationTargets } from '../runs/migrate';
import { createReviewSlice, type ReviewSlice } from './review';
import { byNewest, createReceivedSlice, createReceivedStorage, isReceivedKey, type ReceivedSlice } from './received';

export type { Notice, ShownNotice, Refusal, UnusableReason } from './notices';
export type { Review } from './review';
export type { ReceivedRun } from './received';
export type { ImportJob, ReplayAnswer, ReplayRunner } from './importing';

export interface DrillStoreInputs {
  /** The browser's local storage, or null when it gives none (runs then last as long as the tab). */
  storage: Storage | null;
  /** This tab's session storage: a reload resumes this tab's run even if another tab started one since. */
  tabStorage?: Storage | null;
  scenarios: readonly Scenario[];
  /** Calls back with the key another tab changed (the `storage` event); returns how to stop. */
  watch?: (onChange: (key: string | null) => void) => () => void;
  /** Wall-clock time, ISO 8601 (runs record when each input was entered). */
  now?: () => string;
  /** A new run id. */
  newId?: () => string;
  /** Decodes and replays runs opened from a file or a link where they cannot freeze the page (the app: a Web Worker). */
  replay: ReplayRunner;
  /**
   * When an entered input runs: `work` is the store's `settle`. The app runs it after the next
   * paint (`afterPaint`), so the typed line is on screen before a slow step; by default it runs
   * at once (the CLI, tests of the store's results).
   */
  schedule?: (work: () => void) => void;
}

/**
 * Runs `work` once the browser has painted the next frame (a frame callback, then a task after
 * it). A hidden tab paints no frames, so a timer runs it anyway after a quarter of a second.
 */
export function afterPaint(work: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 250);
}

/** What the slices share. */
export interface DrillDeps {
  runs: RunStorage;
  scenarios: readonly Scenario[];
  targets: MigrationTargets;
  replay: ReplayRunner;
  now: () => string;
  newId: () => string;
  schedule: (work: () => void) => void;
}

export type DrillState = CurrentRunSlice &
  HistorySlice &
  ReviewSlice &
  ReceivedSlice &
  NoticesSlice & {
    scenarios: readonly Scenario[];
    /** Reads a key another tab changed: a run added, played on, finished or deleted there shows here. */
    receive: (key: string | null) => void;
  };

export type DrillStore = StoreApi<DrillState> & { close: () => void };

/** A run id: random, because ids only need to be unique, never reproducible. */
function randomRunId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** One notice per scenario for the saved runs that were made on older versions of it. */
function migrationNotices(runs: readonly SavedRun[]): Notice[] {
  const byScenario = new Map<string, { scenario: Scenario; from: Set<number>; count: number }>();
  for (const { scenario, scenarioFrom } of runs) {
    if (scenarioFrom === undefined) continue;
    const entry = byScenario.get(scenario.id) ?? { scenario, from: new Set<number>(), count: 0 };
    entry.from.add(scenarioFrom);
    entry.count += 1;
    byScenario.set(scenario.id, entry);
  }
  return [...byScenario.values()].map(({ scenario, from, count }) => ({
    kind: 'runs-migrated',
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    from: [...from].sort((a, b) => a - b),
    to: scenario.version,
    count,
  }));
}

export function createDrillStore(inputs: DrillStoreInputs): DrillStore {
  const { scenarios } = inputs;
  const runs = createRunStorage({ storage: inputs.storage, tabStorage: inputs.tabStorage ?? null, scenarios });
  const receivedRuns = createReceivedStorage(inputs.storage, scenarios);
  const deps: DrillDeps = {
    runs,
    scenarios,
    targets: migrationTargets(scenarios),
    replay: inputs.replay,
    now: inputs.now ?? (() => new Date().toISOString()),
    newId: inputs.newId ?? randomRunId,
    schedule: inputs.schedule ?? ((work) => work()),
  };

  /** Another tab saved a run. If it is the one this tab is playing, this tab follows it, or keeps its own copy apart. */
  const received = (state: DrillState, saved: SavedRun): Partial<DrillState> => {
    const { run: theirs, scenario, scenarioFrom } = saved;
    const migratedFrom = noteMigration(state.migratedFrom, theirs.id, scenarioFrom);
    const ours = state.run;
    if (!ours || ours.id !== theirs.id) {
      return theirs.inputs.length > 0 ? { past: keep(state.past, theirs), migratedFrom } : { migratedFrom };
    }
    if (continues(theirs, ours) && theirs.inputs.length > ours.inputs.length) {
      const snapshot = replayInputs(scenario, drillInputs(theirs));
      return { run: theirs, snapshot, migratedFrom, ...(isOver(snapshot) ? { past: keep(state.past, theirs) } : {}) };
    }
    if (continues(ours, theirs)) return {}; // this tab is ahead: its next save carries on from there
    // Both tabs went on from the same point: theirs stays as it is, this tab's is kept as a run of its own.
    const copy: Run = { ...ours, id: deps.newId() };
    const outcome = runs.save(copy, state.migratedFrom.get(ours.id));
    runs.setCurrent(copy.id);
    state.notify({ kind: 'run-forked', runId: copy.id });
    if (outcome.ok === false) state.notify({ kind: 'save-failed', cause: outcome.cause, runId: copy.id });
    return { run: copy, past: theirs.inputs.length > 0 ? keep(state.past, theirs) : state.past, migratedFrom: noteMigration(migratedFrom, copy.id, state.migratedFrom.get(ours.id)) };
  };

  const store = createStore<DrillState>()((...a) => {
    const [set, get] = a;
    return {
      ...createCurrentRunSlice(deps)(...a),
      ...createHistorySlice(deps)(...a),
      ...createReviewSlice(deps)(...a),
      ...createReceivedSlice({ ...deps, received: receivedRuns })(...a),
      ...createNoticesSlice<DrillState>()(...a),
      scenarios,
      receive: (key) => {
        get().settle();
        if (key === null) return; // storage cleared in another tab: this tab's runs stay in memory
        if (isReceivedKey(key)) {
          get().receiveReceived(key);
          return;
        }
        const got = runs.receive(key);
        const state = get();
        switch (got.kind) {
          case 'ignored':
            return;
          case 'removed':
            // Deleted there. A run this tab is playing stays: its next input saves it again.
            if (state.past.some((r) => r.id === got.runId) && state.run?.id !== got.runId) set({ past: state.past.filter((r) => r.id !== got.runId) });
            return;
          case 'unusable':
            state.notify(got.notice);
            if (state.run?.id !== got.runId) set({ past: state.past.filter((r) => r.id !== got.runId) });
            return;
          case 'saved':
            set(received(state, got.run));
            return;
        }
      },
    };
  });

  const loaded = runs.load();
  const current = loaded.currentId === null ? undefined : loaded.runs.find((r) => r.run.id === loaded.currentId);
  const snapshot = current ? replayInputs(current.scenario, drillInputs(current.run)) : null;
  const playing = current && snapshot && !isOver(snapshot) ? current.run.id : null;
  const migratedFrom = new Map(loaded.runs.flatMap((r) => (r.scenarioFrom === undefined ? [] : [[r.run.id, r.scenarioFrom] as const])));
  store.setState({
    scenario: current?.scenario ?? scenarios[0] ?? null,
    run: current?.run ?? null,
    snapshot,
    past: loaded.runs.filter((r) => r.run.inputs.length > 0 && r.run.id !== playing).map((r) => r.run).sort(byStart),
    migratedFrom,
  });
  const got = receivedRuns.load();
  store.setState({ received: got.runs.sort(byNewest) });
  const { notify } = store.getState();
  if (!loaded.available) notify({ kind: 'storage-unavailable' });
  for (const notice of [...loaded.unusable, ...got.unusable]) notify(notice);
  for (const notice of migrationNotices(loaded.runs)) notify(notice);

  const stop = inputs.watch?.((key) => store.getState().receive(key)) ?? (() => {});
  return Object.assign(store, { close: stop });
}
