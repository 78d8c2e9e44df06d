/**
 * An Enter is echoed before its step runs: the store queues what was entered (`pending`) and runs
 * it when its scheduler says (in the app, after the next paint). Whatever the scheduler's timing,
 * the run's log, its snapshot and its score are those of the same inputs run one by one.
 */
import { describe, expect, it } from 'vitest';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { drillInputs } from '../../../src/runs/format';
import { inputFromLine, replayInputs, type DrillInput } from '../../../src/engine/replay';
import { replayHere } from '../../../src/ui/replayJob';
import { mysqlWipe, scenarios } from '../runs/support';
import { Area } from './memoryStorage';

/** A store whose scheduled work waits until the test calls `paint()`, as a frame would. */
function storeWithFrames(): { store: DrillStore; paint: () => void; waiting: () => number } {
  const work: (() => void)[] = [];
  let tick = Date.parse('2026-03-02T14:00:00.000Z');
  const store = createDrillStore(
    new Area().tab().inputs({ scenarios, replay: replayHere, newId: () => 'run-1', now: () => new Date((tick += 1000)).toISOString(), schedule: (w) => void work.push(w) }),
  );
  store.getState().open(mysqlWipe);
  store.getState().start('Amel');
  return { store, paint: () => work.splice(0).forEach((w) => w()), waiting: () => work.length };
}

const lines = (inputs: readonly DrillInput[]) => inputs.map((i) => `${i.channel}:${i.text}`);
const typed = ['whoami', 'ssh web-01', 'chat: the dashboard is down for me, is it for you?', 'curl -sI localhost'].map(inputFromLine);

describe('an entered input waits for the next frame', () => {
  it('is shown as pending at once, and run only when the scheduled work runs', () => {
    const { store, paint, waiting } = storeWithFrames();
    const before = store.getState().snapshot;
    store.getState().submit(typed[0]!);
    expect(store.getState().pending.map((p) => p.text)).toEqual(['whoami']);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().run!.inputs).toEqual([]);
    expect(waiting()).toBe(1);
    paint();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().snapshot!.context.steps.map((s) => s.input)).toEqual(['whoami']);
    expect(lines(drillInputs(store.getState().run!))).toEqual(['terminal:whoami']);
  });

  it('keeps lines typed ahead in order, in one scheduled run, and ends as the same inputs one by one', () => {
    const { store, paint, waiting } = storeWithFrames();
    for (const input of typed) store.getState().submit(input);
    expect(store.getState().pending).toHaveLength(typed.length);
    expect(waiting()).toBe(1);
    paint();
    const run = store.getState().run!;
    expect(lines(drillInputs(run))).toEqual(lines(typed));
    // When each was entered is kept (the trainee's thinking time), not when its step ran.
    expect(run.inputs.map((i) => i.at)).toEqual([...run.inputs.map((i) => i.at)].sort());
    expect(new Set(run.inputs.map((i) => i.at)).size).toBe(typed.length);
    expect(store.getState().snapshot!.context.world).toEqual(replayInputs(mysqlWipe, typed).context.world);
  });

  it('runs what was entered before a pause, a restart or a branch: nothing entered is lost or reordered', () => {
    const { store } = storeWithFrames();
    store.getState().submit(typed[0]!);
    store.getState().pause();
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().snapshot!.matches('paused')).toBe(true);
    expect(store.getState().snapshot!.context.steps.map((s) => s.input)).toEqual(['whoami']);
    // Paused, nothing more is taken.
    store.getState().submit(typed[1]!);
    expect(store.getState().pending).toEqual([]);
    store.getState().resume();
    store.getState().submit(typed[1]!);
    const run = store.getState().run!;
    store.getState().restart();
    expect(store.getState().past.find((r) => r.id === run.id)!.inputs.map((i) => i.text)).toEqual(['whoami', 'ssh web-01']);
  });

  it('drops lines typed ahead after the step that ends the drill', () => {
    const { store, paint } = storeWithFrames();
    const ending = mysqlWipe.referencePath.map(inputFromLine);
    for (const input of [...ending, inputFromLine('uptime')]) store.getState().submit(input);
    paint();
    const { run, snapshot } = store.getState();
    expect(snapshot!.matches('investigating')).toBe(false);
    expect(lines(drillInputs(run!))).toEqual(lines(ending));
  });
});
