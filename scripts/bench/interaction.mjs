/**
 * Interaction latency: the seed's reference path typed into the built app in Chromium, with
 * the CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`), through Playwright.
 *
 * For each line, the figure is the Event Timing duration of the Enter that submits it: the
 * page observes `PerformanceObserver({ type: 'event', durationThreshold: 16 })`, entries are
 * grouped by `interactionId` (keydown, keypress, keyup of one key press), and an interaction's
 * latency is its longest entry: from the key's timestamp to the next paint after every handler
 * ran, as INP measures it. The Enter's keydown is found by its timestamp (a capturing listener
 * records `event.timeStamp`, which is the entry's `startTime`). The browser reports nothing
 * under 16 ms: such an Enter counts as 16 ms (an upper bound) and is counted apart.
 *
 * Each latency splits into input delay (waiting for the main thread), processing (the time
 * in the interaction's event handlers: the engine step and React's update of the drill) and
 * presentation delay (from the last handler to the frame: style, layout, paint, and any
 * rendering React left for after the event); the medians of the three are reported.
 *
 * The drill echoes an entered line at once and runs its step after that paint (a real terminal
 * echoes what was typed before the program answers), so a second figure is measured: Enter →
 * output, from the key's timestamp to the first change of the page's logs after which no log is
 * busy (`aria-busy`, set while an entered line waits for its step), i.e. the command's output is
 * in the DOM (its paint follows within a frame). A MutationObserver on the logs (role="log")
 * also checks that the typed line reached the DOM before the end of the interaction's handlers,
 * i.e. was in the frame that was timed.
 */
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
export const CPU_THROTTLING = 4;

/** Installed before the app loads: collects event-timing entries, Enter keydowns and log mutations. */
function installProbes() {
  const bench = { entries: [], enters: [], logMutations: [], settled: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.entries.push({ name: e.name, startTime: e.startTime, duration: e.duration, interactionId: e.interactionId, processingStart: e.processingStart, processingEnd: e.processingEnd });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter') bench.enters.push({ timeStamp: event.timeStamp, field: event.target?.getAttribute?.('aria-label') ?? event.target?.id ?? '' });
    },
    true,
  );
  const start = () =>
    new MutationObserver((records) => {
      const now = performance.now();
      if (!records.some((r) => r.target instanceof Node && (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest?.('[role="log"]'))) return;
      bench.logMutations.push(now);
      if (!document.querySelector('[role="log"][aria-busy="true"]')) bench.settled.push(now);
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  if (document.documentElement) start();
  else addEventListener('DOMContentLoaded', start);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** p50, p95 and worst of a list of milliseconds (nearest-rank). */
export function latencyStats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), worst: sorted[sorted.length - 1] };
}

async function playOnce(browser, baseUrl, referencePath, log) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.addInitScript(installProbes);
  await page.goto(baseUrl);
  await page.getByRole('button', { name: /start the drill/i }).click();
  const command = page.getByLabel('Command', { exact: true });
  await command.waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  const twoFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await twoFrames();

  for (const line of referencePath) {
    const box = line.startsWith('chat: ') ? page.getByLabel('Message to Sami', { exact: true }) : command;
    await box.pressSequentially(line.startsWith('chat: ') ? line.slice(6) : line, { delay: 0 });
    await box.press('Enter');
    await twoFrames();
  }
  await page.getByRole('heading', { level: 1, name: 'The site is back' }).waitFor({ timeout: 30_000 });
  // Event-timing entries are delivered after paint: give the observer time to hear the last ones.
  await page.waitForTimeout(500);
  const data = await page.evaluate(() => window.__bench);
  await context.close();

  if (data.enters.length !== referencePath.length) throw new Error(`expected ${referencePath.length} Enter presses, saw ${data.enters.length}`);
  const results = data.enters.map((enter, i) => {
    const keydown = data.entries.find((e) => e.name === 'keydown' && e.interactionId > 0 && Math.abs(e.startTime - enter.timeStamp) < 1);
    const group = keydown ? data.entries.filter((e) => e.interactionId === keydown.interactionId) : [];
    const end = Math.max(0, ...group.map((e) => e.processingEnd));
    const mutation = data.logMutations.find((t) => t >= enter.timeStamp);
    // The output: the first change after which nothing waits; the drill's end replaces the logs (then the end screen is the answer).
    const next = data.enters[i + 1]?.timeStamp ?? Infinity;
    const settled = data.settled.find((t) => t >= enter.timeStamp && t < next);
    const longest = group.reduce((a, e) => (a && a.duration >= e.duration ? a : e), null);
    return {
      line: referencePath[i],
      ms: longest ? longest.duration : 16,
      underThreshold: !longest,
      // Phases of the interaction: waiting for the main thread, its event handlers (keydown, keypress
      // with the form's submit, keyup...), then style, layout and paint up to the frame.
      phases: longest
        ? {
            inputDelay: Math.min(...group.map((e) => e.processingStart)) - longest.startTime,
            processing: group.reduce((total, e) => total + (e.processingEnd - e.processingStart), 0),
            presentation: longest.startTime + longest.duration - end,
          }
        : null,
      outputMs: settled === undefined ? null : settled - enter.timeStamp,
      // The typed line (or its output) in the DOM before the interaction's handlers ended (so it was in the timed paint).
      outputInFrame: keydown ? mutation !== undefined && mutation <= end + 1 : mutation !== undefined && mutation - enter.timeStamp < 16,
    };
  });
  log(`    run: ${results.map((r) => (r.underThreshold ? '<16' : Math.round(r.ms))).join(' ')} ms`);
  return { results, problems };
}

/**
 * Plays the reference path `runs` times (a fresh browser context each time) against `baseUrl`
 * and returns every Enter's latency and the statistics over all of them.
 */
export async function measureInteraction({ baseUrl, referencePath, runs = 3, log = console.log }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const perRun = [];
    for (let i = 0; i < runs; i += 1) perRun.push(await playOnce(browser, baseUrl, referencePath, log));
    const all = perRun.flatMap((r) => r.results);
    const byLine = referencePath.map((line, i) => ({ line, ms: perRun.map((r) => r.results[i].ms), worst: Math.max(...perRun.map((r) => r.results[i].ms)) }));
    return {
      runs,
      cpuThrottling: CPU_THROTTLING,
      browserVersion: browser.version(),
      stats: latencyStats(all.map((r) => r.ms)),
      output: latencyStats(all.filter((r) => r.outputMs !== null).map((r) => r.outputMs)),
      outputSlowest: referencePath
        .map((line, i) => ({ line, ms: perRun.map((r) => r.results[i].outputMs ?? NaN), worst: Math.max(...perRun.map((r) => r.results[i].outputMs ?? 0)) }))
        .sort((a, b) => b.worst - a.worst)
        .slice(0, 3),
      underThreshold: all.filter((r) => r.underThreshold).length,
      outputInFrame: all.filter((r) => r.outputInFrame).length,
      phases: Object.fromEntries(
        ['inputDelay', 'processing', 'presentation'].map((phase) => [phase, latencyStats(all.filter((r) => r.phases).map((r) => r.phases[phase])).p50]),
      ),
      interactions: all.length,
      slowest: [...byLine].sort((a, b) => b.worst - a.worst).slice(0, 3),
      problems: perRun.flatMap((r) => r.problems),
    };
  } finally {
    await browser.close();
  }
}
