/**
 * An engine that refuses or fails a run (a replay over its time budget, a bug) never takes the
 * app down with it: a saved run it refuses is left as it was and reported, an imported one is
 * refused in words, and every other run still opens.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReplayAnswer } from '../../../src/store/drill';
import { drillInputs, encodeRun } from '../../../src/runs/format';
import { runKey } from '../../../src/store/layout';
import { mysqlWipe, runOfLines } from '../runs/support';
import { Area, fileJob, ids, kinds, noticeTexts, openStore, play, saveRuns } from './support';

const TOO_SLOW = 'sleep 99999';

vi.mock(import('../../../src/engine/replay'), async (importOriginal) => {
  const real = await importOriginal();
  class ReplayBudgetError extends Error {
    override name = 'ReplayBudgetError';
  }
  return {
    ...real,
    replayInputs: (scenario, inputs) => {
      if (inputs.some((i) => i.text === TOO_SLOW)) throw new ReplayBudgetError('this run takes too long to replay');
      return real.replayInputs(scenario, inputs);
    },
  };
});

const good = runOfLines(mysqlWipe.referencePath, { id: 'good' });
const slow = runOfLines(['ssh db-master', TOO_SLOW], { id: 'slow' });

describe('an engine that refuses a run', () => {
  it('a saved run it refuses is left as it was and reported; the others open and the drill works', () => {
    const area = new Area();
    saveRuns(area, [good, slow]);
    const raw = area.get(runKey('slow'));
    const store = openStore(area.tab());
    expect(ids(store.getState().past)).toEqual(['good']);
    expect(kinds(store)).toEqual(['record-unusable']);
    expect(noticeTexts(store)[0]).toBe(
      `A saved run could not be opened (replaying it failed here: ReplayBudgetError: this run takes too long to replay). It was left as it was in this browser's storage (key "${runKey('slow')}"), not deleted; download a copy to keep it elsewhere. Your other runs are kept.`,
    );
    play(store, drillInputs(runOfLines(['ssh db-master'])));
    expect(area.get(runKey('slow'))).toBe(raw);
  });

  it('an imported run it refuses gets a notice, and nothing opens', async () => {
    const store = openStore(new Area().tab());
    const opened = await store.getState().importRun(fileJob(encodeRun(slow)));
    expect(opened).toBe(false);
    expect(store.getState().review).toBeNull();
    expect(noticeTexts(store)).toEqual(['This run could not be opened: replaying it failed here: ReplayBudgetError: this run takes too long to replay.']);
  });

  it('a runner that answers with a refusal of its own is worded by it', async () => {
    const refusal: ReplayAnswer = { kind: 'refused', problem: { code: 'unreplayable', extraInputs: 2, outcome: 'resolved' } };
    const store = openStore(new Area().tab(), { replay: async () => refusal });
    await store.getState().importRun(fileJob('{}'));
    expect(noticeTexts(store)).toEqual(['This run cannot be replayed: it goes on for 2 input(s) after the drill ended (resolved). It was not made by this scenario.']);
    expect(store.getState().notices[0]!.kind).toBe('import-refused');
  });

  it('a good import after a refused one opens, and the refusal notice goes', async () => {
    const store = openStore(new Area().tab());
    await store.getState().importRun(fileJob('{'));
    expect(kinds(store)).toEqual(['import-refused']);
    await store.getState().importRun(fileJob(encodeRun(good)));
    expect(store.getState().review).toMatchObject({ source: 'file', run: good, scenario: mysqlWipe });
    expect(store.getState().notices).toEqual([]);
  });
});
