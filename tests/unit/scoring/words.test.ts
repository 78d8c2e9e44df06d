// @vitest-environment node
/**
 * The score's words: said once (`againstTheTeam`), and in a voice per audience. The mentor's words
 * speak of the trainee in the third person, by name or as "the trainee", and never say "you",
 * over every bundled scenario, the minimal fixture scenario, and generated runs of each.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputFromLine, type DrillInput } from '../../../src/engine/replay';
import type { Scenario } from '../../../src/scenario/schema';
import { scoreRun, type Score } from '../../../src/scoring/score';
import { mentorWords } from '../../../src/scoring/words/mentor';
import { againstTheTeam, type ScoreWords } from '../../../src/scoring/words/sentences';
import { traineeWords } from '../../../src/scoring/words/trainee';
import { debriefModel } from '../../../src/ui/debrief/model';
import { carefulPath, dataLossPath, expertPath, harmfulPath, loadScenario, mysqlWipe, neverEscalatesPath, redHerringPath, repoRoot, seedPath, unprotectedPath } from './support';

const scenarios: Scenario[] = [
  ...readdirSync(`${repoRoot}scenarios`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadScenario(`${repoRoot}scenarios/${f}`)),
  loadScenario(`${repoRoot}tests/fixtures/scenarios/minimal.json`),
];

/** Every sentence the words make of a score. */
function sentences(score: Score, w: ScoreWords): string[] {
  return [
    w.headline,
    w.grade,
    w.outcome,
    ...[score.timeToRootCause, score.timeToMitigation, score.timeToVerifiedRecovery].map(w.milestone),
    w.userImpact,
    w.communication,
    ...score.criticalSteps.map(w.criticalStep),
    w.hints,
    w.safety,
    ...score.points.deductions.map(w.deduction),
    ...score.lessons.flatMap((l) => l.inThisRun.map(w.lessonNote)),
    ...score.alignment.extras.map((x) => w.extra(x.why, score.alignment.steps[x.stepIndex]!)),
    ...score.alignment.events.map(w.eventStatus),
  ];
}

/** Every string of the debrief's model, except the trainee's own inputs and the scenario's texts. */
function modelStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(modelStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'voice' || k === 'yourStep' || k === 'dayWhat' || k === 'text' || k === 'rootCause' ? [] : modelStrings(v)));
  return [];
}

/** Every string in the scenario that says "you" (authored text is quoted as written, "you" and all). */
function authoredWithYou(scenario: Scenario): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (/\byou/i.test(v)) found.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(scenario);
  return found.sort((a, b) => b.length - a.length);
}

const YOU = /\b(you|your|yours|yourself|yourselves)\b/i;

/** A sentence without what it quotes: the trainee's inputs, the scenario's texts and the (isolated) name. */
function ownWords(sentence: string, authored: readonly string[], inputs: readonly DrillInput[]): string {
  let text = sentence.replace(/\u2068[^\u2069]*\u2069/g, 'NAME').replace(/“[^”]*”/g, 'QUOTE');
  for (const a of authored) text = text.split(a).join('AUTHORED');
  for (const i of inputs) if (i.text.length > 0) text = text.split(i.text).join('INPUT');
  return text;
}

function knownInputs(scenario: Scenario): DrillInput[] {
  return [
    ...scenario.actions.map((a): DrillInput => ({ channel: a.channel === 'chat' ? 'chat' : 'terminal', text: a.command })),
    ...scenario.referencePath.map(inputFromLine),
    ...['hint', 'exit', 'chat: can you help me? your site is down', 'chat: hi', 'you'].map(inputFromLine),
  ];
}

describe('before or after the team, said one way', () => {
  it('words the difference in seconds, trainee minus team', () => {
    expect(againstTheTeam(0)).toBe('exactly when the team did');
    expect(againstTheTeam(-240)).toBe('4 minutes before the team');
    expect(againstTheTeam(60)).toBe('1 minute after the team');
    expect(againstTheTeam(150)).toBe('2 min 30 s after the team');
    expect(againstTheTeam(-40)).toBe('40 seconds before the team');
  });

  it('is the same phrase in the headline, the times, the communication line and the breakdown', () => {
    const s = scoreRun(mysqlWipe, redHerringPath.map(inputFromLine));
    const w = traineeWords(s, mysqlWipe);
    const phrase = againstTheTeam(s.timeToRootCause.deltaSeconds!);
    expect(w.headline).toContain(`found the root cause at 08:51:20, ${phrase}`);
    expect(w.milestone(s.timeToRootCause)).toContain(phrase);
    expect(w.communication).toBe(`You first told Sami at 08:48:50, ${againstTheTeam(s.communication.deltaSeconds!)} (08:46).`);
    expect(w.deduction(s.points.deductions.find((d) => d.category === 'root-cause')!)).toContain(phrase);
    for (const text of sentences(s, w)) expect(text).not.toMatch(/earlier than|later than|than the team did|than on the day/);
  });
});

