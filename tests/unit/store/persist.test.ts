/**
 * Runs that last: the store saves each run under its own key, and a reload resumes exactly
 * where the trainee was. What cannot be used is left where it is, byte for byte, and offered
 * as a download; storage that is full or refuses is reported and the run goes on in memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drillInputs, encodeRun, type Run } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { CURRENT_KEY, LEGACY_KEY, runKey } from '../../../src/store/layout';
import { mysqlWipe, runOfLines, validInputs } from '../runs/support';
import { Area, ids, kinds, legacyRecord, noticeTexts, openStore, play, record, reload, saveRuns } from './support';

const first = runOfLines(['curl -i https://tunistocks.tn/dashboard', 'ssh db-master'], { id: 'run-one', trainee: 'Lina' });
const second = runOfLines(['ping -c 4 8.8.8.8', 'chat: Sami, is the site down for you too?'], { id: 'run-two' });
const third = runOfLines(mysqlWipe.referencePath, { id: 'run-three', trainee: 'Amel' });
const inProgress = runOfLines(['browser clear-cache'], { id: 'run-in-progress' });
const later = (run: Run, minutes: number): Run => ({ ...run, startedAt: new Date(Date.parse(run.startedAt) + minutes * 60_000).toISOString() });

/**
 * One case is a run played twice and read back (10 to 60 ms on an idle machine, by its length).
 * Fewer cases, each with up to the generator's longest runs, and 1.5 s a case: room for a 2-core
 * machine running other suites beside this one (at 300 ms a case it timed out under that load).
 */
const RELOAD_CASES = 40;
const MS_PER_CASE = 1_500;

describe('reloading at any step', () => {
  it(
    'gives the same world, steps and score as before the reload',
    () => {
      fc.assert(
        fc.property(validInputs, fc.nat(), (inputs, cut) => {
          const area = new Area();
          const tab = area.tab();
          const before = openStore(tab);
          const prefix = inputs.slice(0, cut % (inputs.length + 1));
          play(before, prefix);
          const after = reload(before, tab).getState();
          const was = before.getState();
          expect(after.notices).toEqual([]);
          expect(after.run).toEqual(was.run);
          expect(after.past).toEqual(was.past);
          expect(after.snapshot!.value).toEqual(was.snapshot!.value);
          expect(after.snapshot!.context.world).toEqual(was.snapshot!.context.world);
          expect(after.snapshot!.context.steps).toEqual(was.snapshot!.context.steps);
          expect(scoreRun(mysqlWipe, drillInputs(after.run!))).toEqual(scoreRun(mysqlWipe, prefix));
        }),
        { numRuns: RELOAD_CASES },
      );
    },
    RELOAD_CASES * MS_PER_CASE,
  );

  it('goes on from where it stopped: the rest of the run ends as if never interrupted', () => {
    const inputs = drillInputs(runOfLines(mysqlWipe.referencePath));
    const straight = openStore(new Area().tab());
    play(straight, inputs);
    const area = new Area();
    const tab = area.tab();
    let store = openStore(tab);
    play(store, inputs.slice(0, 7));
    store = reload(store, tab);
    for (const input of inputs.slice(7)) store.getState().submit(input);
    expect(store.getState().snapshot!.context.world).toEqual(straight.getState().snapshot!.context.world);
    expect(store.getState().snapshot!.context.steps).toEqual(straight.getState().snapshot!.context.steps);
    expect(ids(store.getState().past)).toEqual([store.getState().run!.id]);
  });

  it('a run just started resumes at the start of the drill, not the briefing', () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab);
    play(store, []);
    const again = reload(store, tab).getState();
    expect(again.snapshot!.matches('investigating')).toBe(true);
    expect(again.run!.inputs).toEqual([]);
  });

  it('keeps past runs, oldest first, with the run in progress', () => {
    const area = new Area();
    saveRuns(area, [later(third, 2), first, later(second, 1), later(inProgress, 3)]);
    area.put(CURRENT_KEY, inProgress.id);
    const store = openStore(area.tab()).getState();
    expect(ids(store.past)).toEqual([first.id, second.id, third.id]);
    expect(store.run).toEqual(later(inProgress, 3));
    expect(store.snapshot!.context.steps).toHaveLength(1);
    expect(store.notices).toEqual([]);
  });
});

