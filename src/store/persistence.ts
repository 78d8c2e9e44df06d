/**
 * The runs a store keeps in the browser: read back (each one decoded and replayed as if
 * imported), saved one key per run, deleted, and watched for changes made by other tabs.
 *
 * Never loses a run:
 * - a record that cannot be used is never written over or moved: it stays where it is;
 * - a run is written only under its own key, so another tab's runs are never touched;
 * - a run changed by another tab in a way this tab's copy does not continue is not written
 *   over: the caller saves this tab's copy as a run of its own (`conflict`);
 * - a write the browser refuses (storage full) leaves the run in memory, retried at the next save.
 */
import type { Scenario } from '../scenario/schema';
import { decodeRunData } from '../runs/decode';
import type { Run } from '../runs/format';
import {
  CURRENT_KEY,
  LEGACY_KEY,
  RUN_KEY_PREFIX,
  claimedId,
  parseStored,
  readBundle,
  readRunRecord,
  roleOf,
  runKey,
  withoutEntries,
  writeFailure,
  writeRunRecord,
  type BundleRead,
} from './layout';
import type { Notice, UnusableReason, WriteCause } from './notices';
import { migrationTargets } from '../runs/migrate';
import { restoreRun, type Restored } from './restore';

export type UnusableRecord = Extract<Notice, { kind: 'record-unusable' }>;

/** A run read back, and the key it lives under (its own, or a version-1 record it could not yet leave). */
export type SavedRun = Restored & { home: string };

export interface Loaded {
  runs: SavedRun[];
  /** The run this tab was playing (or, in a new tab, the one played last), if any. */
  currentId: string | null;
  unusable: UnusableRecord[];
  /** False when the browser gives no storage at all. */
  available: boolean;
}

export type SaveOutcome =
  | { ok: true; unsaved: number }
  | { ok: false; cause: WriteCause; unsaved: number }
  /** Another tab changed this run in a way this copy does not continue, or its key holds a record that cannot be used. */
  | { ok: 'conflict'; with: 'other-tab' | 'unusable-record' };

export type Received = { kind: 'saved'; run: SavedRun } | { kind: 'removed'; runId: string } | { kind: 'unusable'; runId: string; notice: UnusableRecord } | { kind: 'ignored' };

export interface RunStorage {
  load: () => Loaded;
  /** Saves a run under its own key, then retries runs that could not be saved before. */
  save: (run: Run, scenarioFrom?: number) => SaveOutcome;
  remove: (runId: string) => { ok: true } | { ok: false; cause: WriteCause };
  /** Remembers which run is in progress, for this tab and for the next tab opened (the run played last). */
  setCurrent: (runId: string | null) => void;
  /** Reads a key another tab changed. */
  receive: (key: string) => Received;
}

export interface RunStorageInputs {
  /** The browser's local storage; null when the browser gives none. */
  storage: Storage | null;
  /** This tab's session storage: which run this tab is playing survives a reload of this tab. */
  tabStorage?: Storage | null;
  scenarios: readonly Scenario[];
}

type InputLike = { channel?: unknown; text?: unknown; at?: unknown };

/** True when `data` is a run whose inputs are the first inputs of `run`: `run` is the same run, gone as far or further. */
export function continues(run: Pick<Run, 'inputs'>, data: unknown): boolean {
  const inputs = (data as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs) || inputs.length > run.inputs.length) return false;
  return inputs.every((input: InputLike, i) => {
    const mine = run.inputs[i]!;
    return input?.channel === mine.channel && input.text === mine.text && input.at === mine.at;
  });
}

