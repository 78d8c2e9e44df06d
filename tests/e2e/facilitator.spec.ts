/**
 * The facilitator's console in a second window of the same browser (issue 13): it connects by
 * itself, pauses the presenter, injects a complication, reveals a hint of a chosen tier and shows
 * a question to the room; the drill window shows each; both windows survive a reload; the run
 * keeps what the facilitator did on its own channel. Zero axe violations on the console.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, typeCommand, watchConsole } from './helpers';

test.describe.configure({ timeout: 180_000 });

/** Milliseconds from a click in the console to `selector` appearing in the drill window (both read Date.now()). */
async function shownWithin(drill: Page, click: () => Promise<void>, text: string): Promise<number> {
  await drill.evaluate((wanted) => {
    const w = window as unknown as { __seenAt?: number };
    delete w.__seenAt;
    const observer = new MutationObserver(() => {
      if (document.body.innerText.includes(wanted)) {
        w.__seenAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
  const clickedAt = Date.now();
  await click();
  await expect(drill.getByText(text, { exact: false }).first()).toBeVisible({ timeout: 10_000 });
  const seenAt = await drill.evaluate(() => (window as unknown as { __seenAt?: number }).__seenAt ?? Date.now());
  return seenAt - clickedAt;
}

test('the console drives the projected drill: pause, inject, hint, a question; both survive a reload', async ({ context }, info) => {
  const drill = await context.newPage();
  const problems = watchConsole(drill);
  await drill.setViewportSize({ width: 1366, height: 768 });
  await drill.goto('/');
  await drill.getByLabel(/your name/i).fill('Lina');
  await drill.getByRole('button', { name: /start the drill/i }).click();
  await typeCommand(drill, 'ping -c 2 8.8.8.8');

  const consolePage = await context.newPage();
  problems.push(...watchConsole(consolePage));
  await consolePage.setViewportSize({ width: 1366, height: 768 });
  await consolePage.goto('/?facilitator');
  await expect(consolePage.getByRole('heading', { level: 1, name: 'Facilitator console' })).toBeVisible();
  await expect(consolePage.getByRole('status').first()).toContainText('Connected to the drill', { timeout: 10_000 });
  await expect(consolePage.getByRole('status').first()).toContainText('Lina driving');
  await expect(consolePage.getByRole('region', { name: 'The drill now' })).toContainText('08:4');
  await expect(consolePage.getByRole('region', { name: 'The drill now' }).getByRole('code')).toHaveText('ping -c 2 8.8.8.8');
  await expectNoAxeViolations(consolePage);

  const latencies: Record<string, number> = {};
  latencies.pause = await shownWithin(drill, () => consolePage.getByRole('button', { name: 'Pause the drill' }).click(), 'Paused by the facilitator');
  await expect(drill.getByLabel('Command')).toBeDisabled();
  await expect(consolePage.getByRole('status').first()).toContainText('The drill is paused by you');

  latencies.prompt = await shownWithin(drill, () => consolePage.getByRole('region', { name: 'Ask the room' }).getByRole('button', { name: 'Show' }).first().click(), 'The facilitator asks the room');
  latencies.resume = await shownWithin(drill, () => consolePage.getByRole('button', { name: 'Resume the drill' }).click(), 'The facilitator resumed the drill');
  await expect(drill.getByLabel('Command')).toBeEnabled();

  latencies.inject = await shownWithin(drill, () => consolePage.getByRole('button', { name: /The CEO asks for an update/ }).click(), 'Mehdi (CEO)');
  await expect(drill.getByRole('log', { name: 'Chat with Sami' })).toContainText('What is broken, what are you doing about it');
  latencies.hint = await shownWithin(drill, () => consolePage.getByRole('button', { name: 'Show the nudge' }).click(), 'Nudge');
  info.annotations.push({ type: 'console → drill, ms', description: JSON.stringify(latencies) });

  // The facilitator's own note stays on the console and in the run: the room does not see it.
  await consolePage.getByLabel(/A note, kept in the run/).fill('Lina went to the network first');
  await consolePage.getByRole('button', { name: 'Add the note' }).click();
  await expect(consolePage.getByRole('list', { name: 'What you did' })).toContainText('Lina went to the network first');
  await expect(drill.getByText('Lina went to the network first')).toHaveCount(0);

  // A reload of either window: the console finds the drill again, and the drill keeps the run.
  await drill.reload();
  await expect(drill.getByRole('log', { name: 'Terminal output' })).toContainText('The facilitator asks the room', { timeout: 30_000 });
  await expect(consolePage.getByRole('status').first()).toContainText('Connected to the drill', { timeout: 15_000 });
  await consolePage.reload();
  await expect(consolePage.getByRole('status').first()).toContainText('Connected to the drill', { timeout: 10_000 });
  await expect(consolePage.getByRole('list', { name: 'What you did' }).getByRole('listitem')).toHaveCount(6);
  await expect(consolePage.getByRole('button', { name: /The CEO asks for an update/ })).toBeDisabled();

  await consolePage.setViewportSize({ width: 390, height: 844 });
  await consolePage.screenshot({ path: info.outputPath('console-390.png'), fullPage: true });
  await expectNoAxeViolations(consolePage);
  await consolePage.setViewportSize({ width: 1366, height: 768 });
  await consolePage.screenshot({ path: info.outputPath('console-1366.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('the console alone says it is not connected, and how to connect', async ({ page }) => {
  await page.goto('/?facilitator');
  await expect(page.getByRole('status').first()).toHaveText(/Not connected: open Outage Drill in another window/);
  await expectNoAxeViolations(page);
});
