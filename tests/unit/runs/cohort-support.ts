import type { Score } from '../../../src/scoring/score';

/** The fields of a cohort row, read straight off a score. */
export function scoresLikeRow(score: Score) {
  return {
    outcome: score.outcome,
    points: score.points.total,
    grade: score.grade,
    rootCause: score.timeToRootCause.seconds,
    restore: score.timeToMitigation.seconds,
    redHerrings: score.redHerrings.steps.length,
    rulesBroken: score.safety.violations.length,
    hints: score.hints.length,
    toldAt: score.communication.at,
  };
}
