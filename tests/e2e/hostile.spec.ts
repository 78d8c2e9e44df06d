/**
 * Hostile share links (issue 9): a small, valid run that would replay for long, or forever, never
 * freezes the page of whoever opens it. The run is replayed in a Web Worker with a time budget;
 * the page answers a click within a second (measured with performance.now() in the page), and an
 * import under way can be cancelled.
 */
import { expect, test, type Page } from '@playwright/test';
import { shareLinkTo, watchConsole } from './helpers';

const TOO_SLOW = 'This run takes too long to replay, so it was not opened. Nothing was changed.';
/** Either refusal of a run over budget: the replay's time (TOO_SLOW) or its output (64 MB), both in plain words. */
const OVER_BUDGET = /^This run takes too long to replay\b.*so it was not opened\. Nothing was changed\./;


const redosLink = shareLinkTo(['ssh web-01', 'grep "(.*)*#" /var/log/tunistocks/app.log'], 'redos');
const historyLink = shareLinkTo(Array.from({ length: 5_000 }, () => 'history'), 'history-5000');

/** What opening a link ends in: the run, read-only, or the plain refusal of a run over its budget. */
function opened(page: Page) {
  return page.getByText(/Opened from a share link · read-only/).or(page.getByRole('alert').filter({ hasText: OVER_BUDGET }));
}

/**
 * Clicks the named button in the page and measures, with performance.now(), until the page has
 * handled it and can paint again (the next animation frame after the click's work).
 */
async function clickTime(page: Page, name: string): Promise<number> {
  return page.evaluate(async (label) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
    if (!button) throw new Error(`no button "${label}"`);
    const start = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }, name);
}

/** A click on "Your runs" is answered within a second, and its screen shows. */
async function expectResponsive(page: Page) {
  const took = await clickTime(page, 'Your runs');
  expect(took).toBeLessThan(1_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Your runs' })).toBeVisible();
}

test.describe('hostile share links', () => {
  // Building and serving is shared; each link may use up its whole replay budget (3 s) on a loaded machine.
  test.describe.configure({ timeout: 60_000 });

  test('a link whose run greps with a catastrophic regex ((.*)*#) leaves a page that answers a click within a second', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto(redosLink);
    await expect(opened(page)).toBeVisible({ timeout: 30_000 });
    await expectResponsive(page);
    expect(problems).toEqual([]);
  });

  test('a link whose run is 5,000 × history leaves a page that answers a click within a second', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto(historyLink);
    // 5,000 × history prints about 5 million lines: past the 64 MB a run may print, or past the
    // 3 s replay budget on a loaded machine, whichever comes first. Either way it is refused.
    await expect(page.getByRole('alert').filter({ hasText: OVER_BUDGET })).toBeVisible({ timeout: 30_000 });
    await expectResponsive(page);
    expect(problems).toEqual([]);
  });

  test('while a link is being opened the page answers, and Cancel stops it: nothing opens, nothing is said', async ({ page }) => {
    const problems = watchConsole(page);
    // Hold the replay worker's script back, so the import is still under way when Cancel is clicked.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/replayWorker[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(redosLink);
    const status = page.getByRole('status').filter({ hasText: 'Opening the shared run…' });
    await expect(status).toBeVisible();
    await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible();
    expect(await clickTime(page, 'Cancel')).toBeLessThan(1_000);
    await expect(status).toBeHidden();
    release();
    await page.waitForTimeout(500);
    await expect(page.getByText(/Opened from a share link/)).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('the catastrophic-regex link opens: grep runs on RE2 and answers at once', async ({ page }) => {
    await page.goto(redosLink);
    await expect(page.getByText(/Opened from a share link · read-only/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: TOO_SLOW })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Transcript' })).toBeVisible();
    await expectResponsive(page);
  });
});
