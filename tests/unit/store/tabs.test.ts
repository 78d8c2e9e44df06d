/**
 * Two tabs on one storage: two stores built on one in-memory area, each hearing the other's
 * writes as the browser's `storage` event, when the test delivers them (or before it does).
 * Whatever the order, no run either tab made is lost.
 */
import { describe, expect, it } from 'vitest';
import { drillInputs } from '../../../src/runs/format';
import { runKey } from '../../../src/store/layout';
import { mysqlWipe, runOfLines } from '../runs/support';
import { Area, ids, kinds, noticeTexts, openStore, play, reload } from './support';

const reference = drillInputs(runOfLines(mysqlWipe.referencePath));
const pwd = { channel: 'terminal', text: 'pwd' } as const;

function twoTabs() {
  const area = new Area();
  const tabA = area.tab();
  const tabB = area.tab();
  const a = openStore(tabA, { ids: 'a' });
  const b = openStore(tabB, { ids: 'b' });
  return { area, tabA, tabB, a, b };
}

const savedIds = (area: Area) => area.keys().filter((k) => k.startsWith('outage-drill:run:'));

describe('a run finished in one tab, then typing in the other', () => {
  it.each([
    ['before the other tab heard of it', false],
    ['after the other tab heard of it', true],
  ])('%s: the finished run is kept, in storage and in both tabs', (_, heard) => {
    const { area, tabA, tabB, a, b } = twoTabs();
    play(b, [{ channel: 'terminal', text: 'ls' }]);
    area.deliver();
    play(a, reference);
    expect(a.getState().snapshot!.matches('resolved')).toBe(true);
    if (heard) area.deliver();
    b.getState().submit(pwd);
    area.deliver();
    expect(savedIds(area)).toEqual([runKey('a-1'), runKey('b-1')]);
    expect(ids(b.getState().past)).toEqual(['a-1']);
    expect(b.getState().run!.inputs.map((i) => i.text)).toEqual(['ls', 'pwd']);
    // B's run is in progress there: A lists it as unfinished.
    expect(ids(reload(a, tabA).getState().past)).toEqual(['a-1', 'b-1']);
    const bAgain = reload(b, tabB);
    expect(ids(bAgain.getState().past)).toEqual(['a-1']);
    expect(bAgain.getState().run!.id).toBe('b-1');
  });

  it('runs finished in both tabs in turn are all kept', () => {
    const { area, a, b } = twoTabs();
    for (let round = 0; round < 3; round += 1) {
      play(a, reference);
      a.getState().restart();
      play(b, drillInputs(runOfLines(['ssh db-master'])));
      b.getState().restart();
    }
    expect(savedIds(area)).toHaveLength(6);
    area.deliver();
    expect(a.getState().past).toHaveLength(6);
    expect(ids(b.getState().past)).toEqual(ids(a.getState().past));
  });
});

describe('history stays the same in both tabs', () => {
  it('a run deleted in one tab goes from the other; undone, it comes back there too', () => {
    const { area, a, b } = twoTabs();
    play(a, reference);
    area.deliver();
    expect(ids(b.getState().past)).toEqual(['a-1']);
    a.getState().deleteRun('a-1');
    area.deliver();
    expect(b.getState().past).toEqual([]);
    a.getState().undoDelete();
    area.deliver();
    expect(ids(b.getState().past)).toEqual(['a-1']);
  });

  it('a run deleted in one tab while the other plays on: the other tab saves it again, and undo never writes the older copy over it', () => {
    const area = new Area();
    const a = openStore(area.tab(), { ids: 'a' });
    play(a, [pwd]);
    const b = openStore(area.tab(), { ids: 'b' });
    a.getState().restart();
    area.deliver();
    expect(b.getState().run!.id).toBe('a-1');
    a.getState().deleteRun('a-1');
    area.deliver();
    b.getState().submit({ channel: 'terminal', text: 'ls' });
    area.deliver();
    expect(ids(a.getState().past)).toEqual(['a-1']);
    a.getState().undoDelete();
    expect(JSON.parse(area.get(runKey('a-1'))!).run.inputs.map((i: { text: string }) => i.text)).toEqual(['pwd', 'ls']);
    expect(a.getState().deleted).toBeNull();
    expect(savedIds(area)).toEqual([runKey('a-1')]);
  });

  it('undo while another tab has meanwhile gone on with the run (before this tab heard): both copies kept', () => {
    const area = new Area();
    const a = openStore(area.tab(), { ids: 'a' });
    play(a, [pwd]);
    const b = openStore(area.tab(), { ids: 'b' });
    a.getState().restart();
    a.getState().deleteRun('a-1');
    b.getState().submit({ channel: 'terminal', text: 'ls' });
    a.getState().undoDelete();
    area.deliver();
    const texts = (key: string) => JSON.parse(area.get(key)!).run.inputs.map((i: { text: string }) => i.text);
    expect(texts(runKey('a-1'))).toEqual(['pwd', 'ls']);
    expect(texts(runKey('a-2'))).toEqual(['pwd']);
  });

  it('a record another tab leaves unusable is reported, never written over', () => {
    const { area, a, b } = twoTabs();
    play(a, reference);
    area.deliver();
    area.put(runKey('a-1'), '{"version": 9, "run": {}}');
    b.getState().receive(runKey('a-1'));
    expect(b.getState().past).toEqual([]);
    expect(kinds(b)).toEqual(['record-unusable']);
    expect(noticeTexts(b)[0]).toContain('saved by a newer version of Outage Drill (storage version 9)');
  });
});

