#!/usr/bin/env node
/**
 * `npm run bench`: measures Outage Drill on this machine, prints each figure with how it was
 * measured, and writes docs/performance.md (the latest run, its date and machine).
 *
 *   npm run bench                                    everything (a few minutes), writes the doc
 *   npm run bench -- --only=sizes,scoring            some parts only (the doc is not written)
 *   npm run bench -- --runs=5                        Lighthouse and playthrough runs (default 3)
 *
 * Parts: sizes (build, initial JS beside a minimal React app, CSS), lighthouse, interaction,
 * cohort, scoring, model. Not part of CI: the figures depend on the machine. The budgets that CI
 * enforces are in scripts/check-budget.mjs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildAppWithComposition, sharesOf } from './composition.mjs';
import { CHROMIUM_PATH, CPU_THROTTLING, measureInteraction } from './interaction.mjs';
import { COHORT_RUNS, measureCohort } from './cohort.mjs';
import { measureLighthouse } from './lighthouse.mjs';
import { BUDGET, buildMinimalReactApp, checkBudgets, distDir, kB, measureBuild, projectRoot } from './sizes.mjs';
import { formatReport } from './report.mjs';

const PARTS = ['sizes', 'lighthouse', 'interaction', 'cohort', 'scoring', 'model'];
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg('only')?.split(',') ?? PARTS;
const unknown = only.filter((p) => !PARTS.includes(p));
if (unknown.length) {
  console.error(`bench: unknown part(s) ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
  process.exit(2);
}
const runs = Number(arg('runs') ?? 3);
const wants = (part) => only.includes(part);

const say = (line = '') => console.log(line);
const heading = (text) => say(`\n== ${text}`);
const ms = (value) => `${Math.round(value)} ms`;

function commandOutput(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const version = (pkg) => JSON.parse(readFileSync(join(projectRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    date: new Date().toISOString(),
    nproc: commandOutput('nproc', []) === 'unknown' ? String(availableParallelism()) : commandOutput('nproc', []),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    memory: /^MemTotal:\s*(\d+)/m.exec((() => { try { return readFileSync('/proc/meminfo', 'utf8'); } catch { return ''; } })())?.[1],
    node: process.version,
    chromium: commandOutput(CHROMIUM_PATH, ['--version']),
    vite: version('vite'),
    react: version('react'),
    lighthouse: version('lighthouse'),
    playwright: version('@playwright/test'),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript part of the bench (through tsx) in its own Node process and reads its JSON. */
function runTypeScript(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, file), '--json'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch (error) {
        reject(new Error(`${file} printed no JSON: ${error.message}`));
      }
    });
  });
}

const started = performance.now();
const env = machine();
say(`Outage Drill bench, ${env.date}`);
say(`machine: ${env.nproc} CPUs (nproc), ${env.cpu}, node ${env.node}, ${env.chromium}; vite ${env.vite}, react ${env.react}, lighthouse ${env.lighthouse}`);
const results = { env, runs };

