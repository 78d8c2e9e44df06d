// @vitest-environment node
/**
 * The facilitator's channel, without React: every inject of every scenario file does what its
 * data says; commands that are unknown or not possible now say so and change nothing; the
 * machine takes `facilitator.act` while investigating and while paused; replay is deterministic;
 * the schema refuses bad injects with JSON paths.
 */
import { readdirSync } from 'node:fs';
import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { eventFor, inputFromLine, lineFromInput, replayByTransitions, replayInputs, startDrill, type DrillInput } from '../../../src/engine/replay';
import { earliestInjectPoints, injectProblems, withInjects } from '../../../src/engine/injectCheck';
import { parseClock } from '../../../src/engine/clock';
import { loadScenario, mysqlWipe, repoRoot } from './support';

const files = readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json'));
const f = (text: string): DrillInput => ({ channel: 'facilitator', text });

describe('text form', () => {
  it('reads and writes `facilitator: <command>`', () => {
    expect(inputFromLine('facilitator: inject ceo-update')).toEqual({ channel: 'facilitator', text: 'inject ceo-update' });
    expect(lineFromInput({ channel: 'facilitator', text: 'hint 2' })).toBe('facilitator: hint 2');
    expect(eventFor({ channel: 'facilitator', text: 'pause' })).toEqual({ type: 'facilitator.act', text: 'pause' });
  });
});

describe.each(files)('every inject of scenarios/%s', (file) => {
  const scenario = loadScenario(`${repoRoot}scenarios/${file}`);
  const points = earliestInjectPoints(scenario);

  it('passes the check (fired on the reference path, it still resolves)', () => {
    expect(injectProblems(scenario)).toEqual([]);
  });

  for (const inject of scenario.injects ?? []) {
    it(`${inject.id}: fires at the current clock, costs no time and does what its data says`, () => {
      const index = points.find((p) => p.id === inject.id)!.index!;
      expect(index).not.toBeNull();
      const inputs = withInjects(scenario, [{ id: inject.id, index }]);
      const { steps, world } = replayInputs(scenario, inputs).context;
      const step = steps[index]!;
      expect(step.channel).toBe('facilitator');
      expect(step.recognised).toBe(true);
      expect(step.actions).toEqual([]);
      expect(step.clock).toBe(step.startClock);
      expect(step.facilitator).toEqual({ kind: 'inject', id: inject.id });
      if (inject.notice) expect(step.notices.length).toBeGreaterThan(0);
      if (inject.chat) expect(step.incoming?.[0]?.from).toBe(inject.chat.from);
      for (const [fact, value] of Object.entries(inject.set ?? {})) expect(replayInputs(scenario, inputs.slice(0, index + 1)).context.world.facts[fact]).toBe(value);
      expect(world.injected.some((x) => x.id === inject.id && !x.repeat)).toBe(true);
    });

    if (inject.unavailable) {
      it(`${inject.id}: the colleague is away for ${inject.unavailable.minutes} minutes, then back`, () => {
        const chat = scenario.actions.find((a) => a.channel === 'chat' && a.effects?.length)!;
        const away = replayInputs(scenario, [f(`inject ${inject.id}`), { channel: 'chat', text: chat.command }]).context.steps[1]!;
        expect(away.actions).toEqual([]);
        expect(away.output.join('\n')).toContain(String(inject.unavailable!.reply).slice(0, 5));
        // Wait out the absence on the clock (a cheap command, repeated), then write again.
        const waits: DrillInput[] = [];
        const until = parseClock(scenario.clock.start) + inject.unavailable!.minutes * 60;
        let played = replayInputs(scenario, [f(`inject ${inject.id}`)]);
        while (played.context.world.clock < until) {
          waits.push({ channel: 'terminal', text: 'pwd' });
          waits.push({ channel: 'terminal', text: 'uptime' });
          played = replayInputs(scenario, [f(`inject ${inject.id}`), ...waits]);
        }
        const back = replayInputs(scenario, [f(`inject ${inject.id}`), ...waits, { channel: 'chat', text: chat.command }]).context.steps.at(-1)!;
        expect(back.actions).toEqual([chat.id]);
      });
    }

    if (inject.repeatEveryMinutes) {
      it(`${inject.id}: comes back by itself every ${inject.repeatEveryMinutes} minutes`, () => {
        const inputs = withInjects(scenario, [{ id: inject.id, index: 0 }]);
        const { steps, world } = replayInputs(scenario, inputs).context;
        const start = steps[0]!.clock;
        const repeats = world.injected.filter((x) => x.id === inject.id && x.repeat);
        const expected = Math.floor((world.clock - start) / (inject.repeatEveryMinutes! * 60));
        expect(repeats.length).toBe(expected);
        repeats.forEach((r, i) => expect(r.at).toBe(start + (i + 1) * inject.repeatEveryMinutes! * 60));
        if (repeats.length) {
          const carrying = steps.find((s) => s.channel !== 'facilitator' && s.injected?.some((x) => x.id === inject.id))!;
          expect(carrying.startClock).toBeLessThan(repeats[0]!.at);
          expect(carrying.clock).toBeGreaterThanOrEqual(repeats[0]!.at);
          if (inject.chat) expect(carrying.incoming?.some((m) => m.from === inject.chat!.from)).toBe(true);
        }
      });
    }
  }
});

