/**
 * Runs a mentor received: opened from a file, several files, a dropped folder or a link, and
 * kept in their own list beside the mentor's own runs. Each is saved under its own key,
 *
 *   outage-drill:received:<key>   {"version": 2, "run": <a run file>, "migratedFrom"?: …}
 *
 * in the same record format as the mentor's own runs, with the same guarantees: every record is
 * decoded and validated when read (and replayed when scored or opened, not at load: a cohort
 * can be hundreds of runs); one that cannot be used is never written over or removed (it
 * is reported, and stays byte for byte); a write the browser refuses keeps the run in memory and
 * says so. The same run received twice is kept once: a copy that goes further replaces it, a
 * copy that differs is kept beside it.
 */
import type { StateCreator } from 'zustand';
import type { Run } from '../runs/format';
import { continues } from './persistence';
import { readRunRecord, writeFailure, writeRunRecord } from './layout';
import type { Notice, UnusableReason, WriteCause } from './notices';
import { restoreRun } from './restore';
import { decodeRunData } from '../runs/decode';
import type { DrillDeps, DrillState } from './drill';
import type { Scenario } from '../scenario/schema';
import { migrationTargets } from '../runs/migrate';

export const RECEIVED_KEY_PREFIX = 'outage-drill:received:';

export const isReceivedKey = (key: string): boolean => key.startsWith(RECEIVED_KEY_PREFIX);

/** A received run: where it is kept, the run, and the scenario version it was made on when it replays on a newer one. */
export interface ReceivedRun {
  key: string;
  run: Run;
  scenarioFrom?: number;
}

type UnusableRecord = Extract<Notice, { kind: 'record-unusable' }>;

export interface ReceivedStorage {
  load: () => { runs: ReceivedRun[]; unusable: UnusableRecord[] };
  /** Keeps a run; `key` says where (a new one is chosen by `placeFor`). */
  save: (entry: ReceivedRun) => { ok: true } | { ok: false; cause: WriteCause };
  remove: (key: string) => { ok: true } | { ok: false; cause: WriteCause };
  /** Another tab changed a key: the run now there, null when it was removed or cannot be used, or 'ignored'. */
  receive: (key: string) => { kind: 'saved'; entry: ReceivedRun } | { kind: 'removed' } | { kind: 'unusable'; notice: UnusableRecord } | { kind: 'ignored' };
}

export function createReceivedStorage(storage: Storage | null, scenarios: readonly Scenario[]): ReceivedStorage {
  const targets = migrationTargets(scenarios);
  /** Keys holding a record that cannot be used: never written. */
  const untouchable = new Set<string>();
  const known = new Map<string, string | null>();
  const get = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const unusable = (key: string, reason: UnusableReason, raw: string): UnusableRecord => ({ kind: 'record-unusable', key, reason, raw, runCount: 1 });
  const read = (key: string, raw: string): { ok: true; entry: ReceivedRun } | { ok: false; notice: UnusableRecord } => {
    const record = readRunRecord(raw);
    if (!record.ok) return { ok: false, notice: unusable(key, record.reason, raw) };
    // Checked, not replayed: a cohort of hundreds is replayed where it is scored, in a worker.
    const restored = restoreRun((s) => decodeRunData(record.data, s, { replay: false }), targets);
    if (!restored.ok) return { ok: false, notice: unusable(key, { code: 'refused', refusal: restored.refusal }, raw) };
    const scenarioFrom = record.migratedFrom ?? restored.scenarioFrom;
    return { ok: true, entry: { key, run: restored.run, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) } };
  };
  return {
    load: () => {
      const runs: ReceivedRun[] = [];
      const found: UnusableRecord[] = [];
      if (!storage) return { runs, unusable: found };
      let keys: string[];
      try {
        keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null && isReceivedKey(k));
      } catch {
        return { runs, unusable: found };
      }
      for (const key of keys.sort()) {
        const raw = get(key);
        if (raw === null) continue;
        known.set(key, raw);
        const got = read(key, raw);
        if (got.ok) runs.push(got.entry);
        else {
          untouchable.add(key);
          found.push(got.notice);
        }
      }
      return { runs, unusable: found };
    },
    save: ({ key, run, scenarioFrom }) => {
      if (!storage || untouchable.has(key)) return { ok: true };
      const text = writeRunRecord(run, scenarioFrom);
      try {
        storage.setItem(key, text);
      } catch (error) {
        return { ok: false, cause: writeFailure(error) };
      }
      known.set(key, text);
      return { ok: true };
    },
    remove: (key) => {
      if (!storage || untouchable.has(key)) return { ok: true };
      try {
        storage.removeItem(key);
      } catch (error) {
        return { ok: false, cause: writeFailure(error) };
      }
      known.set(key, null);
      return { ok: true };
    },
    receive: (key) => {
      if (!storage || !isReceivedKey(key)) return { kind: 'ignored' };
      const raw = get(key);
      if (raw === (known.get(key) ?? null)) return { kind: 'ignored' };
      known.set(key, raw);
      if (raw === null) {
        untouchable.delete(key);
        return { kind: 'removed' };
      }
      const got = read(key, raw);
      if (!got.ok) {
        untouchable.add(key);
        return { kind: 'unusable', notice: got.notice };
      }
      untouchable.delete(key);
      return { kind: 'saved', entry: got.entry };
    },
  };
}

