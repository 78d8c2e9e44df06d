/**
 * "Try again from here" as a trainee meets it: a button per step in the debrief (at the end of a
 * run and in a review), the drill opened where that step was typed, and history showing the run
 * and its branch together, each with its grade.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inputFromLine } from '../../../src/engine/replay';
import { drillInputs } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { Debrief } from '../../../src/ui/debrief/Debrief';
import { DrillApp } from '../../../src/ui/DrillApp';
import { replayHere } from '../../../src/ui/replayJob';
import { Shell } from '../../../src/ui/Shell';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../runs/support';

const reference = mysqlWipe.referencePath.map(inputFromLine);

let store: DrillStore;

/** The debrief, history and review are lazy chunks: on a loaded machine they can take seconds to arrive. */
const LAZY = { timeout: 15_000 };

/** The store with the reference run played to its end, as the trainee Amel. */
function finishedRun() {
  const state = store.getState();
  state.open(mysqlWipe);
  store.getState().start('Amel');
  for (const input of reference) store.getState().submit(input);
  return store.getState().run!;
}

const withStore = (ui: React.ReactNode) => render(<DrillStoreProvider store={store}>{ui}</DrillStoreProvider>);

beforeEach(() => {
  let n = 0;
  let tick = Date.parse('2026-03-02T14:00:00.000Z');
  store = createDrillStore({ storage: null, scenarios: [mysqlWipe], replay: replayHere, newId: () => `run-${++n}`, now: () => new Date((tick += 60_000)).toISOString() });
});

/** Step numbers (1-based) of the reference path's first message to Sami, its MySQL login and its read of the history. */
const stepOf = (match: (line: string) => boolean) => mysqlWipe.referencePath.findIndex(match) + 1;
const CHAT = stepOf((l) => l.startsWith('chat: '));
const MYSQL = stepOf((l) => l === 'mysql -u intern -p tunistocks');
const HISTORY = stepOf((l) => l === 'cat ~/.mysql_history');

describe('the debrief’s steps', { timeout: 60_000 }, () => {
  it('have one "Try again from step N" button each, named with the step’s time and input', async () => {
    const onBranch = vi.fn();
    const user = userEvent.setup();
    render(<Debrief scenario={mysqlWipe} inputs={reference} onBranch={onBranch} />);
    const buttons = screen.getAllByRole('button', { name: /^Try again from step \d+, / });
    expect(buttons).toHaveLength(reference.length);
    const score = scoreRun(mysqlWipe, reference);
    expect(score.alignment.steps[MYSQL - 1]!.input).toBe('mysql -u intern -p tunistocks');
    const button = screen.getByRole('button', { name: new RegExp(`^Try again from step ${MYSQL}, \\d\\d:\\d\\d(:\\d\\d)? mysql -u intern -p tunistocks$`) });
    await user.click(button);
    expect(onBranch).toHaveBeenCalledWith(MYSQL - 1);
    // A chat step is named as the table shows it.
    expect(screen.getByRole('button', { name: new RegExp(`^Try again from step ${CHAT}, .* To Sami: Hi Sami`) })).toBeInTheDocument();
  });

  it('have no such button where branching is not offered', () => {
    render(<Debrief scenario={mysqlWipe} inputs={reference} />);
    expect(screen.queryByRole('button', { name: /Try again from step/ })).toBeNull();
  });
});

describe('trying again from the end of a run', { timeout: 60_000 }, () => {
  it('opens the drill where the step was typed, with the transcript of the steps before it', async () => {
    finishedRun();
    const user = userEvent.setup();
    withStore(<DrillApp scenario={mysqlWipe} />);
    await user.click(await screen.findByRole('button', { name: new RegExp(`^Try again from step ${MYSQL}, `) }, LAZY));
    const log = await screen.findByRole('log', { name: 'Terminal output' }, LAZY);
    expect(log).toHaveTextContent('ssh db-master');
    expect(log).not.toHaveTextContent('mysql -u intern -p tunistocks');
    expect(screen.getByText('intern@db-master:~$', { selector: 'form *' })).toBeInTheDocument();
    expect(screen.getByLabelText('Command')).toHaveFocus();
    // Played on to the end, differently: the trainee is in the drill, not on a frozen copy.
    await user.type(screen.getByLabelText('Command'), 'hostname{Enter}');
    expect(store.getState().run!.inputs.map((i) => i.text).slice(-1)).toEqual(['hostname']);
    expect(store.getState().run!.branchedFrom).toEqual({ id: 'run-1', inputs: MYSQL - 1 });
  });
});

describe('trying again from a review, and history', { timeout: 60_000 }, () => {
  it('a run reviewed from history opens in the drill at the chosen step; history then shows both runs, the branch under its parent, with both grades', async () => {
    const parent = finishedRun();
    store.getState().restart();
    const user = userEvent.setup();
    withStore(<Shell scenarios={[mysqlWipe]} />);
    await user.click(screen.getByRole('button', { name: 'Your runs' }));
    await screen.findByRole('heading', { name: 'Your runs' }, LAZY);
    await user.click(screen.getByRole('button', { name: /^Review/ }));
    await user.click(await screen.findByRole('button', { name: new RegExp(`^Try again from step ${HISTORY}, .* cat ~/\\.mysql_history$`) }, LAZY));
    const log = await screen.findByRole('log', { name: 'Terminal output' }, LAZY);
    expect(log).toHaveTextContent('SELECT COUNT(*) FROM users;');
    expect(log).not.toHaveTextContent('.mysql_history');
    // Finished differently: the empty master copied over the replica, the last good copy lost.
    await user.type(screen.getByLabelText('Command'), 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks{Enter}');
    const branch = store.getState().run!;
    expect(store.getState().snapshot!.matches('failed')).toBe(true);
    expect(branch.branchedFrom).toEqual({ id: parent.id, inputs: HISTORY - 1 });

    await user.click(screen.getByRole('button', { name: 'Your runs' }));
    const table = await screen.findByRole('table', { name: /past runs/i }, LAZY);
    // Scored off the page's thread (here, after an import): the cells fill in when the answers come.
    await waitFor(() => expect(table).not.toHaveTextContent('scoring…'), LAZY);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const parentGrade = scoreRun(mysqlWipe, drillInputs(parent));
    const branchGrade = scoreRun(mysqlWipe, drillInputs(branch));
    expect(rows[0]).toHaveTextContent(`${parentGrade.grade} (${parentGrade.points.total})`);
    expect(rows[0]).not.toHaveTextContent('branched from');
    expect(rows[1]).toHaveTextContent(`${branchGrade.grade} (${branchGrade.points.total})`);
    expect(rows[1]).toHaveTextContent(new RegExp(`branched from the run of .* \\(${parentGrade.grade} \\(${parentGrade.points.total}\\)\\) at step ${HISTORY}`));
  });
});
