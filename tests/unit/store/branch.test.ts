// @vitest-environment node
/**
 * "Try again from here": a run started from another run's first inputs. Its drill is the
 * source's drill at that step, whatever run is set down for it; it remembers where it came
 * from through reloads, files and links; and older run files still open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayInputs, traceInputs, type DrillInput } from '../../../src/engine/replay';
import { decodeRunText } from '../../../src/runs/decode';
import { RUN_FORMAT, drillInputs, encodeRun, type Run } from '../../../src/runs/format';
import { encodeShareFragment, decodeShareFragment } from '../../../src/runs/share';
import { scoreRun } from '../../../src/scoring/score';
import { runKey } from '../../../src/store/layout';
import type { DrillStore } from '../../../src/store/drill';
import { mysqlWipe, runOfLines, scenarios, validInputs } from '../runs/support';
import { Area, fileJob, ids, kinds, openStore, play, record, reload } from './support';

const reference = drillInputs(runOfLines(mysqlWipe.referencePath));

/** A store whose only run is a finished play of `inputs` (its id `p-1`), still on its end screen. */
function finished(inputs: readonly DrillInput[] = reference) {
  const area = new Area();
  const tab = area.tab();
  const store = openStore(tab, { ids: 'p' });
  play(store, inputs);
  return { area, tab, store, source: store.getState().run! };
}

/** What the drill shows, compared with what replaying the source's first `keep` inputs shows. */
function expectDrillAt(store: DrillStore, source: Run, keep: number) {
  const { run, snapshot } = store.getState();
  const kept = drillInputs(source).slice(0, keep);
  const alone = replayInputs(mysqlWipe, kept);
  expect(snapshot!.matches('investigating')).toBe(true);
  expect(drillInputs(run!)).toEqual(kept);
  expect(snapshot!.context.steps).toEqual(alone.context.steps);
  expect(snapshot!.context.world).toEqual(alone.context.world);
  // The source's own replay: the branch is where the source was after step `keep`. (Its `sim`
  // shares append-only logs with later steps, read up to a length, so it is compared above.)
  const whole = traceOf(source);
  expect(snapshot!.context.steps).toEqual(whole.snapshot.context.steps.slice(0, keep));
  if (keep > 0) {
    const { sim: _branchSim, ...branchWorld } = snapshot!.context.world;
    const { sim: _sourceSim, ...sourceWorld } = whole.worlds[keep - 1]!;
    expect(branchWorld).toEqual(sourceWorld);
  }
}

/** The source's replay, once per source (a test checks many steps of one run). */
const traces = new WeakMap<Run, ReturnType<typeof traceInputs>>();
function traceOf(source: Run) {
  const known = traces.get(source);
  if (known) return known;
  const trace = traceInputs(mysqlWipe, drillInputs(source));
  traces.set(source, trace);
  return trace;
}

describe('trying again from a step', { timeout: 60_000 }, () => {
  // 19 branches of one run, each replayed twice: about 10 s on an idle 2-core machine.
  it('at every step of the reference run, opens the drill as the source was there, remembering where it came from', { timeout: 120_000 }, () => {
    const { store, source } = finished();
    for (let keep = 0; keep < source.inputs.length; keep += 1) {
      const branched = store.getState().branch(source, keep)!;
      expectDrillAt(store, source, keep);
      expect(branched).toEqual(store.getState().run);
      expect(branched.id).not.toBe(source.id);
      expect(branched.branchedFrom).toEqual({ id: source.id, inputs: keep });
      expect(branched.trainee).toBe(source.trainee);
      expect(branched.inputs.map((i) => i.via)).toEqual(source.inputs.slice(0, keep).map((i) => i.via));
      // The clock each copied input notes is the replay's, the one the source noted too.
      expect(branched.inputs.map((i) => i.clock)).toEqual(source.inputs.slice(0, keep).map((i) => i.clock));
      expect(branched.inputs.every((i) => i.at === branched.startedAt)).toBe(true);
    }
  });

  /** A case plays a run, branches it and replays both (about 0.4 s on an idle 2-core machine): the timeout leaves 7 times that. */
  const CASES = 40;
  it(
    'from any valid run at any step: the drill is the source at that step, and the source is kept',
    () => {
      fc.assert(
        fc.property(validInputs, fc.nat(), (inputs, pick) => {
          const { store, source } = finished(inputs);
          const keep = pick % (inputs.length + 1);
          const over = !store.getState().snapshot!.matches('investigating');
          store.getState().branch(source, keep);
          // Every input of a run that ended: the drill opens just before the step that ended it.
          const expected = over && keep === inputs.length ? keep - 1 : keep;
          expectDrillAt(store, source, expected);
          expect(store.getState().run!.branchedFrom).toEqual({ id: source.id, inputs: expected });
          // A source with no input is nothing to keep (as with Start again); any other stays in history.
          if (inputs.length > 0) expect(store.getState().past.find((r) => r.id === source.id)).toEqual(source);
        }),
        { numRuns: CASES },
      );
    },
    CASES * 3_000,
  );

  it('from the step that ended the run, opens just before it', () => {
    const { store, source } = finished();
    store.getState().branch(source, source.inputs.length);
    expectDrillAt(store, source, source.inputs.length - 1);
    // Scored as the source's inputs before its last step: the score is the inputs' alone.
    expect(scoreRun(mysqlWipe, drillInputs(store.getState().run!))).toEqual(scoreRun(mysqlWipe, drillInputs(source).slice(0, -1)));
    expect(store.getState().run!.branchedFrom).toEqual({ id: source.id, inputs: source.inputs.length - 1 });
  });

  it('clamps a step out of range to the run it has', () => {
    const { store, source } = finished(reference.slice(0, 3));
    store.getState().branch(source, -4);
    expectDrillAt(store, source, 0);
    store.getState().branch(source, Number.NaN);
    expectDrillAt(store, source, 0);
    store.getState().branch(source, 2.7);
    expectDrillAt(store, source, 2);
    store.getState().branch(source, 1e9);
    expectDrillAt(store, source, 3);
  });

  it('does nothing for a run of a scenario the app does not have', () => {
    const { store, source } = finished();
    const before = store.getState();
    expect(before.branch({ ...source, scenario: { id: 'redis-outage', version: 1 } }, 2)).toBeNull();
    expect(store.getState().run).toBe(before.run);
    expect(store.getState().past).toBe(before.past);
  });

  it('closes the review it was started from', () => {
    const { store, source } = finished();
    store.getState().showReview({ run: source, scenario: mysqlWipe, source: 'history' });
    store.getState().branch(source, 2);
    expect(store.getState().review).toBeNull();
  });
});

