/**
 * The CLI's words for a score: the table's cells (clock times with the signed difference from the
 * team, as `08:43:20 (−6 min 40 s)`) and, for `--json`, the score's sentences. The CLI is read by
 * authors and mentors, so its sentences speak of the trainee in the third person, by the run's
 * name (`src/scoring/words/mentor.ts`); they are not isolated with invisible marks, since every
 * line the CLI prints is made printable instead (`printable.ts`).
 */
import type { Scenario } from '../scenario/schema';
import type { Milestone, MilestoneKind, Score } from '../scoring/score';
import { clockLabel, signedMinutes } from '../scoring/text';
import { mentorWords } from '../scoring/words/mentor';

/** `08:43:20 (−6 min 40 s)`, `08:52 (0)`, `—` when not done. */
export function milestoneCell(m: Milestone): string {
  if (m.at === null) return '—';
  return m.deltaMinutes === null ? clockLabel(m.at) : `${clockLabel(m.at)} (${signedMinutes(m.deltaMinutes)})`;
}

/** `0`, or `2 (worst: critical)`. */
export function violationsCell(score: Score): string {
  const count = score.safety.violations.length;
  return count === 0 ? '0' : `${count} (worst: ${score.safety.worst})`;
}

/** The scenario version a run was scored on, and the one it was made on if that was older. */
export function versionCell(run: { scenario: { version: number }; migratedFrom: number | null }): string {
  return run.migratedFrom === null ? String(run.scenario.version) : `${run.scenario.version} (migrated from ${run.migratedFrom})`;
}

/** The sentences `drill score --json` prints beside the data: one per deduction, in order, and the score's summary. */
export interface JsonWords {
  headline: string;
  grade: string;
  outcome: string;
  milestones: Record<MilestoneKind, string>;
  userImpact: string;
  communication: string;
  safety: string;
  deductions: string[];
}

export function jsonWords(score: Score, scenario: Scenario, trainee: string | null): JsonWords {
  const w = mentorWords(score, scenario, trainee, { isolate: false });
  return {
    headline: w.headline,
    grade: w.grade,
    outcome: w.outcome,
    milestones: {
      'root-cause': w.milestone(score.timeToRootCause),
      mitigation: w.milestone(score.timeToMitigation),
      'verified-recovery': w.milestone(score.timeToVerifiedRecovery),
    },
    userImpact: w.userImpact,
    communication: w.communication,
    safety: w.safety,
    deductions: score.points.deductions.map(w.deduction),
  };
}