describe('what is saved', () => {
  it('each run under its own key, as a run file in a versioned record', () => {
    const area = new Area();
    const store = openStore(area.tab(), { ids: 'a' });
    play(store, drillInputs(first));
    expect(area.keys()).toEqual([CURRENT_KEY, runKey('a-1')]);
    expect(JSON.parse(area.get(runKey('a-1'))!)).toEqual({ version: 2, run: store.getState().run });
    expect(area.get(CURRENT_KEY)).toBe('a-1');
  });

  it('a run given up half-way stays in history; one given up before any input leaves nothing behind', () => {
    const area = new Area();
    const tab = area.tab();
    let store = openStore(tab, { ids: 'a' });
    play(store, drillInputs(first));
    store.getState().restart();
    expect(ids(store.getState().past)).toEqual(['a-1']);
    play(store, []);
    store.getState().restart();
    expect(area.keys()).toEqual([runKey('a-1')]);
    store = reload(store, tab);
    expect(ids(store.getState().past)).toEqual(['a-1']);
    expect(store.getState().run).toBeNull();
  });

  it('a run started and left before any input, in a tab now closed, is cleaned up at the next load', () => {
    const area = new Area();
    const first = openStore(area.tab(), { ids: 'a' });
    play(first, []);
    const other = openStore(area.tab(), { ids: 'b' });
    play(other, drillInputs(second));
    first.close();
    other.close();
    const next = openStore(area.tab(), { ids: 'c' });
    expect(area.keys()).toEqual([CURRENT_KEY, runKey('b-1')]);
    expect(next.getState().run!.id).toBe('b-1');
  });
});

describe('saved data that cannot be used: left where it is, as it was', () => {
  const cases: [string, string, string][] = [
    ['not JSON', '{"version": 2, "run": {"kind": "outage-drill/ru', 'Some saved data could not be read (it is not valid JSON)'],
    ['not a record', '[1, 2, 3]', 'Some saved data could not be read (it is not in the shape Outage Drill saves)'],
    ['a record of a newer version', record(first).replace('"version":2', '"version":3'), 'Some saved data could not be read (it was saved by a newer version of Outage Drill (storage version 3))'],
    ['a damaged run', record({ ...first, inputs: [{ channel: 'email', text: 'hi' }] }), 'A saved run could not be opened (This run file is damaged: the field inputs[0].channel must be "terminal", "chat", "hint" or "facilitator"'],
    ['a run for another scenario', record({ ...first, scenario: { id: 'redis-outage', version: 1 } }), 'A saved run could not be opened (This run is for a scenario this app does not have ("redis-outage"))'],
    ['nested too deep', `{"version": 2, "run": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 'Some saved data could not be read (it is nested too deep to read)'],
  ];

  it.each(cases)('%s: never written over, the trainee told and offered a copy; the other runs are kept', (_, raw, says) => {
    const area = new Area();
    const key = runKey('damaged');
    area.put(key, raw);
    saveRuns(area, [first]);
    const tab = area.tab();
    let store = openStore(tab);
    expect(ids(store.getState().past)).toEqual([first.id]);
    expect(kinds(store)).toEqual(['record-unusable']);
    expect(store.getState().notices[0]).toMatchObject({ key, raw });
    expect(noticeTexts(store)[0]).toContain(says);
    expect(noticeTexts(store)[0]).toContain(`It was left as it was in this browser's storage (key "${key}"), not deleted`);
    expect(noticeTexts(store)[0]).not.toMatch(/set aside/);
    // The app works: a run is played and saved; the record is untouched, after a reload too.
    play(store, drillInputs(second));
    store = reload(store, tab);
    expect(area.get(key)).toBe(raw);
    expect(store.getState().past.length + (store.getState().run ? 1 : 0)).toBe(2);
    expect(kinds(store)).toEqual(['record-unusable']);
  });

  it('a run whose id is the key of an unusable record is saved under a new id instead', () => {
    const area = new Area();
    area.put(runKey('a-1'), 'not json');
    const store = openStore(area.tab(), { ids: 'a' });
    play(store, drillInputs(first));
    expect(area.get(runKey('a-1'))).toBe('not json');
    expect(store.getState().run!.id).toBe('a-2');
    expect(JSON.parse(area.get(runKey('a-2'))!).run.inputs).toHaveLength(2);
    expect(kinds(store)).toEqual(['record-unusable']);
  });

  it('hostile keys in storage reach no prototype', () => {
    const area = new Area();
    area.put(runKey(first.id), `{"__proto__": {"pollutedByStorage": true}, "version": 2, "run": ${encodeRun(first).replace('{', '{"constructor": {"prototype": {"pollutedByStorage": true}},')}}`);
    const store = openStore(area.tab());
    expect(({} as Record<string, unknown>).pollutedByStorage).toBeUndefined();
    expect(store.getState().past).toEqual([first]);
  });

  it('keys of other apps on the same site are neither read nor touched', () => {
    const area = new Area();
    area.put('theme', 'dark');
    area.put('outage-drill-notes', 'mine');
    const store = openStore(area.tab());
    play(store, drillInputs(first));
    expect(area.get('theme')).toBe('dark');
    expect(area.get('outage-drill-notes')).toBe('mine');
    expect(store.getState().notices).toEqual([]);
  });
});