// 1. Sizes. The app is built here whatever parts are asked for: the browser parts serve it.
heading('Initial JavaScript and CSS');
say(`how: vite build of this project (as npm run build, without its typecheck) into dist/, and of a minimal React app`);
say(`     (one component + createRoot, same Vite, plugin and target, built in a temporary folder); initial JS = the entry`);
say(`     script in dist/index.html + its modulepreload links + their static imports; every other .js is a lazy chunk;`);
say(`     each file gzip -9 and brotli q11 on its own; 1 kB = 1,000 bytes`);
let t = performance.now();
const composition = await buildAppWithComposition();
const ours = measureBuild(distDir);
const minimal = await buildMinimalReactApp();
const budget = checkBudgets(ours, minimal);
results.sizes = { ours, minimal, ratio: budget.ratio, checks: budget.checks, initialShares: sharesOf(composition, ours.initialJs.files.map((f) => f.path), ours.initialJs.gzip) };
for (const f of ours.initialJs.files) say(`  initial  ${f.path}: ${kB(f.gzip)} gzip, ${kB(f.brotli)} brotli (${kB(f.raw)} raw)`);
say(`  initial JS total: ${kB(ours.initialJs.gzip)} gzip, ${kB(ours.initialJs.brotli)} brotli`);
for (const f of ours.lazyJs.files) say(`  lazy     ${f.path}: ${kB(f.gzip)} gzip, ${kB(f.brotli)} brotli`);
say(`  lazy JS total: ${ours.lazyJs.files.length} chunk(s), ${kB(ours.lazyJs.gzip)} gzip`);
for (const f of ours.css.files) say(`  css      ${f.path}: ${kB(f.gzip)} gzip${ours.initialCss.files.includes(f) ? '' : ' (lazy)'}`);
for (const f of ours.data.files) say(`  data     ${f.path}: ${kB(f.gzip)} gzip (fetched as data, not JS)`);
say(`  minimal React app: ${kB(minimal.initialJs.gzip)} gzip, ${kB(minimal.initialJs.brotli)} brotli`);
say(`  ratio (gzip): ${budget.ratio.toFixed(3)}× (target ${BUDGET.initialJsRatioTarget}×, budget ${BUDGET.initialJsRatio}×); brotli ratio ${(ours.initialJs.brotli / minimal.initialJs.brotli).toFixed(3)}×`);
say(`  initial JS by part (shares of the gzip total, estimated from modules minified one by one):`);
say(`    ${results.sizes.initialShares.slice(0, 10).map((s) => `${s.group} ${kB(s.bytes)}`).join(', ')}`);
say(`  (${ms(performance.now() - t)})`);

