/**
 * The presenter view: the same drill, laid out for a projector. Toggled by its button or
 * Alt+Shift+P; the chat and the actions hidden until asked for (a shortcut to them shows them);
 * the current host always in view; kept across a reload of this window only.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillApp } from '../../../src/ui/DrillApp';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../scoring/support';

let store: DrillStore;

async function startDrill() {
  const user = userEvent.setup();
  const view = render(
    <DrillStoreProvider store={store}>
      <DrillApp scenario={mysqlWipe} />
    </DrillStoreProvider>,
  );
  await user.click(screen.getByRole('button', { name: /start the drill/i }));
  return { user, view };
}

describe('the presenter view', () => {
  beforeEach(() => {
    sessionStorage.clear();
    store = createDrillStore({ storage: null, scenarios: [mysqlWipe], replay: replayHere });
  });

  it('hides the side panels, shows the current host, and is the same drill', async () => {
    const { user } = await startDrill();
    await user.type(screen.getByLabelText('Command'), 'ssh db-master{Enter}');
    const button = screen.getByRole('button', { name: 'Presenter view' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await user.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('main')).toHaveClass('presenter');
    expect(screen.queryByRole('textbox', { name: /message to sami/i })).not.toBeInTheDocument();
    expect(screen.getByText('Current host:', { exact: false }).parentElement).toHaveTextContent('db-master');
    // The same run goes on: the terminal still has what was typed before.
    await user.type(screen.getByLabelText('Command'), 'mysql -u intern -p tunistocks{Enter}');
    expect(screen.getByText('Current host:', { exact: false }).parentElement).toHaveTextContent('mysql on db-master (tunistocks)');
    expect(within(screen.getByRole('log', { name: 'Terminal output' })).getByText('ssh db-master')).toBeInTheDocument();
    expect(store.getState().run!.inputs.map((i) => i.text)).toEqual(['ssh db-master', 'mysql -u intern -p tunistocks']);
  });

  it('toggles with Alt+Shift+P; a shortcut to the chat shows the panels and puts the cursor there', async () => {
    const { user } = await startDrill();
    await user.keyboard('{Alt>}{Shift>}P{/Shift}{/Alt}');
    expect(screen.getByRole('main')).toHaveClass('presenter');
    const show = screen.getByRole('button', { name: 'Show chat and actions' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Alt>}{Shift>}2{/Shift}{/Alt}');
    expect(screen.getByRole('textbox', { name: /message to sami/i })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Hide chat and actions' })).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Alt>}{Shift>}P{/Shift}{/Alt}');
    expect(screen.getByRole('main')).not.toHaveClass('presenter');
  });

  it('is kept for this window across a reload', async () => {
    const { user, view } = await startDrill();
    await user.click(screen.getByRole('button', { name: 'Presenter view' }));
    view.unmount();
    render(
      <DrillStoreProvider store={store}>
        <DrillApp scenario={mysqlWipe} />
      </DrillStoreProvider>,
    );
    expect(screen.getByRole('button', { name: 'Presenter view' })).toHaveAttribute('aria-pressed', 'true');
  });
});
