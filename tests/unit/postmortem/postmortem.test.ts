// @vitest-environment node
/**
 * The trainee's postmortem without React: the draft a run suggests (over every scenario file and
 * the minimal fixture), the blameless-language check, the team's measures named and missed, the
 * Markdown, and the run format that carries it (format 5, with format 4 migrated).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { parseClock } from '../../../src/engine/clock';
import { blameFindings, sentencesOf } from '../../../src/postmortem/blame';
import { TEXT_SECTIONS, draftPostmortem, draftTimeline, impactLine, matchMeasures, postmortemMarkdown } from '../../../src/postmortem/postmortem';
import { PostmortemSchema, encodeRun, type Postmortem } from '../../../src/runs/format';
import { decodeRunText } from '../../../src/runs/decode';
import { repoRoot } from '../scoring/support';
import { mysqlWipe, runOfLines, scenarios } from '../runs/support';

const files = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

function load(file: string): Scenario {
  const result = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

const NOW = '2026-03-02T15:00:00.000Z';

describe.each(files)('the draft of %s’s reference path', (file) => {
  const scenario = load(file);
  const snapshot = replayInputs(scenario, scenario.referencePath.map(inputFromLine));
  const { steps, world } = snapshot.context;
  const draft = draftPostmortem(scenario, steps, { ending: world.ending, endClock: world.clock, now: NOW, minutes: 12.4, authors: 'Lina' });

  it('is a valid postmortem of the run format, with the minutes rounded and nothing written yet', () => {
    expect(v.safeParse(PostmortemSchema, draft).success).toBe(true);
    expect(draft.minutes).toBe(12);
    expect(draft.authors).toBe('Lina');
    // Nothing is written for the trainee: only the timeline and the figures come from the run.
    for (const key of TEXT_SECTIONS) expect(draft[key], key).toBeUndefined();
    expect(draft.users).toBeUndefined();
    expect(draft.actions).toEqual([]);
  });

  it('starts at the drill’s start, keeps the clock in order, and ends with the ending reached', () => {
    const times = draft.timeline.map((e) => parseClock(e.at));
    expect(draft.timeline[0]!.at).toBe(scenario.clock.start.slice(0, 5));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const ending = scenario.endings.find((e) => e.id === world.ending)!;
    expect(draft.timeline.at(-1)!.text).toBe(`Resolved: ${ending.title}`);
  });

  it('has a line for each of the day’s timeline events the path did, once, at the step that did it first', () => {
    const done = scenario.timeline.events.filter((event) => steps.some((s) => s.actions.some((a) => event.actions.includes(a))));
    // Start and ending, and one line per event done (two events may share a first step).
    expect(draft.timeline.length).toBeGreaterThanOrEqual(2 + new Set(done.map((e) => steps.findIndex((s) => s.actions.some((a) => e.actions.includes(a))))).size);
    for (const event of done) {
      const first = steps.find((s) => s.actions.some((a) => event.actions.includes(a)))!;
      expect(draft.timeline.some((line) => line.text.includes(first.input))).toBe(true);
    }
  });

  it('each team measure, in its own words, names itself', () => {
    for (const measure of scenario.postmortem?.measures ?? []) {
      const { measures } = matchMeasures([measure], [measure.text]);
      expect(measures[0]!.namedBy, measure.id).toBe(0);
    }
  });
});

describe('a run that never got far', () => {
  it('drafts the start alone, and no ending', () => {
    const snapshot = replayInputs(mysqlWipe, ['ping -c 1 8.8.8.8'].map(inputFromLine));
    const timeline = draftTimeline(mysqlWipe, snapshot.context.steps, null, snapshot.context.world.clock);
    expect(timeline[0]).toEqual({ at: '08:40', text: 'Investigation starts: the outage is noticed.' });
    expect(timeline.some((l) => /^(Resolved|Failed):/.test(l.text))).toBe(false);
  });
});

describe('the blameless-language check', () => {
  const names = ['Sami', 'Lina'];
  it.each([
    ["It was the intern's fault.", 'fault'],
    ['The intern was careless and ran a DELETE on production.', 'character'],
    ['Root cause: human error.', 'human-error'],
    ['He should have double-checked the command before pressing Enter.', 'should-have'],
    ['The intern messed up the database.', 'messed-up'],
    ['The root cause was the intern.', 'person-as-cause'],
    ['The outage was caused by Sami restarting the wrong server.', 'person-as-cause'],
    ['The root cause was the intern’s typo.', 'person-as-cause'],
    ["It was Lina's mistake.", 'possessive-fault'],
  ])('flags “%s” (%s) and says what to write instead', (sentence, rule) => {
    const [finding, ...more] = blameFindings(sentence, names);
    expect(more).toEqual([]);
    expect(finding!.rule.id).toBe(rule);
    expect(finding!.sentence).toBe(sentence);
    expect(finding!.rule.suggestion).toMatch(/e\.g\. “/);
  });

  it.each([
    'The root cause was that a new account had ALL PRIVILEGES on the production master.',
    'The root cause was the intern’s account having full privileges.',
    'A mistyped DELETE removed every row; nothing in the client stopped it.',
    'Due to Nginx caching, the home page still looked fine.',
    'We need fault-tolerant storage for the sessions.',
    'Sami restored the dump from the replica at 08:52.',
  ])('leaves systemic wording alone: “%s”', (sentence) => {
    expect(blameFindings(sentence, names)).toEqual([]);
  });

  it('reads each sentence on its own, across lines and full stops', () => {
    const text = 'A DELETE ran on the master.\nIt was the intern’s fault! Nobody was careless. Backups existed.';
    expect(sentencesOf(text)).toHaveLength(4);
    expect(blameFindings(text).map((f) => f.sentence)).toEqual(['It was the intern’s fault!', 'Nobody was careless.']);
  });

  it('never throws, and flags only sentences of the text, on any text a postmortem can hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), (text, people) => {
        for (const f of blameFindings(text, people)) {
          expect(text).toContain(f.sentence);
          expect(f.sentence).toContain(f.words);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the team’s measures, named and missed', () => {
  const measures = mysqlWipe.postmortem!.measures;
  it('names a measure by its words, each line read on its own; lines that name none are the trainee’s own', () => {
    const lines = ['Give new interns read-only access to production', 'Add a delayed replica', 'Pair every newcomer with a mentor for onboarding', ''];
    const { measures: matched, ownLines } = matchMeasures(measures, lines);
    const byId = Object.fromEntries(matched.map((m) => [m.measure.id, m.namedBy]));
    expect(byId).toEqual({ 'least-privilege': 0, 'protect-sensitive-data': null, 'know-new-interns': 2, 'ask-when-unsure': null });
    expect(ownLines).toEqual([1]);
  });

  it('misses all of them when nothing is written', () => {
    expect(matchMeasures(measures, []).measures.every((m) => m.namedBy === null)).toBe(true);
  });
});

const written: Postmortem = {
  writtenAt: NOW,
  authors: 'Lina <b>',
  summary: 'The site was down for logged-in users.\n\nThe master was empty.',
  users: 'Every logged-in user',
  minutes: 20,
  impact: 'Only home, login and sign-up worked.',
  timeline: [
    { at: '08:40', text: 'Noticed the *outage*' },
    { at: '08:52', text: 'Restored from the replica' },
  ],
  rootCause: 'A new account had ALL PRIVILEGES on the master.',
  resolution: 'Loaded a dump of the replica into the master.',
  actions: ['Give interns read-only access', '<script>alert(1)</script>'],
  wentWell: 'The replica had the data.',
  wentBadly: 'Ten minutes on the network.',
};

describe('the Markdown', () => {
  const md = postmortemMarkdown(written, mysqlWipe, 'Lina');
  it('has every section, the timeline with its times, and the team’s measures named and missed', () => {
    for (const heading of ['# Postmortem: ', '## Summary', '## Impact', '## Timeline (GMT)', '## Root cause', '## Resolution', '## Corrective and preventive actions', '## What went well', '## What went badly', "## Compared with the team's measures"]) expect(md).toContain(heading);
    expect(md).toContain('- Duration: 20 minutes');
    expect(md).toContain('- 08:52: Restored from the replica');
    expect(md).toContain('- Named: Do not give full access');
    expect(md).toContain('- Missed: Tell interns not to be afraid');
  });

  it('says who was affected and for how long in one line, whichever is written', () => {
    expect(impactLine(written)).toBe('Every logged-in user; 20 minutes');
    expect(impactLine({ ...written, users: ' ', minutes: 1 })).toBe('1 minute');
    const { users: _u, minutes: _m, ...neither } = written;
    expect(impactLine(neither)).toBe('');
  });

  it('writes the trainee’s text as text, never as markup or HTML', () => {
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('Noticed the \\*outage\\*');
    expect(md).toContain('Written by: Lina \\<b\\>');
    expect(md).not.toContain('<script>');
  });

  it('as a section of a review, sits one level down', () => {
    expect(postmortemMarkdown(written, mysqlWipe, 'Lina', 2)).toMatch(/^## Postmortem: [^\n]+\n[\s\S]*\n### Summary\n/);
  });
});

describe('in the run file (format 5)', () => {
  it('travels with the run: export, then import, gives it back as written', () => {
    const run = { ...runOfLines(mysqlWipe.referencePath), postmortem: written };
    const result = decodeRunText(encodeRun(run), scenarios);
    expect(result.ok && result.run.postmortem).toEqual(written);
  });

  it('a bad time in the timeline is refused with its place named', () => {
    const run = { ...runOfLines(mysqlWipe.referencePath), postmortem: { ...written, timeline: [{ at: '8:40', text: 'x' }] } };
    const result = decodeRunText(encodeRun(run), scenarios);
    expect(result.ok).toBe(false);
    expect(!result.ok && JSON.stringify(result.problem)).toContain('postmortem.timeline[0].at');
  });

  it('a format 4 file has none, and opens as format 5', () => {
    const { format: _, ...rest } = runOfLines(mysqlWipe.referencePath.slice(0, 2));
    const result = decodeRunText(JSON.stringify({ ...rest, format: 4 }), scenarios);
    expect(result.ok && result.migratedFrom).toBe(4);
    expect(result.ok && result.run.format).toBe(5);
  });

  it('the facilitator’s channel came with format 5: a format 4 file with it is refused, a format 5 file opens', () => {
    const base = runOfLines(mysqlWipe.referencePath.slice(0, 2));
    const inputs = [...base.inputs, { channel: 'facilitator', text: 'note the room suggests curl', at: base.inputs[0]!.at }];
    const old = decodeRunText(JSON.stringify({ ...base, format: 4, inputs }), scenarios);
    expect(old.ok).toBe(false);
    expect(!old.ok && JSON.stringify(old.problem)).toContain('inputs[2].channel');
    const now = decodeRunText(JSON.stringify({ ...base, inputs }), scenarios);
    expect(now.ok).toBe(true);
  });

  it('a format 4 file cannot carry a postmortem', () => {
    const { format: _, ...rest } = runOfLines(mysqlWipe.referencePath.slice(0, 2));
    const result = decodeRunText(JSON.stringify({ ...rest, format: 4, postmortem: written }), scenarios);
    expect(result.ok).toBe(false);
  });
});
