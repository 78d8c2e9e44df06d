/**
 * A mentor steps through a trainee's run by button, scrubber, list and keys; at each step the
 * terminal and chat show what the trainee saw then, and the step's facts (thinking time, menu,
 * timeline, world) are beside them. Received runs are listed under Your runs, apart from the
 * mentor's own.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { inputFromLine } from '../../../src/engine/replay';
import { newRun, type Run } from '../../../src/runs/format';
import StepThrough from '../../../src/ui/review/StepThrough';
import { walkRun } from '../../../src/runs/stepThrough';
import { editReview } from '../../../src/runs/review';
import { ReviewForm } from '../../../src/ui/review/ReviewForm';
import { mysqlWipe } from '../runs/support';

const START = Date.parse('2026-03-02T14:00:00.000Z');

function linaRun(): Run {
  const run = newRun(mysqlWipe, 'lina-run', new Date(START).toISOString(), 'Lina');
  let t = START;
  run.inputs = mysqlWipe.referencePath.slice(0, 8).map((line, i) => {
    t += (i === 3 ? 300 : 20) * 1000;
    const input = inputFromLine(line);
    return { channel: input.channel, text: input.text, at: new Date(t).toISOString(), via: i === 1 ? 'menu' : 'typed' };
  });
  return run;
}

const position = () => screen.getByText(/^Step \d+ of \d+:/).textContent ?? '';
const terminal = () => screen.getByRole('log', { name: /^Terminal after step/ });

describe('stepping through a run', { timeout: 60_000 }, () => {
  it('moves by buttons, scrubber, list and keys; the terminal shows only what was on screen then', async () => {
    const user = userEvent.setup();
    const run = linaRun();
    render(<StepThrough scenario={mysqlWipe} run={run} walk={walkRun(mysqlWipe, run)} subject="Lina" />);
    expect(position()).toMatch(/^Step 1 of 8: /);
    expect(screen.getByRole('heading', { name: 'Terminal, as Lina saw it' })).toBeDefined();
    expect(within(terminal()).getByText(run.inputs[0]!.text)).toBeDefined();
    expect(within(terminal()).queryByText(run.inputs[2]!.text)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(position()).toMatch(/^Step 2 of 8: /);
    expect(screen.getByText('from the Actions menu')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Last' }));
    expect(position()).toMatch(/^Step 8 of 8: /);
    expect(screen.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Last' }));

    await user.keyboard('{Home}');
    expect(position()).toMatch(/^Step 1 of 8: /);
    screen.getByRole('button', { name: 'Next' }).focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(position()).toMatch(/^Step 4 of 8: /);
    expect(screen.getByText('5 minutes')).toBeDefined();
    expect(screen.getByText('· a long pause')).toBeDefined();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Go to' }), '6');
    expect(position()).toMatch(/^Step 7 of 8: /);
    expect(within(terminal()).getByText(run.inputs[6]!.text)).toBeDefined();
  });

  it('shows the keys on screen, the world after the step, and what the trainee had found', async () => {
    render(<StepThrough scenario={mysqlWipe} run={linaRun()} walk={walkRun(mysqlWipe, linaRun())} subject="Lina" />);
    expect(screen.getByText(/previous and next step/)).toBeDefined();
    expect(screen.getByRole('heading', { name: 'The world after it' })).toBeDefined();
    expect(screen.getByRole('heading', { name: 'What Lina had found or changed' })).toBeDefined();
    expect(screen.getAllByText(/active/).length).toBeGreaterThan(0);
  });
});

/** The review screen's part in this: the mentor's edits saved into the run, as the store does. */
function Mentor({ start, onSaved }: { start: Run; onSaved: (run: Run) => void }) {
  const [run, setRun] = useState(start);
  const walk = walkRun(mysqlWipe, start);
  const onEdit = (edit: Parameters<typeof editReview>[1]) => {
    const review = editReview(run.review, edit, '2026-12-02T10:00:00.000Z');
    const { review: _, ...bare } = run;
    const next = review ? { ...bare, review } : bare;
    setRun(next);
    onSaved(next);
  };
  return (
    <>
      <ReviewForm review={run.review} subject="Lina" onEdit={onEdit} />
      <StepThrough scenario={mysqlWipe} run={run} walk={walk} subject="Lina" onEdit={onEdit} />
    </>
  );
}

describe('annotating a run', { timeout: 60_000 }, () => {
  it('the mentor tags a step, comments on two, writes a verdict; the trainee reads them on their steps', async () => {
    const user = userEvent.setup();
    let saved = linaRun();
    const { unmount } = render(<Mentor start={saved} onSaved={(r) => (saved = r)} />);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(within(screen.getByRole('group', { name: 'Tags for step 2' })).getByRole('button', { name: 'Good instinct' }));
    expect(within(screen.getByRole('group', { name: 'Tags for step 2' })).getByRole('button', { name: 'Good instinct' }).getAttribute('aria-pressed')).toBe('true');
    await user.type(screen.getByRole('textbox', { name: 'Comment on step 2' }), 'Curl first: the symptom as users see it.');
    await user.click(screen.getByRole('button', { name: 'Last' }));
    await user.type(screen.getByRole('textbox', { name: 'Comment on step 8' }), 'Tell Sami sooner.');
    await user.type(screen.getByRole('textbox', { name: 'Verdict' }), 'Nearly there');
    await user.click(screen.getByRole('button', { name: 'First' }));
    expect(saved.review).toEqual({
      reviewedAt: '2026-12-02T10:00:00.000Z',
      verdict: 'Nearly there',
      steps: [
        { step: 1, tags: ['good-instinct'], comment: 'Curl first: the symptom as users see it.' },
        { step: 7, tags: [], comment: 'Tell Sami sooner.' },
      ],
    });
    unmount();

    const user2 = userEvent.setup();
    render(
      <>
        <ReviewForm review={saved.review} subject="your" />
        <StepThrough scenario={mysqlWipe} run={saved} walk={walkRun(mysqlWipe, saved)} subject="you" />
      </>,
    );
    expect(screen.getByText('Nearly there')).toBeDefined();
    expect(screen.queryByRole('textbox')).toBeNull();
    await user2.click(screen.getByRole('button', { name: 'Step 2' }));
    expect(position()).toMatch(/^Step 2 of 8: /);
    expect(screen.getByRole('heading', { name: 'Your mentor’s note on step 2' })).toBeDefined();
    expect(screen.getByText('Curl first: the symptom as users see it.', { selector: '.walk-comment' })).toBeDefined();
  });
});
