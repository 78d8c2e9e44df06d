/**
 * Cohort: 500 received runs loaded, scored and drawn in the built app in Chromium, watching the
 * page's main thread for long tasks (PerformanceObserver `longtask`: any task over 50 ms; the
 * target is none over 100 ms).
 *
 * The 500 runs are put in local storage as received runs before the page loads (as if a mentor
 * had imported them earlier), from a seeded generator: each follows the seed's reference path for
 * a while, with some of the scenario's action commands and junk mixed in. Timed from the page's
 * start: the store reading them (validated, not replayed), "Your runs" (the first 50 listed and
 * scored), then "Cohort view of all 500" until "All 500 runs scored" (scored in the Web Worker,
 * rows filling a windowed table), then a scroll to the bottom of the table. COHORT_DEBUG=1 prints
 * every task over 60 ms with its start (ms from navigation).
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './interaction.mjs';
import { seededRandom } from './random.mjs';

export const COHORT_RUNS = 500;

/** The cohort's storage records, by key. */
export function cohortRecords(scenario, count = COHORT_RUNS, seed = 0xc0407) {
  const random = seededRandom(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const commands = [...new Set(scenario.actions.filter((a) => a.channel !== 'chat').map((a) => a.command))];
  const names = ['Lina', 'Omar', 'Sana', 'Karim', 'Amel', 'Youssef', 'Ines', 'Mehdi', 'Rania', 'Walid'];
  const records = {};
  for (let i = 0; i < count; i += 1) {
    const start = Date.parse('2026-09-01T09:00:00.000Z') + i * 3_600_000;
    const length = 5 + Math.floor(random() * 30);
    const focus = random();
    const lines = [];
    let next = 0;
    while (lines.length < length) {
      const roll = random();
      if (roll < focus * 0.8 && next < scenario.referencePath.length) lines.push(scenario.referencePath[next++]);
      else if (roll < 0.9) lines.push(pick(commands));
      else lines.push(`${pick(['frobnicate', 'systemctl restart mysqlx', 'kubectl get pods', 'ls /nope'])}`);
    }
    let t = start;
    const run = {
      kind: 'outage-drill/run',
      format: 4,
      id: `cohort-${i}`,
      scenario: { id: scenario.id, version: scenario.version },
      trainee: `${pick(names)} ${i}`,
      startedAt: new Date(start).toISOString(),
      inputs: lines.map((line) => {
        t += (10 + Math.floor(random() * 120)) * 1000;
        return line.startsWith('chat: ') ? { channel: 'chat', text: line.slice(6), at: new Date(t).toISOString(), via: 'typed' } : { channel: 'terminal', text: line, at: new Date(t).toISOString(), via: 'typed' };
      }),
    };
    records[`outage-drill:received:cohort-${i}`] = JSON.stringify({ version: 2, run });
  }
  return records;
}

/** Long tasks seen by the page, with when they started (ms from navigation). */
function installProbe() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

export async function measureCohort({ baseUrl, scenarioFile, log = console.log }) {
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
  const records = cohortRecords(scenario);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(installProbe);
    await page.addInitScript((all) => {
      if (!sessionStorage.getItem('cohort-seeded')) {
        for (const [key, value] of Object.entries(all)) localStorage.setItem(key, value);
        sessionStorage.setItem('cohort-seeded', '1');
      }
    }, records);
    await page.goto(baseUrl);
    await page.getByRole('button', { name: /start the drill/i }).waitFor({ timeout: 120_000 });
    const loaded = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Your runs' }).click();
    await page.getByRole('button', { name: `Cohort view of all ${COHORT_RUNS}` }).waitFor({ timeout: 60_000 });
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: `Cohort view of all ${COHORT_RUNS}` }).click();
    await page.getByText(new RegExp(`^All ${COHORT_RUNS} runs scored`)).waitFor({ timeout: 600_000 });
    const t1 = await page.evaluate(() => performance.now());
    await page.getByRole('region', { name: 'Cohort table (scrolls)' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(500);
    const drawnRows = await page.getByRole('region', { name: 'Cohort table (scrolls)' }).locator('tbody tr').count();
    const tasks = await page.evaluate(() => window.__longTasks);
    if (process.env.COHORT_DEBUG) log(JSON.stringify({ loaded, t0, t1, tasks: tasks.filter((t) => t.duration > 60).map((t) => [Math.round(t.start), Math.round(t.duration)]) }));
    const worst = (from, to = Infinity) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    const result = {
      runs: COHORT_RUNS,
      loadMs: Math.round(loaded),
      scoreMs: Math.round(t1 - t0),
      worstTaskAtLoadMs: Math.round(worst(0, loaded)),
      worstTaskAfterLoadMs: Math.round(worst(loaded)),
      longTasksOver100: tasks.filter((t) => t.start >= loaded && t.duration > 100).length,
      drawnRows,
    };
    log(`  ${COHORT_RUNS} received runs: page ready in ${result.loadMs} ms (worst task ${result.worstTaskAtLoadMs} ms); scored in ${result.scoreMs} ms; worst main-thread task after load ${result.worstTaskAfterLoadMs} ms (${result.longTasksOver100} over 100 ms); ${drawnRows} table rows in the page`);
    return result;
  } finally {
    await browser.close();
  }
}
