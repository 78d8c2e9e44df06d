/**
 * A model of the drill machine for `xstate/graph`: which events to try (the scenario's own
 * commands, moving between hosts, opening MySQL, one chat message), where each is worth
 * trying, what makes two snapshots the same state, and a breadth-first walk of the graph.
 *
 * One model, two users: the model test (tests/unit/engine/model.test.ts) checks the graph,
 * and the bench (scripts/bench/model-check.ts) times it, so the figure is the cost of the
 * test's graph. Not used by the app: nothing here runs in the browser bundle.
 *
 * Pure: no I/O, no randomness. The one clock read (`adjacencyMs`) only reports how long the
 * exploration took and never changes the graph.
 */
import { getAdjacencyMap, type AdjacencyMap } from 'xstate/graph';
import type { Condition, Scenario } from '../scenario/schema';
import { drillMachine, type DrillEvent } from './machine';
import { mysqlServers, shellHosts } from './simConfig';
import type { DrillInput, DrillSnapshot } from './replay';
import { HINT_COMMAND } from './world';

/**
 * The facts named where they decide something: read by an ending, a scheduled event (its
 * condition or what it sets), an action's `requires`, an effect's condition, or an inject's
 * `availableWhen` (or set by one).
 *
 * Why: only these can change an ending or what an action does, so a state key built from
 * them alone keeps the graph a few hundred states; facts that only change wording or breaches
 * would multiply it without adding any way to end. Sorted, so the key's order is stable.
 * Invariants: every name returned is a fact of `scenario` (a `!` prefix is dropped).
 */
export function decidingFacts(scenario: Scenario): string[] {
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
  // An inject's window is decided by these, and what it sets may decide the rest.
  scenario.injects?.forEach((i) => {
    add(i.availableWhen);
    add(i.set);
  });
  return [...names].sort();
}

/**
 * The state key of the model: the session state, the values of `facts` (in the order given),
 * where the trainee is (host stack, shell or mysql, MySQL server, database), and the ending.
 *
 * Why: the clock and the transcript are left out because they would make every snapshot a new
 * state and the graph infinite. Invariants: two snapshots with the same key offer the same
 * events (`worthTrying` reads only the session state, mode and host stack, all in the key).
 */
export function modelStateKey(facts: readonly string[]): (snapshot: DrillSnapshot) => string {
  return (snapshot) => {
    const w = snapshot.context.world;
    return JSON.stringify([snapshot.value, facts.map((f) => w.facts[f]), w.hostStack, w.mode, w.mysqlHost, w.db, w.ending]);
  };
}

const submit = (input: string): DrillEvent => ({ type: 'terminal.submit', input });

/** The events a model tries, and the filter of where each one is worth trying. */
export interface ModelEvents {
  events: DrillEvent[];
  worthTrying: (snapshot: DrillSnapshot, event: DrillEvent) => boolean;
}

/**
 * The events the model tries: starting the session, each non-chat action's command, `ssh` to
 * each host the world describes, `exit`, `mysql -h` each MySQL server, `USE` each of its databases,
 * one chat message anywhere, and each chat action's own message and a hint at the start host's
 * shell; and `worthTrying`, which offers each only where it makes sense (SQL at mysql>, shell
 * commands at a shell, logins one hop deep: laptop → server).
 *
 * Why: trying every command everywhere would mostly explore "command not found" self-loops;
 * the filter keeps the graph to what a trainee could usefully do, and the scenario never needs
 * more than one login. Invariants: no command is listed twice; nothing is worth trying outside
 * `briefing` (only `session.start`) and `investigating`.
 */
export function modelEvents(scenario: Scenario): ModelEvents {
  const logins = shellHosts(scenario).map((h) => h.id);
  const servers = mysqlServers(scenario);
  const uses = [...new Set(servers.flatMap((s) => s.databases).filter((d) => !['information_schema', 'mysql', 'performance_schema', 'sys'].includes(d)))].map((d) => `USE ${d};`);
  const sqlCommands = new Set([...scenario.actions.filter((a) => a.channel === 'sql').map((a) => a.command), ...uses, 'exit']);
  const chat: DrillEvent = { type: 'chat.send', text: 'The site fails for logged-in users. What should I check?' };
  // Every kind of message Sami reads, and a hint: tried at the start host's shell only, so that each
  // is reached in every state of the facts without multiplying the graph by the hosts.
  const startMessages = new Set(scenario.actions.filter((a) => a.channel === 'chat' && a.command !== chat.text).map((a) => a.command));
  const atStart: DrillEvent[] = [...[...startMessages].map((text): DrillEvent => ({ type: 'chat.send', text })), { type: 'hint.request' }];
  const onlyAtStart = (event: DrillEvent) => event.type === 'hint.request' || (event.type === 'chat.send' && startMessages.has(event.text));
  const events: DrillEvent[] = [
    { type: 'session.start' },
    ...[
      ...new Set([
        ...scenario.actions.filter((a) => a.channel !== 'chat').map((a) => a.command),
        ...logins.map((h) => `ssh ${h}`),
        'exit',
        // The MySQL client pointed at each server (the login comes from ~/.my.cnf where the world has one).
        ...servers.map((server) => `mysql -h ${server.id}`),
        ...uses,
      ]),
    ].map(submit),
    chat,
    ...atStart,
  ];
  const worthTrying = (snapshot: DrillSnapshot, event: DrillEvent): boolean => {
    if (event.type === 'session.start') return snapshot.matches('briefing');
    if (!snapshot.matches('investigating')) return false;
    const { mode, hostStack } = snapshot.context.world;
    if (onlyAtStart(event)) return mode === 'shell' && hostStack.length === 1;
    if (event.type === 'chat.send') return true;
    if (event.type !== 'terminal.submit') return false;
    if (mode === 'mysql') return sqlCommands.has(event.input);
    if (sqlCommands.has(event.input) && event.input !== 'exit') return false;
    if (/^ssh \S+$/.test(event.input) && hostStack.length >= 2) return false;
    return true;
  };
  return { events, worthTrying };
}