function safeStringify(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

export function createRunStorage({ storage, tabStorage = null, scenarios }: RunStorageInputs): RunStorage {
  const targets = migrationTargets(scenarios);
  /** The text this store last read or wrote under each run key: a difference means another tab wrote. */
  const known = new Map<string, string | null>();
  /** The text this store itself last wrote under each run key: anything else there is checked before it is written over. */
  const mine = new Map<string, string>();
  /** Keys holding a record that cannot be used: never written. */
  const untouchable = new Set<string>();
  /** Where each run lives. */
  const homes = new Map<string, string>();
  /** The run in progress in the version-1 record, if any (read once, at load). */
  let legacyCurrent: string | undefined;
  /** Runs that still have a copy in a version-1 record, and that copy. */
  const bundled = new Map<string, { key: string; entry: unknown }>();
  /** Runs the browser refused to store, newest copy of each. */
  const unsaved = new Map<string, { run: Run; scenarioFrom: number | undefined }>();

  const get = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };

  const restore = (data: unknown) => restoreRun((s) => decodeRunData(data, s), targets);

  /** A version-1 record, or what version 1 set aside (which may be a single run: then a record of one). */
  const bundleOf = (key: string, data: unknown): BundleRead => {
    const read = readBundle(data);
    if (read.ok || key === LEGACY_KEY || claimedId(data) === undefined) return read;
    return { ok: true, bundle: { record: { state: { past: [data], current: null }, version: 1 }, entries: [data] } };
  };

  /**
   * Takes runs out of a version-1 record once they are saved under their own keys: the record is
   * read again (another tab may have changed it), rewritten smaller, or removed when empty.
   */
  const takeOut = (key: string, entries: ReadonlySet<unknown>): { ok: true } | { ok: false; cause: WriteCause } => {
    if (!storage) return { ok: true };
    const gone = new Set([...entries].map(safeStringify));
    const forget = () => {
      for (const [id, place] of bundled) if (place.key === key && gone.has(safeStringify(place.entry))) bundled.delete(id);
    };
    const raw = get(key);
    const parsed = raw === null ? null : parseStored(raw);
    const read = parsed?.ok ? bundleOf(key, parsed.data) : null;
    if (!read?.ok) {
      forget(); // gone already, or no longer a record runs can be read from
      return { ok: true };
    }
    let next: ReturnType<typeof withoutEntries>;
    try {
      next = withoutEntries(read.bundle, new Set(read.bundle.entries.filter((entry) => gone.has(safeStringify(entry)))));
      if (next.text === null) storage.removeItem(key);
      else storage.setItem(key, next.text);
    } catch (error) {
      return { ok: false, cause: error instanceof RangeError ? 'refused' : writeFailure(error) };
    }
    forget();
    return { ok: true };
  };

  const write = (run: Run, scenarioFrom: number | undefined): SaveOutcome => {
    if (!storage) return { ok: true, unsaved: 0 };
    const key = runKey(run.id);
    if (untouchable.has(key)) return { ok: 'conflict', with: 'unusable-record' };
    const stored = get(key);
    // Written over only if this store wrote it, or this run goes on from it: never a copy with inputs this one lacks.
    if (stored !== null && stored !== mine.get(key)) {
      const record = readRunRecord(stored);
      if (!record.ok || !continues(run, record.data)) return { ok: 'conflict', with: 'other-tab' };
    }
    const text = writeRunRecord(run, scenarioFrom);
    try {
      storage.setItem(key, text);
    } catch (error) {
      unsaved.set(run.id, { run, scenarioFrom });
      return { ok: false, cause: writeFailure(error), unsaved: unsaved.size };
    }
    known.set(key, text);
    mine.set(key, text);
    unsaved.delete(run.id);
    const place = bundled.get(run.id);
    // Saved under its own key: the copy in the version-1 record can go (if that fails, the newer copy wins on reading).
    if (place) takeOut(place.key, new Set([place.entry]));
    homes.set(run.id, key);
    return { ok: true, unsaved: unsaved.size };
  };

  const unusable = (key: string, reason: UnusableReason, raw: string, runCount = 1): UnusableRecord => ({ kind: 'record-unusable', key, reason, raw, runCount });

  /** A run record's text, read and replayed: the run, or why it cannot be used. */
  const readRun = (key: string, raw: string): { ok: true; run: SavedRun; data: unknown } | { ok: false; notice: UnusableRecord } => {
    const record = readRunRecord(raw);
    if (!record.ok) return { ok: false, notice: unusable(key, record.reason, raw) };
    const result = restore(record.data);
    if (!result.ok) return { ok: false, notice: unusable(key, { code: 'refused', refusal: result.refusal }, raw) };
    const { ok: _, ...restored } = result;
    const scenarioFrom = record.migratedFrom ?? restored.scenarioFrom;
    return { ok: true, run: { ...restored, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}), home: key }, data: record.data };
  };

  /** Reads a version-1 record (or what version 1 set aside) into `bundles`; its runs that open, and a notice for those that do not. */
  const readOld = (key: string, raw: string): { runs: { entry: unknown; restored: Restored }[]; notice?: UnusableRecord } => {
    const legacy = key === LEGACY_KEY;
    const parsed = parseStored(raw);
    if (!parsed.ok) return legacy ? { runs: [], notice: unusable(key, parsed.reason, raw) } : { runs: [] };
    const read = bundleOf(key, parsed.data);
    // What version 1 set aside was reported then; a version-1 record is reported now. Either way, it is left as it is.
    if (!read.ok) return legacy ? { runs: [], notice: unusable(key, read.reason, raw) } : { runs: [] };
    if (legacy) legacyCurrent = claimedId((read.bundle.record.state as { current?: unknown }).current);
    const runs: { entry: unknown; restored: Restored }[] = [];
    const refused: { entry: unknown; reason: UnusableReason }[] = [];
    for (const entry of read.bundle.entries) {
      const result = restore(entry);
      if (result.ok) {
        const { ok: _, ...restored } = result;
        runs.push({ entry, restored });
      } else refused.push({ entry, reason: { code: 'refused', refusal: result.refusal } });
    }
    if (!legacy || refused.length === 0) return { runs };
    return { runs, notice: unusable(key, refused[0]!.reason, safeStringify(refused.map((r) => r.entry)) ?? raw, refused.length) };
  };

  const load = (): Loaded => {
    let pointer: string | null = null;
    try {
      pointer = tabStorage?.getItem(CURRENT_KEY) ?? null;
    } catch {
      // no session storage: the shared pointer below
    }
    if (!storage) return { runs: [], currentId: pointer, unusable: [], available: false };
    let keys: string[];
    try {
      keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null && roleOf(k) !== 'other');
    } catch {
      return { runs: [], currentId: pointer, unusable: [], available: false };
    }
    const own = new Map<string, SavedRun>();
    const ownData = new Map<string, unknown>();
    const found: UnusableRecord[] = [];

    for (const key of keys.filter((k) => roleOf(k) === 'run').sort()) {
      const raw = get(key);
      if (raw === null) continue;
      known.set(key, raw);
      const read = readRun(key, raw);
      if (!read.ok) {
        untouchable.add(key);
        found.push(read.notice);
      } else if (!own.has(read.run.run.id)) {
        // (the same id under two keys: the first is kept, the other left as it is)
        own.set(read.run.run.id, read.run);
        ownData.set(read.run.run.id, read.data);
        homes.set(read.run.run.id, key);
      }
    }

    // Version-1 records: the one every run used to be saved in first, then what version 1 set aside.
    const old = keys.filter((k) => roleOf(k) === 'bundle' || roleOf(k) === 'set-aside');
    old.sort((a, b) => (a === LEGACY_KEY ? -1 : b === LEGACY_KEY ? 1 : a.localeCompare(b, 'en', { numeric: true })));
    const waiting: { key: string; entry: unknown; restored: Restored }[] = [];
    for (const key of old) {
      const raw = get(key);
      if (raw === null) continue;
      const { runs, notice } = readOld(key, raw);
      if (notice) found.push(notice);
      for (const run of runs) waiting.push({ key, ...run });
    }

    // Each of their runs moves to its own key. When there is no room for the next one, the old
    // records are first rewritten without the runs already moved: so moving needs room for one run, not for all.
    const leaving = new Map<string, Set<unknown>>();
    const leave = (key: string, entry: unknown) => leaving.set(key, (leaving.get(key) ?? new Set()).add(entry));
    const shrink = () => {
      for (const [key, entries] of leaving) takeOut(key, entries);
      leaving.clear();
    };
    const move = (id: string, record: string): boolean => {
      try {
        storage.setItem(runKey(id), record);
        known.set(runKey(id), record);
        mine.set(runKey(id), record);
        return true;
      } catch {
        return false;
      }
    };
    let full = false;
    for (const { key, entry, restored } of waiting) {
      const { id } = restored.run;
      if (own.has(id)) {
        // Moved already by a load that stopped half-way: the same run, so the old copy can go. A different one is left as it is.
        if (ownData.has(id) && safeStringify(ownData.get(id)) === safeStringify(entry)) leave(key, entry);
        continue;
      }
      bundled.set(id, { key, entry });
      let home = key;
      if (!full) {
        const record = writeRunRecord(entry, restored.scenarioFrom);
        let moved = move(id, record);
        if (!moved && leaving.size > 0) {
          shrink();
          moved = move(id, record);
        }
        if (moved) {
          home = runKey(id);
          leave(key, entry);
        } else full = true;
      }
      own.set(id, { ...restored, home });
      ownData.set(id, entry);
      homes.set(id, home);
    }
    // If an old record cannot be rewritten, its runs have two copies for now; deleting one removes both.
    shrink();

    const currentId = pointer ?? get(CURRENT_KEY) ?? legacyCurrent ?? null;
    // Runs started but never played (no input) belong to no one once their tab is gone.
    for (const saved of [...own.values()]) {
      const { id } = saved.run;
      if (saved.run.inputs.length > 0 || id === currentId || saved.home !== runKey(id) || bundled.has(id)) continue;
      try {
        storage.removeItem(saved.home);
        known.set(saved.home, null);
        own.delete(id);
        homes.delete(id);
      } catch {
        // kept
      }
    }
    return { runs: [...own.values()], currentId, unusable: found, available: true };
  };

  return {
    load,
    save: (run, scenarioFrom) => {
      const outcome = write(run, scenarioFrom);
      if (outcome.ok !== true) return outcome;
      for (const [id, waitingRun] of [...unsaved]) {
        if (id === run.id) continue;
        const retried = write(waitingRun.run, waitingRun.scenarioFrom);
        if (retried.ok === false) break;
        if (retried.ok === 'conflict') unsaved.delete(id); // another tab has a newer copy of it
      }
      return { ok: true, unsaved: unsaved.size };
    },
    remove: (runId) => {
      unsaved.delete(runId);
      if (!storage) return { ok: true };
      const home = homes.get(runId);
      if (home?.startsWith(RUN_KEY_PREFIX)) {
        try {
          storage.removeItem(home);
        } catch (error) {
          return { ok: false, cause: writeFailure(error) };
        }
        known.set(home, null);
        homes.delete(runId);
      }
      // A copy still in a version-1 record goes too, or the run would be back after a reload.
      const place = bundled.get(runId);
      if (!place) return { ok: true };
      const result = takeOut(place.key, new Set([place.entry]));
      if (result.ok) homes.delete(runId);
      return result;
    },
    setCurrent: (runId) => {
      for (const area of [tabStorage, storage]) {
        try {
          if (runId === null) area?.removeItem(CURRENT_KEY);
          else if (area && area.getItem(CURRENT_KEY) !== runId) area.setItem(CURRENT_KEY, runId);
        } catch {
          // Only a convenience for the next load: the run itself is saved under its own key.
        }
      }
    },
    receive: (key) => {
      if (!storage || roleOf(key) !== 'run') return { kind: 'ignored' };
      const raw = get(key);
      if (raw === (known.get(key) ?? null)) return { kind: 'ignored' };
      known.set(key, raw);
      const idOfKey = key.slice(RUN_KEY_PREFIX.length);
      if (raw === null) {
        untouchable.delete(key);
        if (homes.get(idOfKey) === key) homes.delete(idOfKey);
        return { kind: 'removed', runId: idOfKey };
      }
      const read = readRun(key, raw);
      if (!read.ok) {
        untouchable.add(key);
        return { kind: 'unusable', runId: idOfKey, notice: read.notice };
      }
      untouchable.delete(key);
      homes.set(read.run.run.id, key);
      return { kind: 'saved', run: read.run };
    },
  };
}