describe('commands that are unknown or not possible now', () => {
  const cases = ['inject nope', 'inject', 'hint 4', 'hint', 'prompt nope', 'note', 'dance', 'resume', 'pause now', 'inject __proto__', 'inject constructor', ''];
  it.each(cases)('"%s" makes a step that says so and changes nothing', (text) => {
    const started = startDrill(mysqlWipe).context.world;
    const { steps, world } = replayInputs(mysqlWipe, [f(text)]).context;
    expect(steps).toHaveLength(1);
    expect(steps[0]!.recognised).toBe(false);
    expect(steps[0]!.notes?.[0]).toMatch(/Nothing changed\.$/);
    expect(steps[0]!.facilitator).toBeUndefined();
    expect(world).toEqual(started);
  });

  it('an inject fired twice, or out of its window or condition, is refused', () => {
    const twice = replayInputs(mysqlWipe, [f('inject beta-user-email'), f('inject beta-user-email')]).context.steps[1]!;
    expect(twice.notes?.[0]).toMatch(/already fired at 08:40/);
    // The lag alert only while the replica's SQL thread runs.
    const stopped = replayInputs(mysqlWipe, [...['ssh db-replica', 'mysql', 'STOP SLAVE SQL_THREAD;'].map(inputFromLine), f('inject replica-lag-alert')]).context.steps.at(-1)!;
    expect(stopped.recognised).toBe(false);
    expect(stopped.notes?.[0]).toMatch(/not available at this point/);
  });
});

describe('the machine', () => {
  it('takes facilitator.act while investigating and while paused; the trainee cannot lift the facilitator’s pause', () => {
    let s = startDrill(mysqlWipe);
    [s] = transition(s.machine, s, { type: 'facilitator.act', text: 'pause' });
    expect(s.value).toBe('paused');
    [s] = transition(s.machine, s, { type: 'terminal.submit', input: 'ls' });
    expect(s.context.steps).toHaveLength(1);
    [s] = transition(s.machine, s, { type: 'session.resume' });
    expect(s.value).toBe('paused');
    [s] = transition(s.machine, s, { type: 'facilitator.act', text: 'inject ceo-update' });
    expect(s.value).toBe('paused');
    expect(s.context.steps.at(-1)!.incoming).toHaveLength(1);
    [s] = transition(s.machine, s, { type: 'facilitator.act', text: 'resume' });
    expect(s.value).toBe('investigating');
    expect(s.context.world.clock).toBe(parseClock('08:40'));
  });

  it('the facilitator resumes a pause the trainee took', () => {
    let s = startDrill(mysqlWipe);
    [s] = transition(s.machine, s, { type: 'session.pause' });
    [s] = transition(s.machine, s, { type: 'facilitator.act', text: 'resume' });
    expect(s.value).toBe('investigating');
    expect(s.context.steps.at(-1)!.notes?.[0]).toBe('The facilitator resumed the drill.');
  });

  it('replay gives what the machine gives, event by event', () => {
    const inputs = [f('inject colleague-meeting'), f('note hi'), ...mysqlWipe.referencePath.slice(0, 9).map(inputFromLine), f('hint 1'), f('pause'), f('prompt blast-radius'), f('resume'), f('inject ceo-update')];
    const fast = replayInputs(mysqlWipe, inputs);
    const slow = replayByTransitions(mysqlWipe, inputs);
    expect(fast.value).toEqual(slow.value);
    expect(fast.context.steps).toEqual(slow.context.steps);
    expect(fast.context.world.facts).toEqual(slow.context.world.facts);
  });

  it('a trainee input held back by the facilitator’s pause ends the replay, as the end of the run does', () => {
    const { snapshot } = { snapshot: replayInputs(mysqlWipe, [f('pause'), { channel: 'terminal', text: 'ls' }, f('resume')]) };
    expect(snapshot.value).toBe('paused');
    expect(snapshot.context.steps).toHaveLength(1);
  });
});

