// @vitest-environment node
/** The session around the world: briefing → investigating ⇄ paused → resolved | failed → debrief. */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { clockText } from '../../../src/engine/clock';
import { drillMachine, type DrillEvent } from '../../../src/engine/machine';
import { eventFor, inputFromLine, outcomeOf, replayInputs, startDrill, type DrillSnapshot } from '../../../src/engine/replay';
import { mysqlWipe } from './support';

const send = (snapshot: DrillSnapshot, ...events: DrillEvent[]) => events.reduce((s, e) => transition(drillMachine, s, e)[0], snapshot);
const typed = (line: string) => eventFor(inputFromLine(line));

describe('briefing', () => {
  it('waits for the trainee: typing does nothing until the drill starts', () => {
    const [briefing] = initialTransition(drillMachine, mysqlWipe);
    const after = send(briefing, typed('ls'));
    expect(after.context.steps).toEqual([]);
    expect(outcomeOf(after)).toBe('in-progress');
  });

  it('starts at the scenario’s clock, on the start host', () => {
    const { world } = startDrill(mysqlWipe).context;
    expect(clockText(world.clock)).toBe(mysqlWipe.clock.start);
    expect(world.hostStack).toEqual([mysqlWipe.startHost]);
  });
});

describe('investigating', () => {
  it('runs terminal input and chat messages as steps', () => {
    const snapshot = send(startDrill(mysqlWipe), typed('ls'), { type: 'chat.send', text: 'hello' });
    expect(snapshot.context.steps.map((s) => [s.channel, s.input])).toEqual([
      ['terminal', 'ls'],
      ['chat', 'hello'],
    ]);
  });

  it('history lists what was typed in the terminal, not the chat', () => {
    const snapshot = send(startDrill(mysqlWipe), typed('ls'), typed('chat: psst'), typed('history'));
    const last = snapshot.context.steps[snapshot.context.steps.length - 1]!;
    // The laptop's shell starts with its saved ~/.bash_history; what was typed follows it.
    const lines = last.output.map((l) => l.trim());
    const saved = lines.length - 2;
    expect(saved).toBeGreaterThan(0);
    expect(lines.slice(-2)).toEqual([`${saved + 1}  ls`, `${saved + 2}  history`]);
    expect(lines.join('\n')).not.toContain('psst');
  });
});

describe('paused', () => {
  it('ignores input and stops the clock until resumed', () => {
    const paused = send(startDrill(mysqlWipe), typed('ls'), { type: 'session.pause' });
    const still = send(paused, typed('browser clear-cache'), { type: 'chat.send', text: 'hi' });
    expect(still.context.steps).toHaveLength(1);
    expect(still.context.world.clock).toBe(paused.context.world.clock);
    const resumed = send(still, { type: 'session.resume' }, typed('pwd'));
    expect(resumed.context.steps.map((s) => s.input)).toEqual(['ls', 'pwd']);
  });
});

describe('resolved and failed', () => {
  it('the reference path resolves, and the debrief keeps the outcome', () => {
    const resolved = replayInputs(mysqlWipe, mysqlWipe.referencePath.map(inputFromLine));
    expect(outcomeOf(resolved)).toBe('resolved');
    const debrief = send(resolved, { type: 'debrief.open' });
    expect(debrief.status).toBe('done');
    expect(outcomeOf(debrief)).toBe('resolved');
  });

  it('a harmful path fails, and the debrief keeps the outcome', () => {
    const failed = replayInputs(mysqlWipe, ['ssh db-replica', 'mysql tunistocks', 'DELETE FROM programmes;'].map(inputFromLine));
    expect(outcomeOf(failed)).toBe('failed');
    expect(outcomeOf(send(failed, { type: 'debrief.open' }))).toBe('failed');
  });

  it('an ended run takes no more input', () => {
    const failed = replayInputs(mysqlWipe, ['ssh db-replica', 'mysql tunistocks', 'DELETE FROM programmes;'].map(inputFromLine));
    expect(send(failed, typed('exit'), typed('browser login')).context.steps).toEqual(failed.context.steps);
  });
});
