/**
 * The postmortem editor on the end screen, by role: written after the debrief, its timeline
 * prefilled from the run, the blameless check under the text it flags, times checked, saved in
 * the run as fields lose focus, and shown beside the team's postmortem with the measures named.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillApp } from '../../../src/ui/DrillApp';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { inputFromLine } from '../../../src/engine/replay';
import { replayHere } from '../../../src/ui/replayJob';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../scoring/support';

let store: DrillStore;

async function finishTheDrill() {
  const user = userEvent.setup();
  store.getState().open(mysqlWipe);
  store.getState().start('Lina');
  for (const line of mysqlWipe.referencePath) store.getState().submit(inputFromLine(line));
  store.getState().settle();
  render(
    <DrillStoreProvider store={store}>
      <DrillApp scenario={mysqlWipe} />
    </DrillStoreProvider>,
  );
  await user.click(await screen.findByRole('button', { name: 'Write the postmortem' }, { timeout: 20_000 }));
  return { user, form: await screen.findByRole('form', { name: 'Your postmortem' }) };
}

const saved = () => store.getState().past.find((r) => r.id === store.getState().run!.id)!.postmortem!;

describe('the trainee’s postmortem', { timeout: 60_000 }, () => {
  beforeEach(() => {
    store = createDrillStore({ storage: null, scenarios: [mysqlWipe], replay: replayHere });
  });

  it('starts from the run: the timeline with the drill’s clock, the minutes users were affected, the writer', async () => {
    const { form } = await finishTheDrill();
    expect(within(form).getByLabelText('Time of line 1')).toHaveValue('08:40');
    expect(within(form).getByLabelText('What happened at line 1')).toHaveValue('Investigation starts: the outage is noticed.');
    const texts = within(form).getAllByLabelText(/^What happened at line/).map((e) => (e as HTMLInputElement).value);
    expect(texts.at(-1)).toBe('Resolved: The site is back');
    expect(texts.some((t) => t.includes('cat ~/.mysql_history'))).toBe(true);
    expect(within(form).getByLabelText('Minutes users were affected')).toHaveValue(20);
    expect(within(form).getByLabelText('Written by')).toHaveValue('Lina');
    // Kept in the run from the first click: a reload finds it.
    expect(saved().timeline).toHaveLength(texts.length);
  });

  it('flags a blaming sentence under its box with a systemic suggestion, and clears it once reworded', async () => {
    const { user, form } = await finishTheDrill();
    const rootCause = within(form).getByLabelText('Root cause');
    await user.type(rootCause, 'The intern was careless. The account had ALL PRIVILEGES.');
    const finding = within(form).getByText(/Blaming words:/).closest('li')!;
    expect(finding).toHaveTextContent('“careless” in “The intern was careless.”');
    expect(finding).toHaveTextContent('Instead: Describe the conditions instead');
    expect(rootCause.getAttribute('aria-describedby')).toContain(finding.closest('ul')!.id);
    expect(within(form).getByText('1 sentence blames a person: see the suggestions under it.')).toBeInTheDocument();
    await user.clear(rootCause);
    await user.type(rootCause, 'A new account had ALL PRIVILEGES on the master.');
    await user.tab();
    expect(within(form).queryByText(/Blaming words:/)).not.toBeInTheDocument();
    expect(within(form).getByText('No blaming words found.')).toBeInTheDocument();
    expect(saved().rootCause).toBe('A new account had ALL PRIVILEGES on the master.');
  });

  it('a time not on a 24-hour clock is marked and not saved; lines are added and removed', async () => {
    const { user, form } = await finishTheDrill();
    const lines = within(form).getAllByLabelText(/^What happened at line/).length;
    const time = within(form).getByLabelText('Time of line 2');
    await user.clear(time);
    await user.type(time, '8.4');
    await user.tab();
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText(/written as on a 24-hour clock, like 08:40/)).toBeInTheDocument();
    expect(saved().timeline[1]!.at).toBe('08:40');
    await user.click(within(form).getByRole('button', { name: 'Add a line' }));
    expect(within(form).getAllByLabelText(/^What happened at line/)).toHaveLength(lines + 1);
    await user.click(within(form).getByRole('button', { name: 'Remove line 1' }));
    expect(saved().timeline).toHaveLength(lines);
    expect(saved().timeline[0]!.text).not.toBe('Investigation starts: the outage is noticed.');
  });

  it('is shown beside the team’s postmortem, with the measures named and missed', async () => {
    const { user, form } = await finishTheDrill();
    await user.type(within(form).getByLabelText('Corrective and preventive actions'), 'Remove ALL PRIVILEGES from intern accounts{Enter}Add a delayed replica');
    await user.click(screen.getByRole('button', { name: 'Compare with the team’s postmortem' }));
    const compare = screen.getByRole('region', { name: 'Beside the team’s real postmortem' });
    expect(within(compare).getByText('You named 1 of 4.')).toBeInTheDocument();
    const measures = within(compare).getAllByRole('listitem').filter((li) => /^(Named|Missed):/.test(li.textContent ?? ''));
    expect(measures.map((li) => li.textContent!.split(':')[0])).toEqual(['Named', 'Missed', 'Missed', 'Missed']);
    expect(within(compare).getByRole('heading', { name: 'Your other actions' })).toBeInTheDocument();
    expect(saved().actions).toEqual(['Remove ALL PRIVILEGES from intern accounts', 'Add a delayed replica']);
    expect(screen.getByRole('button', { name: 'Hide the comparison' })).toHaveAttribute('aria-expanded', 'true');
  });
});
