import { defineConfig, devices } from '@playwright/test';

const isCI = Boolean(process.env.CI);
/** The preview server's port: E2E_PORT lets two checkouts run their journeys at once. */
const port = Number(process.env.E2E_PORT ?? 4173);

/** Debian's Chromium (`apt-get install -y chromium`); `npx playwright install` cannot download here. */
const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Journeys type whole commands key by key: on a loaded 2-core machine one can take over a minute.
  timeout: 90_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 1 : undefined,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // The offline journey (offline.spec.ts) allows the app's service worker; the others test the
    // page as the network serves it, without one caching between them and the server.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    // Never reuse a server left by another checkout: it would serve that checkout's build.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
