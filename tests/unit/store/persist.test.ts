/**
 * Runs that last: the store persists the run in progress and past runs in local storage
 * (jsdom's), and a reload resumes exactly where the trainee was. What cannot be read is set
 * aside, never wiped; a full storage is reported and the run goes on in memory.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillInput } from '../../../src/engine/replay';
import { drillInputs, encodeRun, type Run } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { restoreSavedRuns, STORAGE_KEY, STORAGE_VERSION, useDrillStore } from '../../../src/store/drill';
import { SET_ASIDE_PREFIX } from '../../../src/store/storage';
import { mysqlWipe, runOfLines, scenarios, validInputs } from '../runs/support';

const store = () => useDrillStore.getState();

/** Empties the store's memory, as closing the tab does. */
function forgetMemory() {
  useDrillStore.setState({ scenarios: [], scenario: null, run: null, snapshot: null, past: [], review: null, notices: [], deleted: null });
}

function storageEntries(): [string, string][] {
  return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!).map((key) => [key, localStorage.getItem(key)!]);
}

/** A reload: memory is gone, local storage is as it was, and the app restores saved runs. */
async function reload(): Promise<void> {
  const saved = storageEntries();
  forgetMemory(); // the store writes its emptied state; put back what was saved before
  localStorage.clear();
  for (const [key, value] of saved) localStorage.setItem(key, value);
  await restoreSavedRuns([...scenarios]);
}

/** Opens the scenario, starts a run and submits the inputs, as the drill screen does. */
function play(inputs: readonly DrillInput[], trainee = 'Amel') {
  store().open(mysqlWipe);
  store().start(trainee);
  for (const input of inputs) store().submit(input);
}

function save(state: { current: Run | null; past: unknown[] }, version = STORAGE_VERSION): string {
  const raw = JSON.stringify({ state, version });
  localStorage.setItem(STORAGE_KEY, raw);
  return raw;
}

const saved = (): { state: { current: Run | null; past: Run[] }; version: number } => JSON.parse(localStorage.getItem(STORAGE_KEY)!);
const errorNotices = () => store().notices.filter((n) => n.tone === 'error').map((n) => n.text);

const first = runOfLines(['curl -i https://tunistocks.tn/dashboard', 'ssh db-master'], { id: 'run-one', trainee: 'Lina' });
const second = runOfLines(['ping -c 4 8.8.8.8', 'chat: Sami, is the site down for you too?'], { id: 'run-two' });
const third = runOfLines(mysqlWipe.referencePath, { id: 'run-three', trainee: 'Amel' });
const inProgress = runOfLines(['browser clear-cache'], { id: 'run-in-progress' });

beforeEach(() => {
  forgetMemory();
  localStorage.clear();
});

describe('reloading at any step', () => {
  it('gives the same world, steps and score as before the reload', async () => {
    await fc.assert(
      fc.asyncProperty(validInputs, fc.nat(), async (inputs, cut) => {
        forgetMemory();
        localStorage.clear();
        const prefix = inputs.slice(0, cut % (inputs.length + 1));
        play(prefix);
        const before = store();
        await reload();
        const after = store();
        expect(after.notices).toEqual([]);
        expect(after.run).toEqual(before.run);
        expect(after.past).toEqual(before.past);
        expect(after.snapshot!.value).toEqual(before.snapshot!.value);
        expect(after.snapshot!.context.world).toEqual(before.snapshot!.context.world);
        expect(after.snapshot!.context.steps).toEqual(before.snapshot!.context.steps);
        expect(scoreRun(mysqlWipe, drillInputs(after.run!))).toEqual(scoreRun(mysqlWipe, prefix));
      }),
      { numRuns: 100 },
    );
  });

  it('goes on from where it stopped: the rest of the run ends as if never interrupted', async () => {
    const inputs = mysqlWipe.referencePath.map((line) => runOfLines([line]).inputs[0]!);
    play(inputs);
    const straight = store().snapshot!.context;
    forgetMemory();
    localStorage.clear();
    play(inputs.slice(0, 7));
    await reload();
    for (const input of inputs.slice(7)) store().submit(input);
    expect(store().snapshot!.context.world).toEqual(straight.world);
    expect(store().snapshot!.context.steps).toEqual(straight.steps);
    expect(store().past.map((r) => r.id)).toEqual([store().run!.id]);
  });

  it('keeps past runs in order, with the run in progress', async () => {
    save({ current: inProgress, past: [first, second, third] });
    await reload();
    expect(store().past).toEqual([first, second, third]);
    expect(store().run).toEqual(inProgress);
    expect(store().snapshot!.context.steps).toHaveLength(1);
    expect(store().notices).toEqual([]);
  });
});

