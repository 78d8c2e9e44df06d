import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DrillApp } from '../../../src/ui/DrillApp';
import { createDrillStore, type DrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { mysqlWipe } from '../scoring/support';

const scenario = mysqlWipe;
let store: DrillStore;

/** A screen whose pointer is a finger (`coarse`) or a mouse (`fine`). */
function pointer(kind: 'coarse' | 'fine') {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: query === `(pointer: ${kind})`,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    })),
  );
}

async function startDrill() {
  const user = userEvent.setup();
  render(
    <DrillStoreProvider store={store}>
      <DrillApp scenario={scenario} />
    </DrillStoreProvider>,
  );
  await user.click(screen.getByRole('button', { name: /start the drill/i }));
  return user;
}

const actions = () => screen.getByRole('region', { name: 'Actions' });

describe('the drill by keyboard and by touch', () => {
  beforeEach(() => {
    store = createDrillStore({ storage: null, scenarios: [scenario], replay: replayHere });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('after a menu action on a desktop, focus is on the terminal output, so a second Enter runs nothing else', async () => {
    pointer('fine');
    const user = await startDrill();
    await user.click(screen.getByRole('button', { name: /log in to web-01/i }));
    const log = screen.getByRole('log', { name: 'Terminal output' });
    expect(log).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(store.getState().run?.inputs.map((i) => i.text)).toEqual(['ssh web-01']);
  });

  it('after a menu action on a touch screen, focus stays in the menu and never reaches a text box', async () => {
    pointer('coarse');
    const user = await startDrill();
    expect(screen.getByLabelText('Command')).not.toHaveFocus();
    await user.click(screen.getByRole('button', { name: /log in to web-01/i }));
    expect(store.getState().run?.inputs.map((i) => i.text)).toEqual(['ssh web-01']);
    expect(actions()).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).toHaveRole('button');
    expect(screen.getByLabelText('Command')).not.toHaveFocus();
  });

  it('Alt+Shift+1, 2 and 3 reach the actions menu, the chat and the command line, and say so on screen', async () => {
    pointer('fine');
    const user = await startDrill();
    expect(screen.getByText(/command line/, { selector: '.shortcuts span' })).toBeInTheDocument();
    await user.keyboard('{Alt>}{Shift>}1{/Shift}{/Alt}');
    expect(document.activeElement).toHaveRole('button');
    expect(actions()).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Alt>}{Shift>}2{/Shift}{/Alt}');
    expect(screen.getByLabelText('Message to Sami')).toHaveFocus();
    await user.keyboard('{Alt>}{Shift>}3{/Shift}{/Alt}');
    expect(screen.getByLabelText('Command')).toHaveFocus();
  });

  it('the arrow keys move between actions; only one action is in the Tab order', async () => {
    pointer('fine');
    const user = await startDrill();
    const buttons = within(actions()).getAllByRole('button');
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    await user.keyboard('{Alt>}{Shift>}1{/Shift}{/Alt}');
    expect(buttons[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(buttons[2]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(buttons.at(-1)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(buttons[0]).toHaveFocus();
    expect(buttons.filter((b) => b.tabIndex === 0)).toEqual([buttons[0]]);
    // Back to the menu later: it remembers where it was.
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{Alt>}{Shift>}3{/Shift}{/Alt}');
    await user.keyboard('{Alt>}{Shift>}1{/Shift}{/Alt}');
    expect(buttons[1]).toHaveFocus();
  });

  it('help names the shortcuts too, as the drill’s note', async () => {
    pointer('fine');
    const user = await startDrill();
    await user.type(screen.getByLabelText('Command'), 'help{Enter}');
    expect(within(screen.getByRole('log', { name: 'Terminal output' })).getByText(/Alt\+Shift\+1 the Actions menu, Alt\+Shift\+2 the chat, Alt\+Shift\+3 this command line/)).toBeInTheDocument();
  });

  it('the briefing lists the shortcuts', () => {
    render(
      <DrillStoreProvider store={store}>
        <DrillApp scenario={scenario} />
      </DrillStoreProvider>,
    );
    expect(screen.getByText(/keyboard shortcuts in the drill/i)).toHaveTextContent(/Alt\+Shift\+1 actions menu · Alt\+Shift\+2 chat · Alt\+Shift\+3 command line/);
  });
});
