// @vitest-environment node
/**
 * The facilitator's channel between two windows, without React: the drill window's bridge answers
 * a console's hello with what the console shows, takes its commands into the run on the
 * facilitator's channel (recorded, replayed like any input), and ignores anything malformed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import { consoleState, startFacilitatorBridge } from '../../../src/ui/facilitator/bridge';
import { FACILITATOR_CHANNEL, isDrillMessage, type ConsoleState } from '../../../src/ui/facilitator/protocol';
import { mysqlWipe } from '../scoring/support';

(globalThis as { window?: unknown }).window ??= { addEventListener: () => {}, removeEventListener: () => {} };

let stop: (() => void) | null = null;
let consoleEnd: BroadcastChannel | null = null;
afterEach(() => {
  stop?.();
  consoleEnd?.close();
});

function started(): DrillStore {
  const store = createDrillStore({ storage: null, scenarios: [mysqlWipe], replay: replayHere });
  store.getState().open(mysqlWipe);
  store.getState().start('Lina');
  return store;
}

/** The next state the drill sends that satisfies `wanted`. */
function nextState(channel: BroadcastChannel, wanted: (s: ConsoleState) => boolean): Promise<ConsoleState> {
  return new Promise((resolve) => {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isDrillMessage(event.data) && event.data.type === 'state' && wanted(event.data)) resolve(event.data);
    };
  });
}

describe('the facilitator’s bridge', () => {
  it('reads the drill for the console: stage, clock, host, injects and whether each can be fired, the team’s timeline', () => {
    const store = started();
    let state = consoleState(store.getState());
    expect(state).toMatchObject({ stage: 'investigating', trainee: 'Lina', clock: '08:40:00', host: 'laptop' });
    expect(state.injects.map((i) => i.id)).toEqual(mysqlWipe.injects!.map((i) => i.id));
    expect(state.injects.every((i) => i.unavailable === null)).toBe(true);
    expect(state.team.filter((e) => e.passed).map((e) => e.at)).toEqual(['08:35', '08:40']);
    store.getState().submit({ channel: 'facilitator', text: 'inject ceo-update' });
    store.getState().submit({ channel: 'facilitator', text: 'pause' });
    store.getState().submit({ channel: 'facilitator', text: 'note the room wants to ping' });
    store.getState().settle();
    state = consoleState(store.getState());
    expect(state.stage).toBe('held');
    expect(state.injects.find((i) => i.id === 'ceo-update')!.unavailable).toBe('fired at 08:40');
    expect(state.log.map((e) => [e.command, e.done])).toEqual([
      ['inject ceo-update', true],
      ['pause', true],
      ['note the room wants to ping', true],
    ]);
    // Recorded in the run on the facilitator's channel, as any input is.
    expect(store.getState().run!.inputs.map((i) => i.channel)).toEqual(['facilitator', 'facilitator', 'facilitator']);
  });

  it('answers a console’s hello, and runs its commands in the drill', async () => {
    const store = started();
    stop = startFacilitatorBridge(store);
    consoleEnd = new BroadcastChannel(FACILITATOR_CHANNEL);
    const hello = nextState(consoleEnd, (s) => s.stage === 'investigating');
    consoleEnd.postMessage({ type: 'hello' });
    expect((await hello).scenario!.id).toBe(mysqlWipe.id);
    const held = nextState(consoleEnd, (s) => s.stage === 'held');
    consoleEnd.postMessage({ type: 'act', text: 'pause' });
    // The store runs an input after the next paint; here, at once (its default scheduler).
    expect((await held).log.at(-1)!.command).toBe('pause');
    expect(store.getState().snapshot!.matches('paused')).toBe(true);
  });

  it('ignores what is not a console’s message: no input is recorded', async () => {
    const store = started();
    stop = startFacilitatorBridge(store);
    consoleEnd = new BroadcastChannel(FACILITATOR_CHANNEL);
    for (const junk of [null, 'pause', { type: 'act' }, { type: 'act', text: 42 }, { type: 'act', text: 'x'.repeat(5_000) }, { type: 'other' }]) consoleEnd.postMessage(junk);
    const answered = nextState(consoleEnd, () => true);
    consoleEnd.postMessage({ type: 'hello' });
    await answered;
    expect(store.getState().run!.inputs).toEqual([]);
  });
});
