/**
 * The drill window's end of the facilitator's channel (protocol.ts): sends the console what it
 * shows, and takes its commands into the run as inputs on the facilitator's channel.
 */
import type { DrillStore, DrillState } from '../../store/drill';
import { clockText, parseClock } from '../../engine/clock';
import { injectRefusal, type InjectRefusal } from '../../engine/injects';
import { hintAtTier } from '../../engine/hints';
import { currentHost } from '../../engine/world';
import { FACILITATOR_CHANNEL, HEARTBEAT_MS, isConsoleMessage, type ConsoleState, type Stage } from './protocol';

function unavailable(refusal: InjectRefusal | null): string | null {
  if (!refusal) return null;
  switch (refusal.why) {
    case 'unknown':
      return 'not in this scenario';
    case 'fired':
      return `fired at ${clockText(refusal.at)}`;
    case 'too-early':
      return `from ${refusal.notBefore}`;
    case 'too-late':
      return `only until ${refusal.notAfter}`;
    case 'condition':
      return 'not at this point of the run';
  }
}

/** What the console shows, read off the drill's state. */
export function consoleState(state: Pick<DrillState, 'scenario' | 'snapshot' | 'run'>): ConsoleState {
  const { scenario, snapshot, run } = state;
  if (!scenario || !snapshot) return { type: 'state', scenario: null, stage: null, trainee: null, clock: '', host: '', injects: [], prompts: [], hints: [], team: [], recent: [], log: [], facts: [] };
  const { world, steps } = snapshot.context;
  const stage: Stage = snapshot.matches('briefing') ? 'briefing' : snapshot.matches('paused') ? (world.held ? 'held' : 'paused') : snapshot.matches('investigating') ? 'investigating' : world.ending && scenario.endings.find((e) => e.id === world.ending)?.outcome === 'resolved' ? 'resolved' : 'failed';
  const live = stage === 'investigating' || stage === 'paused' || stage === 'held';
  return {
    type: 'state',
    scenario: { id: scenario.id, title: scenario.title, timezone: scenario.clock.timezone },
    stage,
    trainee: run?.trainee ?? null,
    clock: clockText(world.clock, true),
    host: currentHost(world),
    injects: (scenario.injects ?? []).map((i) => ({ id: i.id, title: i.title, description: i.description, unavailable: live ? unavailable(injectRefusal(scenario, world, i.id)) : 'the drill is not running' })),
    prompts: (scenario.prompts ?? []).map(({ id, text }) => ({ id, text })),
    hints: ([1, 2, 3] as const).map((tier) => hintAtTier(scenario, world.facts, tier)?.line ?? null),
    team: scenario.timeline.events.map((e) => ({ at: e.at, who: e.who, what: e.what, passed: parseClock(e.at) <= world.clock })),
    recent: steps
      .filter((s) => s.channel === 'terminal' || s.channel === 'chat')
      .slice(-6)
      .map((s) => ({ clock: clockText(s.startClock), where: s.channel === 'chat' ? `to ${scenario.colleague.name}` : s.prompt, input: s.input })),
    log: steps.filter((s) => s.channel === 'facilitator').map((s) => ({ clock: clockText(s.startClock), command: s.input, lines: [...(s.notes ?? []), ...s.notices], done: s.recognised })),
    facts: Object.entries(world.facts).map(([k, v]) => [k, String(v)]),
  };
}

/** Starts the drill window's end of the channel; returns what stops it. Without BroadcastChannel, nothing. */
export function startFacilitatorBridge(store: DrillStore): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(FACILITATOR_CHANNEL);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const post = () => {
    timer = null;
    channel.postMessage(consoleState(store.getState()));
  };
  const soon = () => {
    timer ??= setTimeout(post, 30);
  };
  const unsubscribe = store.subscribe(soon);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isConsoleMessage(message)) return;
    if (message.type === 'hello') post();
    else store.getState().submit({ channel: 'facilitator', text: message.text }, 'typed');
  };
  const beat = setInterval(post, HEARTBEAT_MS);
  const bye = () => channel.postMessage({ type: 'bye' });
  window.addEventListener('pagehide', bye);
  post();
  return () => {
    unsubscribe();
    clearInterval(beat);
    if (timer) clearTimeout(timer);
    window.removeEventListener('pagehide', bye);
    channel.close();
  };
}
