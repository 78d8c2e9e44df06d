import { lazy, Suspense } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Debrief } from '../../../src/ui/debrief/Debrief';
import { readFileSync } from 'node:fs';
import Review from '../../../src/ui/review/Review';
import { newRun } from '../../../src/runs/format';
import { dataLossPath, expertPath, inputs, mysqlWipe, repoRoot, seedPath } from '../scoring/support';

const seed = inputs(seedPath);

describe('the debrief', () => {
  it('leads with the headline and the grade', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} onRestart={() => {}} />);
    expect(screen.getByRole('heading', { level: 2, name: 'You restored at 08:52, exactly when the team did.' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'You restored at 08:52, exactly when the team did.' })).toBeInTheDocument();
    expect(screen.getByText('Grade D · 63 of 100 points')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument();
  });

  it('draws the two-lane chart as an image with a title and a description', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    const chart = screen.getByRole('img', { name: /your steps beside the real timeline, 08:35 to 08:56/i });
    expect(chart).toHaveAccessibleName(expect.stringContaining('10 of 10 real events matched'));
    // Each step is drawn once: on its own, or in a cluster of other steps close together.
    const clustered = [...chart.querySelectorAll('g.cluster title')].map((t) => Number(/: (\d+) steps/.exec(t.textContent ?? '')?.[1]));
    expect(chart.querySelectorAll('g.step').length + clustered.reduce((a, b) => a + b, 0)).toBe(seedPath.length);
    expect(chart.querySelectorAll('g.event')).toHaveLength(10);
    expect(chart.querySelectorAll('line.pair')).toHaveLength(10);
    expect(chart.querySelectorAll('g.violation')).toHaveLength(1);
  });

  it('says the same in a table: one row per step and per missed event', () => {
    render(<Debrief scenario={mysqlWipe} inputs={inputs(expertPath)} />);
    const table = screen.getByRole('table', { name: 'Your steps and the real timeline, in clock order' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + expertPath.length + 4);
    const history = within(table).getByRole('row', { name: /cat ~\/\.mysql_history/ });
    expect(within(history).getByRole('cell', { name: '−6 min 50 s' })).toBeInTheDocument();
    expect(within(history).getByRole('cell', { name: 'Matches the day.' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row', { name: /not in your run/i })).toHaveLength(4);
  });

  it('explains every deduction in the breakdown', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    const breakdown = screen.getByRole('region', { name: 'Score breakdown' });
    const items = within(breakdown).getAllByRole('listitem');
    expect(items).toHaveLength(8);
    expect(items[0]).toHaveTextContent('−3 Red herring: Red herring at 08:40:30: “ping -c 4 8.8.8.8”');
    expect(items[5]).toHaveTextContent('−12 Critical step: Protect the last good copy before restoring from it: not done before “mysql tunistocks < /tmp/tunistocks-replica.sql” at 08:52.');
    expect(items[6]).toHaveTextContent('−4 Safety: Broke “Check the copy before you restore from it” (warning)');
    expect(items[7]).toHaveTextContent(/^−6 Data lost: 6 of the user accounts the master held just before the DELETE did not come back\./);
    expect(within(breakdown).getByText('Total: 63 of 100 points, grade D.')).toBeInTheDocument();
  });

  it('ties the root cause and each lesson to this run', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    expect(within(screen.getByRole('region', { name: 'Root cause' })).getByText(mysqlWipe.debrief.rootCause)).toBeInTheDocument();
    const lessons = screen.getByRole('region', { name: 'Lessons' });
    expect(within(lessons).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(mysqlWipe.debrief.lessons.map((l) => l.title));
    const communication = within(lessons).getByRole('list', { name: 'Better communication with interns: in your run' });
    expect(communication).toHaveTextContent('You first told Sami at 08:46, exactly when the team did.');
    const backups = within(lessons).getByRole('list', { name: 'Backups and the delayed replica: in your run' });
    expect(backups).toHaveTextContent('you broke “Check the copy before you restore from it”');
    expect(backups).toHaveTextContent('Missed: Protect the last good copy before restoring from it');
    expect(backups).toHaveTextContent('Not in your run: “Count the rows in a table on the replica”');
  });

  it('fails the data-loss run whatever its speed', () => {
    render(<Debrief scenario={mysqlWipe} inputs={inputs(dataLossPath)} />);
    expect(screen.getByRole('heading', { level: 2, name: 'The data is gone: the run failed at 08:45:10.' })).toBeInTheDocument();
    expect(screen.getByText('Grade F · 0 of 100 points')).toBeInTheDocument();
    expect(screen.getByText(/a failed run fails whatever its speed/)).toBeInTheDocument();
  });

  it('offers "Try again", and "Export run" once runs can be exported', async () => {
    const user = userEvent.setup();
    const onRestart = vi.fn();
    const onExport = vi.fn();
    render(<Debrief scenario={mysqlWipe} inputs={seed} onRestart={onRestart} onExport={onExport} />);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRestart).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Export run' }));
    expect(onExport).toHaveBeenCalledTimes(1);
  });

  it('has no "Try again" when read-only, and no "Export run" without a way to export', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} onRestart={() => {}} readOnly />);
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export run' })).not.toBeInTheDocument();
  });

  it('scores an unfinished run too', () => {
    render(<Debrief scenario={mysqlWipe} inputs={inputs(['curl -i https://tunistocks.tn/dashboard'])} />);
    expect(screen.getByRole('heading', { level: 2, name: /the run stopped at 08:40:30, before the root cause was found/i })).toBeInTheDocument();
    expect(screen.getByText('Unfinished: the run stopped at 08:40:30')).toBeInTheDocument();
  });

  it('uses no inline styles', () => {
    const { container } = render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    expect(container.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('loads lazily through its default export', async () => {
    const LazyDebrief = lazy(() => import('../../../src/ui/debrief/Debrief'));
    render(
      <Suspense fallback={<p>Loading the debrief…</p>}>
        <LazyDebrief scenario={mysqlWipe} inputs={seed} />
      </Suspense>,
    );
    // The chunk is compiled on first import: on a loaded machine that takes seconds.
    expect(await screen.findByRole('heading', { level: 2, name: /you restored at 08:52/i }, { timeout: 15_000 })).toBeInTheDocument();
  });
});

describe('the debrief on a phone', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function phone() {
    vi.stubGlobal(
      'matchMedia',
      vi.fn((query: string) => ({ matches: query === '(max-width: 36rem)', media: query, addEventListener: () => undefined, removeEventListener: () => undefined })),
    );
  }

  it('runs the chart down the page, no wider than a phone', () => {
    phone();
    render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    const chart = screen.getByRole('img', { name: /your steps beside the real timeline/i });
    const [, , width, height] = chart.getAttribute('viewBox')!.split(' ').map(Number);
    expect(width).toBeLessThanOrEqual(320);
    expect(height).toBeGreaterThan(width!);
  });

  it('lists the steps as cards instead of a seven-column table', () => {
    phone();
    render(<Debrief scenario={mysqlWipe} inputs={inputs(expertPath)} />);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Your steps and the real timeline, in clock order' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(expertPath.length + 4);
    const history = cards.find((c) => c.textContent?.includes('cat ~/.mysql_history'))!;
    expect(history).toHaveTextContent('Difference−6 min 50 s');
    expect(history).toHaveTextContent('NotesMatches the day.');
    expect(cards.filter((c) => /On the day only/.test(c.textContent ?? ''))).toHaveLength(4);
  });
});

