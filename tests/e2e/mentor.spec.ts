/**
 * A mentor's review, end to end: three trainees' run files imported at once and listed apart
 * from the mentor's own runs; one stepped through with the keyboard; two steps annotated and a
 * verdict written; the review exported as a file; the trainee, in their own browser, opens it
 * and reads the notes on their own steps. Zero axe violations on each screen, desktop and phone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectNoAxeViolations, scenario, watchConsole } from './helpers';

const version = (JSON.parse(readFileSync('scenarios/mysql-wipe.json', 'utf8')) as { version: number }).version;

/** A run file of these lines, entered 30 s apart (the fourth after a 3-minute pause). */
function runOf(id: string, trainee: string, lines: readonly string[], day: number) {
  const start = Date.parse(`2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`);
  let t = start;
  return {
    kind: 'outage-drill/run',
    format: 5,
    id,
    scenario: { id: 'mysql-wipe', version },
    trainee,
    startedAt: new Date(start).toISOString(),
    inputs: lines.map((line, i) => {
      t += (i === 3 ? 180 : 30) * 1000;
      return line.startsWith('chat: ') ? { channel: 'chat', text: line.slice(6), at: new Date(t).toISOString(), via: 'typed' } : { channel: 'terminal', text: line, at: new Date(t).toISOString(), via: 'typed' };
    }),
  };
}

const lina = runOf('lina-run', 'Lina', scenario.referencePath.slice(0, 9), 23);
const omar = runOf('omar-run', 'Omar', ['ping -c 2 google.com', 'sudo systemctl restart nginx', ...scenario.referencePath.slice(0, 4)], 24);
const sana = runOf('sana-run', 'Sana', scenario.referencePath.slice(0, 5), 25);

/** The three trainees' run files, written where the test keeps its output. */
function runFiles(testInfo: TestInfo): string[] {
  return [lina, omar, sana].map((run) => {
    const path = testInfo.outputPath(`${run.id}.json`);
    writeFileSync(path, `${JSON.stringify(run, null, 2)}\n`);
    return path;
  });
}

async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible({ timeout: 30_000 });
}

test('a mentor imports three runs, steps through one by keyboard, annotates two steps, exports the review; the trainee reads it on their steps', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const files = runFiles(testInfo);
  await openApp(page);
  await page.getByLabel('Import runs…').setInputFiles(files);
  await expect(page.getByRole('heading', { name: 'Received runs' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('3 runs received, listed under Received runs.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Received runs, newest first' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText('Sana');
  await expectNoAxeViolations(page);

  await table.getByRole('button', { name: /^Review Lina's run/ }).click();
  await expect(page.getByRole('heading', { name: 'Step by step' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Step 1 of 9:/)).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText(/^Step 3 of 9:/)).toBeVisible();
  await page.getByRole('group', { name: 'Tags for step 3' }).getByRole('button', { name: 'Good instinct' }).click();
  await page.getByLabel('Comment on step 3').fill('Curl first: the symptom, as a user sees it.');
  await page.getByRole('button', { name: 'Next' }).focus(); // the comment is saved as it loses focus
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText(/^Step 4 of 9:/)).toBeVisible();
  await expect(page.getByText('· a long pause')).toBeVisible();
  await page.getByRole('group', { name: 'Tags for step 4' }).getByRole('button', { name: 'Should have asked' }).click();
  await page.getByLabel('Comment on step 4').fill('Three minutes alone here: ask Sami.');
  await page.getByLabel('Verdict').fill('Nearly there');
  await page.getByLabel('Your name (shown to the trainee)').fill('Karim');
  await page.getByLabel('Your name (shown to the trainee)').blur();
  await expect(page.getByRole('heading', { name: 'Steps with a note' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1366, height: 768 });

  const markdown = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const md = readFileSync((await (await markdown).path())!, 'utf8');
  expect(md).toContain('## Verdict\n\nNearly there');
  expect(md).toContain('| Good instinct | Curl first: the symptom, as a user sees it. |');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run (.json)' }).click();
  const reviewFile = (await (await download).path())!;
  const reviewed = JSON.parse(readFileSync(reviewFile, 'utf8')) as { format: number; review: { steps: { step: number }[] } };
  expect(reviewed.format).toBe(5);
  expect(reviewed.review.steps.map((n) => n.step)).toEqual([2, 3]);

  // The review is kept: back in Your runs after a reload, still there.
  await page.reload();
  await page.getByRole('button', { name: 'Your runs' }).click();
  await expect(page.getByRole('table', { name: 'Received runs, newest first' }).getByRole('row')).toHaveCount(4, { timeout: 60_000 });
  expect(problems).toEqual([]);

  // The trainee, in their own browser, where their run is in their history.
  const trainee = await browser.newContext();
  await trainee.addInitScript((record) => {
    if (!localStorage.getItem('outage-drill:run:lina-run')) localStorage.setItem('outage-drill:run:lina-run', record);
  }, JSON.stringify({ version: 2, run: lina }));
  const theirs = await trainee.newPage();
  await openApp(theirs);
  await theirs.getByLabel('Import runs…').setInputFiles(reviewFile);
  await expect(theirs.getByRole('heading', { name: 'Karim’s review' })).toBeVisible({ timeout: 60_000 });
  await expect(theirs.getByText('Nearly there')).toBeVisible();
  await expect(theirs.getByRole('textbox')).toHaveCount(0);
  await theirs.getByRole('button', { name: 'Step 3', exact: true }).click();
  await expect(theirs.getByRole('heading', { name: 'Karim’s note on step 3' })).toBeVisible();
  await expect(theirs.locator('.walk .walk-note').getByText('Curl first: the symptom, as a user sees it.')).toBeVisible();
  await expect(theirs.getByRole('heading', { name: 'Transcript' })).toBeVisible();
  await expect(theirs.locator('.transcript').getByText('Three minutes alone here: ask Sami.')).toBeVisible();
  await expectNoAxeViolations(theirs);
  await trainee.close();
});

test('the cohort view sorts, counts and exports CSV; two runs compare on one timeline', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const files = runFiles(testInfo);
  await openApp(page);
  await page.getByLabel('Import runs…').setInputFiles(files);
  await page.getByRole('button', { name: 'Cohort view of all 3' }).click({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Cohort view' })).toBeVisible();
  await expect(page.getByText(/^All 3 runs scored/)).toBeVisible({ timeout: 90_000 });
  const table = page.getByRole('region', { name: 'Cohort table (scrolls)' });
  await table.getByRole('button', { name: 'Score' }).click();
  await expect(table.getByRole('columnheader', { name: /Score/ })).toHaveAttribute('aria-sort', 'ascending');
  const scores = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
  expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => a - b));
  await expect(page.getByRole('heading', { name: 'Most common red herrings' })).toBeVisible();
  await expect(page.getByText(/the team found it at 08:50/)).toBeVisible();
  await expectNoAxeViolations(page);

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the table (.csv)' }).click();
  const text = readFileSync((await (await csv).path())!, 'utf8');
  expect(text.split('\r\n')[0]).toBe('trainee,started at,outcome,points,grade,root cause after (s),restored after (s),red herrings,rules broken,hints,told the colleague at,steps');
  expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(4);

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goBack();
  // The received runs' table scrolls sideways inside its own box: the page does not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByRole('checkbox', { name: /^Select Lina's run/ }).check();
  await page.getByRole('checkbox', { name: /^Select Omar's run/ }).check();
  await page.getByRole('button', { name: 'Compare the 2 selected' }).click();
  await expect(page.getByRole('heading', { name: /side by side/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('They differ from the first step.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'The day’s events: when each did them, and who first' })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});
