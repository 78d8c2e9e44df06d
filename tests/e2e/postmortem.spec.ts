/**
 * The trainee's postmortem after the debrief (issue 13): the timeline prefilled from the run, the
 * blameless check flagging a blaming sentence with a suggestion, the comparison with the team's
 * real postmortem (measures named and missed), the Markdown export, kept across a reload; zero
 * axe violations on a laptop and on a phone.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, playSeedToTheEnd, watchConsole } from './helpers';

test.describe.configure({ timeout: 240_000 });

test('writes the postmortem after the debrief, checks it for blame, compares it with the team’s and exports it', async ({ page }, info) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await playSeedToTheEnd(page, 'Lina');
  await page.getByRole('button', { name: 'Write the postmortem' }).click();
  const form = page.getByRole('form', { name: 'Your postmortem' });
  await expect(form).toBeVisible();
  // The timeline comes from the run: the start, the steps that mattered, the end, with the drill's clock.
  await expect(form.getByLabel('Time of line 1', { exact: true })).toHaveValue('08:40');
  await expect(form.getByLabel('What happened at line 1', { exact: true })).toHaveValue('Investigation starts: the outage is noticed.');
  const lines = await form.getByLabel(/^What happened at line/).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(lines.at(-1)).toBe('Resolved: The site is back');
  expect(lines.some((l) => l.includes('cat ~/.mysql_history'))).toBe(true);
  await expect(form.getByLabel('Written by')).toHaveValue('Lina');

  await form.getByLabel('Summary').fill('From 08:35 the web app was down for every logged-in user: the master database was empty.');
  await form.getByLabel('Users affected').fill('Every logged-in user');
  const rootCause = form.getByLabel('Root cause');
  await rootCause.fill('It was the intern’s fault. A DELETE ran on the master.');
  await expect(form.getByRole('listitem').filter({ hasText: 'Blaming words:' })).toContainText('“fault” in “It was the intern’s fault.”');
  await expect(form.getByText(/Instead: Say what in the system allowed it/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /sentence blames a person/ })).toHaveText('1 sentence blames a person: see the suggestions under it.');
  await expect(rootCause).toHaveAttribute('aria-describedby', /blame/);
  await rootCause.fill('A two-week-old account had ALL PRIVILEGES on the production master, so one mistyped DELETE emptied it.');
  await expect(page.getByRole('status').filter({ hasText: /blaming words/i })).toHaveText('No blaming words found.');
  await form.getByLabel('Corrective and preventive actions').fill('Give new interns read-only access to production\nPair every newcomer with a mentor for onboarding\nAdd a delayed replica');
  await form.getByLabel('What went badly').click(); // the actions box loses focus: saved

  await page.getByRole('button', { name: 'Compare with the team’s postmortem' }).click();
  const compare = page.getByRole('region', { name: 'Beside the team’s real postmortem' });
  await expect(compare.getByText('You named 2 of 4.')).toBeVisible();
  await expect(compare.locator('.pm-named')).toHaveCount(2);
  await expect(compare.locator('.pm-missed').first()).toContainText('Missed:');
  await expect(compare.getByRole('heading', { name: 'Your other actions' })).toBeVisible();
  await form.screenshot({ path: info.outputPath('postmortem-form-1366.png') });
  await compare.screenshot({ path: info.outputPath('postmortem-compare-1366.png') });
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the postmortem as Markdown' }).click();
  const file = await (await download).path();
  const markdown = readFileSync(file, 'utf8');
  expect(markdown).toContain('## Root cause\n\nA two-week-old account had ALL PRIVILEGES');
  expect(markdown).toContain('- 08:40: Investigation starts: the outage is noticed.');
  expect(markdown).toContain('- Named: Do not give full access');

  // Saved in the run: a reload shows it again, as written.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Your postmortem' }).getByLabel('Users affected')).toHaveValue('Every logged-in user', { timeout: 30_000 });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Compare with the team’s postmortem' }).click();
  await page.getByRole('region', { name: 'Beside the team’s real postmortem' }).screenshot({ path: info.outputPath('postmortem-compare-390.png') });
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});
