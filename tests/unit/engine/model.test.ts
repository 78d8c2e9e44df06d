// @vitest-environment node
/**
 * Model-based coverage of the drill machine with `xstate/graph`: explore every state reachable
 * with the scenario's own commands (each action's canonical command, moving between hosts,
 * opening MySQL, one chat message), then check that every action can be done, that the site
 * can be restored, and that no state short of a deliberate ending is a dead end.
 *
 * A state's key is the session state, the facts that can decide an ending or make an action
 * available, where the trainee is (hosts, mode, MySQL server, database), and the ending.
 * The clock and the transcript are left out (they would make every state new), and so are
 * facts that only change wording or breaches, which keeps the graph a few hundred states.
 * Logins are one hop deep (laptop → server), as the scenario never needs more.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { Condition } from '../../../src/scenario/schema';
import { drillMachine, type DrillEvent } from '../../../src/engine/machine';
import { inputFromLine, outcomeOf, replayInputs, type DrillInput, type DrillSnapshot } from '../../../src/engine/replay';
import { mysqlWipe } from './support';

const scenario = mysqlWipe;

/** Facts named where they decide something: endings, scheduled events, `requires`, and the conditions of effects. */
function decidingFacts(): string[] {
  const names = new Set<string>();
  const add = (when: Condition | Record<string, unknown> | undefined) => {
    for (const key of Object.keys(when ?? {})) {
      const name = key.replace(/^!/, '');
      if (name in scenario.facts) names.add(name);
    }
  };
  scenario.endings.forEach((e) => add(e.when));
  scenario.events.forEach((e) => {
    add(e.when);
    add(e.set);
  });
  scenario.actions.forEach((a) => {
    add(a.requires);
    a.effects?.forEach((e) => add(e.when));
  });
  return [...names].sort();
}

const facts = decidingFacts();

function keyOf(snapshot: DrillSnapshot): string {
  const w = snapshot.context.world;
  return JSON.stringify([snapshot.value, facts.map((f) => w.facts[f]), w.hostStack, w.mode, w.mysqlHost, w.db, w.ending]);
}

const submit = (input: string): DrillEvent => ({ type: 'terminal.submit', input });
const shellHosts = scenario.hosts.filter((h) => h.prompt).map((h) => h.id);
const mysqlServers = scenario.hosts.filter((h) => h.databases?.length).map((h) => h.id);
const sqlCommands = new Set([...scenario.actions.filter((a) => a.channel === 'sql').map((a) => a.command), 'USE tunistocks;', 'exit']);
const chat: DrillEvent = { type: 'chat.send', text: 'The site fails for logged-in users. What should I check?' };

const events: DrillEvent[] = [
  { type: 'session.start' },
  ...[
    ...new Set([
      ...scenario.actions.filter((a) => a.channel !== 'chat').map((a) => a.command),
      ...shellHosts.map((h) => `ssh ${h}`),
      'exit',
      ...mysqlServers.map((h) => `mysql -h ${h}`),
      'USE tunistocks;',
    ]),
  ].map(submit),
  chat,
];

/** What makes sense to type where the trainee is: SQL at mysql>, shell commands at a shell, one login deep. */
function worthTrying(snapshot: DrillSnapshot, event: DrillEvent): boolean {
  if (event.type === 'session.start') return snapshot.matches('briefing');
  if (!snapshot.matches('investigating')) return false;
  if (event.type === 'chat.send') return true;
  if (event.type !== 'terminal.submit') return false;
  const { mode, hostStack } = snapshot.context.world;
  if (mode === 'mysql') return sqlCommands.has(event.input);
  if (sqlCommands.has(event.input) && event.input !== 'exit') return false;
  if (/^ssh \S+$/.test(event.input) && hostStack.length >= 2) return false;
  return true;
}

const inputOf = (event: DrillEvent): DrillInput | null =>
  event.type === 'terminal.submit' ? { channel: 'terminal', text: event.input } : event.type === 'chat.send' ? { channel: 'chat', text: event.text } : null;

let adjacency: AdjacencyMap<DrillSnapshot, DrillEvent>;
let keys: string[];
/** For each state, the events of a shortest path from the start (found breadth-first). */
const pathTo = new Map<string, DrillEvent[]>();
/** For each action id, a shortest path that performs it. */
const pathDoing = new Map<string, DrillEvent[]>();
const edges = new Map<string, Set<string>>();

