/**
 * The presenter view on a projector (issue 13): at 1920×1080 the terminal's type is at least
 * 24 px, the clock and the current host are in view, the last command stands out, no side panels
 * until asked for; zero axe violations there, on a laptop and on a phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, typeCommand } from './helpers';

test.describe.configure({ timeout: 90_000 });

async function startPresenting(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: /start the drill/i }).click();
  await expect(page.getByRole('log', { name: 'Terminal output' })).toBeVisible();
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await expect(page.getByRole('button', { name: 'Presenter view' })).toHaveAttribute('aria-pressed', 'true');
}

test('on a 1920×1080 projector: 24 px type, the clock and host in view, the last command emphasised', async ({ page }, info) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await startPresenting(page);
  await typeCommand(page, 'ssh web-01');
  await typeCommand(page, 'systemctl status nginx');
  const log = page.getByRole('log', { name: 'Terminal output' });
  await expect(log).toContainText('nginx.service');
  const px = await log.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(24);
  await expect(page.getByRole('timer')).toBeInViewport();
  await expect(page.locator('.where')).toHaveText(/web-01/);
  await expect(page.locator('.where')).toBeInViewport();
  await expect(page.getByRole('textbox', { name: /message to sami/i })).toBeHidden();
  // The newest step has the marker; the one before it does not.
  const steps = log.locator('> .step');
  const border = (i: number) => steps.nth(i).evaluate((el) => getComputedStyle(el).borderLeftWidth);
  expect(parseFloat(await border((await steps.count()) - 1))).toBeGreaterThan(0);
  expect(parseFloat(await border((await steps.count()) - 2))).toBe(0);
  // The command line stays on the screen with the output above it.
  await expect(page.getByLabel('Command', { exact: true })).toBeInViewport();
  await page.screenshot({ path: info.outputPath('presenter-1920.png') });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Show chat and actions' }).click();
  await expect(page.getByRole('textbox', { name: /message to sami/i })).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const size of [
  { name: 'a laptop', width: 1366, height: 768 },
  { name: 'a phone', width: 390, height: 844 },
]) {
  test(`the presenter view on ${size.name}: no sideways scrolling, no axe violations, kept after a reload`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await startPresenting(page);
    await typeCommand(page, 'ping -c 1 tunistocks.tn');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Presenter view' })).toHaveAttribute('aria-pressed', 'true');
  });
}
