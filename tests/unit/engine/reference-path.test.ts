// @vitest-environment node
/**
 * The seed's own path (`referencePath`), typed as the team did on the day, reproduces the
 * postmortem's clock. Expected times come from the scenario's timeline and the actions each
 * step performed, so the test follows the data rather than a copy of it.
 */
import { describe, expect, it } from 'vitest';
import { clockText, parseClock, secondsOf } from '../../../src/engine/clock';
import { inputFromLine, lineFromInput } from '../../../src/engine/replay';
import { mysqlWipe, play } from './support';
import { typingSeconds } from '../../../src/engine/world';

const scenario = mysqlWipe;
const run = play(scenario.referencePath);
const timedEvents = scenario.timeline.events.filter((e) => e.actions.length > 0);

/** The steps of the reference path that do one of this timeline event's actions. */
const stepsDoing = (actions: readonly string[]) => run.steps.filter((s) => s.actions.some((a) => actions.includes(a)));

describe('the reference path of mysql-wipe', () => {
  it('is read line by line, with "chat: " lines going to team chat', () => {
    const inputs = scenario.referencePath.map(inputFromLine);
    expect(inputs.filter((i) => i.channel === 'chat')).toHaveLength(scenario.referencePath.filter((l) => l.startsWith('chat: ')).length);
    expect(inputs.map(lineFromInput)).toEqual(scenario.referencePath);
  });

  it('runs every line, and every line is something the scenario recognises', () => {
    expect(run.steps).toHaveLength(scenario.referencePath.length);
    const unrecognised = run.steps.filter((s) => !s.recognised).map((s) => `${s.input} → ${s.output[0] ?? ''}`);
    expect(unrecognised).toEqual([]);
  });

  it('ends resolved, with the site back, at the end of the real impact', () => {
    expect(run.outcome).toBe('resolved');
    expect(run.world.ending).toBe('restored');
    expect(clockText(run.world.clock)).toBe(scenario.timeline.impactEnd);
  });

  it('starts at the moment of detection', () => {
    expect(scenario.clock.start).toBe(scenario.timeline.detectedAt);
    expect(run.steps[0]!.startClock).toBe(parseClock(scenario.timeline.detectedAt));
  });

  it('does every timeline event that has actions, in the timeline’s order', () => {
    const firstIndex = timedEvents.map((e) => run.steps.findIndex((s) => s.actions.some((a) => e.actions.includes(a))));
    expect(firstIndex.every((i) => i >= 0)).toBe(true);
    expect([...firstIndex].sort((a, b) => a - b)).toEqual(firstIndex);
  });

  describe('the clock after each seed step is the seed’s time', () => {
    it.each(timedEvents.map((e) => [e.at, e.id, e] as const))('%s %s', (_at, _id, event) => {
      const doing = stepsDoing(event.actions);
      expect(doing.length).toBeGreaterThan(0);
      // "08:41 after both pings": the event is done when the last of its steps ends.
      expect(clockText(doing[doing.length - 1]!.clock, true)).toBe(clockText(parseClock(event.at), true));
    });
  });

  it('matches the brief’s table of times', () => {
    const at = (id: string) => {
      const event = timedEvents.find((e) => e.id === id)!;
      const doing = stepsDoing(event.actions);
      return clockText(doing[doing.length - 1]!.clock);
    };
    expect(Object.fromEntries(timedEvents.map((e) => [e.id, at(e.id)]))).toEqual({
      ping: '08:41',
      'clear-cache': '08:43',
      'restart-nginx': '08:44',
      'check-ports': '08:45',
      escalate: '08:46',
      curl: '08:48',
      'no-data': '08:49',
      history: '08:50',
      restore: '08:52',
      verify: '08:55',
    });
  });

  it('charges each step what its action costs, and nothing for moving between hosts', () => {
    for (const step of run.steps) {
      const spent = step.clock - step.startClock;
      const costs = step.actions.map((id) => scenario.actions.find((a) => a.id === id)!.minutes);
      const typing = step.channel === 'chat' ? typingSeconds(scenario, step.input) : 0;
      if (costs.length > 0) expect(spent, step.input).toBe(costs.reduce((sum, m) => sum + secondsOf(m), 0) + typing);
      else expect(spent, step.input).toBe(secondsOf(scenario.costs.builtin));
    }
  });

  it('keeps the clock moving forward, step after step, with no gaps', () => {
    run.steps.forEach((step, i) => {
      expect(step.clock).toBeGreaterThanOrEqual(step.startClock);
      if (i > 0) expect(step.startClock).toBe(run.steps[i - 1]!.clock);
    });
  });

  it('restarts MySQL only after the restore, so the restart breaks no rule', () => {
    const restart = run.steps.find((s) => s.actions.includes('restart-mysql'))!;
    expect(restart.breaches).toEqual([]);
  });
});

describe('what a chat message costs', () => {
  it('its typing at the scenario’s speed, in whole 5 seconds, and at most a minute (a paste)', () => {
    expect(scenario.costs.chatCharactersPerMinute).toBe(200);
    expect(typingSeconds(scenario, 'hi')).toBe(5);
    expect(typingSeconds(scenario, 'x'.repeat(100))).toBe(30);
    expect(typingSeconds(scenario, 'x'.repeat(5_000))).toBe(60);
    expect(typingSeconds(scenario, '')).toBe(0);
    expect(typingSeconds({ ...scenario, costs: { unknown: 0.1, builtin: 0 } }, 'x'.repeat(100))).toBe(0);
  });
});

describe('the simulated clock', () => {
  it('reads and writes clock times', () => {
    expect(parseClock('08:40')).toBe(8 * 3600 + 40 * 60);
    expect(parseClock('09:35:02')).toBe(9 * 3600 + 35 * 60 + 2);
    expect(clockText(parseClock('08:52:30'))).toBe('08:52');
    expect(clockText(parseClock('08:52:30'), true)).toBe('08:52:30');
    expect(clockText(-5)).toBe('00:00');
  });

  it('turns fractions of a minute into whole seconds', () => {
    expect(secondsOf(0.25)).toBe(15);
    expect(secondsOf(0.1)).toBe(6);
    expect(secondsOf(2.5)).toBe(150);
  });
});
