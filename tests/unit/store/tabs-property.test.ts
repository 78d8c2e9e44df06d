/**
 * Two tabs doing anything in any order, hearing of each other at any moment: every input a
 * tab accepted is in a saved run at the end, and every run a tab holds is saved as it holds it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DrillStore } from '../../../src/store/drill';
import { Area, openStore, reload } from './support';

type Action =
  | { tab: 0 | 1; kind: 'type' }
  | { tab: 0 | 1; kind: 'start' }
  | { tab: 0 | 1; kind: 'restart' }
  | { tab: 0 | 1; kind: 'reload' }
  | { kind: 'deliver' };

const tab = fc.constantFrom(0 as const, 1 as const);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: tab.map((t) => ({ tab: t, kind: 'type' as const })) },
  { weight: 1, arbitrary: tab.map((t) => ({ tab: t, kind: 'start' as const })) },
  { weight: 1, arbitrary: tab.map((t) => ({ tab: t, kind: 'restart' as const })) },
  { weight: 1, arbitrary: tab.map((t) => ({ tab: t, kind: 'reload' as const })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'deliver' as const }) },
);

/** One case replays 20 to 80 small steps in two stores (a few ms idle); the timeout leaves ample room for a loaded machine. */
const CASES = 150;

describe('two tabs, any interleaving', () => {
  it(
    'no accepted input is lost, and what each tab holds is what is saved',
    () => {
      fc.assert(
        fc.property(fc.array(action, { minLength: 20, maxLength: 80 }), (actions) => {
          const area = new Area();
          const tabs = [area.tab(), area.tab()] as const;
          const stores: [DrillStore, DrillStore] = [openStore(tabs[0], { ids: 'a' }), openStore(tabs[1], { ids: 'b' })];
          const accepted: string[] = [];
          let typed = 0;
          let reloads = 0;
          for (const step of actions) {
            if (step.kind === 'deliver') {
              area.deliver();
              continue;
            }
            const store = stores[step.tab];
            const state = store.getState();
            if (step.kind === 'start') {
              if (!state.snapshot || state.snapshot.matches('briefing')) state.start('Amel');
            } else if (step.kind === 'restart') state.restart();
            else if (step.kind === 'reload') {
              reloads += 1;
              stores[step.tab] = reload(store, tabs[step.tab], { ids: `${step.tab === 0 ? 'a' : 'b'}${reloads}` });
            } else {
              // A tab on the briefing or the end screen starts a run first, as the trainee would.
              if (!state.snapshot || !state.snapshot.matches('investigating')) state.start('Amel');
              const text = `echo ${++typed}`;
              store.getState().submit({ channel: 'terminal', text });
              if (store.getState().run?.inputs.at(-1)?.text === text) accepted.push(text);
            }
          }
          area.deliver();
          const saved = openStore(area.tab(), { ids: 'check' }).getState();
          const savedRuns = [...saved.past, ...(saved.run ? [saved.run] : [])];
          const savedTexts = new Set(savedRuns.flatMap((r) => r.inputs.map((i) => i.text)));
          for (const text of accepted) expect(savedTexts, `input "${text}"`).toContain(text);
          const inputsOf = (run: { inputs: { text: string }[] }) => JSON.stringify(run.inputs.map((i) => i.text));
          const savedInputs = new Set(savedRuns.map(inputsOf));
          for (const store of stores) {
            const { run, past } = store.getState();
            for (const held of [...past, ...(run && run.inputs.length > 0 ? [run] : [])]) expect(savedInputs).toContain(inputsOf(held));
          }
          for (const store of stores) store.close();
        }),
        { numRuns: CASES },
      );
    },
    CASES * 400,
  );
});
