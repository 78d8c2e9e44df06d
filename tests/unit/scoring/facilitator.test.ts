// @vitest-environment node
/**
 * The facilitator's steps are never scored against the trainee: a run with notes, prompts,
 * pauses, refused commands and quiet injects scores as the same run without them; a hint the
 * facilitator reveals costs like one the trainee asked for; an inject's response costs its points
 * only when the trainee did not respond in time. Replay with them stays deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrillInput } from '../../../src/engine/replay';
import { replayInputs } from '../../../src/engine/replay';
import { scoreRun, type Score } from '../../../src/scoring/score';
import { inputs, mysqlWipe } from './support';

const reference = inputs(mysqlWipe.referencePath);
const f = (text: string): DrillInput => ({ channel: 'facilitator', text });
/** Commands that leave the trainee's world as it was (a quiet inject only prints). */
const QUIET = ['note the room suggests checking the database', 'prompt blast-radius', 'prompt next-check', 'prompt nope', 'dance', 'resume', 'inject nope', 'inject beta-user-email', 'inject replica-disk-warning', 'inject replica-lag-alert', 'hint 9'];

/** What a score says about the trainee, without step indices (which the facilitator's steps shift). */
function traineeView(s: Score) {
  return {
    total: s.points.total,
    byCategory: s.points.byCategory,
    grade: s.grade,
    outcome: s.outcome,
    steps: s.steps,
    times: [s.timeToRootCause.at, s.timeToMitigation.at, s.timeToVerifiedRecovery.at, s.communication.at],
    redHerrings: s.redHerrings.steps.map((h) => [h.input, h.at]),
    safety: s.safety.violations.map((v) => [v.rule, v.at]),
    critical: s.criticalSteps.map((c) => [c.id, c.done, c.points]),
    extras: s.alignment.extras.map((e) => [e.input, e.why]),
    events: s.alignment.events.map((e) => [e.eventId, e.status, e.traineeAt]),
  };
}

/** `commands[i]` is put in before reference input `at[i]` (pause is always followed by resume). */
function interleave(base: readonly DrillInput[], commands: readonly { at: number; text: string }[]): DrillInput[] {
  const out = [...base];
  [...commands].sort((a, b) => b.at - a.at).forEach(({ at, text }) => out.splice(Math.min(at, out.length - 1), 0, ...(text === 'pause' ? [f('pause'), f('resume')] : [f(text)])));
  return out;
}

describe('facilitator steps are not the trainee’s', () => {
  const base = scoreRun(mysqlWipe, reference);

  it('any interleaving of quiet commands into the reference path scores as the path alone', () => {
    const command = fc.record({ at: fc.nat({ max: reference.length - 1 }), text: fc.constantFrom(...QUIET, 'pause') });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 8 }), (commands) => {
        const score = scoreRun(mysqlWipe, interleave(reference, commands));
        expect(traineeView(score)).toEqual(traineeView(base));
      }),
      { numRuns: 12 },
    );
  });

  it('hints the facilitator reveals cost what the trainee’s own would, and nothing else changes', () => {
    const command = fc.record({ at: fc.nat({ max: reference.length - 1 }), text: fc.constantFrom('hint 1', 'hint 2', 'hint 3', ...QUIET) });
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 6 }), (commands) => {
        const run = interleave(reference, commands);
        const score = scoreRun(mysqlWipe, run);
        // The hints, as data: each at its highest tier, costing that tier within the cap.
        const shown = new Map<string, number>();
        for (const step of replayInputs(mysqlWipe, run).context.steps) if (step.hint) shown.set(step.hint.id, Math.max(shown.get(step.hint.id) ?? 0, step.hint.tier));
        const costs = [1, 3, 6];
        let expected = 0;
        for (const tier of shown.values()) expected += Math.min(15 - expected, costs[tier - 1]!);
        expect(score.points.byCategory.hints).toBe(expected);
        const without = { ...traineeView(score), total: score.points.total + expected, byCategory: { ...score.points.byCategory, hints: 0 }, grade: undefined, extras: undefined };
        expect(without).toEqual({ ...traineeView(base), grade: undefined, extras: undefined });
      }),
      { numRuns: 8 },
    );
  });

  it('replay with injects and facilitator actions is deterministic: same inputs, same steps, facts and score', () => {
    const run = interleave(reference, [
      { at: 0, text: 'inject ceo-update' },
      { at: 2, text: 'inject colleague-meeting' },
      { at: 5, text: 'hint 2' },
      { at: 9, text: 'pause' },
      { at: 12, text: 'inject replica-lag-alert' },
    ]);
    const a = replayInputs(mysqlWipe, run).context;
    const b = replayInputs(mysqlWipe, structuredClone(run)).context;
    expect(a.steps).toEqual(b.steps);
    expect(a.world.facts).toEqual(b.world.facts);
    expect(a.world.injected).toEqual(b.world.injected);
    expect(scoreRun(mysqlWipe, run)).toEqual(scoreRun(mysqlWipe, structuredClone(run)));
  });
});

describe('an inject’s response', () => {
  it('costs its points for each firing the trainee did not answer in time, and nothing when answered', () => {
    // The CEO asks at 08:40 and again at 08:50: the reference path's report to Sami at 08:46 is
    // 6 minutes after the first ask (too late for 5), and nothing answers the second in time.
    const run = [f('inject ceo-update'), ...reference];
    const s = scoreRun(mysqlWipe, run);
    expect(s.injectResponses.map((r) => [r.firedAt, r.done])).toEqual([
      [8 * 3600 + 40 * 60, false],
      [8 * 3600 + 50 * 60, false],
    ]);
    expect(s.points.byCategory.injects).toBe(4);
    expect(s.points.total).toBe(scoreRun(mysqlWipe, reference).points.total - 4);

    // A status to the team right after the ask answers it.
    const answered = scoreRun(mysqlWipe, [f('inject ceo-update'), { channel: 'chat', text: 'The site is down for logged-in users since 08:35, I am investigating, next update in 10 minutes.' }]);
    expect(answered.injectResponses[0]!.done).toBe(true);
    expect(answered.points.byCategory.injects).toBe(0);
  });

  it('a firing whose time to respond has not run out yet is pending, not missed', () => {
    const s = scoreRun(mysqlWipe, [f('inject ceo-update'), { channel: 'terminal', text: 'pwd' }]);
    expect(s.injectResponses[0]!.pending).toBe(true);
    expect(s.points.byCategory.injects).toBe(0);
  });

  it('a facilitator step never answers it', () => {
    const s = scoreRun(mysqlWipe, [f('inject ceo-update'), f('note status given verbally'), ...Array.from({ length: 40 }, (): DrillInput => ({ channel: 'terminal', text: 'uptime' }))]);
    expect(s.injectResponses[0]!.done).toBe(false);
  });
});