describe('the run in progress is never dropped', { timeout: 60_000 }, () => {
  it('an unfinished run is set down in history, saved, and the trainee told', () => {
    const { area, store, source } = finished();
    play(store, reference.slice(0, 2));
    const playing = store.getState().run!;
    store.getState().branch(source, 4);
    expect(ids(store.getState().past)).toEqual(expect.arrayContaining([source.id, playing.id]));
    expect(JSON.parse(area.get(runKey(playing.id))!).run).toEqual(playing);
    expect(kinds(store)).toContain('run-kept');
    expectDrillAt(store, source, 4);
  });

  it('a branch of a branch keeps both, and the first branch names the source, the second the first', () => {
    const { store, source } = finished();
    const first = store.getState().branch(source, 5)!;
    for (const input of reference.slice(5, 8)) store.getState().submit(input);
    const firstPlayed = store.getState().run!;
    const second = store.getState().branch(firstPlayed, 7)!;
    expect(second.branchedFrom).toEqual({ id: first.id, inputs: 7 });
    expect(ids(store.getState().past)).toEqual(expect.arrayContaining([source.id, first.id]));
    expect(store.getState().past.find((r) => r.id === first.id)).toEqual(firstPlayed);
    expectDrillAt(store, firstPlayed, 7);
  });

  it('an empty run in progress leaves nothing behind, as Start again does', () => {
    const { area, store, source } = finished();
    play(store, []);
    const empty = store.getState().run!;
    store.getState().branch(source, 3);
    expect(area.get(runKey(empty.id))).toBeNull();
    expect(ids(store.getState().past)).toEqual([source.id]);
  });
});

describe('a branched run lasts', { timeout: 60_000 }, () => {
  it('survives a reload, with where it branched from, and plays on to its own end', () => {
    const { tab, store, source } = finished();
    store.getState().branch(source, 6);
    store.getState().submit({ channel: 'chat', text: 'Sami, I am trying again from here.' });
    const before = store.getState().run!;
    const again = reload(store, tab, { ids: 'q' });
    expect(again.getState().run).toEqual(before);
    expect(again.getState().run!.branchedFrom).toEqual({ id: source.id, inputs: 6 });
    expect(again.getState().snapshot!.context.world).toEqual(store.getState().snapshot!.context.world);
    for (const input of reference.slice(6)) again.getState().submit(input);
    expect(again.getState().snapshot!.matches('resolved')).toBe(true);
    expect(ids(again.getState().past)).toEqual(expect.arrayContaining([source.id, before.id]));
    expect(again.getState().past.find((r) => r.id === before.id)!.branchedFrom).toEqual({ id: source.id, inputs: 6 });
  });

  it('survives export and import as a file and as a link, with branchedFrom intact', async () => {
    const { store, source } = finished();
    const branched = store.getState().branch(source, 6)!;
    const fromFile = decodeRunText(encodeRun(branched), scenarios);
    expect(fromFile).toEqual({ ok: true, run: branched, scenario: mysqlWipe });
    const fromLink = await decodeShareFragment(await encodeShareFragment(branched), scenarios);
    expect(fromLink).toEqual({ ok: true, run: branched, scenario: mysqlWipe });

    const elsewhere = openStore(new Area().tab());
    expect(await elsewhere.getState().importRun(fileJob(encodeRun(branched)))).toBe(true);
    expect(elsewhere.getState().review!.run.branchedFrom).toEqual({ id: source.id, inputs: 6 });
    expect(elsewhere.getState().notices).toEqual([]);
  });

  it('a run saved in format 2 opens, and is saved in the current format when played on', () => {
    const area = new Area();
    const old = { ...runOfLines(mysqlWipe.referencePath.slice(0, 3), { id: 'old-run' }), format: 2 };
    area.put(runKey('old-run'), record(old));
    area.put('outage-drill:current', 'old-run');
    const store = openStore(area.tab());
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().run).toEqual({ ...old, format: RUN_FORMAT });
    expect(area.get(runKey('old-run'))).toBe(record(old));
    store.getState().submit(reference[3]!);
    expect(JSON.parse(area.get(runKey('old-run'))!).run.format).toBe(RUN_FORMAT);
  });
});
