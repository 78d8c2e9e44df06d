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
 * The model itself (events, filter, key, exploration) is src/engine/model.ts, shared with
 * the bench (scripts/bench/model-check.ts), which times this very graph.
 *
 * The facilitator's injects are fired from every explored state where one can be, not explored
 * as edges (the world remembers each firing, so as edges they would multiply the graph by every
 * subset fired): each must lead back into the graph, so that what holds of the graph (no dead
 * end, the site can be restored) holds after any inject too.
 *
 * Run over every scenario the drill ships and the fixtures' minimal one (no MySQL).
 */
import { readdirSync } from 'node:fs';
import { transition } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exploreModel, facilitatorEvents, inputsOf, type ModelExploration } from '../../../src/engine/model';
import { drillMachine, type DrillEvent } from '../../../src/engine/machine';
import { holds } from '../../../src/engine/conditions';
import { injectRefusal } from '../../../src/engine/injects';
import { inputFromLine, outcomeOf, replayInputs, type DrillSnapshot } from '../../../src/engine/replay';
import { loadScenario, repoRoot } from './support';

const files = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

describe.each(files)('%s', (file) => {
  const scenario = loadScenario(`${repoRoot}${file}`);

  let model: ModelExploration;
  let keys: string[];
  /** For each action id, a shortest path that performs it. */
  const pathDoing = new Map<string, DrillEvent[]>();

  beforeAll(() => {
    const started = performance.now();
    model = exploreModel(scenario);
    keys = model.states;
    for (const { from, event, state } of model.transitions) {
      const { steps } = state.context;
      const last = steps[steps.length - 1];
      if (last && event.type !== 'session.start') for (const id of last.actions) if (!pathDoing.has(id)) pathDoing.set(id, [...model.pathTo.get(from)!, event]);
    }
    console.info(`xstate/graph: ${keys.length} states, ${model.transitions.length} transitions explored in ${Math.round(performance.now() - started)} ms (key facts: ${model.facts.join(', ')})`);
  }, 240_000);

  const stateOf = (key: string) => model.adjacency[key as keyof typeof model.adjacency]!.state;
  const next = (state: DrillSnapshot, event: DrillEvent): DrillSnapshot => transition(drillMachine, state, event)[0];

  describe('the drill machine explored with xstate/graph', () => {
    it('explores a bounded graph in which every target is itself explored', () => {
      // Every value each deciding fact can take by the trainee's doing (its start, every action
      // effect that sets it, every reading of an observation) is met in some explored state. (A
      // scheduled event two hours in, such as out-of-time, lies beyond the explored depth: the
      // endings' own tests cover it.)
      const possible = (fact: string): Set<unknown> => {
        const values = new Set<unknown>([scenario.facts[fact]]);
        for (const action of scenario.actions) for (const effect of action.effects ?? []) if (Object.hasOwn(effect.set, fact)) values.add(effect.set[fact]);
        const observed = scenario.observe?.[fact];
        if (observed) for (const [key, value] of Object.entries(observed).slice(1)) if (['string', 'boolean', 'number'].includes(typeof value) && key !== 'before') values.add(value);
        return values;
      };
      for (const fact of model.facts) {
        const seen = new Set(keys.map((k) => stateOf(k).context.world.facts[fact]));
        expect([...seen].sort(), fact).toEqual([...possible(fact)].sort());
      }
      expect(new Set(keys).size).toBe(keys.length);
      const explored = new Set(keys);
      const unexplored = [...model.edges.values()].flatMap((targets) => [...targets].filter((to) => !explored.has(to)));
      expect(unexplored).toEqual([]);
    });

    it('reaches every action of the scenario on some path', () => {
      const missing = scenario.actions.map((a) => a.id).filter((id) => !pathDoing.has(id));
      expect(missing).toEqual([]);
    });

    it('each such path, replayed through the engine, performs the action', () => {
      for (const [id, path] of pathDoing) {
        const inputs = inputsOf(path);
        const { steps } = replayInputs(scenario, inputs).context;
        expect(steps[steps.length - 1]!.actions, `${id} via ${inputs.map((i) => i.text).join(' ⏎ ')}`).toContain(id);
      }
    });

    it('reaches the resolved state, and the shortest way there replays to "resolved"', () => {
      const resolved = keys.filter((k) => stateOf(k).matches('resolved'));
      expect(resolved.length).toBeGreaterThan(0);
      const shortest = resolved.map((k) => model.pathTo.get(k)!).sort((a, b) => a.length - b.length)[0]!;
      const snapshot = replayInputs(scenario, inputsOf(shortest));
      expect(outcomeOf(snapshot)).toBe('resolved');
      expect(scenario.endings.find((e) => e.id === snapshot.context.world.ending)?.outcome).toBe('resolved');
    });

    it('every failed state is a deliberate ending of the scenario', () => {
      for (const key of keys.filter((k) => stateOf(k).matches('failed'))) {
        const ending = scenario.endings.find((e) => e.id === stateOf(key).context.world.ending);
        expect(ending?.outcome).toBe('failed');
      }
    });

    it('from every state short of an ending, the site can still be restored', () => {
      const reverse = new Map<string, string[]>();
      for (const [from, targets] of model.edges) for (const to of targets) reverse.set(to, [...(reverse.get(to) ?? []), from]);
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
        const key = model.keyOf(replayInputs(scenario, inputs.slice(0, i)));
        expect(model.adjacency[key as keyof typeof model.adjacency], `after "${inputs[i - 1]!.text}"`).toBeDefined();
      }
    });
  });

  describe('the facilitator’s commands, fired from every explored state', () => {
    const events = facilitatorEvents(scenario);
    const injects = scenario.injects ?? [];
    const investigating = () => keys.filter((k) => stateOf(k).matches('investigating'));

    it.each(injects.map((i) => [i.id, i] as const))('inject %s can be fired somewhere, and leads back into the graph', (id) => {
      const event = events.find((e) => e.type === 'facilitator.act' && e.text === `inject ${id}`)!;
      const explored = new Set(keys);
      let fired = 0;
      for (const key of investigating()) {
        const state = stateOf(key);
        const refused = injectRefusal(scenario, state.context.world, id) !== null;
        const after = next(state, event);
        const firings = after.context.world.injected.filter((f) => f.id === id).length;
        // Refused, it changes nothing the graph keys on; fired, it is recorded once and the drill goes on.
        expect(firings, `${id} from ${key}`).toBe(refused ? 0 : 1);
        expect(after.matches('investigating'), `${id} from ${key}`).toBe(true);
        expect(explored.has(model.keyOf(after)), `${id} from ${key} leads to ${model.keyOf(after)}, outside the graph (does it set a fact no command can?)`).toBe(true);
        if (!refused) fired += 1;
      }
      expect(fired, `${id} can be fired in no explored state`).toBeGreaterThan(0);
    });

    it.each(injects.map((i) => [i.id, i] as const))('after inject %s, fired at the first chance along the shortest way to the restore, that way still resolves', (id) => {
      const resolved = keys.filter((k) => stateOf(k).matches('resolved'));
      const path = resolved.map((k) => model.pathTo.get(k)!).sort((a, b) => a.length - b.length)[0]!;
      let state = stateOf(keys[0]!);
      let fired = false;
      for (const event of path) {
        state = next(state, event);
        if (!fired && state.matches('investigating') && injectRefusal(scenario, state.context.world, id) === null) {
          state = next(state, { type: 'facilitator.act', text: `inject ${id}` });
          fired = true;
        }
      }
      expect(fired, `${id} never available along ${inputsOf(path).map((i) => i.text).join(' ⏎ ')}`).toBe(true);
      expect(state.matches('resolved'), inputsOf(path).map((i) => i.text).join(' ⏎ ')).toBe(true);
    });

    it.each(injects.filter((i) => i.response).map((i) => [i.id, i] as const))('the response inject %s asks for can be given on some path', (_id, inject) => {
      const { actions = [], doneWhen = [] } = inject.response!;
      const byAction = actions.some((a) => pathDoing.has(a));
      const byFacts = doneWhen.some((when) => keys.some((k) => holds(when, stateOf(k).context.world.facts)));
      expect(byAction || byFacts).toBe(true);
    });

    it('the facilitator’s pause holds the drill, and resume brings back the very state', () => {
      const pause = events.find((e) => e.type === 'facilitator.act' && e.text === 'pause')!;
      const resume = events.find((e) => e.type === 'facilitator.act' && e.text === 'resume')!;
      for (const key of investigating()) {
        const paused = next(stateOf(key), pause);
        expect(paused.matches('paused'), key).toBe(true);
        // The trainee cannot resume a pause the facilitator holds.
        expect(next(paused, { type: 'session.resume' }).matches('paused'), key).toBe(true);
        expect(model.keyOf(next(paused, resume)), key).toBe(key);
      }
    });
  });
});