describe('what version 1 saved (every run in one record)', () => {
  it('its runs move to their own keys, in order, with the run in progress resumed; the old record goes', () => {
    const area = new Area();
    area.put(LEGACY_KEY, legacyRecord({ current: inProgress, past: [first, later(second, 1), later(third, 2)] }));
    const store = openStore(area.tab()).getState();
    expect(ids(store.past)).toEqual([first.id, second.id, third.id]);
    expect(store.run).toEqual(inProgress);
    expect(store.notices).toEqual([]);
    expect(area.keys()).toEqual([first, inProgress, second, third].map((r) => runKey(r.id)).sort());
    expect(JSON.parse(area.get(runKey(first.id))!)).toEqual({ version: 2, run: first });
  });

  it('a damaged run stays in the old record, as it was; the good ones move', () => {
    const area = new Area();
    const damaged = { ...second, scenario: { id: 'redis-outage', version: 1 } };
    area.put(LEGACY_KEY, legacyRecord({ current: null, past: [first, damaged, third] }));
    const store = openStore(area.tab());
    expect(ids(store.getState().past)).toEqual([first.id, third.id]);
    expect(JSON.parse(area.get(LEGACY_KEY)!)).toEqual({ state: { current: null, past: [damaged] }, version: 1 });
    expect(noticeTexts(store)).toEqual([
      `A saved run could not be opened (This run is for a scenario this app does not have ("redis-outage")). It was left as it was in this browser's storage (key "${LEGACY_KEY}"), not deleted; download a copy to keep it elsewhere. Your other runs are kept.`,
    ]);
    expect(JSON.parse((store.getState().notices[0] as { raw: string }).raw)).toEqual([damaged]);
  });

  it.each([
    ['not JSON', '{"state": {"current": null, "past": [{"kind": "outage-drill/ru'],
    ['a JSON string', '"outage-drill"'],
    ['an object without state', '{"runs": [], "version": 1}'],
    ['no version', '{"state": {"current": null, "past": []}}'],
    ['runs kept under another name', `{"state": {"runs": [${encodeRun(first)}]}, "version": 1}`],
    ['saved by a newer version', legacyRecord({ current: null, past: [first] }, 2)],
  ])('%s: left as it was, the trainee told, the app starts without it', (_, raw) => {
    const area = new Area();
    area.put(LEGACY_KEY, raw);
    const store = openStore(area.tab());
    play(store, drillInputs(first));
    expect(area.get(LEGACY_KEY)).toBe(raw);
    expect(noticeTexts(store)).toEqual([expect.stringMatching(/^Some saved data could not be read \(.+\)\. It was left as it was in this browser's storage \(key "outage-drill"\), not deleted; download a copy to keep it elsewhere\. The app started without it\.$/)]);
  });

  it('a load that stopped half-way (run copied, old record not yet rewritten) finishes the move without doubles', () => {
    const area = new Area();
    area.put(LEGACY_KEY, legacyRecord({ current: null, past: [first, second] }));
    saveRuns(area, [first]);
    const store = openStore(area.tab());
    expect(ids(store.getState().past)).toEqual([first.id, second.id]);
    expect(area.get(LEGACY_KEY)).toBeNull();
  });

  it('runs that version 1 set aside are found again', () => {
    const area = new Area();
    area.put('outage-drill:set-aside:1', JSON.stringify(first));
    area.put('outage-drill:set-aside:2', legacyRecord({ current: null, past: [second] }));
    area.put('outage-drill:set-aside:3', 'not json');
    const store = openStore(area.tab());
    expect(ids(store.getState().past)).toEqual([first.id, second.id]);
    expect(area.keys()).toEqual([runKey(first.id), runKey(second.id), 'outage-drill:set-aside:3']);
    expect(store.getState().notices).toEqual([]);
  });
});

describe('storage full', () => {
  it('tells the trainee once, offers the run as a download, and the run goes on in memory', () => {
    const area = new Area();
    const tab = area.tab();
    const store = openStore(tab, { ids: 'a' });
    area.local.fill();
    const lines = ['curl -i https://tunistocks.tn/dashboard', 'ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;'];
    expect(() => play(store, drillInputs(runOfLines(lines)))).not.toThrow();
    expect(store.getState().notices).toEqual([{ kind: 'save-failed', cause: 'full', runId: 'a-1', id: expect.any(Number) }]);
    const shown = store.getState().notices[0]!.id;
    expect(noticeTexts(store)).toEqual(["Your runs could not be saved: the browser's storage is full. This run is kept while the tab stays open; download it to keep it."]);
    expect(store.getState().run!.inputs.map((i) => i.text)).toEqual(lines);
    expect(store.getState().snapshot!.context.world.mode).toBe('mysql');

    // Once there is room again, the next input saves the whole run and the notice goes.
    store.getState().submit({ channel: 'terminal', text: 'exit' });
    expect(store.getState().notices[0]!.id).toBe(shown); // the same notice, not announced again
    area.local.quota = Number.POSITIVE_INFINITY;
    store.getState().submit({ channel: 'terminal', text: 'exit' });
    expect(JSON.parse(area.get(runKey('a-1'))!).run.inputs.map((i: { text: string }) => i.text)).toEqual([...lines, 'exit', 'exit']);
    expect(store.getState().notices).toEqual([]);
  });

  it('a run that could not be saved is saved with the next one that can', () => {
    const area = new Area();
    const store = openStore(area.tab(), { ids: 'a' });
    area.local.fill();
    play(store, drillInputs(first));
    store.getState().restart();
    area.local.quota = Number.POSITIVE_INFINITY;
    play(store, drillInputs(second));
    expect(area.keys()).toEqual([CURRENT_KEY, runKey('a-1'), runKey('a-2')]);
  });

  it('storage that refuses for another reason is named too', () => {
    const area = new Area();
    const store = openStore(area.tab());
    area.local.refusing = true;
    play(store, drillInputs(first));
    expect(noticeTexts(store)).toEqual([expect.stringContaining("Your runs could not be saved: the browser's storage is not accepting data.")]);
    expect(store.getState().run!.inputs).toHaveLength(2);
  });

  it('no storage at all: the trainee is told, and the drill works', () => {
    const store = openStore({ ...new Area().tab(), inputs: (extra) => ({ ...extra, storage: null }) });
    play(store, drillInputs(third));
    expect(kinds(store)).toEqual(['storage-unavailable']);
    expect(ids(store.getState().past)).toEqual([store.getState().run!.id]);
  });

  it('unreadable data while storage is full is left in place, and the notice says so (never "set aside")', () => {
    const area = new Area();
    area.put(LEGACY_KEY, 'not json');
    area.local.fill();
    const store = openStore(area.tab());
    play(store, drillInputs(first));
    expect(area.get(LEGACY_KEY)).toBe('not json');
    expect(kinds(store)).toEqual(['record-unusable', 'save-failed']);
    expect(noticeTexts(store).join(' ')).not.toMatch(/set aside/);
    expect(noticeTexts(store)[0]).toContain('It was left as it was');
  });

  it('five saved runs of about 900 kB in a full storage, two made on an older scenario version: every one kept, after any number of reloads', () => {
    const v2 = { ...mysqlWipe, version: mysqlWipe.version + 1 };
    const big = (n: number, version: number): Run => {
      const run = runOfLines(Array.from({ length: 90 }, (_, i) => `# note ${n}.${i} ${'x'.repeat(9_980)}`), { id: `big-${n}` });
      return later({ ...run, scenario: { id: mysqlWipe.id, version } }, n);
    };
    const runs = [big(1, v2.version), big(2, mysqlWipe.version), big(3, v2.version), big(4, mysqlWipe.version), big(5, v2.version)];
    const raw = legacyRecord({ current: null, past: runs });
    expect(raw.length).toBeGreaterThan(4_500_000);
    const area = new Area();
    area.put(LEGACY_KEY, raw);
    area.local.quota = 5_200_000; // what one origin gets in Chromium: no room to copy one of those runs out
    const tab = area.tab();
    let store = openStore(tab, { scenarios: [v2] });
    area.local.fill(); // and now not even a small run fits
    for (let reloads = 0; reloads < 3; reloads += 1) {
      expect(ids(store.getState().past)).toEqual(runs.map((r) => r.id));
      expect(store.getState().past.every((r) => r.scenario.version === v2.version)).toBe(true);
      expect([...store.getState().migratedFrom]).toEqual([['big-2', mysqlWipe.version], ['big-4', mysqlWipe.version]]);
      expect(area.get(LEGACY_KEY)).toBe(raw);
      expect(kinds(store)).toEqual(['runs-migrated']);
      play(store, drillInputs(first));
      expect(kinds(store)).toEqual(['runs-migrated', 'save-failed']);
      store = reload(store, tab, { scenarios: [v2] });
    }
    // Deleting one makes room: the old record is rewritten smaller, and the others can then move out.
    store.getState().deleteRun('big-1');
    expect(area.get(LEGACY_KEY)!.length).toBeLessThan(raw.length);
    area.local.quota = 5_200_000;
    store = reload(store, tab, { scenarios: [v2] });
    expect(ids(store.getState().past)).toEqual(['big-2', 'big-3', 'big-4', 'big-5']);
    expect(area.keys()).toEqual(['big-2', 'big-3', 'big-4', 'big-5'].map(runKey));
    expect(JSON.parse(area.get(runKey('big-2'))!)).toEqual({ version: 2, run: runs[1], migratedFrom: { scenarioVersion: mysqlWipe.version } });
  });
});

describe('deleting a past run', () => {
  const setUp = () => {
    const area = new Area();
    saveRuns(area, [first, later(second, 1), later(third, 2)]);
    const tab = area.tab();
    return { area, tab, store: openStore(tab) };
  };

  it('removes it, from memory and from storage', () => {
    const { area, store } = setUp();
    store.getState().deleteRun(second.id);
    expect(ids(store.getState().past)).toEqual([first.id, third.id]);
    expect(area.get(runKey(second.id))).toBeNull();
  });

  it('undo puts it back at its place, in storage too', () => {
    const { area, store } = setUp();
    store.getState().deleteRun(second.id);
    store.getState().undoDelete();
    expect(ids(store.getState().past)).toEqual([first.id, second.id, third.id]);
    expect(JSON.parse(area.get(runKey(second.id))!).run).toEqual(later(second, 1));
    expect(store.getState().deleted).toBeNull();
  });

  it('undo brings back only the last one deleted; undo twice does nothing more', () => {
    const { store } = setUp();
    store.getState().deleteRun(first.id);
    store.getState().deleteRun(third.id);
    store.getState().undoDelete();
    expect(ids(store.getState().past)).toEqual([second.id, third.id]);
    store.getState().undoDelete();
    expect(ids(store.getState().past)).toEqual([second.id, third.id]);
  });

  it('deleting a run that is not there changes nothing', () => {
    const { store } = setUp();
    store.getState().deleteRun('no-such-run');
    expect(ids(store.getState().past)).toEqual([first.id, second.id, third.id]);
    expect(store.getState().deleted).toBeNull();
  });

  it('a deleted run stays deleted after a reload, also one that lived in the version-1 record', () => {
    const area = new Area();
    area.put(LEGACY_KEY, legacyRecord({ current: null, past: [first, later(second, 1)] }));
    area.local.fill(); // nothing can move out
    const tab = area.tab();
    let store = openStore(tab);
    store.getState().deleteRun(second.id);
    expect(store.getState().notices).toEqual([]);
    store = reload(store, tab);
    expect(ids(store.getState().past)).toEqual([first.id]);
  });
});

describe('opening another scenario', () => {
  it('keeps the run in progress in history as unfinished, and says so', () => {
    const other = { ...mysqlWipe, id: 'mysql-wipe-again', title: 'Another drill' };
    const area = new Area();
    const tab = area.tab();
    let store = openStore(tab, { scenarios: [mysqlWipe, other], ids: 'a' });
    play(store, drillInputs(first));
    store.getState().open(other);
    expect(store.getState().run).toBeNull();
    expect(ids(store.getState().past)).toEqual(['a-1']);
    expect(noticeTexts(store)).toEqual([`Your unfinished run of “${mysqlWipe.title}” is kept in Your runs.`]);
    store = reload(store, tab, { scenarios: [mysqlWipe, other] });
    expect(ids(store.getState().past)).toEqual(['a-1']);
  });

  it('a finished run is simply in history: nothing to tell', () => {
    const other = { ...mysqlWipe, id: 'mysql-wipe-again' };
    const store = openStore(new Area().tab(), { scenarios: [mysqlWipe, other] });
    play(store, drillInputs(third));
    store.getState().open(other);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().notices).toEqual([]);
  });
});