describe('local storage that cannot be read', () => {
  const setAside = (n: number) => localStorage.getItem(`${SET_ASIDE_PREFIX}${n}`);

  it.each([
    ['not JSON', '{"state": {"current": null, "past": [{"kind": "outage-drill/ru'],
    ['a JSON string', '"outage-drill"'],
    ['a JSON list', '[1, 2, 3]'],
    ['an object without state', '{"runs": [], "version": 1}'],
    ['state that is not an object', '{"state": "runs", "version": 1}'],
    ['no version', '{"state": {"current": null, "past": []}}'],
    ['runs kept under another name', `{"state": {"runs": [${encodeRun(first)}]}, "version": 1}`],
    ['past runs that are not a list', `{"state": {"current": null, "past": {"0": ${encodeRun(first)}}}, "version": 1}`],
  ])('%s: set aside, the trainee told, the app starts clean', async (_, raw) => {
    localStorage.setItem(STORAGE_KEY, raw);
    await expect(reload()).resolves.toBeUndefined();
    expect(setAside(1)).toBe(raw);
    expect(errorNotices()).toEqual([expect.stringMatching(new RegExp(`^Some saved data could not be read \\(.+\\)\\. It was set aside, not deleted \\(local storage key "${SET_ASIDE_PREFIX}1"\\), and the app started clean\\.$`))]);
    expect(store().past).toEqual([]);
    expect(store().run).toBeNull();
    expect(store().scenario).toBe(mysqlWipe);
    // The app works: a new run starts and is saved.
    play(runOfLines(['ssh db-master']).inputs);
    expect(saved().state.current!.inputs).toHaveLength(1);
    expect(setAside(1)).toBe(raw);
  });

  it('saved by a newer version of the app: set aside, and the notice says so', async () => {
    const raw = save({ current: null, past: [first] }, STORAGE_VERSION + 1);
    await reload();
    expect(setAside(1)).toBe(raw);
    expect(errorNotices()).toEqual([expect.stringContaining(`saved by a newer version of Outage Drill (storage version ${STORAGE_VERSION + 1})`)]);
    expect(store().past).toEqual([]);
  });

  it('one damaged run among good ones: the good ones are kept, the damaged one set aside', async () => {
    const damaged = { ...second, scenario: { id: 'redis-outage', version: 1 } };
    save({ current: inProgress, past: [first, damaged, third] });
    await reload();
    expect(store().past).toEqual([first, third]);
    expect(store().run).toEqual(inProgress);
    expect(JSON.parse(setAside(1)!)).toEqual(damaged);
    expect(errorNotices()).toEqual([
      `1 saved run could not be read (This run is for a scenario this app does not have ("redis-outage")). It was set aside, not deleted (local storage key "${SET_ASIDE_PREFIX}1"); your other runs are kept.`,
    ]);
    // Saving again keeps the good runs and leaves the set-aside copy alone.
    store().submit({ channel: 'terminal', text: 'ssh web-01' });
    expect(saved().state.past).toEqual([first, third]);
    expect(JSON.parse(setAside(1)!)).toEqual(damaged);
  });

  it('nested too deep to read: set aside whole, the trainee told', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const raw = `{"state": {"current": null, "past": [${encodeRun(first)}, ${deep}]}, "version": 1}`;
    localStorage.setItem(STORAGE_KEY, raw);
    await expect(reload()).resolves.toBeUndefined();
    expect(setAside(1)).toBe(raw);
    expect(errorNotices()).toEqual([expect.stringContaining('Some saved data could not be read (it is nested too deep to read)')]);
  });

  it('a damaged run that cannot be written back as JSON: the whole saved text is set aside, the good runs kept', async () => {
    // Where JSON.stringify gives up before JSON.parse does (its stack limit differs by browser).
    const raw = `{"state": {"current": null, "past": [${encodeRun(first)}, [[[["deep"]]]]]}, "version": 1}`;
    forgetMemory();
    localStorage.setItem(STORAGE_KEY, raw);
    const stringify = JSON.stringify.bind(JSON);
    vi.spyOn(JSON, 'stringify').mockImplementation((value: unknown, replacer?: (number | string)[] | null, space?: string | number) => {
      if (Array.isArray(value)) throw new RangeError('Maximum call stack size exceeded');
      return stringify(value, replacer, space);
    });
    await expect(restoreSavedRuns([...scenarios])).resolves.toBeUndefined();
    expect(store().past).toEqual([first]);
    expect(setAside(1)).toBe(raw);
    expect(errorNotices()).toEqual([expect.stringMatching(/^1 saved run could not be read \(.+\)\. It was set aside, not deleted \(local storage key "outage-drill:set-aside:1"\); your other runs are kept\.$/)]);
  });

  it('a damaged run in progress: set aside, past runs kept', async () => {
    const damaged = { ...inProgress, inputs: [{ channel: 'email', text: 'hi' }] };
    save({ current: damaged as unknown as Run, past: [first] });
    await reload();
    expect(store().run).toBeNull();
    expect(store().past).toEqual([first]);
    expect(JSON.parse(setAside(1)!)).toEqual(damaged);
    expect(errorNotices()).toHaveLength(1);
  });

  it('sets aside next to what was set aside before, never over it', async () => {
    localStorage.setItem(`${SET_ASIDE_PREFIX}1`, 'older');
    localStorage.setItem(STORAGE_KEY, 'not json');
    await reload();
    expect(setAside(1)).toBe('older');
    expect(setAside(2)).toBe('not json');
    expect(errorNotices()[0]).toContain(`"${SET_ASIDE_PREFIX}2"`);
  });

  it('hostile keys in storage reach no prototype', async () => {
    const raw = `{"__proto__": {"pollutedByStorage": true}, "state": {"constructor": {"prototype": {"pollutedByStorage": true}}, "current": null, "past": [${encodeRun(first)}]}, "version": 1}`;
    localStorage.setItem(STORAGE_KEY, raw);
    await reload();
    expect(({} as Record<string, unknown>).pollutedByStorage).toBeUndefined();
    expect(store().past).toEqual([first]);
  });

  it('corrupt data while storage is full: left where it is, not lost', async () => {
    localStorage.setItem(STORAGE_KEY, 'not json');
    const saved = storageEntries();
    forgetMemory();
    localStorage.clear();
    for (const [key, value] of saved) localStorage.setItem(key, value);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(restoreSavedRuns([...scenarios])).resolves.toBeUndefined();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('not json');
    expect(store().past).toEqual([]);
    expect(errorNotices().length).toBeGreaterThan(0);
  });
});

