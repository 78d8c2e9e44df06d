import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { scenario, typeCommand, watchConsole } from './helpers';

const { id: scenarioId, version } = JSON.parse(readFileSync('scenarios/mysql-wipe.json', 'utf8')) as { id: string; version: number };

/** A click on "Your runs" is answered (the heading shown) within a second: the page is not frozen. */
/** After a reload the app loads (the SQL engine, each scenario's start world, the saved runs replayed) behind its loading screen. */
async function loaded(page: Page) {
  await expect(page.getByRole('button', { name: 'Your runs' })).toBeVisible({ timeout: 20_000 });
}

async function answersAClick(page: Page) {
  await page.getByRole('button', { name: 'Your runs' }).click({ timeout: 1_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Your runs' })).toBeVisible({ timeout: 1_000 });
}

const pastRuns = (page: Page) => page.getByRole('table', { name: /past runs/i }).locator('tbody tr');

test.describe('two tabs', () => {
  test('a run finished in tab A, then typing in tab B: A’s run is kept, in both tabs and after a reload', async ({ page: a, context }) => {
    const problems = watchConsole(a);
    const b = await context.newPage();
    problems.push(...watchConsole(b));
    await a.goto('/');
    await b.goto('/');
    // Both tabs are on the briefing before either starts (a tab that opens on a run in progress follows it).
    await expect(b.getByLabel(/your name/i)).toBeVisible();
    await a.getByLabel(/your name/i).fill('Amel');
    await a.getByRole('button', { name: /start the drill/i }).click();
    await b.getByLabel(/your name/i).fill('Bilel');
    await b.getByRole('button', { name: /start the drill/i }).click();
    await typeCommand(b, 'ls');
    for (const line of scenario.referencePath) await typeCommand(a, line);
    await expect(a.getByRole('heading', { level: 1, name: 'The site is back' })).toBeVisible();

    await typeCommand(b, 'pwd');
    await expect(b.getByRole('log', { name: 'Terminal output' })).toContainText('/home/intern');
    await answersAClick(b);
    await expect(pastRuns(b).filter({ hasText: 'Amel' })).toContainText('resolved');

    await b.reload();
    await loaded(b);
    await answersAClick(b);
    await expect(pastRuns(b).filter({ hasText: 'Amel' })).toContainText('resolved');
    await a.reload();
    await loaded(a);
    await expect(a.getByRole('heading', { level: 1, name: 'The site is back' })).toBeVisible();
    await answersAClick(a);
    await expect(pastRuns(a).filter({ hasText: 'Amel' })).toContainText('resolved');
    // B's run is in progress there, so A lists it as unfinished.
    await expect(pastRuns(a).filter({ hasText: 'Bilel' })).toContainText('unfinished');
    await b.getByRole('button', { name: 'Drill' }).click();
    await expect(b.getByRole('log', { name: 'Terminal output' })).toContainText('pwd');
    expect(problems).toEqual([]);
  });

  test('a tab opened on a run in progress follows what the other tab types', async ({ page: a, context }) => {
    await a.goto('/');
    await a.getByRole('button', { name: /start the drill/i }).click();
    await typeCommand(a, 'ssh db-master');
    const b = await context.newPage();
    await b.goto('/');
    await expect(b.locator('form').getByText('intern@db-master:~$', { exact: true })).toBeVisible();
    await typeCommand(a, 'mysql -u intern -p tunistocks');
    await expect(b.locator('form').getByText('mysql>', { exact: true })).toBeVisible();
    await typeCommand(b, 'SELECT COUNT(*) FROM users;');
    await expect(a.getByRole('log', { name: 'Terminal output' })).toContainText('SELECT COUNT(*) FROM users;');
    await answersAClick(a);
    await answersAClick(b);
  });
});

/** Fills the origin's local storage to the last few characters with another key, as a full disk would. */
async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(() => {
    let chunk = 1_000_000;
    let n = 0;
    while (chunk >= 16) {
      try {
        localStorage.setItem(`filler-${n}`, 'f'.repeat(chunk));
        n += 1;
      } catch {
        chunk = Math.floor(chunk / 2);
      }
    }
    return n;
  });
}

test.describe('storage full', () => {
  test('five saved runs of about 900 kB and storage full: every run kept after reloads, the new run offered as a download', async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watchConsole(page);
    // Two of the runs are made on the version before the one shipped, when there is one.
    const older = Math.max(1, version - 1);
    const runs = [version, older, version, older, version].map((v, n) => ({
      kind: 'outage-drill/run',
      format: 2,
      id: `big-${n + 1}`,
      scenario: { id: scenarioId, version: v },
      trainee: `Trainee ${n + 1}`,
      startedAt: `2026-03-0${n + 1}T10:00:00.000Z`,
      inputs: Array.from({ length: 90 }, (_, i) => ({ channel: 'terminal', text: `# note ${n}.${i} ${'x'.repeat(9_980)}`, at: `2026-03-0${n + 1}T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z` })),
    }));
    const saved = JSON.stringify({ state: { current: null, past: runs }, version: 1 });
    await page.goto('/');
    await page.evaluate(
      ([record]) => {
        localStorage.clear();
        localStorage.setItem('outage-drill', record!);
        localStorage.setItem('outage-drill:run:broken', '{"version": 2, "run": {"kind": "outage-drill/ru');
      },
      [saved],
    );
    expect(await fillStorage(page)).toBeGreaterThan(0);

    for (let reloads = 0; reloads < 2; reloads += 1) {
      await page.reload();
      const broken = page.getByRole('alert').filter({ hasText: 'Some saved data could not be read (it is not valid JSON)' });
      await expect(broken).toContainText('It was left as it was in this browser\'s storage (key "outage-drill:run:broken")');
      await expect(page.getByRole('alert').filter({ hasText: /set aside/ })).toHaveCount(0);
      await answersAClick(page);
      await expect(pastRuns(page)).toHaveCount(5);
      for (let n = 1; n <= 5; n += 1) await expect(pastRuns(page).filter({ hasText: `Trainee ${n}` })).toHaveCount(1);
      expect(await page.evaluate(() => localStorage.getItem('outage-drill')?.length)).toBe(saved.length);
      await page.getByRole('button', { name: 'Drill' }).click();
      await page.getByRole('button', { name: /start the drill/i }).click();
      await typeCommand(page, 'ping -c 4 8.8.8.8');
      await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('4 packets transmitted');
      const full = page.getByRole('alert').filter({ hasText: "Your runs could not be saved: the browser's storage is full." });
      await expect(full).toBeVisible();
      const download = page.waitForEvent('download');
      await full.getByRole('button', { name: 'Download this run' }).click();
      expect((await download).suggestedFilename()).toMatch(/^outage-drill-mysql-wipe-\d{4}-\d\d-\d\d\.json$/);
      const copy = page.waitForEvent('download');
      await broken.getByRole('button', { name: 'Download a copy' }).click();
      expect((await copy).suggestedFilename()).toBe('outage-drill-saved-outage-drill-run-broken.json');
    }
    expect(problems.filter((p) => !/QuotaExceeded|exceeded the quota/i.test(p))).toEqual([]);
  });
});
