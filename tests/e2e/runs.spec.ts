import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, playSeedToTheEnd, scenario, typeCommand, watchConsole } from './helpers';

const firstSteps = ['ping -c 4 8.8.8.8', 'ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;'];

test.describe('runs that last', () => {
  test('reloading mid-run resumes at the same host, prompt, transcript and clock', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByRole('button', { name: /start the drill/i }).click();
    for (const line of firstSteps) await typeCommand(page, line);
    const clock = await page.getByRole('timer').getAttribute('aria-label');
    const transcript = await page.getByRole('log', { name: 'Terminal output' }).innerText();
    await page.reload();
    await expect(page.getByRole('timer')).toHaveAttribute('aria-label', clock!);
    await expect(page.locator('form').getByText('mysql>', { exact: true })).toBeVisible();
    await expect.poll(() => page.getByRole('log', { name: 'Terminal output' }).innerText()).toBe(transcript);
    await typeCommand(page, 'exit');
    await expect(page.locator('form').getByText('intern@db-master:~$', { exact: true })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a finished run is exported as a file, imported back read-only with its debrief, and listed in history', async ({ page }) => {
    const problems = watchConsole(page);
    await playSeedToTheEnd(page, 'Amel');
    await expectNoAxeViolations(page);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export run (.json)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^outage-drill-mysql-wipe-amel-\d{4}-\d\d-\d\d\.json$/);
    const file = await download.path();

    await page.getByRole('button', { name: 'Your runs' }).click();
    await expect(page.getByRole('table', { name: /past runs/i })).toContainText('Amel');
    await expect(page.getByRole('table', { name: /past runs/i })).toContainText('resolved');
    await expectNoAxeViolations(page);

    await page.getByLabel('Import runs…').setInputFiles(file);
    await expect(page.getByRole('heading', { level: 1, name: /Amel's run/ })).toBeVisible();
    await expect(page.getByText(/Imported from a file · read-only · resolved/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Transcript' })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  test('a share link opens the run read-only in a fresh browser', async ({ page, browser }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /start the drill/i }).click();
    for (const line of scenario.referencePath) await typeCommand(page, line);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toMatch(/#run=[A-Za-z0-9_-]+$/);

    const other = await browser.newContext();
    const fresh = await other.newPage();
    const problems = watchConsole(fresh);
    await fresh.goto(link);
    // A fresh browser fetches and starts the replay worker (1.1 MB, the SQL engine, the start world)
    // before it replays: on a loaded 2-core machine that alone can pass 5 s (the app allows it 30 s).
    await expect(fresh.getByText(/Opened from a share link · read-only · resolved/)).toBeVisible({ timeout: 20_000 });
    await expectNoAxeViolations(fresh);
    await fresh.goto(link.slice(0, -12) + 'AAAAdamaged!');
    await expect(fresh.getByRole('alert').filter({ hasText: /This link is damaged/ })).toBeVisible();
    expect(problems).toEqual([]);
    await other.close();
  });

  test('a hostile file is refused in plain words, its HTML never runs, and saved runs survive', async ({ page }, testInfo) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByRole('button', { name: /start the drill/i }).click();
    await typeCommand(page, 'ping -c 4 8.8.8.8');

    const hostile = testInfo.outputPath('hostile.json');
    const html = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const run = {
      kind: 'outage-drill/run',
      format: 5,
      id: 'hostile',
      scenario: { id: 'mysql-wipe', version: 1 },
      trainee: html,
      startedAt: '2026-11-27T10:00:00.000Z',
      inputs: [{ channel: 'terminal', text: html, at: '2026-11-27T10:00:01.000Z' }],
    };
    writeFileSync(hostile, JSON.stringify(run));
    await page.getByLabel('Import runs…').setInputFiles(hostile);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const broken = testInfo.outputPath('broken.json');
    writeFileSync(broken, '{"kind": "outage-drill/run", "format": 4, "inputs": [');
    await page.getByLabel('Import runs…').setInputFiles(broken);
    await expect(page.getByRole('alert').filter({ hasText: /not valid JSON/ })).toBeVisible();

    const proto = testInfo.outputPath('proto.json');
    writeFileSync(proto, readFileSync('scenarios/mysql-wipe.json', 'utf8'));
    await page.getByLabel('Import runs…').setInputFiles(proto);
    await expect(page.getByRole('alert').filter({ hasText: /scenario file, not a run/ })).toBeVisible();

    await page.getByRole('button', { name: 'Drill' }).click();
    await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('4 packets transmitted');
    expect(problems).toEqual([]);
  });
});