/**
 * The trainee's inputs along a path of model events (what `replayInputs` takes): terminal and
 * chat events become inputs, `session.start` (the briefing, not an input) is dropped.
 */
export function inputsOf(path: readonly DrillEvent[]): DrillInput[] {
  return path.flatMap((event): DrillInput[] =>
    event.type === 'terminal.submit'
      ? [{ channel: 'terminal', text: event.input }]
      : event.type === 'chat.send'
        ? [{ channel: 'chat', text: event.text }]
        : event.type === 'hint.request'
          ? [{ channel: 'hint', text: HINT_COMMAND }]
          : [],
  );
}

/** One explored transition: from one state key to another, by an event, with the snapshot it leads to. */
export interface ModelTransition {
  from: string;
  to: string;
  event: DrillEvent;
  state: DrillSnapshot;
}

export interface ModelExploration {
  /** The facts in the state key. */
  facts: string[];
  /** The key of a snapshot, as the graph is keyed. */
  keyOf: (snapshot: DrillSnapshot) => string;
  /** The events offered (before filtering). */
  events: DrillEvent[];
  /** The graph as `getAdjacencyMap` returns it. */
  adjacency: AdjacencyMap<DrillSnapshot, DrillEvent>;
  /** Every state key, the initial state (the briefing) first. */
  states: string[];
  /** Every transition, in breadth-first order from the initial state. */
  transitions: ModelTransition[];
  /** For each state, the distinct states one transition away. */
  edges: Map<string, Set<string>>;
  /** For each state reached, the events of a shortest path from the initial state (starting with `session.start`). */
  pathTo: Map<string, DrillEvent[]>;
  /** How long `getAdjacencyMap` alone took, in ms. */
  adjacencyMs: number;
}

/**
 * Explores the drill machine on `scenario` with `xstate/graph` and walks the graph breadth-first.
 *
 * Why: the model test and the bench must explore the very same graph (the bench's figure is the
 * cost of the test), so both go through here. `facts` defaults to `decidingFacts(scenario)`; the
 * bench also passes every fact, to show what that costs.
 * Invariants: `transitions` lists each explored transition once, in breadth-first order, so the
 * first transition met that does something is on a shortest path; `pathTo` holds a shortest path
 * (fewest events) for every state reached from the initial one.
 */
export function exploreModel(scenario: Scenario, options: { facts?: readonly string[] } = {}): ModelExploration {
  const facts = [...(options.facts ?? decidingFacts(scenario))];
  const keyOf = modelStateKey(facts);
  const { events, worthTrying } = modelEvents(scenario);
  const started = performance.now();
  const adjacency = getAdjacencyMap(drillMachine, { input: scenario, events, serializeState: keyOf, filterEvents: worthTrying });
  const adjacencyMs = performance.now() - started;
  const states = Object.keys(adjacency);
  const initial = states[0]!;
  const transitions: ModelTransition[] = [];
  const edges = new Map<string, Set<string>>();
  const pathTo = new Map<string, DrillEvent[]>([[initial, []]]);
  const queue = [initial];
  for (let i = 0; i < queue.length; i += 1) {
    const from = queue[i]!;
    const next = new Set<string>();
    for (const { event, state } of Object.values(adjacency[from as keyof typeof adjacency]!.transitions)) {
      const to = keyOf(state);
      transitions.push({ from, to, event, state });
      next.add(to);
      if (!pathTo.has(to)) {
        pathTo.set(to, [...pathTo.get(from)!, event]);
        queue.push(to);
      }
    }
    edges.set(from, next);
  }
  return { facts, keyOf, events, adjacency, states, transitions, edges, pathTo, adjacencyMs };
}

/**
 * The facilitator's commands the model fires from explored states: `inject <id>` for each of the
 * scenario's injects, then `pause` and `resume`.
 *
 * Why: injects are not edges of the graph (each firing is remembered, so with them the graph
 * would be multiplied by every subset of injects fired); the model test fires each from every
 * explored state instead, and asks that it lead back into the graph. Invariants: one event per
 * inject, in the scenario's order.
 */
export function facilitatorEvents(scenario: Scenario): DrillEvent[] {
  return [...(scenario.injects ?? []).map((i) => `inject ${i.id}`), 'pause', 'resume'].map((text): DrillEvent => ({ type: 'facilitator.act', text }));
}
