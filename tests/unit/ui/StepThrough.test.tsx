/**
 * A mentor steps through a trainee's run by button, scrubber, list and keys; at each step the
 * terminal and chat show what the trainee saw then, and the step's facts (thinking time, menu,
 * timeline, world) are beside them. Received runs are listed under Your runs, apart from the
 * mentor's own.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { inputFromLine } from '../../../src/engine/replay';
import { newRun, type Run } from '../../../src/runs/format';
import StepThrough from '../../../src/ui/review/StepThrough';
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
    render(<StepThrough scenario={mysqlWipe} run={run} subject="Lina" />);
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
    render(<StepThrough scenario={mysqlWipe} run={linaRun()} subject="Lina" />);
    expect(screen.getByText(/previous and next step/)).toBeDefined();
    expect(screen.getByRole('heading', { name: 'The world after it' })).toBeDefined();
    expect(screen.getByRole('heading', { name: 'What Lina had found or changed' })).toBeDefined();
    expect(screen.getAllByText(/active/).length).toBeGreaterThan(0);
  });
});