beforeAll(() => {
  const started = performance.now();
  adjacency = getAdjacencyMap(drillMachine, { input: scenario, events, serializeState: keyOf, filterEvents: worthTrying });
  keys = Object.keys(adjacency);
  const initial = keys[0]!;
  pathTo.set(initial, []);
  const queue = [initial];
  let transitions = 0;
  while (queue.length) {
    const from = queue.shift()!;
    const next = new Set<string>();
    for (const { event, state } of Object.values(adjacency[from as keyof typeof adjacency]!.transitions)) {
      transitions += 1;
      const to = keyOf(state);
      next.add(to);
      const path = [...pathTo.get(from)!, event];
      const { steps } = state.context;
      const last = steps[steps.length - 1];
      if (last && event.type !== 'session.start') for (const id of last.actions) if (!pathDoing.has(id)) pathDoing.set(id, path);
      if (!pathTo.has(to)) {
        pathTo.set(to, path);
        queue.push(to);
      }
    }
    edges.set(from, next);
  }
  console.info(`xstate/graph: ${keys.length} states, ${transitions} transitions explored in ${Math.round(performance.now() - started)} ms (key facts: ${facts.join(', ')})`);
}, 30_000);

const stateOf = (key: string) => adjacency[key as keyof typeof adjacency]!.state;

describe('the drill machine explored with xstate/graph', () => {
  it('explores a bounded graph in which every target is itself explored', () => {
    expect(keys.length).toBeGreaterThan(50);
    const explored = new Set(keys);
    const unexplored = [...edges.values()].flatMap((targets) => [...targets].filter((to) => !explored.has(to)));
    expect(unexplored).toEqual([]);
  });

  it('reaches every action of the scenario on some path', () => {
    const missing = scenario.actions.map((a) => a.id).filter((id) => !pathDoing.has(id));
    expect(missing).toEqual([]);
  });

  it('each such path, replayed through the engine, performs the action', () => {
    for (const [id, path] of pathDoing) {
      const inputs = path.map(inputOf).filter((i): i is DrillInput => i !== null);
      const { steps } = replayInputs(scenario, inputs).context;
      expect(steps[steps.length - 1]!.actions, `${id} via ${inputs.map((i) => i.text).join(' ⏎ ')}`).toContain(id);
    }
  });

  it('reaches the resolved state, and the shortest way there replays to "resolved"', () => {
    const resolved = keys.filter((k) => stateOf(k).matches('resolved'));
    expect(resolved.length).toBeGreaterThan(0);
    const shortest = resolved.map((k) => pathTo.get(k)!).sort((a, b) => a.length - b.length)[0]!;
    const snapshot = replayInputs(scenario, shortest.map(inputOf).filter((i): i is DrillInput => i !== null));
    expect(outcomeOf(snapshot)).toBe('resolved');
    expect(snapshot.context.world.ending).toBe('restored');
  });

  it('every failed state is a deliberate ending of the scenario', () => {
    for (const key of keys.filter((k) => stateOf(k).matches('failed'))) {
      const ending = scenario.endings.find((e) => e.id === stateOf(key).context.world.ending);
      expect(ending?.outcome).toBe('failed');
    }
  });

  it('from every state short of an ending, the site can still be restored', () => {
    const reverse = new Map<string, string[]>();
    for (const [from, targets] of edges) for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
    const canResolve = new Set(keys.filter((k) => stateOf(k).matches('resolved')));
    const queue = [...canResolve];
    while (queue.length) {
      for (const from of reverse.get(queue.shift()!) ?? []) {
        if (!canResolve.has(from)) {
          canResolve.add(from);
          queue.push(from);
        }
      }
    }
    const deadEnds = keys.filter((k) => !canResolve.has(k) && !stateOf(k).matches('failed'));
    expect(deadEnds).toEqual([]);
  });

  it('the seed’s reference path stays inside the explored graph', () => {
    const inputs = scenario.referencePath.map(inputFromLine);
    for (let i = 1; i <= inputs.length; i += 1) {
      const key = keyOf(replayInputs(scenario, inputs.slice(0, i)));
      expect(adjacency[key as keyof typeof adjacency], `after "${inputs[i - 1]!.text}"`).toBeDefined();
    }
  });
});
