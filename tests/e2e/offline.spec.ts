/**
 * A room with bad Wi-Fi (issue 13): after one visit the built app works offline. A second visit
 * with the network cut still loads, opens the SQL engine and the scenario, and plays a whole run.
 */
import { expect, test } from '@playwright/test';
import { playSeedToTheEnd } from './helpers';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 180_000 });

test('after one visit, a second with the network cut plays the seed path to the end', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible({ timeout: 30_000 });
  // The service worker installs once the app has started, precaching everything the drill needs.
  const activated = await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active!;
    if (worker.state !== 'activated') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done(null)));
    return worker.state;
  });
  expect(activated).toBe('activated');
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  expect(manifest).toMatchObject({ name: 'Outage Drill', display: 'standalone', start_url: '/' });
  // Chromium's own installability check (Lighthouse 12 no longer has one): the manifest, its icons, the worker.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A Playwright context is an incognito profile, where nothing installs: that is the only error allowed.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: /start the drill/i })).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await playSeedToTheEnd(page, 'Offline Olfa');
  await context.setOffline(false);
});
