/**
 * Opening a run from outside the tab's memory (saved in the browser, a file, a link), with the
 * one migration the store adds to the run decoder's: a run made on an older version of a
 * scenario this app has is replayed on the version the app has. A run is its inputs, so
 * migrating it is replaying its inputs on the new version; the version it was made on is
 * kept as `migratedFrom`. It is never set aside for being old.
 *
 * How: the decoder replays a run only on a scenario of its exact id and version, so the
 * scenarios it is given include, for each older version the app does not ship, the newest
 * version under the old number (an alias). A run that replays on an alias is a migrated run.
 */
import type { Scenario } from '../scenario/schema';
import type { DecodeResult } from '../runs/decode';
import type { Run } from '../runs/format';
import type { Refusal } from './notices';

/** Older versions an alias is made for, at most, below a scenario's newest version. */
const MAX_ALIASED_VERSIONS = 1_000;

/** A run that opened, on the scenario it replays on (always one the app ships). */
export interface Restored {
  run: Run;
  scenario: Scenario;
  /** The scenario version the run was made on, when it was replayed on a newer one. */
  scenarioFrom?: number;
  /** The run-file format it was saved in, when it was older than this app's. */
  formatFrom?: number;
}

export type RestoreResult = ({ ok: true } & Restored) | { ok: false; refusal: Refusal };

/** What the decoder is given: the scenarios the app ships, plus aliases for older versions. */
export interface MigrationTargets {
  scenarios: readonly Scenario[];
  /** The scenario the app ships for each alias. */
  realOf: ReadonlyMap<Scenario, Scenario>;
}

export function migrationTargets(shipped: readonly Scenario[]): MigrationTargets {
  const newest = new Map<string, Scenario>();
  for (const s of shipped) {
    const known = newest.get(s.id);
    if (!known || s.version > known.version) newest.set(s.id, s);
  }
  const realOf = new Map<Scenario, Scenario>();
  for (const latest of newest.values()) {
    const versions = new Set(shipped.filter((s) => s.id === latest.id).map((s) => s.version));
    for (let version = latest.version - 1; version >= Math.max(1, latest.version - MAX_ALIASED_VERSIONS); version -= 1) {
      if (!versions.has(version)) realOf.set({ ...latest, version }, latest);
    }
  }
  return { scenarios: [...shipped, ...realOf.keys()], realOf };
}

/** A short, printable trace of an unexpected error (never its stack). */
function detailOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').slice(0, 120);
}

/** The decoder's answer, with an alias replaced by the scenario the app ships. */
export function settle(result: DecodeResult, targets: MigrationTargets): RestoreResult {
  if (!result.ok) return { ok: false, refusal: { code: 'run', problem: result.problem } };
  const real = targets.realOf.get(result.scenario);
  const formatFrom = result.migratedFrom !== undefined ? { formatFrom: result.migratedFrom } : {};
  if (!real) return { ok: true, run: result.run, scenario: result.scenario, ...formatFrom };
  const run = { ...result.run, scenario: { id: real.id, version: real.version } };
  return { ok: true, run, scenario: real, scenarioFrom: result.run.scenario.version, ...formatFrom };
}

/**
 * Decodes with the migration targets and never throws: an engine that fails or refuses a run
 * (a replay over its budget) gives a refusal the trainee is told about, and the app goes on.
 */
export function restoreRun(decode: (scenarios: readonly Scenario[]) => DecodeResult, targets: MigrationTargets): RestoreResult {
  try {
    return settle(decode(targets.scenarios), targets);
  } catch (error) {
    return { ok: false, refusal: { code: 'replay-failed', detail: detailOf(error) } };
  }
}

/** The same for a decoder that answers later (a file read, a link inflated, a replay in a worker). */
export async function restoreRunLater(decode: (scenarios: readonly Scenario[]) => Promise<DecodeResult>, targets: MigrationTargets): Promise<RestoreResult> {
  try {
    return settle(await decode(targets.scenarios), targets);
  } catch (error) {
    return { ok: false, refusal: { code: 'replay-failed', detail: detailOf(error) } };
  }
}
