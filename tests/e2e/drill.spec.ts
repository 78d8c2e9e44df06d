import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, scenario, typeCommand, watchConsole } from './helpers';

test.describe('playing the 08:40 outage', () => {
  test('the seed path, typed command by command, resolves the outage at 08:55', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: scenario.title })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel(/your name/i).fill('Amel');
    await page.getByRole('button', { name: /start the drill/i }).click();
    await expect(page.getByLabel('Command')).toBeFocused();
    await expectNoAxeViolations(page);

    // Up to the curl of the dashboard, which the team sent at 08:48.
    const curl = scenario.referencePath.indexOf('curl -i https://tunistocks.tn/dashboard') + 1;
    for (const line of scenario.referencePath.slice(0, curl)) await typeCommand(page, line);
    const log = page.getByRole('log', { name: 'Terminal output' });
    await expect(log).toContainText('HTTP/1.1 500 Internal Server Error');
    await expect(page.getByRole('log', { name: 'Chat with Sami' })).toContainText('Thanks for telling me');
    await expect(page.getByRole('timer', { name: /simulated clock: 08:48/i })).toBeVisible();
    await expectNoAxeViolations(page);

    for (const line of scenario.referencePath.slice(curl)) await typeCommand(page, line);
    await expect(page.getByRole('heading', { level: 1, name: 'The site is back' })).toBeVisible();
    await expect(page.getByText(/Resolved at 08:55 GMT/)).toBeVisible();
    // The debrief: the day's comparison, the chart and its table, every deduction explained.
    await expect(page.getByRole('heading', { level: 2, name: /the team did/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /timeline/i })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  test('keyboard only: Tab to the start button, type, use history and the menu', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: scenario.title })).toBeVisible();
    const name = page.getByLabel(/your name/i);
    for (let i = 0; i < 10 && !(await name.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(name).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /start the drill/i })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Command')).toBeFocused();
    await page.keyboard.type('ssh db-m');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Command')).toHaveValue('ssh db-master ');
    await page.keyboard.press('Enter');
    await expect(page.getByText('intern@db-master:~$', { exact: true })).toBeVisible();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByLabel('Command')).toHaveValue('ssh db-master');
    await page.keyboard.press('Escape');
    // The menu offers reading the history once the empty tables were seen.
    for (const line of ['mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;', 'exit']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByLabel('Command')).toHaveAccessibleDescription(/intern@db-master:~\$/);
    // Alt+Shift+1 reaches the actions menu; the arrow keys move within it.
    await page.keyboard.press('Alt+Shift+Digit1');
    const action = page.getByRole('button', { name: /read your mysql command history/i });
    for (let i = 0; i < 40 && !(await action.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('ArrowDown');
    await expect(action).toBeFocused();
    await page.keyboard.press('Enter');
    const log = page.getByRole('log', { name: 'Terminal output' });
    await expect(log).toContainText("DELETE\\040FROM\\040programmes;\\040WHERE\\040code\\040=\\040'test';");
    // Focus is on what the action printed, not on the next action: a second Enter runs nothing.
    await expect(log).toBeFocused();
    await page.keyboard.press('Alt+Shift+Digit3');
    await expect(page.getByLabel('Command')).toBeFocused();
  });

  test('a harmful path: copying the empty master over the replica loses the data', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByRole('button', { name: /start the drill/i }).click();
    for (const line of ['ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;', 'exit', 'mysqldump -h db-master tunistocks > /tmp/master.sql', 'mysql -h db-replica tunistocks < /tmp/master.sql']) {
      await typeCommand(page, line);
    }
    await expect(page.getByRole('heading', { level: 1, name: 'The data is gone' })).toBeVisible();
    await expect(page.getByText(/^Failed at 08:4\d GMT$/)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test('fits a phone screen: no sideways scrolling on the briefing or the drill', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: /start the drill/i }).click();
  await typeCommand(page, 'ssh db-master');
  await typeCommand(page, 'cat ~/.mysql_history');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});
