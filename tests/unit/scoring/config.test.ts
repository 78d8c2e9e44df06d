// @vitest-environment node
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/load';
import { ScoringSchema, type Scenario } from '../../../src/scenario/schema';
import { DEFAULT_SCORING, scoringConfig, scoringProblems } from '../../../src/scoring/config';
import { scoreRun } from '../../../src/scoring/score';
import { inputs, mysqlWipe, seedPath, straightPath } from './support';

const withScoring = (scoring: unknown): unknown => ({ ...structuredClone(mysqlWipe), scoring });

describe('the scoring section of a scenario', () => {
  it('accepts the defaults as they are', () => {
    // dataLoss: null is the config's "counts none"; a scenario file says that by leaving it out.
    expect(DEFAULT_SCORING.dataLoss).toBeNull();
    const { doneWhen: _d, lessons: _l, dataLoss: _n, ...weights } = DEFAULT_SCORING;
    expect(v.safeParse(ScoringSchema, weights).success).toBe(true);
    const { dataLoss: _m, ...defaults } = DEFAULT_SCORING;
    expect(v.safeParse(ScoringSchema, defaults).success).toBe(true);
  });

  it('is optional: a scenario without it is valid and keeps the defaults', () => {
    const { scoring: _s, ...bare } = structuredClone(mysqlWipe);
    const parsed = parseScenario(bare);
    expect(parsed.ok).toBe(true);
    expect(scoringConfig({ ...bare, scoring: undefined })).toEqual({ ...DEFAULT_SCORING, doneWhen: {}, lessons: {} });
  });

  it('without it, the seed path still matches the day exactly (actions alone decide)', () => {
    const { scoring: _s, ...bare } = structuredClone(mysqlWipe);
    const s = scoreRun(bare as Scenario, inputs(seedPath));
    expect(s.alignment.events.every((e) => e.status === 'matched' && e.deltaMinutes === 0)).toBe(true);
    expect(s.lessons.every((l) => l.inThisRun.length === 0)).toBe(true);
  });

  it('rejects weights out of range, unknown keys and grades that do not go down', () => {
    const problems = (scoring: unknown) => {
      const result = parseScenario(withScoring(scoring));
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(problems({ redHerrings: { perStep: -1 } })).toEqual(['$.scoring.redHerrings.perStep']);
    expect(problems({ unfinished: 500 })).toEqual(['$.scoring.unfinished']);
    expect(problems({ speed: 3 })).toEqual(['$.scoring.speed']);
    expect(problems({ grades: { A: 80, B: 90, C: 70, D: 60 } })).toEqual(['$.scoring.grades']);
    expect(problems({ safety: { criticalGradeCap: 'E' } })).toEqual(['$.scoring.safety.criticalGradeCap']);
  });

  it('overrides the defaults field by field', () => {
    const parsed = parseScenario(withScoring({ ...mysqlWipe.scoring, redHerrings: { perStep: 0 } }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(scoringConfig(parsed.scenario).redHerrings).toEqual({ perStep: 0, max: DEFAULT_SCORING.redHerrings.max });
    // Without the red herrings' 15 points, the seed loses only the unprotected replica (12), the warning (4) and its 6 lost sign-ups.
    const seed = scoreRun(parsed.scenario, inputs(seedPath));
    expect(seed.points.byCategory).toMatchObject({ 'red-herrings': 0, 'critical-steps': 12, safety: 4, 'data-loss': 6 });
    expect(seed.points.total).toBe(78);
  });

  it('names only lessons, rules, actions, events and facts that exist in the bundled scenario', () => {
    expect(scoringProblems(mysqlWipe)).toEqual([]);
    const critical = { id: 'protect', title: 'Protect', doneWhen: [{ replicaSq: 'stopped' }], before: 'restor', why: 'Why', points: 5 };
    const broken = {
      ...mysqlWipe,
      scoring: {
        doneWhen: { restore: { masterDta: 'restored' } },
        criticalSteps: [critical, critical],
        lessons: { 'least-privlege': { rules: ['nope'], criticalSteps: ['protec'] } },
      },
    } as Scenario;
    expect(scoringProblems(broken)).toEqual([
      '$.scoring.doneWhen.restore: names a fact "masterDta" that is not declared in $.facts',
      '$.scoring.criticalSteps[0].before: names a timeline event "restor" that is not in $.timeline.events',
      '$.scoring.criticalSteps[0].doneWhen[0]: names a fact "replicaSq" that is not declared in $.facts',
      '$.scoring.criticalSteps[1].id: "protect" is used twice',
      '$.scoring.criticalSteps[1].before: names a timeline event "restor" that is not in $.timeline.events',
      '$.scoring.criticalSteps[1].doneWhen[0]: names a fact "replicaSq" that is not declared in $.facts',
      '$.scoring.lessons.least-privlege: names a lesson "least-privlege" that is not in $.debrief.lessons',
      '$.scoring.lessons.least-privlege.rules: names a rule "nope" that is not in $.rules',
      '$.scoring.lessons.least-privlege.criticalSteps: names a critical step "protec" that is not in $.scoring.criticalSteps',
    ]);
  });

  it('puts the straight path above the seed path with the defaults', () => {
    expect(scoreRun(mysqlWipe, inputs(straightPath)).points.total).toBeGreaterThan(scoreRun(mysqlWipe, inputs(seedPath)).points.total);
  });
});
