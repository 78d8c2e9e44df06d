import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillApp } from '../../../src/ui/DrillApp';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../scoring/support';

const scenario = mysqlWipe;

/** A store of its own for each test, on no storage (runs last as long as the test). */
let store: DrillStore;

function renderDrill() {
  return render(
    <DrillStoreProvider store={store}>
      <DrillApp scenario={scenario} />
    </DrillStoreProvider>,
  );
}

async function startDrill() {
  const user = userEvent.setup();
  renderDrill();
  await user.type(screen.getByLabelText(/your name/i), 'Amel');
  await user.click(screen.getByRole('button', { name: /start the drill/i }));
  return user;
}

async function run(user: ReturnType<typeof userEvent.setup>, command: string) {
  const input = screen.getByLabelText('Command');
  await user.clear(input);
  await user.type(input, `${command}{Enter}`);
}

describe('the drill in the browser', () => {
  beforeEach(() => {
    store = createDrillStore({ storage: null, scenarios: [scenario], replay: replayHere });
  });

  it('briefs the trainee: who, where, what they see', () => {
    renderDrill();
    expect(screen.getByRole('heading', { level: 1, name: scenario.title })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Who you are' })).toBeInTheDocument();
    expect(screen.getByText(/new intern/i)).toBeInTheDocument();
    expect(screen.getByText(/home page, the login page and the sign-up page load/i)).toBeInTheDocument();
  });

  it('runs typed commands, shows output in the log, and advances the clock', async () => {
    const user = await startDrill();
    expect(screen.getByRole('timer', { name: 'Simulated clock: 08:40 GMT' })).toBeInTheDocument();
    expect(screen.getByText('· just noticed')).toBeInTheDocument();
    await run(user, 'ping -c 4 8.8.8.8');
    const log = screen.getByRole('log', { name: 'Terminal output' });
    expect(within(log).getByText(/4 packets transmitted, 4 received/)).toBeInTheDocument();
    // The clock shows seconds when it is not on the minute, and so does the time since the trainee noticed.
    expect(screen.getByRole('timer', { name: 'Simulated clock: 08:40:30 GMT' })).toBeInTheDocument();
    expect(screen.getByText('· 30 seconds since you noticed')).toBeInTheDocument();
    await run(user, 'browser clear-cache');
    expect(screen.getByRole('timer', { name: 'Simulated clock: 08:42:30 GMT' })).toBeInTheDocument();
    // The terminal stamps a command with the clock when its answer was on screen, as the debrief does.
    expect(within(log).getAllByText('08:42:30').length).toBeGreaterThan(0);
  });

  it('echoes an Enter at once and shows the output when its step has run; lines typed ahead wait their turn', async () => {
    // The app runs a step after the next paint; here the test says when a frame has been painted.
    const frames: (() => void)[] = [];
    store = createDrillStore({ storage: null, scenarios: [scenario], replay: replayHere, schedule: (work) => void frames.push(work) });
    const user = await startDrill();
    const log = screen.getByRole('log', { name: 'Terminal output' });
    await run(user, 'uptime');
    await run(user, 'whoami');
    expect(log).toHaveAttribute('aria-busy', 'true');
    // The first line after the prompt, the one typed ahead bare, as a terminal echoes them; hidden from
    // screen readers, which read the line with its output.
    const echoed = log.querySelectorAll('.step-pending');
    expect([...echoed].map((e) => e.textContent)).toEqual(['08:40 intern@intern-laptop:~$ uptime', 'whoami']);
    expect([...echoed].every((e) => e.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(within(log).queryByText(/load average/)).not.toBeInTheDocument();
    act(() => frames.splice(0).forEach((work) => work()));
    expect(log).toHaveAttribute('aria-busy', 'false');
    expect(log.querySelectorAll('.step-pending')).toHaveLength(0);
    expect(within(log).getByText(/load average/)).toBeInTheDocument();
    expect(within(log).getByText(/^intern$/)).toBeInTheDocument();
  });

  it('answers unknown commands like a shell, with a suggestion', async () => {
    const user = await startDrill();
    await run(user, 'crul https://tunistocks.tn/');
    const log = screen.getByRole('log', { name: 'Terminal output' });
    expect(within(log).getByText(/Command 'crul' not found, did you mean:/)).toBeInTheDocument();
    expect(within(log).getByText(/Did you mean "curl"\?/)).toBeInTheDocument();
  });

  it('shows the host and the mysql> prompt, recalls history with the arrow keys', async () => {
    const user = await startDrill();
    await run(user, 'ssh db-master');
    expect(screen.getByText('intern@db-master:~$', { selector: 'form span' })).toBeInTheDocument();
    await run(user, 'mysql -u intern -p tunistocks');
    expect(screen.getByText('mysql>', { selector: 'form span' })).toBeInTheDocument();
    const input = screen.getByLabelText('Command');
    await user.type(input, '{ArrowUp}');
    expect(input).toHaveValue('mysql -u intern -p tunistocks');
    await user.type(input, '{ArrowUp}');
    expect(input).toHaveValue('ssh db-master');
    await user.type(input, '{ArrowDown}{ArrowDown}');
    expect(input).toHaveValue('');
  });

  it('completes commands and host names with Tab', async () => {
    const user = await startDrill();
    const input = screen.getByLabelText('Command');
    // `ssh` and `ssh-add` share `ssh`: bash completes the common part and adds no space.
    await user.type(input, 'ss');
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('ssh');
    await user.type(input, ' db-m');
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('ssh db-master ');
    expect(input).toHaveFocus();
  });

  it('runs an action from the menu exactly as if it were typed', async () => {
    const user = await startDrill();
    await user.click(screen.getByRole('button', { name: /log in to db-master/i }));
    expect(screen.getByText('intern@db-master:~$', { selector: 'form span' })).toBeInTheDocument();
    // Reading the history is offered once the trainee has seen something point at the data.
    expect(screen.queryByRole('button', { name: /read your mysql command history/i })).not.toBeInTheDocument();
    await run(user, 'mysql -u intern -p tunistocks');
    await run(user, 'SELECT COUNT(*) FROM users;');
    await run(user, 'exit');
    await user.click(screen.getByRole('button', { name: /read your mysql command history/i }));
    const log = screen.getByRole('log', { name: 'Terminal output' });
    expect(within(log).getByText(/DELETE\\040FROM\\040programmes;\\040WHERE\\040code\\040=\\040'test';/)).toBeInTheDocument();
    expect(store.getState().run?.inputs.map((i) => [i.text, i.via])).toEqual([
      ['ssh db-master', 'menu'],
      ['mysql -u intern -p tunistocks', 'typed'],
      ['SELECT COUNT(*) FROM users;', 'typed'],
      ['exit', 'typed'],
      ['cat ~/.mysql_history', 'menu'],
    ]);
  });

  it('talks to the back-end developer on team chat', async () => {
    const user = await startDrill();
    await user.type(screen.getByLabelText('Message to Sami'), 'The site is down for logged-in users{Enter}');
    const chat = screen.getByRole('log', { name: 'Chat with Sami' });
    expect(within(chat).getByText('The site is down for logged-in users')).toBeInTheDocument();
    expect(within(chat).getByText(/Thanks for telling me straight away/)).toBeInTheDocument();
  });

  it('pauses: the clock stops and input is disabled until resumed', async () => {
    const user = await startDrill();
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('status')).toHaveTextContent(/paused/i);
    expect(screen.getByLabelText('Command')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getByLabelText('Command')).toBeEnabled();
  });

  it('plays the seed path to a resolved site, then offers to start again', async () => {
    const user = await startDrill();
    for (const line of scenario.referencePath) {
      if (line.startsWith('chat: ')) await user.type(screen.getByLabelText('Message to Sami'), `${line.slice(6)}{Enter}`);
      else await run(user, line);
    }
    expect(screen.getByRole('heading', { level: 1, name: 'The site is back' })).toBeInTheDocument();
    expect(screen.getByText(/Resolved at 08:55 GMT/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: `Your steps (${scenario.referencePath.length})` })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('button', { name: /start the drill/i })).toBeInTheDocument();
  }, 30_000);

  it('ends the run as failed when the empty master is copied over the replica', async () => {
    const user = await startDrill();
    await run(user, 'ssh db-master');
    await run(user, 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks');
    expect(screen.getByRole('heading', { level: 1, name: 'The data is gone' })).toBeInTheDocument();
    expect(screen.getByText('unsafe')).toBeInTheDocument();
  });
});
