/**
 * Opening a run from a file or a link goes through the replay runner the store is built with (the
 * app's runs it in a Web Worker). Whatever the runner answers (a run, a refusal, a replay past
 * its budget, a failure, something that is not a run), the trainee is told in words, nothing
 * else changes, and an import can be cancelled while it runs.
 */
import { describe, expect, it } from 'vitest';
import { encodeRun } from '../../../src/runs/format';
import type { ImportJob, ReplayAnswer, ReplayRunner } from '../../../src/store/drill';
import { runKey } from '../../../src/store/layout';
import { mysqlWipe, runOfLines } from '../runs/support';
import { Area, fileJob, ids, kinds, noticeTexts, openStore, play, saveRuns } from './support';

const TOO_SLOW = 'This run takes too long to replay, so it was not opened. Nothing was changed.';

const good = runOfLines(mysqlWipe.referencePath, { id: 'good', trainee: 'Amel' });
const kept = runOfLines(['ssh db-master', 'SELECT COUNT(*) FROM users;'], { id: 'kept' });

/** A runner that answers only when told to, and says whether it was asked to stop. */
function heldRunner() {
  const calls: { job: ImportJob; signal: AbortSignal; answer: (a: ReplayAnswer) => void }[] = [];
  const runner: ReplayRunner = (job, _scenarios, signal) =>
    new Promise((resolve) => {
      calls.push({ job, signal, answer: resolve });
      signal.addEventListener('abort', () => resolve({ kind: 'cancelled' }));
    });
  return { runner, calls };
}

/** A store with a saved run and one in progress, to show that a refused import changes neither. */
function storeWithRuns(replay?: ReplayRunner) {
  const area = new Area();
  saveRuns(area, [kept]);
  const store = openStore(area.tab(), replay ? { replay } : {});
  play(store, [{ channel: 'terminal', text: 'ssh web-01' }]);
  return { area, store, before: { past: ids(store.getState().past), run: store.getState().run, saved: area.get(runKey('kept')) } };
}

describe('opening a run from a file or a link', () => {
  it('a good run file opens read-only, replayed on its scenario, with no notice', async () => {
    const store = openStore(new Area().tab());
    expect(await store.getState().importRun(fileJob(encodeRun(good)))).toBe(true);
    expect(store.getState().review).toEqual({ run: good, scenario: mysqlWipe, source: 'file' });
    expect(store.getState().importing).toBeNull();
    expect(store.getState().notices).toEqual([]);
  });

  it('a run made on an older scenario version opens on the shipped one, and says so', async () => {
    const next = { ...mysqlWipe, version: mysqlWipe.version + 1 };
    const store = openStore(new Area().tab(), { scenarios: [next] });
    expect(await store.getState().importRun(fileJob(encodeRun(good)))).toBe(true);
    expect(store.getState().review).toMatchObject({ scenario: next, scenarioFrom: mysqlWipe.version, run: { id: 'good', scenario: { version: next.version } } });
    expect(noticeTexts(store)).toEqual([`This run was made on version ${mysqlWipe.version} of the scenario, and is replayed on version ${next.version}, the one this app has.`]);
  });

  it('a run whose replay went past the budget is refused in plain words; nothing was changed', async () => {
    const { area, store, before } = storeWithRuns(async () => ({ kind: 'too-slow' }));
    expect(await store.getState().importRun(fileJob(encodeRun(good)))).toBe(false);
    expect(noticeTexts(store)).toEqual([TOO_SLOW]);
    expect(store.getState().notices[0]).toMatchObject({ kind: 'import-refused', source: 'file', refusal: { code: 'too-slow' } });
    expect(store.getState().review).toBeNull();
    expect({ past: ids(store.getState().past), run: store.getState().run, saved: area.get(runKey('kept')) }).toEqual(before);
  });

  it('a runner that fails, or answers with something that is not a run of this app, is refused in words', async () => {
    const answers: ReplayAnswer[] = [
      { kind: 'failed', detail: 'the replay worker failed (out of memory)' },
      { kind: 'opened', run: { ...good, inputs: 'all of them' } as never },
      { kind: 'opened', run: { ...good, scenario: { id: 'redis-outage', version: 1 } } },
    ];
    for (const answer of answers) {
      const store = openStore(new Area().tab(), { replay: async () => answer });
      expect(await store.getState().importRun({ source: 'link', hash: '#run=abc' })).toBe(false);
      expect(store.getState().review).toBeNull();
      expect(kinds(store)).toEqual(['import-refused']);
    }
    const store = openStore(new Area().tab(), { replay: async () => answers[0]! });
    await store.getState().importRun({ source: 'link', hash: '#run=abc' });
    expect(noticeTexts(store)).toEqual(['This run could not be opened: replaying it failed here: the replay worker failed (out of memory).']);
    const thrown = openStore(new Area().tab(), {
      replay: () => Promise.reject(new TypeError('Worker is not defined')),
    });
    await thrown.getState().importRun({ source: 'link', hash: '#run=abc' });
    expect(noticeTexts(thrown)).toEqual(['This run could not be opened: replaying it failed here: TypeError: Worker is not defined.']);
  });

  it('is under way until the runner answers, and can be cancelled: nothing opens, no notice, nothing changed', async () => {
    const { runner, calls } = heldRunner();
    const { area, store, before } = storeWithRuns(runner);
    const opening = store.getState().importRun({ source: 'link', hash: '#run=abc' });
    expect(store.getState().importing).toEqual({ source: 'link' });
    expect(calls.map((c) => c.job)).toEqual([{ source: 'link', hash: '#run=abc' }]);
    store.getState().cancelImport();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(await opening).toBe(false);
    expect(store.getState()).toMatchObject({ importing: null, review: null, notices: [] });
    expect({ past: ids(store.getState().past), run: store.getState().run, saved: area.get(runKey('kept')) }).toEqual(before);
  });

  it('an answer that comes after a cancel is not used (a runner that does not listen to its signal)', async () => {
    const late: { answer?: (a: ReplayAnswer) => void } = {};
    const store = openStore(new Area().tab(), { replay: () => new Promise((resolve) => (late.answer = resolve)) });
    const opening = store.getState().importRun(fileJob(encodeRun(good)));
    store.getState().cancelImport();
    late.answer!({ kind: 'opened', run: good });
    expect(await opening).toBe(false);
    expect(store.getState()).toMatchObject({ importing: null, review: null, notices: [] });
  });

  it('a second import cancels the one under way; only the second opens', async () => {
    const { runner, calls } = heldRunner();
    const store = openStore(new Area().tab(), { replay: runner });
    const first = store.getState().importRun({ source: 'link', hash: '#run=first' });
    const second = store.getState().importRun(fileJob(encodeRun(good)));
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(store.getState().importing).toEqual({ source: 'file' });
    calls[1]!.answer({ kind: 'opened', run: good });
    expect([await first, await second]).toEqual([false, true]);
    expect(store.getState().review).toMatchObject({ source: 'file', run: { id: 'good' } });
  });
});
