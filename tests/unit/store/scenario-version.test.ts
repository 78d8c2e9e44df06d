/**
 * A new version of a scenario never sets a trainee's history aside. A run is its inputs, so a
 * run made on an older version is replayed on the version the app has, and the version it was
 * made on is recorded (`migratedFrom`). What cannot replay there is left as it was, and said.
 */
import { describe, expect, it } from 'vitest';
import { replayInputs } from '../../../src/engine/replay';
import { decodeRunText } from '../../../src/runs/decode';
import { drillInputs, encodeRun, type Run } from '../../../src/runs/format';
import { CURRENT_KEY, LEGACY_KEY, runKey } from '../../../src/store/layout';
import { migrationTargets } from '../../../src/runs/migrate';
import { restoreRun } from '../../../src/store/restore';
import { mysqlWipe, runOfLines } from '../runs/support';
import { Area, ids, kinds, legacyRecord, noticeTexts, openStore, record, reload, saveRuns } from './support';

const old = mysqlWipe.version;
/** The next version of the scenario, as the app would ship it after a bump. */
const next = { ...mysqlWipe, version: old + 1 };
/** A next version that changes the story: the clock starts so late that the drill soon ends. */
const shorter = { ...mysqlWipe, version: old + 1, clock: { ...mysqlWipe.clock, start: '10:38' } };

const onOld = runOfLines(['curl -i https://tunistocks.tn/dashboard', 'ssh db-master', 'mysql -u intern -p tunistocks'], { id: 'made-on-old', trainee: 'Lina' });
const finishedOnOld = runOfLines(mysqlWipe.referencePath, { id: 'finished-on-old' });

describe('saved runs made on an older version', () => {
  it('are listed and replay on the new version, with the version they were made on; storage is left as it was', () => {
    const area = new Area();
    saveRuns(area, [finishedOnOld]);
    const before = area.get(runKey(finishedOnOld.id));
    const store = openStore(area.tab(), { scenarios: [next] });
    const [run] = store.getState().past;
    expect(run).toEqual({ ...finishedOnOld, scenario: { id: mysqlWipe.id, version: next.version } });
    expect(store.getState().migratedFrom.get(finishedOnOld.id)).toBe(old);
    expect(area.get(runKey(finishedOnOld.id))).toBe(before);
    expect(kinds(store)).toEqual(['runs-migrated']);
    expect(noticeTexts(store)).toEqual([
      `1 saved run of “${mysqlWipe.title}” was made on version ${old} of the scenario and is now replayed on version ${next.version}, the one this app has. The inputs are unchanged; where they lead may differ.`,
    ]);
  });

  it('a run in progress resumes on the new version; once played on, it is saved on it, still saying where it came from', () => {
    const area = new Area();
    saveRuns(area, [onOld]);
    area.put(CURRENT_KEY, onOld.id);
    const tab = area.tab();
    let store = openStore(tab, { scenarios: [next] });
    expect(store.getState().run!.scenario.version).toBe(next.version);
    expect(store.getState().snapshot!.context.world).toEqual(replayInputs(next, drillInputs(onOld)).context.world);
    store.getState().submit({ channel: 'terminal', text: 'SELECT COUNT(*) FROM users;' });
    const saved = JSON.parse(area.get(runKey(onOld.id))!);
    expect(saved.run.scenario).toEqual({ id: mysqlWipe.id, version: next.version });
    expect(saved.migratedFrom).toEqual({ scenarioVersion: old });
    store = reload(store, tab, { scenarios: [next] });
    expect(store.getState().run!.inputs).toHaveLength(4);
    expect(store.getState().migratedFrom.get(onOld.id)).toBe(old);
    expect(kinds(store)).toEqual(['runs-migrated']);
  });

  it('in the version-1 record too: moved to their own keys as they were, and replayed on the new version', () => {
    const area = new Area();
    area.put(LEGACY_KEY, legacyRecord({ current: null, past: [finishedOnOld, onOld] }));
    const store = openStore(area.tab(), { scenarios: [next] });
    expect(ids(store.getState().past)).toEqual([finishedOnOld.id, onOld.id].sort());
    expect(area.get(LEGACY_KEY)).toBeNull();
    expect(JSON.parse(area.get(runKey(onOld.id))!)).toEqual({ version: 2, run: onOld, migratedFrom: { scenarioVersion: old } });
  });

  it('when the old version still ships, a run replays on the version it was made on', () => {
    const area = new Area();
    saveRuns(area, [finishedOnOld]);
    const store = openStore(area.tab(), { scenarios: [mysqlWipe, next] });
    expect(store.getState().past).toEqual([finishedOnOld]);
    expect(store.getState().migratedFrom.size).toBe(0);
    expect(store.getState().notices).toEqual([]);
  });

  it('one that goes on after the drill ends on the new version is left as it was, and said, with a copy to download', () => {
    const area = new Area();
    saveRuns(area, [onOld, finishedOnOld]);
    const raw = area.get(runKey(onOld.id));
    const store = openStore(area.tab(), { scenarios: [shorter] });
    expect(area.get(runKey(onOld.id))).toBe(raw);
    expect(store.getState().notices.find((n) => n.kind === 'record-unusable' && n.key === runKey(onOld.id))).toMatchObject({ raw });
    expect(noticeTexts(store).join('\n')).toContain('A saved run could not be opened (This run cannot be replayed: it goes on for');
  });

  it('a run made on a newer version than the app has is not replayed on an older one: left as it was', () => {
    const area = new Area();
    const fromTheFuture: Run = { ...onOld, scenario: { id: mysqlWipe.id, version: next.version + 1 } };
    saveRuns(area, [fromTheFuture]);
    const store = openStore(area.tab(), { scenarios: [next] });
    expect(store.getState().past).toEqual([]);
    expect(noticeTexts(store)[0]).toContain(`This run was made on version ${next.version + 1}`);
    expect(area.get(runKey(onOld.id))).toBe(record(fromTheFuture));
  });
});

describe('migration targets', () => {
  it('alias each older version the app does not ship, never one it ships', () => {
    const v4 = { ...mysqlWipe, version: 4 };
    const v2 = { ...mysqlWipe, version: 2 };
    const targets = migrationTargets([v2, v4]);
    expect(targets.scenarios.map((s) => s.version).sort()).toEqual([1, 2, 3, 4]);
    expect([...targets.realOf.values()].every((s) => s === v4)).toBe(true);
  });

  it('a run file made on an older version opens on the new one, saying which version it was made on', () => {
    const targets = migrationTargets([next]);
    const result = restoreRun((s) => decodeRunText(encodeRun(finishedOnOld), s), targets);
    expect(result).toMatchObject({ ok: true, scenario: next, scenarioFrom: old, run: { scenario: { version: next.version } } });
  });
});
