import { expect, test } from '@playwright/test';
import { headersFile, securityHeaders } from '../../security-headers';

/** The headers a static host must send: vite preview sends them, and dist/_headers says the same. */
const expected = Object.fromEntries(Object.entries(securityHeaders).map(([name, value]) => [name.toLowerCase(), value]));

test.describe('security headers', () => {
  for (const path of ['/', '/index.html', '/favicon.svg']) {
    test(`the preview server sends them with ${path}`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(Object.fromEntries(Object.keys(expected).map((name) => [name, headers[name]]))).toEqual(expected);
    });
  }

  test('with the scripts and the scenario too', async ({ page, request }) => {
    const assets: string[] = [];
    page.on('response', (response) => {
      if (/\/assets\//.test(response.url())) assets.push(response.url());
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(assets.some((url) => url.endsWith('.js'))).toBe(true);
    for (const url of assets) {
      const headers = (await request.get(url)).headers();
      expect(headers['content-security-policy'], url).toBe(expected['content-security-policy']);
      expect(headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  test('the build ships public/_headers for static hosts, saying the same', async ({ request }) => {
    const response = await request.get('/_headers');
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(headersFile());
  });

  test('another page cannot frame the app', async ({ page, baseURL }) => {
    let framed = false;
    page.on('response', (response) => {
      if (response.url() === `${baseURL}/` && response.request().frame() !== page.mainFrame()) framed = true;
    });
    await page.setContent(`<iframe title="framed" src="${baseURL}/"></iframe>`);
    await expect.poll(() => framed).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    // The response arrives, and the browser refuses to show it: no app in the frame.
    await expect.poll(async () => frame.url()).not.toBe(`${baseURL}/`);
    expect(await page.frameLocator('iframe').getByRole('heading', { level: 1 }).count()).toBe(0);
  });
});
