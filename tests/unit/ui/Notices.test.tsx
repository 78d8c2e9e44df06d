import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { drillInputs } from '../../../src/runs/format';
import { runKey } from '../../../src/store/layout';
import Notices from '../../../src/ui/Notices';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { runOfLines } from '../runs/support';
import { Area, openStore, play } from '../store/support';

/** Catches what the page hands to the browser's download. */
function catchDownloads() {
  const files: { name: string; text: Promise<string> }[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    files.push({ name: '', text: (blob as Blob).text() });
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.at(-1)!.name = this.download;
  });
  return files;
}

describe('notices', () => {
  it('a new version ready offline: said as a status, with a button that takes it', async () => {
    const store = openStore(new Area().tab());
    const pwa = await import('../../../src/ui/pwa');
    const applied = vi.spyOn(pwa, 'applyUpdate');
    const user = userEvent.setup();
    render(
      <DrillStoreProvider store={store}>
        <Notices />
      </DrillStoreProvider>,
    );
    act(() => store.getState().notify({ kind: 'update-ready' }));
    expect(screen.getByRole('status')).toHaveTextContent('A new version of Outage Drill is ready. Reload to use it: your runs are kept');
    await user.click(screen.getByRole('button', { name: 'Reload now' }));
    expect(applied).toHaveBeenCalledTimes(1);
  });

  it('saved data that cannot be read: said as an alert, with a copy to download, and dismissible', async () => {
    const area = new Area();
    area.put(runKey('broken'), 'not json');
    const store = openStore(area.tab());
    const files = catchDownloads();
    const user = userEvent.setup();
    render(
      <DrillStoreProvider store={store}>
        <Notices />
      </DrillStoreProvider>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(`Some saved data could not be read (it is not valid JSON). It was left as it was in this browser's storage (key "${runKey('broken')}")`);
    await user.click(screen.getByRole('button', { name: 'Download a copy' }));
    expect(files.map((f) => f.name)).toEqual(['outage-drill-saved-outage-drill-run-broken.json']);
    expect(await files[0]!.text).toBe('not json');
    await user.click(screen.getByRole('button', { name: /^Dismiss: Some saved data/ }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(area.get(runKey('broken'))).toBe('not json');
  });

  it('a run that could not be saved is offered as a run file', async () => {
    const area = new Area();
    const store = openStore(area.tab(), { ids: 'a' });
    area.local.fill();
    play(store, drillInputs(runOfLines(['ssh db-master'])));
    const files = catchDownloads();
    const user = userEvent.setup();
    render(
      <DrillStoreProvider store={store}>
        <Notices />
      </DrillStoreProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Download this run' }));
    expect(files[0]!.name).toMatch(/^outage-drill-mysql-wipe-amel-2026-03-02\.json$/);
    expect(JSON.parse(await files[0]!.text)).toEqual(store.getState().run);
  });
});
