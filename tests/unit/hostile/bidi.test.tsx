/**
 * Issue 9, item 10: a trainee name or imported text with bidirectional characters (U+202E, the
 * right-to-left override) is isolated in <bdi>, so it cannot reorder the sentence around it.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createDrillStore } from '../../../src/store/drill';
import { replayHere } from '../../../src/ui/replayJob';
import History from '../../../src/ui/history/History';
import Review from '../../../src/ui/review/Review';
import { DrillStoreProvider } from '../../../src/ui/storeContext';
import { decodeRunText } from '../../../src/runs/decode';
import { encodeRun } from '../../../src/runs/format';
import { mysqlWipe, runOfLines } from '../runs/support';
import { worded } from '../runs/worded';

const NAME = 'Eve \u202eevil\u202c';
const run = runOfLines(['curl -i https://tunistocks.tn/dashboard', 'ssh web-01'], { id: 'bidi-run', trainee: NAME });

function inStore(children: React.ReactNode, past = [run]) {
  const store = createDrillStore({ storage: null, scenarios: [mysqlWipe], replay: replayHere });
  store.setState({ past });
  return <DrillStoreProvider store={store}>{children}</DrillStoreProvider>;
}

/** The <bdi> that holds exactly this text, if any. */
const isolated = (root: HTMLElement, text: string) => [...root.querySelectorAll('bdi')].find((b) => b.textContent === text);

describe('bidi characters stay inside their own name', { timeout: 60_000 }, () => {
  it('the review heading: the name is isolated, the rest of the heading reads in order', () => {
    render(inStore(<Review review={{ run, scenario: mysqlWipe, source: 'file' }} onClose={() => {}} />));
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent(`${NAME}'s run of “${mysqlWipe.title}”`);
    expect(isolated(heading, NAME)).toBeDefined();
  });

  it('the transcript: each input is isolated from the prompt and tags around it', () => {
    render(inStore(<Review review={{ run, scenario: mysqlWipe, source: 'file' }} onClose={() => {}} />));
    const transcript = screen.getByRole('heading', { name: 'Transcript' }).parentElement!;
    expect(isolated(transcript, 'curl -i https://tunistocks.tn/dashboard')).toBeDefined();
  });

  it('history: the trainee cell, and the id of a scenario this app does not have', () => {
    const stranger = { ...runOfLines(['pwd'], { id: 'other-run' }), scenario: { id: 'redis\u202eoutage', version: 1 } };
    render(inStore(<History onReview={() => {}} onReviewReceived={() => {}} />, [run, stranger]));
    const rows = screen.getAllByRole('row');
    const ours = rows.find((r) => within(r).queryByText(NAME))!;
    expect(isolated(ours, NAME)).toBeDefined();
    const theirs = rows.find((r) => r.textContent?.includes('redis'))!;
    expect(isolated(theirs, 'redis\u202eoutage')).toBeDefined();
  });

  it('a refusal quoting an imported id has no direction characters left in it', () => {
    const text = encodeRun({ ...run, scenario: { id: 'redis\u202e-\u2066outage\u2069\u200f', version: 1 } });
    const result = decodeRunText(text, [mysqlWipe]);
    expect(worded(result)).toEqual({ ok: false, problem: { code: 'unknown-scenario', message: 'This run is for a scenario this app does not have ("redis-outage").' } });
  });
});
