// @vitest-environment node
/**
 * A mentor's review as data (run format 4): edits one at a time, a review with nothing left in
 * it is no review, every review the editor can make is a valid run file that replays unchanged,
 * and the Markdown export shows the trainee's and mentor's text as text, never as markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { decodeRunText } from '../../../src/runs/decode';
import { drillInputs, encodeRun, REVIEW_TAGS, RunSchema, type RunReview } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { editReview, markdownText, reviewMarkdown, type ReviewEdit } from '../../../src/runs/review';
import { walkRun } from '../../../src/runs/stepThrough';
import { mysqlWipe, runOfLines, scenarios } from './support';

const NOW = '2026-12-02T10:00:00.000Z';
const run = runOfLines(mysqlWipe.referencePath.slice(0, 5), { id: 'lina', trainee: 'Lina' });

describe('editing a review', () => {
  it('toggles tags in a fixed order, keeps a comment, and drops what is emptied', () => {
    let review = editReview(undefined, { kind: 'step', step: 2, toggle: 'unsafe' }, NOW);
    review = editReview(review, { kind: 'step', step: 2, toggle: 'good-instinct' }, NOW);
    review = editReview(review, { kind: 'step', step: 0, comment: 'Right first move.' }, NOW);
    expect(review).toEqual({ reviewedAt: NOW, steps: [{ step: 0, tags: [], comment: 'Right first move.' }, { step: 2, tags: ['good-instinct', 'unsafe'] }] });
    review = editReview(review, { kind: 'step', step: 2, toggle: 'unsafe' }, NOW);
    review = editReview(review, { kind: 'step', step: 2, toggle: 'good-instinct' }, NOW);
    review = editReview(review, { kind: 'run', field: 'verdict', text: 'Nearly there' }, NOW);
    expect(review).toEqual({ reviewedAt: NOW, verdict: 'Nearly there', steps: [{ step: 0, tags: [], comment: 'Right first move.' }] });
    review = editReview(review, { kind: 'step', step: 0, comment: '  ' }, NOW);
    expect(editReview(review, { kind: 'run', field: 'verdict', text: '' }, NOW)).toBeUndefined();
  });

  it('any series of edits gives a review that makes a valid run file, replayed and scored as without it', { timeout: 60_000 }, () => {
    const edit: fc.Arbitrary<ReviewEdit> = fc.oneof(
      fc.record({ kind: fc.constant('run' as const), field: fc.constantFrom('reviewer' as const, 'verdict' as const, 'wentWell' as const, 'practiseNext' as const), text: fc.string({ maxLength: 80 }) }),
      fc.record({ kind: fc.constant('step' as const), step: fc.integer({ min: 0, max: run.inputs.length - 1 }), comment: fc.string({ maxLength: 80 }) }),
      fc.record({ kind: fc.constant('step' as const), step: fc.integer({ min: 0, max: run.inputs.length - 1 }), toggle: fc.constantFrom(...REVIEW_TAGS) }),
    );
    const plain = scoreRun(mysqlWipe, drillInputs(run));
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        let review: RunReview | undefined;
        for (const e of edits) review = editReview(review, e, NOW);
        const reviewed = review ? { ...run, review } : run;
        expect(v.safeParse(RunSchema, reviewed).success).toBe(true);
        const back = decodeRunText(encodeRun(reviewed), scenarios);
        expect(back).toMatchObject({ ok: true, run: reviewed });
      }),
      { numRuns: 60 },
    );
    const back = decodeRunText(encodeRun({ ...run, review: { reviewedAt: NOW, steps: [{ step: 1, tags: ['lucky'] }] } }), scenarios);
    if (!back.ok) throw new Error(back.problem.code);
    expect(scoreRun(mysqlWipe, drillInputs(back.run))).toEqual(plain);
  });
});

describe('the Markdown export', () => {
  it('escapes markup and HTML in every text, and keeps a cell on one line', () => {
    expect(markdownText('<img src=x onerror=alert(1)> | **bold** `code`\nnext')).toBe('\\<img src=x onerror=alert(1)\\> \\| \\*\\*bold\\*\\* \\`code\\` next');
  });

  it('has the run’s summary, the mentor’s texts and every step with its note', () => {
    const reviewed = {
      ...run,
      trainee: 'Lina <b>',
      review: { reviewer: 'Karim', reviewedAt: NOW, verdict: 'Nearly there', practiseNext: 'Tell Sami earlier.\n\nThen check the replica.', steps: [{ step: 1, tags: ['good-instinct' as const], comment: 'Yes | exactly' }] },
    };
    const walk = walkRun(mysqlWipe, reviewed);
    const text = reviewMarkdown({ run: reviewed, scenario: mysqlWipe, score: walk.score, steps: walk.steps });
    expect(text).toContain("# Review: Lina \\<b\\>'s run of “08:40 — TuniStocks is down for every logged-in user”");
    expect(text).toContain('- Reviewed by Karim on 2026-12-02');
    expect(text).toContain('## Verdict\n\nNearly there\n');
    expect(text).toContain('## What to practise next\n\nTell Sami earlier.\n\nThen check the replica.\n');
    const rows = text.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(walk.steps.length);
    expect(rows[1]).toContain('| Good instinct | Yes \\| exactly |');
    expect(rows[1]!.split(/(?<!\\)\|/)).toHaveLength(8);
  });
});