let preview;
if (wants('lighthouse') || wants('interaction') || wants('cohort')) {
  const { preview: startPreview } = await import('vite');
  const port = await freePort();
  preview = await startPreview({ root: projectRoot, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
}
const baseUrl = preview?.resolvedUrls?.local?.[0];
try {
  if (wants('lighthouse')) {
    heading('Lighthouse');
    say(`how: lighthouse ${env.lighthouse} CLI, default settings (mobile, simulated slow 4G and 4× CPU), categories performance,`);
    say(`     accessibility, best-practices, against vite preview of dist/ at ${baseUrl}; CHROME_PATH=${CHROMIUM_PATH}, headless;`);
    say(`     ${runs} runs, median of each figure`);
    t = performance.now();
    results.lighthouse = await measureLighthouse({ url: baseUrl, runs, log: say });
    const lh = results.lighthouse;
    say(`  median: performance ${lh.performance}, accessibility ${lh.accessibility}, best practices ${lh.bestPractices}; LCP ${ms(lh.lcpMs)}, FCP ${ms(lh.fcpMs)}, TBT ${ms(lh.tbtMs)}, CLS ${lh.cls.toFixed(3)}`);
    say(`  LCP element: ${lh.typical.lcpElement}; ${lh.typical.lcpPhases.join(', ')}`);
    for (const miss of lh.typical.missed) say(`  not full marks: ${miss}`);
    say(`  (${ms(performance.now() - t)})`);
  }
  if (wants('interaction')) {
    heading('Interaction latency');
    say(`how: Playwright driving ${env.chromium}, CDP Emulation.setCPUThrottlingRate ${CPU_THROTTLING}×, the scenario's referencePath typed`);
    say(`     into "Command" (chat: lines into "Message to Sami"), Enter; Event Timing entries (durationThreshold 16) grouped by`);
    say(`     interactionId, longest entry per interaction; ${runs} playthroughs, p50/p95/worst over every Enter`);
    t = performance.now();
    const scenario = JSON.parse(readFileSync(join(projectRoot, 'scenarios/mysql-wipe.json'), 'utf8'));
    results.interaction = await measureInteraction({ baseUrl, referencePath: scenario.referencePath, runs, log: say });
    const ia = results.interaction;
    say(`  ${ia.interactions} Enters: p50 ${ms(ia.stats.p50)}, p95 ${ms(ia.stats.p95)}, worst ${ms(ia.stats.worst)} (${ia.underThreshold} under 16 ms, counted as 16)`);
    say(`  output in the timed frame: ${ia.outputInFrame}/${ia.interactions}`);
    say(`  median phases: input delay ${ms(ia.phases.inputDelay ?? 0)}, processing ${ms(ia.phases.processing ?? 0)}, presentation ${ms(ia.phases.presentation ?? 0)}`);
    say(`  slowest lines: ${ia.slowest.map((s) => `"${s.line}" ${s.ms.map(Math.round).join('/')} ms`).join('; ')}`);
    if (ia.problems.length) say(`  page errors: ${ia.problems.join('; ')}`);
    say(`  (${ms(performance.now() - t)})`);
  }
  if (wants('cohort')) {
    heading('Cohort view');
    say(`how: Playwright driving ${env.chromium} (no throttling), ${COHORT_RUNS} received runs from a seeded generator put in local storage`);
    say('     before the page loads; "Your runs", then "Cohort view of all", until every run is scored (Web Worker), then a scroll to');
    say('     the table\'s end; PerformanceObserver longtask entries on the main thread (tasks over 50 ms)');
    t = performance.now();
    results.cohort = await measureCohort({ baseUrl, scenarioFile: join(projectRoot, 'scenarios/mysql-wipe.json'), log: say });
    say(`  (${ms(performance.now() - t)})`);
  }
} finally {
  await preview?.close();
}

if (wants('scoring')) {
  heading('Scoring throughput');
  say('how: scripts/bench/scoring.ts in its own Node process (tsx): 1,000 runs from a seeded generator (reference-path lines,');
  say('     action commands, moves, junk; 1 to 150 lines), each replayed and scored on the simulated world; one untimed pass, then one timed');
  t = performance.now();
  results.scoring = await runTypeScript('scripts/bench/scoring.ts');
  const sc = results.scoring;
  say(`  SQL engine load ${ms(sc.start.engineLoadMs)}, start world (databases prepared) ${ms(sc.start.startWorldMs)}, first query ${ms(sc.start.firstQueryMs)}`);
  say(`  ${sc.runs} runs, ${sc.inputs} inputs, ${sc.steps} steps run; outcomes ${JSON.stringify(sc.outcomes)}`);
  for (const part of [sc.score, sc.replayForScoring, sc.replay, sc.engine]) {
    say(`  ${part.what}: ${ms(part.medianMs)} per 1,000 runs (first pass ${ms(part.coldMs)}), ${Math.round(part.runsPerSecond)} runs/s, ${part.microsecondsPerStep.toFixed(1)} µs/step`);
  }
  say(`  (${ms(performance.now() - t)})`);
}

if (wants('model')) {
  heading('Model check');
  say('how: scripts/bench/model-check.ts in its own Node process (tsx): xstate/graph getAdjacencyMap over the drill machine with');
  say('     the seed scenario, the model of tests/unit/engine/model.test.ts; one exploration (each step runs the simulated world)');
  t = performance.now();
  results.model = (await runTypeScript('scripts/bench/model-check.ts')).model;
  const m = results.model;
  say(`  ${m.states} states, ${m.transitions} transitions (${m.changingTransitions} change the state), ${m.events} events offered`);
  say(`  explored in ${ms(m.medianMs)} (passes ${m.passesMs.map(ms).join(', ')}); fewest inputs to each ending ${JSON.stringify(m.shortestToEnding)}`);
  say(`  (${ms(performance.now() - t)})`);
}

results.totalMs = performance.now() - started;
heading('Targets');
const report = formatReport(results);
for (const row of report.rows) say(`  ${row.ok === null ? '    ' : row.ok ? 'met ' : 'MISS'}  ${row.measure}: ${row.figure} (target ${row.target})`);
say(`\nbench took ${Math.round(results.totalMs / 1000)} s`);
if (only.length === PARTS.length) {
  writeFileSync(join(projectRoot, 'docs/performance.md'), report.markdown);
  say('wrote docs/performance.md');
} else {
  say('docs/performance.md not written (only some parts ran)');
}