describe('storage full', () => {
  it('tells the trainee once, and the run goes on in memory', async () => {
    await reload();
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const lines = ['curl -i https://tunistocks.tn/dashboard', 'ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;'];
    expect(() => play(runOfLines(lines).inputs)).not.toThrow();
    expect(errorNotices()).toEqual([expect.stringMatching(/^Your runs could not be saved: the browser's storage is full\. This run is kept while the tab stays open; export it to keep it\.$/)]);
    expect(store().run!.inputs.map((i) => i.text)).toEqual(lines);
    expect(store().snapshot!.context.steps).toHaveLength(lines.length);
    expect(store().snapshot!.context.world.mode).toBe('mysql');

    // Once there is room again, the next input saves the whole run.
    setItem.mockRestore();
    store().submit({ channel: 'terminal', text: 'exit' });
    expect(saved().state.current!.inputs.map((i) => i.text)).toEqual([...lines, 'exit']);
    expect(errorNotices()).toHaveLength(1);
  });

  it('storage that refuses for another reason is named too', async () => {
    await reload();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    });
    play(runOfLines(['ssh db-master']).inputs);
    expect(errorNotices()).toEqual([expect.stringContaining('Your runs could not be saved')]);
    expect(store().run!.inputs).toHaveLength(1);
  });
});

describe('deleting a past run', () => {
  beforeEach(async () => {
    save({ current: null, past: [first, second, third] });
    await reload();
  });

  it('removes it, from memory and from storage', () => {
    store().deleteRun(second.id);
    expect(store().past.map((r) => r.id)).toEqual([first.id, third.id]);
    expect(saved().state.past.map((r) => r.id)).toEqual([first.id, third.id]);
  });

  it('undo puts it back at its place', () => {
    store().deleteRun(second.id);
    store().undoDelete();
    expect(store().past).toEqual([first, second, third]);
    expect(saved().state.past).toEqual([first, second, third]);
    expect(store().deleted).toBeNull();
  });

  it('undo of the first or the last run puts it back at the start or the end', () => {
    store().deleteRun(first.id);
    store().undoDelete();
    expect(store().past.map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    store().deleteRun(third.id);
    store().undoDelete();
    expect(store().past.map((r) => r.id)).toEqual([first.id, second.id, third.id]);
  });

  it('undo brings back only the last one deleted; undo twice does nothing more', () => {
    store().deleteRun(first.id);
    store().deleteRun(third.id);
    store().undoDelete();
    expect(store().past.map((r) => r.id)).toEqual([second.id, third.id]);
    store().undoDelete();
    expect(store().past.map((r) => r.id)).toEqual([second.id, third.id]);
  });

  it('deleting a run that is not there changes nothing', () => {
    store().deleteRun('no-such-run');
    expect(store().past).toEqual([first, second, third]);
    expect(store().deleted).toBeNull();
  });

  it('a deleted run stays deleted after a reload', async () => {
    store().deleteRun(second.id);
    await reload();
    expect(store().past.map((r) => r.id)).toEqual([first.id, third.id]);
  });
});

describe('unreadable data when storage is also full', () => {
  it('is never written over: saving stops and the trainee is told', async () => {
    localStorage.setItem(STORAGE_KEY, 'not json');
    const realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith('outage-drill:set-aside:')) throw new DOMException('full', 'QuotaExceededError');
      return realSetItem.call(this, key, value);
    };
    try {
      await restoreSavedRuns([...scenarios]);
      useDrillStore.getState().start('Amel');
      useDrillStore.getState().submit({ channel: 'terminal', text: 'ping -c 4 8.8.8.8' });
      expect(localStorage.getItem(STORAGE_KEY)).toBe('not json');
      expect(useDrillStore.getState().run?.inputs).toHaveLength(1);
      expect(useDrillStore.getState().notices.map((n) => n.text).join(' ')).toMatch(/could not be saved/);
    } finally {
      Storage.prototype.setItem = realSetItem;
    }
  });
});
