/**
 * Opening a run from outside the tab's memory (saved in the browser, a file, a link): decoded
 * with the migration of older scenario versions (`src/runs/migrate.ts`), and never throwing.
 */
import type { Scenario } from '../scenario/schema';
import type { DecodeResult } from '../runs/decode';
import { settleMigration, type MigrationTargets, type OpenedRun } from '../runs/migrate';
import type { Refusal } from './notices';

/** A run that opened, on the scenario it replays on (always one the app ships). */
export type Restored = OpenedRun;

export type RestoreResult = ({ ok: true } & Restored) | { ok: false; refusal: Refusal };

/** A short, printable trace of an unexpected error (never its stack). */
export function errorDetail(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').slice(0, 120);
}

/** The decoder's answer, with an alias replaced by the scenario the app ships. */
export function settle(result: DecodeResult, targets: MigrationTargets): RestoreResult {
  const settled = settleMigration(result, targets);
  return settled.ok ? settled : { ok: false, refusal: { code: 'run', problem: settled.problem } };
}

/**
 * Decodes with the migration targets and never throws: an engine that fails or refuses a run
 * (a replay over its budget) gives a refusal the trainee is told about, and the app goes on.
 */
export function restoreRun(decode: (scenarios: readonly Scenario[]) => DecodeResult, targets: MigrationTargets): RestoreResult {
  try {
    return settle(decode(targets.scenarios), targets);
  } catch (error) {
    return { ok: false, refusal: { code: 'replay-failed', detail: errorDetail(error) } };
  }
}
