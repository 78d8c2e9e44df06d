import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Shell } from '../../../src/ui/Shell';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../scoring/support';

const scenario = mysqlWipe;
let store: DrillStore;

function renderApp() {
  const user = userEvent.setup();
  render(
    <DrillStoreProvider store={store}>
      <Shell scenarios={[scenario]} />
    </DrillStoreProvider>,
  );
  return user;
}

async function run(user: ReturnType<typeof userEvent.setup>, command: string) {
  await user.type(screen.getByLabelText('Command'), `${command}{Enter}`);
}

const startButton = () => screen.getByRole('button', { name: /start the drill/i });

describe('moving between screens', () => {
  beforeEach(() => {
    store = createDrillStore({ storage: null, scenarios: [scenario], replay: replayHere });
  });

  it('Back from the drill shows the briefing and keeps the run; it offers the way back, and Forward returns', async () => {
    const user = renderApp();
    await user.type(screen.getByLabelText(/your name/i), 'Amel');
    await user.click(startButton());
    await run(user, 'ssh db-master');
    expect(screen.getByText('intern@db-master:~$', { selector: 'form span' })).toBeInTheDocument();

    history.back();
    expect(await screen.findByRole('heading', { name: 'Your drill is still in progress' })).toBeInTheDocument();
    expect(screen.getByText(/after 1 step/)).toBeInTheDocument();
    expect(store.getState().run?.inputs.map((i) => i.text)).toEqual(['ssh db-master']);

    history.forward();
    expect(await screen.findByLabelText('Command')).toBeInTheDocument();
    expect(screen.getByText('intern@db-master:~$', { selector: 'form span' })).toBeInTheDocument();

    history.back();
    await user.click(await screen.findByRole('button', { name: 'Back to the drill' }));
    expect(screen.getByLabelText('Command')).toBeInTheDocument();
    expect(store.getState().run?.inputs).toHaveLength(1);
  });

  it('Back and Forward between the drill and Your runs', async () => {
    const user = renderApp();
    await user.click(startButton());
    await user.click(screen.getByRole('button', { name: 'Your runs' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your runs' })).toBeInTheDocument();
    history.back();
    expect(await screen.findByLabelText('Command')).toBeInTheDocument();
    history.forward();
    expect(await screen.findByRole('heading', { level: 1, name: 'Your runs' })).toBeInTheDocument();
  });

  it('the end screen opens on its heading, offers one "Try again", and trying again keeps the name', async () => {
    const user = renderApp();
    await user.type(screen.getByLabelText(/your name/i), 'Amel');
    await user.click(startButton());
    await run(user, 'ssh db-master');
    await run(user, 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks');
    const heading = screen.getByRole('heading', { level: 1, name: 'The data is gone' });
    expect(heading).toHaveFocus();
    await screen.findByRole('heading', { level: 3, name: 'Score breakdown' });
    // One "Try again" (the per-step "Try again from step N" buttons are another thing: branching).
    expect(screen.getAllByRole('button', { name: /^try again$/i })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByLabelText(/your name/i)).toHaveValue('Amel');

    // Back from the briefing: the run that ended was set down, so the briefing stays.
    history.back();
    await waitFor(() => expect(startButton()).toBeInTheDocument());
  });

  it('Back from a review opened in Your runs goes back there, as the browser’s Back does: no loop', async () => {
    const user = renderApp();
    await user.click(startButton());
    await run(user, 'ssh db-master');
    await run(user, 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks');
    await screen.findByRole('heading', { level: 1, name: 'The data is gone' });
    await user.click(screen.getByRole('button', { name: 'Your runs' }));
    await screen.findByRole('heading', { level: 1, name: 'Your runs' });
    const entries = history.length;
    await user.click(screen.getByRole('button', { name: /^Review/ }));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your runs' })).toBeInTheDocument();
    // The review's entry is the one Forward would return to; nothing was added on top of it.
    expect(history.length).toBe(entries + 1);
    history.back();
    expect(await screen.findByRole('heading', { level: 1, name: 'The data is gone' })).toBeInTheDocument();
  });

  it('the skip link moves the focus to the content', async () => {
    const user = renderApp();
    await user.click(startButton());
    await user.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(screen.getByRole('main')).toHaveFocus();
  });
});
