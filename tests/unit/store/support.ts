/**
 * What the store tests share: a store on an in-memory storage, built as the app builds it,
 * with a clock and ids that make every run reproducible; reloads; and the fixtures' runs.
 */
import { createDrillStore, type DrillStore, type ImportJob, type ReplayRunner } from '../../../src/store/drill';
import type { Scenario } from '../../../src/scenario/schema';
import type { DrillInput } from '../../../src/engine/replay';
import type { Run } from '../../../src/runs/format';
import { runKey } from '../../../src/store/layout';
import { noticeText } from '../../../src/ui/noticeText';
import { replayHere } from '../../../src/ui/replayJob';
import { scenarios as shipped } from '../runs/support';
import { Area, type Tab } from './memoryStorage';

export { Area };

let stores = 0;

/** A store in this tab, as a page load builds it; `ids` names its runs (`a-1`, `a-2`...). */
export function openStore(tab: Tab, options: { scenarios?: readonly Scenario[]; ids?: string; replay?: ReplayRunner } = {}): DrillStore {
  stores += 1;
  const prefix = options.ids ?? `s${stores}`;
  let runs = 0;
  let tick = Date.parse('2026-03-02T14:00:00.000Z');
  return createDrillStore(
    tab.inputs({
      scenarios: options.scenarios ?? shipped,
      newId: () => `${prefix}-${++runs}`,
      now: () => new Date((tick += 1000)).toISOString(),
      replay: options.replay ?? replayHere,
    }),
  );
}

/** A reload of this tab: the old page is gone, storage is as it was, a new store reads it back. */
export function reload(store: DrillStore, tab: Tab, options: { scenarios?: readonly Scenario[]; ids?: string; replay?: ReplayRunner } = {}): DrillStore {
  store.close();
  return openStore(tab, options);
}

/** Opens the store's scenario, starts a run and submits the inputs, as the drill screen does. */
export function play(store: DrillStore, inputs: readonly DrillInput[], trainee = 'Amel'): void {
  const state = store.getState();
  if (state.scenario) state.open(state.scenario);
  store.getState().start(trainee);
  for (const input of inputs) store.getState().submit(input);
}

/** The notices in words, as the trainee reads them. */
export const noticeTexts = (store: DrillStore): string[] => store.getState().notices.map(noticeText);

export const kinds = (store: DrillStore): string[] => store.getState().notices.map((n) => n.kind);

/** A run record as version 2 saves it. */
export function record(run: unknown, migratedFrom?: number): string {
  return JSON.stringify(migratedFrom === undefined ? { version: 2, run } : { version: 2, run, migratedFrom: { scenarioVersion: migratedFrom } });
}

/** Puts runs in storage as version 2 saves them. */
export function saveRuns(area: Area, runs: readonly Run[]): void {
  for (const run of runs) area.put(runKey(run.id), record(run));
}

/** What version 1 saved: every run in one record. */
export function legacyRecord(state: { current: unknown; past: unknown[] }, version = 1): string {
  return JSON.stringify({ state, version });
}

export const ids = (runs: readonly Run[]): string[] => runs.map((r) => r.id);

/** A run file picked in the file dialog (or dropped), as the import button hands it to the store. */
export const fileJob = (text: string, name = 'run.json'): ImportJob => ({ source: 'file', file: new File([text], name, { type: 'application/json' }) });
