/**
 * Runs a mentor received (a file, several files, a dropped folder, a link) are kept in their own
 * list beside the mentor's own runs, with the same guarantees: validated when read, a record
 * that cannot be used left as it was, a write the browser refuses kept in memory and said,
 * removal with undo, and other tabs kept in step.
 */
import { describe, expect, it } from 'vitest';
import { encodeRun, type Run } from '../../../src/runs/format';
import { RECEIVED_KEY_PREFIX, placeFor } from '../../../src/store/received';
import { filesOfEntries, MAX_DROPPED_FILES, type EntryLike } from '../../../src/ui/droppedFiles';
import { noticeText } from '../../../src/ui/noticeText';
import { mysqlWipe, runOfLines } from '../runs/support';
import { Area, fileJob, kinds, noticeTexts, openStore, play, reload } from './support';

const lina = runOfLines(mysqlWipe.referencePath.slice(0, 6), { id: 'lina-1', trainee: 'Lina' });
const linaFurther = runOfLines(mysqlWipe.referencePath.slice(0, 9), { id: 'lina-1', trainee: 'Lina' });
const linaOther = runOfLines(['ssh web-01', 'uptime'], { id: 'lina-1', trainee: 'Lina' });
const omar = { ...runOfLines(['ssh db-master', 'SELECT COUNT(*) FROM users;'], { id: 'omar-1', trainee: 'Omar' }), startedAt: '2099-03-03T09:00:00.000Z' };

const file = (run: Run, name = `${run.id}.json`) => new File([encodeRun(run)], name, { type: 'application/json' });
const keys = (store: ReturnType<typeof openStore>) => store.getState().received.map((e) => e.key);
const trainees = (store: ReturnType<typeof openStore>) => store.getState().received.map((e) => e.run.trainee);

