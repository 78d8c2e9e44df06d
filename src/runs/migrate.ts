/**
 * Runs made on an older version of a scenario: a run is its inputs, so migrating it is replaying
 * its inputs on the version that is shipped now, and remembering the version it was made on
 * (`scenarioFrom`). A run is never refused for being old. The app (saved runs, files, links) and
 * `drill score` migrate with this one piece of code.
 *
 * How: the decoder replays a run only on a scenario of its exact id and version, so the
 * scenarios it is given include, for each older version that is not shipped, the newest version
 * under the old number (an alias). A run that replays on an alias is a migrated run.
 */
import type { Scenario } from '../scenario/schema';
import type { DecodeResult, RunProblem } from './decode';
import type { Run } from './format';

/** Older versions an alias is made for, at most, below a scenario's newest version. */
const MAX_ALIASED_VERSIONS = 1_000;

/** What the decoder is given: the scenarios that are shipped, plus aliases for older versions. */
export interface MigrationTargets {
  scenarios: readonly Scenario[];
  /** The shipped scenario each alias stands for. */
  realOf: ReadonlyMap<Scenario, Scenario>;
}

/** The scenarios to decode against so that runs of older versions replay on the newest shipped one. */
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

/** A run that opened, on the scenario it replays on (always a shipped one). */
export interface OpenedRun {
  run: Run;
  scenario: Scenario;
  /** The scenario version the run was made on, when it was replayed on a newer one. */
  scenarioFrom?: number;
  /** The run-file format it was saved in, when it was older than the current one. */
  formatFrom?: number;
}

export type MigratedRun = ({ ok: true } & OpenedRun) | { ok: false; problem: RunProblem };

/**
 * The decoder's answer (given `targets.scenarios`), with an alias replaced by the shipped
 * scenario it stands for: the run then names the shipped version, and `scenarioFrom` the old one.
 */
export function settleMigration(result: DecodeResult, targets: MigrationTargets): MigratedRun {
  if (!result.ok) return result;
  const real = targets.realOf.get(result.scenario);
  const formatFrom = result.migratedFrom !== undefined ? { formatFrom: result.migratedFrom } : {};
  if (!real) return { ok: true, run: result.run, scenario: result.scenario, ...formatFrom };
  const run = { ...result.run, scenario: { id: real.id, version: real.version } };
  return { ok: true, run, scenario: real, scenarioFrom: result.run.scenario.version, ...formatFrom };
}