describe('one run open in two tabs', () => {
  /** Tab B opened while A was playing: it resumes A's run. */
  function sameRun() {
    const area = new Area();
    const tabA = area.tab();
    const a = openStore(tabA, { ids: 'a' });
    play(a, drillInputs(runOfLines(['ssh db-master'])));
    const tabB = area.tab();
    const b = openStore(tabB, { ids: 'b' });
    expect(b.getState().run!.id).toBe('a-1');
    return { area, tabA, tabB, a, b };
  }

  it('the other tab follows each input', () => {
    const { area, a, b } = sameRun();
    a.getState().submit({ channel: 'terminal', text: 'mysql -u intern -p tunistocks' });
    area.deliver();
    expect(b.getState().run).toEqual(a.getState().run);
    expect(b.getState().snapshot!.context.world).toEqual(a.getState().snapshot!.context.world);
    b.getState().submit({ channel: 'terminal', text: 'SELECT COUNT(*) FROM users;' });
    area.deliver();
    expect(a.getState().run!.inputs).toHaveLength(3);
    expect(a.getState().snapshot!.context.steps).toHaveLength(3);
    expect(b.getState().notices).toEqual([]);
  });

  it('both tabs typing before hearing of each other: both runs kept, the second under a new id', () => {
    const { area, tabA, a, b } = sameRun();
    a.getState().submit({ channel: 'terminal', text: 'ls' });
    b.getState().submit(pwd);
    expect(b.getState().run!.id).toBe('b-1');
    expect(kinds(b)).toEqual(['run-forked']);
    area.deliver();
    expect(a.getState().run!.inputs.map((i) => i.text)).toEqual(['ssh db-master', 'ls']);
    expect(b.getState().run!.inputs.map((i) => i.text)).toEqual(['ssh db-master', 'pwd']);
    expect(ids(reload(a, tabA).getState().past)).toEqual(['b-1']);
    expect(savedIds(area)).toEqual([runKey('a-1'), runKey('b-1')]);
  });

  it('a tab that hears of a different continuation keeps its own copy apart at once', () => {
    const { area, a, b } = sameRun();
    area.local.refusing = true; // B's input stays in memory
    b.getState().submit(pwd);
    area.local.refusing = false;
    a.getState().submit({ channel: 'terminal', text: 'ls' });
    area.deliver();
    expect(b.getState().run!.id).toBe('b-1');
    expect(b.getState().run!.inputs.map((i) => i.text)).toEqual(['ssh db-master', 'pwd']);
    expect(ids(b.getState().past)).toEqual(['a-1']);
    expect(savedIds(area)).toEqual([runKey('a-1'), runKey('b-1')]);
  });

  it('each tab reloads into its own run; a new tab opens the run played last', () => {
    const { area, tabA, tabB, a, b } = sameRun();
    b.getState().restart();
    play(b, [pwd]);
    a.getState().submit({ channel: 'terminal', text: 'ls' });
    expect(reload(a, tabA).getState().run!.id).toBe('a-1');
    expect(reload(b, tabB).getState().run!.id).toBe('b-1');
    expect(openStore(area.tab()).getState().run!.id).toBe('a-1');
  });
});