describe('the mentor’s words', () => {
  const s = scoreRun(mysqlWipe, redHerringPath.map(inputFromLine));

  it('speak of the trainee by name, in the third person', () => {
    const w = mentorWords(s, mysqlWipe, 'Lina', { isolate: false });
    expect(w.headline).toBe('Lina found the root cause at 08:51:20, 1 min 20 s after the team, and restored at 08:53:20, 1 min 20 s after the team.');
    expect(w.communication).toBe('Lina first told Sami at 08:48:50, 2 min 50 s after the team (08:46).');
    expect(w.safety).toMatch(/^Lina broke 1 rule of careful practice/);
    expect(s.lessons.flatMap((l) => l.inThisRun.map(w.lessonNote)).join(' ')).toContain('Lina spent 7 min 45 s on 9 steps that could not explain the symptom, 9 of them before Lina first told Sami.');
  });

  it('say "the trainee" when the run has no name, and isolate a name in the browser', () => {
    expect(mentorWords(s, mysqlWipe, undefined).headline).toMatch(/^The trainee found the root cause/);
    expect(mentorWords(s, mysqlWipe, '   ').safety).toMatch(/^The trainee broke/);
    expect(mentorWords(s, mysqlWipe, 'ليلى').headline).toMatch(/^\u2068ليلى\u2069 found the root cause/);
  });

  it('read the same facts as the trainee’s: only the voice differs', () => {
    const trainee = sentences(s, traineeWords(s, mysqlWipe));
    const mentor = sentences(s, mentorWords(s, mysqlWipe, 'Lina', { isolate: false }));
    const neutral = (t: string) =>
      t
        .replace(/of yours|of Lina’s/g, 'P')
        .replace(/\b[Yy]our\b|Lina’s/g, 'P')
        .replace(/\b(You|you|Lina)\b/g, 'X')
        .replace(/\b(have|has)\b/g, 'H');
    expect(mentor.map(neutral)).toEqual(trainee.map(neutral));
  });

  it('never say "you" or "your", on every scenario, for its reference path and generated runs, named or not', () => {
    const paths = [seedPath, carefulPath, expertPath, dataLossPath, harmfulPath, neverEscalatesPath, unprotectedPath];
    for (const scenario of scenarios) {
      const authored = authoredWithYou(scenario);
      const known = knownInputs(scenario);
      const fixed = [scenario.referencePath, ...(scenario.id === mysqlWipe.id ? paths : [])].map((p) => p.map(inputFromLine));
      const check = (inputs: DrillInput[], name: string | null) => {
        const score = scoreRun(scenario, inputs);
        const w = mentorWords(score, scenario, name);
        const said = [...sentences(score, w), ...modelStrings(debriefModel(score, scenario, w))];
        for (const sentence of said) {
          const own = ownWords(sentence, authored, inputs);
          if (YOU.test(own)) throw new Error(`${scenario.id}: the mentor's words say "you": ${sentence}`);
        }
        // The subject is the trainee, by name or not.
        expect(w.safety.startsWith(name && name.trim() ? `\u2068${name.trim()}\u2069` : 'The trainee')).toBe(true);
      };
      for (const inputs of fixed) for (const name of ['Lina', null]) check(inputs, name);
      // The check can fail: the trainee's own words, checked the same way, do say "you".
      const own = scoreRun(scenario, fixed[0]!);
      expect(sentences(own, traineeWords(own, scenario)).some((t) => YOU.test(ownWords(t, authored, fixed[0]!)))).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.record({ channel: fc.constant('terminal' as const), text: fc.string({ maxLength: 20 }) }) }), { maxLength: 14 }), fc.option(fc.constantFrom('Lina', 'Youssef', 'Karim', ' '), { nil: null }), (inputs, name) => {
          check(inputs, name);
        }),
        { numRuns: 25 },
      );
    }
  }, 240_000);
});