/** A name in a mentor's sentence is isolated (U+2068 … U+2069), so a right-to-left name cannot reorder the sentence. */
const LINA = '\u2068Lina\u2069';

describe('the debrief in words for its reader', () => {
  /** The text of every block the debrief shows, in order (as captured before the score became data). */
  const TAGS = 'h2,h3,h4,p,dt,dd,li,th,td,caption,title,desc,text,button';
  const shown = (container: HTMLElement) => [...container.querySelectorAll(TAGS)].map((e) => `${e.tagName.toLowerCase()}: ${e.textContent}`);

  it('says to the trainee, for the reference path, exactly what it said before the score became data', () => {
    const { container } = render(<Debrief scenario={mysqlWipe} inputs={seed} />);
    const before = readFileSync(`${repoRoot}tests/fixtures/debrief/reference-path-trainee.txt`, 'utf8').trimEnd().split('\n');
    expect(shown(container)).toEqual(before);
  });

  it('speaks of the trainee by name to a mentor, and never says "you" in its own words', () => {
    const { container } = render(<Debrief scenario={mysqlWipe} inputs={seed} audience="mentor" trainee="Lina" readOnly />);
    expect(screen.getByRole('heading', { level: 2, name: `${LINA} restored at 08:52, exactly when the team did.` })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: `${LINA}’s steps and the real timeline, in clock order` })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: new RegExp(`${LINA}’s steps beside the real timeline`) })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: `Better communication with interns: in ${LINA}’s run` })).toHaveTextContent(`${LINA} first told Sami at 08:46, exactly when the team did.`);
    // The scenario's own texts are quoted as written ("you" and all): every string of it that says "you".
    const authored = JSON.stringify(mysqlWipe)
      .match(/"(?:[^"\\]|\\.)*"/g)!
      .map((q) => JSON.parse(q) as string)
      .filter((t) => /\byou/i.test(t))
      .sort((a, b) => b.length - a.length);
    for (const line of shown(container)) {
      let own = line.replace(/\u2068[^\u2069]*\u2069/g, 'NAME').replace(/“[^”]*”/g, 'QUOTE');
      for (const a of authored) own = own.split(a).join('AUTHORED');
      for (const i of seed) own = own.split(i.text).join('INPUT');
      expect(own).not.toMatch(/\b(you|your)\b/i);
    }
  });

  it('says "the trainee" to a mentor when the run has no name', () => {
    render(<Debrief scenario={mysqlWipe} inputs={seed} audience="mentor" readOnly />);
    expect(screen.getByRole('heading', { level: 2, name: 'The trainee restored at 08:52, exactly when the team did.' })).toBeInTheDocument();
  });
});

describe('the review', () => {
  const run = (trainee?: string) => ({ ...newRun(mysqlWipe, 'r1', '2020-05-04T08:40:00.000Z', trainee), inputs: seed.map((i) => ({ ...i, at: '2020-05-04T08:41:00.000Z' })) });

  it('shows a run from a file or a link to a mentor, about the trainee by name', async () => {
    for (const source of ['file', 'link'] as const) {
      const { unmount } = render(<Review review={{ run: run('Lina'), scenario: mysqlWipe, source }} onClose={() => {}} />);
      expect(await screen.findByRole('heading', { level: 2, name: `${LINA} restored at 08:52, exactly when the team did.` }, { timeout: 15_000 })).toBeInTheDocument();
      unmount();
    }
  });

  it('shows the user’s own history to them in the second person', async () => {
    render(<Review review={{ run: run('Lina'), scenario: mysqlWipe, source: 'history' }} onClose={() => {}} />);
    expect(await screen.findByRole('heading', { level: 2, name: 'You restored at 08:52, exactly when the team did.' }, { timeout: 15_000 })).toBeInTheDocument();
  });
});
