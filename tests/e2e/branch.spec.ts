import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, playSeedToTheEnd, scenario, typeCommand, watchConsole } from './helpers';

test.describe('try again from here', () => {
  test('a finished run, tried again from a step and finished differently: history shows both, the branch under its parent, with both grades', async ({ page }) => {
    test.setTimeout(150_000);
    const problems = watchConsole(page);
    await playSeedToTheEnd(page, 'Amel');

    // One button per step, named with its step, time and input; reached and pressed from the keyboard.
    const step = scenario.referencePath.indexOf('cat ~/.mysql_history') + 1;
    const buttons = page.getByRole('button', { name: /^Try again from step \d+, / });
    await expect(buttons).toHaveCount(scenario.referencePath.length);
    await expectNoAxeViolations(page);
    const tryAgain = page.getByRole('button', { name: new RegExp(`^Try again from step ${step}, \\d\\d:\\d\\d(:\\d\\d)? cat ~/\\.mysql_history$`) });
    await tryAgain.focus();
    await page.keyboard.press('Enter');

    // The drill where that step was typed: on db-master, the steps before it in the transcript.
    const command = page.getByLabel('Command');
    await expect(command).toBeFocused();
    await expect(page.locator('form').getByText('intern@db-master:~$', { exact: true })).toBeVisible();
    const log = page.getByRole('log', { name: 'Terminal output' });
    await expect(log).toContainText('SELECT COUNT(*) FROM users;');
    await expect(log).not.toContainText('.mysql_history');
    await expectNoAxeViolations(page);

    // Finished differently: the empty master copied over the replica.
    await typeCommand(page, 'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks');
    await expect(page.getByRole('heading', { level: 1, name: 'The data is gone' })).toBeVisible();

    await page.getByRole('button', { name: 'Your runs' }).click();
    const table = page.getByRole('table', { name: /past runs/i });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('resolved');
    await expect(rows.nth(1)).not.toContainText('branched from');
    await expect(rows.nth(2)).toContainText('failed');
    await expect(rows.nth(2)).toContainText(new RegExp(`branched from the run of .+ \\([A-F] \\(\\d+\\)\\) at step ${step}`));
    // Both grades side by side: the parent's in its row and beside the branch's note.
    const parentGrade = (await rows.nth(1).getByRole('cell').nth(4).innerText()).trim();
    expect(parentGrade).toMatch(/^[A-F] \(\d+\)$/);
    await expect(rows.nth(2)).toContainText(`(${parentGrade}) at step ${step}`);
    await expect(rows.nth(2).getByRole('cell').nth(4)).toHaveText(/^[A-F] \(\d+\)$/);
    await expectNoAxeViolations(page);

    // The branch lasts: after a reload it is still listed under its parent.
    await page.reload();
    await page.getByRole('button', { name: 'Your runs' }).click();
    await expect(page.getByRole('table', { name: /past runs/i }).getByRole('row').nth(2)).toContainText(`at step ${step}`);
    expect(problems).toEqual([]);
  });
});