describe('the schema refuses bad injects, with paths', () => {
  const withInject = (inject: unknown, extra: Record<string, unknown> = {}) => {
    const data = structuredClone(mysqlWipe) as unknown as Record<string, unknown>;
    data.injects = [inject];
    Object.assign(data, extra);
    return parseScenario(data);
  };
  const base = { id: 'x', title: 'X', description: 'x', notice: 'ALERT' };
  const cases: [string, unknown, string, RegExp][] = [
    ['an unknown fact in availableWhen', { ...base, availableWhen: { nope: true } }, '$.injects[0].availableWhen.nope', /names a fact "nope"/],
    ['an unknown fact in set', { ...base, set: { nope: true } }, '$.injects[0].set.nope', /sets a fact "nope"/],
    ['an observed fact in set', { ...base, set: { masterData: 'restored' } }, '$.injects[0].set.masterData', /read off the world/],
    ['an unknown action in response', { ...base, response: { actions: ['nope'], withinMinutes: 5, points: 2, why: 'w' } }, '$.injects[0].response.actions[0]', /names an action "nope"/],
    ['a response with nothing to do', { ...base, response: { withinMinutes: 5, points: 2, why: 'w' } }, '$.injects[0].response', /needs actions or doneWhen/],
    ['an unknown fact in response.doneWhen', { ...base, response: { doneWhen: [{ nope: 1 }], withinMinutes: 5, points: 2, why: 'w' } }, '$.injects[0].response.doneWhen[0].nope', /names a fact/],
    ['notBefore after notAfter', { ...base, notBefore: '09:00', notAfter: '08:50' }, '$.injects[0].notBefore', /is after notAfter/],
    ['an inject that changes nothing', { id: 'x', title: 'X', description: 'x' }, '$.injects[0]', /changes nothing/],
    ['a repeat of 0 minutes', { ...base, repeatEveryMinutes: 0 }, '$.injects[0].repeatEveryMinutes', /at least 1/],
    ['a bad clock', { ...base, notAfter: '25:00' }, '$.injects[0].notAfter', /clock time/],
    ['an unknown key', { ...base, colour: 'red' }, '$.injects[0].colour', /colour/],
  ];
  it.each(cases)('%s', (_, inject, path, message) => {
    const result = withInject(inject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.find((p) => p.path === path)?.message).toMatch(message);
  });

  it('duplicate inject and prompt ids', () => {
    const result = withInject(base, { prompts: [{ id: 'p', text: 'a' }, { id: 'p', text: 'b' }] });
    const data = structuredClone(mysqlWipe) as unknown as Scenario;
    data.injects = [base, base];
    const twice = parseScenario(data);
    expect(!result.ok && result.problems.map((p) => p.path)).toContain('$.prompts[1].id');
    expect(!twice.ok && twice.problems.map((p) => p.path)).toContain('$.injects[1].id');
  });

  it('a scenario without injects or prompts still loads', () => {
    const data = structuredClone(mysqlWipe) as unknown as Record<string, unknown>;
    delete data.injects;
    delete data.prompts;
    expect(parseScenario(data).ok).toBe(true);
  });
});
