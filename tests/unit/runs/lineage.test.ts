// @vitest-environment node
/** History's family tree of runs: each branch under the run it was tried again from. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/runs/format';
import { lineage } from '../../../src/runs/lineage';
import { runOfLines } from './support';

const runOf = (id: string, from?: string): Run => ({ ...runOfLines(['ssh db-master'], { id }), ...(from ? { branchedFrom: { id: from, inputs: 1 } } : {}) });
const laidOut = (runs: Run[]) => lineage(runs).map((e) => `${'  '.repeat(e.depth)}${e.run.id}${e.parent ? `<${e.parent.id}` : ''}`);

describe('lineage', () => {
  it('puts each branch under its parent, depth first, in the order given at every level', () => {
    const runs = [runOf('c'), runOf('b2', 'a'), runOf('b1', 'a'), runOf('a'), runOf('b1x', 'b1')];
    expect(laidOut(runs)).toEqual(['c', 'a', '  b2<a', '  b1<a', '    b1x<b1']);
  });

  it('lists a branch whose parent is not there on its own', () => {
    expect(laidOut([runOf('b', 'gone'), runOf('a')])).toEqual(['b', 'a']);
  });

  it('lists every run once, even when parents loop or name themselves', () => {
    expect(laidOut([runOf('self', 'self'), runOf('x', 'y'), runOf('y', 'x')])).toEqual(['self', 'x', '  y<x']);
  });

  it('keeps every run, exactly once, whatever the parents', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const parents = fc.array(fc.option(fc.constantFrom(...ids, 'gone'), { nil: undefined }), { minLength: ids.length, maxLength: ids.length });
    fc.assert(
      fc.property(parents, (from) => {
        const runs = ids.map((id, i) => runOf(id, from[i]));
        const out = lineage(runs);
        expect(out.map((e) => e.run.id).sort()).toEqual(ids);
        for (const e of out) if (e.parent) expect(e.run.branchedFrom?.id).toBe(e.parent.id);
      }),
    );
  });
});