describe('received runs', () => {
  it('a run opened from a file is kept in the received runs, apart from the mentor’s own, and is there after a reload', async () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab);
    expect(await store.getState().importRun(fileJob(encodeRun(lina)))).toBe(true);
    expect(store.getState().review).toMatchObject({ run: lina, source: 'file' });
    expect(store.getState().received).toEqual([{ key: `${RECEIVED_KEY_PREFIX}lina-1`, run: lina }]);
    expect(store.getState().past).toEqual([]);
    const again = reload(store, tab);
    expect(again.getState().received.map((e) => e.run)).toEqual([lina]);
    expect(again.getState().past).toEqual([]);
    expect(again.getState().notices).toEqual([]);
  });

  it('the same run twice is kept once; a copy that goes further replaces it; a different copy with the same id is kept beside it', async () => {
    const store = openStore(new Area().tab());
    await store.getState().importRun(fileJob(encodeRun(lina)));
    await store.getState().importRun(fileJob(encodeRun(lina)));
    expect(keys(store)).toEqual([`${RECEIVED_KEY_PREFIX}lina-1`]);
    await store.getState().importRun(fileJob(encodeRun(linaFurther)));
    expect(store.getState().received.map((e) => e.run.inputs.length)).toEqual([9]);
    await store.getState().importRun(fileJob(encodeRun(linaOther)));
    expect(keys(store).sort()).toEqual([`${RECEIVED_KEY_PREFIX}lina-1`, `${RECEIVED_KEY_PREFIX}lina-1~2`]);
  });

  it('the mentor’s own run, opened from its file, is not received again', async () => {
    const store = openStore(new Area().tab(), { ids: 'me' });
    play(store, [{ channel: 'terminal', text: 'uptime' }]);
    store.getState().restart();
    const own = store.getState().past[0]!;
    expect(await store.getState().importRun(fileJob(encodeRun(own)))).toBe(true);
    expect(store.getState().received).toEqual([]);
  });

  it('several files at once: each that opens is received, each refused is told, a summary says how many', async () => {
    const store = openStore(new Area().tab());
    const opened = await store.getState().importRuns([file(lina), new File(['not json'], 'broken.json'), file(omar)]);
    expect(opened.map((r) => r.run.trainee)).toEqual(['Lina', 'Omar']);
    expect(store.getState().review).toBeNull();
    expect(trainees(store)).toEqual(['Omar', 'Lina']); // newest first
    expect(kinds(store)).toEqual(['import-refused']);
    expect(noticeText({ kind: 'runs-received', received: 2, refused: 1, skipped: 0 })).toBe('2 runs received, listed under Received runs. 1 file could not be opened.');
  });

  it('cancelling stops a batch where it is: the runs already received stay', async () => {
    let calls = 0;
    const store = openStore(new Area().tab(), {
      replay: (_job, _scenarios, signal) => {
        calls += 1;
        if (calls === 2) {
          queueMicrotask(() => store.getState().cancelImport());
          return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ kind: 'cancelled' })));
        }
        return Promise.resolve({ kind: 'opened', run: calls === 1 ? lina : omar });
      },
    });
    const opened = await store.getState().importRuns([file(lina), file(omar), file(omar)]);
    expect(opened.map((r) => r.run.trainee)).toEqual(['Lina']);
    expect(calls).toBe(2);
    expect(trainees(store)).toEqual(['Lina']);
  });

  it('removing has an undo; a removal is kept after a reload', async () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab);
    await store.getState().importRuns([file(lina), file(omar)]);
    store.getState().removeReceived(`${RECEIVED_KEY_PREFIX}omar-1`);
    expect(trainees(store)).toEqual(['Lina']);
    store.getState().undoRemoveReceived();
    expect(trainees(store)).toEqual(['Omar', 'Lina']);
    store.getState().removeReceived(`${RECEIVED_KEY_PREFIX}lina-1`);
    expect(trainees(reload(store, tab))).toEqual(['Omar']);
  });

  it('a received record that cannot be used is left as it was and said; the others open', () => {
    const area = new Area();
    area.put(`${RECEIVED_KEY_PREFIX}x`, '{"version": 2, "run": {"kind": "outage-drill/run", "format": 3}}');
    area.put(`${RECEIVED_KEY_PREFIX}omar-1`, JSON.stringify({ version: 2, run: omar }));
    const store = openStore(area.tab());
    expect(trainees(store)).toEqual(['Omar']);
    expect(kinds(store)).toEqual(['record-unusable']);
    expect(noticeTexts(store)[0]).toMatch(/^A saved run could not be opened .*key "outage-drill:received:x"/);
    expect(area.get(`${RECEIVED_KEY_PREFIX}x`)).toBe('{"version": 2, "run": {"kind": "outage-drill/run", "format": 3}}');
  });

  it('with the storage full, a received run stays in the list for this tab and the mentor is told', async () => {
    const area = new Area();
    area.local.fill();
    const store = openStore(area.tab());
    expect(await store.getState().importRun(fileJob(encodeRun(lina)))).toBe(true);
    expect(trainees(store)).toEqual(['Lina']);
    expect(kinds(store)).toEqual(['save-failed']);
  });

  it('another tab sees a run received, and removed', async () => {
    const area = new Area();
    const one = openStore(area.tab());
    const two = openStore(area.tab());
    await one.getState().importRun(fileJob(encodeRun(lina)));
    area.deliver();
    expect(trainees(two)).toEqual(['Lina']);
    one.getState().removeReceived(`${RECEIVED_KEY_PREFIX}lina-1`);
    area.deliver();
    expect(trainees(two)).toEqual([]);
  });

  it('placeFor: same, further, or a new key', () => {
    const list = [{ key: `${RECEIVED_KEY_PREFIX}lina-1`, run: lina }];
    expect(placeFor(list, lina)).toEqual({ same: true, key: `${RECEIVED_KEY_PREFIX}lina-1` });
    expect(placeFor(list, linaFurther)).toEqual({ same: false, key: `${RECEIVED_KEY_PREFIX}lina-1` });
    expect(placeFor(list, linaOther)).toEqual({ same: false, key: `${RECEIVED_KEY_PREFIX}lina-1~2` });
    expect(placeFor(list, { ...lina, trainee: 'Someone else' })).toEqual({ same: false, key: `${RECEIVED_KEY_PREFIX}lina-1~2` });
  });
});