const sameInputs = (a: Run, b: Run) => continues(a, b) && a.inputs.length === b.inputs.length;

/**
 * Where a received run goes in the list: `same` when the list holds it already (nothing to do),
 * the key of a copy it goes further than (replaced), or a new key (`<run id>`, then `<run id>~2`…).
 */
export function placeFor(list: readonly ReceivedRun[], run: Run): { same: true; key: string } | { same: false; key: string } {
  const copies = list.filter((e) => e.run.id === run.id);
  const same = copies.find((e) => sameInputs(e.run, run) && e.run.trainee === run.trainee);
  // The same run: kept as it is, unless this copy carries a newer review (a mentor's comments are never replaced by an older file).
  if (same) return { same: !newerReview(run, same.run), key: same.key };
  const shorter = copies.find((e) => continues(run, e.run) && e.run.trainee === run.trainee);
  if (shorter) return { same: false, key: shorter.key };
  const taken = new Set(list.map((e) => e.key));
  const base = `${RECEIVED_KEY_PREFIX}${run.id}`;
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}~${n}`;
  return { same: false, key };
}

/** Whether `run` carries a review newer than the one `than` carries (or than none). */
export function newerReview(run: Run, than: Run): boolean {
  if (!run.review) return false;
  return !than.review || run.review.reviewedAt > than.review.reviewedAt;
}

/** Newest first: by when the run started, then by key. */
export function byNewest(a: ReceivedRun, b: ReceivedRun): number {
  return a.run.startedAt > b.run.startedAt ? -1 : a.run.startedAt < b.run.startedAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export interface ReceivedSlice {
  /** Runs received from others, newest first. */
  received: ReceivedRun[];
  /** The last received run removed, until undone or another is removed. */
  receivedRemoved: ReceivedRun | null;
  /** Keeps a run opened from a file or a link (once: the same run again changes nothing). Returns where it is kept. */
  keepReceived: (run: Run, scenarioFrom?: number) => ReceivedRun;
  /** Replaces the run kept under `key` (its review changed). */
  updateReceived: (key: string, run: Run) => void;
  removeReceived: (key: string) => void;
  undoRemoveReceived: () => void;
  /** Another tab changed a received run's key. */
  receiveReceived: (key: string) => void;
}

export function createReceivedSlice(deps: DrillDeps & { received: ReceivedStorage }): StateCreator<DrillState, [], [], ReceivedSlice> {
  return (set, get) => {
    const save = (entry: ReceivedRun) => {
      const outcome = deps.received.save(entry);
      if (!outcome.ok) get().notify({ kind: 'save-failed', cause: outcome.cause, runId: entry.run.id });
    };
    return {
      received: [],
      receivedRemoved: null,
      keepReceived: (run, scenarioFrom) => {
        const list = get().received;
        const place = placeFor(list, run);
        if (place.same) return list.find((e) => e.key === place.key)!;
        const entry: ReceivedRun = { key: place.key, run, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) };
        save(entry);
        set({ received: [...list.filter((e) => e.key !== entry.key), entry].sort(byNewest) });
        return entry;
      },
      updateReceived: (key, run) => {
        const list = get().received;
        const old = list.find((e) => e.key === key);
        if (!old) return;
        const entry: ReceivedRun = { ...old, run };
        save(entry);
        set({ received: list.map((e) => (e.key === key ? entry : e)) });
      },
      removeReceived: (key) => {
        const { received, notify } = get();
        const entry = received.find((e) => e.key === key);
        if (!entry) return;
        const removed = deps.received.remove(key);
        if (!removed.ok) notify({ kind: 'delete-failed', cause: removed.cause, runId: entry.run.id });
        set({ received: received.filter((e) => e.key !== key), receivedRemoved: entry });
      },
      undoRemoveReceived: () => {
        const { receivedRemoved, received } = get();
        if (!receivedRemoved) return;
        set({ receivedRemoved: null });
        if (received.some((e) => e.key === receivedRemoved.key)) return; // back already (another tab)
        save(receivedRemoved);
        set({ received: [...received, receivedRemoved].sort(byNewest) });
      },
      receiveReceived: (key) => {
        const got = deps.received.receive(key);
        const { received, notify } = get();
        if (got.kind === 'ignored') return;
        const others = received.filter((e) => e.key !== key);
        if (got.kind === 'unusable') notify(got.notice);
        set({ received: got.kind === 'saved' ? [...others, got.entry].sort(byNewest) : others });
      },
    };
  };
}