/** A fake FileSystemEntry tree. */
function fileEntry(name: string): EntryLike {
  return { isFile: true, isDirectory: false, name, file: (ok) => ok(new File(['{}'], name)) };
}
function folder(name: string, children: EntryLike[], batch = 2): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          ok(children.slice(at, at + batch));
          at += batch;
        },
      };
    },
  };
}

describe('a dropped folder', () => {
  it('gives its run files (.json) in name order, sub-folders included, read in batches', async () => {
    const tree = folder('cohort', [fileEntry('b.json'), fileEntry('notes.txt'), folder('week2', [fileEntry('d.JSON'), fileEntry('c.json')]), fileEntry('a.json')]);
    const { files, skipped } = await filesOfEntries([tree], []);
    expect(files.map((f) => f.name)).toEqual(['a.json', 'b.json', 'c.json', 'd.JSON']);
    expect(skipped).toBe(0);
  });

  it('a file dropped on its own is always taken (its refusal says why it is not a run)', async () => {
    const { files } = await filesOfEntries([fileEntry('notes.txt')], []);
    expect(files.map((f) => f.name)).toEqual(['notes.txt']);
  });

  it('is bounded: past the limit files are counted, not read', async () => {
    const many = Array.from({ length: MAX_DROPPED_FILES + 7 }, (_, i) => fileEntry(`${String(i).padStart(4, '0')}.json`));
    const { files, skipped } = await filesOfEntries([folder('all', many, 100)], []);
    expect(files).toHaveLength(MAX_DROPPED_FILES);
    expect(skipped).toBe(7);
  });

  it('without entries (an older browser), the dropped files themselves', async () => {
    const dropped = [new File(['{}'], 'x.json')];
    expect((await filesOfEntries([null], dropped)).files).toEqual(dropped);
  });
});

describe('a mentor’s review', () => {
  const review = { reviewer: 'Karim', reviewedAt: '2026-12-02T10:00:00.000Z', verdict: 'Nearly there', steps: [{ step: 1, tags: ['good-instinct' as const] }] };

  it('is saved with the received run, and is there after a reload', async () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab);
    await store.getState().importRun(fileJob(encodeRun(lina)));
    store.getState().saveReview(review);
    expect(store.getState().review?.run.review).toEqual(review);
    expect(reload(store, tab).getState().received.map((e) => e.run.review)).toEqual([review]);
  });

  it('is never replaced by an older file of the same run; a newer review replaces it', async () => {
    const store = openStore(new Area().tab());
    await store.getState().importRun(fileJob(encodeRun(lina)));
    store.getState().saveReview(review);
    await store.getState().importRun(fileJob(encodeRun(lina)));
    expect(store.getState().received.map((e) => e.run.review)).toEqual([review]);
    const newer = { ...review, reviewedAt: '2026-12-03T10:00:00.000Z', verdict: 'Ready' };
    await store.getState().importRun(fileJob(encodeRun({ ...lina, review: newer })));
    expect(store.getState().received.map((e) => e.run.review)).toEqual([newer]);
    expect(store.getState().received).toHaveLength(1);
  });

  it('a review file of the trainee’s own run is kept with the run in their history, and is read, not written', async () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab, { ids: 'me' });
    play(store, [{ channel: 'terminal', text: 'uptime' }, { channel: 'terminal', text: 'pwd' }]);
    store.getState().restart();
    const own = store.getState().past[0]!;
    expect(await store.getState().importRun(fileJob(encodeRun({ ...own, review })))).toBe(true);
    expect(store.getState().review?.mine).toBe(true);
    expect(store.getState().received).toEqual([]);
    expect(reload(store, tab).getState().past[0]!.review).toEqual(review);
    store.getState().saveReview(undefined); // the trainee cannot take it away
    expect(store.getState().past[0]?.review).toEqual(review);
  });
});
