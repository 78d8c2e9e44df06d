/**
 * Lighthouse 12 (the devDependency, which runs on Node 20) against the built app served
 * locally, with its default settings: mobile form factor, simulated throttling (slow 4G,
 * 4× CPU). Each run is a fresh `lighthouse` process with its own Chromium
 * (CHROME_PATH=/usr/bin/chromium, headless). The figures are the median of the runs, each
 * figure on its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CHROMIUM_PATH } from './interaction.mjs';

const require = createRequire(import.meta.url);
const lighthouseCli = join(dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
export const lighthouseVersion = JSON.parse(readFileSync(require.resolve('lighthouse/package.json'), 'utf8')).version;

export const LIGHTHOUSE_CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

function runLighthouse(url, outputPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [lighthouseCli, url, '--output=json', `--output-path=${outputPath}`, '--quiet', `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${LIGHTHOUSE_CHROME_FLAGS.join(' ')}`],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What one report says, reduced to the figures the bench reports. */
function figuresOf(report) {
  const score = (id) => Math.round(report.categories[id].score * 100);
  const lcpElement = report.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  const lcpPhases = report.audits['largest-contentful-paint-element']?.details?.items?.[1]?.items ?? [];
  const missed = [];
  for (const id of CATEGORIES) {
    for (const ref of report.categories[id].auditRefs) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) missed.push(`${id}: ${audit.title} (${audit.displayValue ?? `score ${audit.score}`})`);
    }
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: report.audits['largest-contentful-paint'].numericValue,
    fcpMs: report.audits['first-contentful-paint'].numericValue,
    tbtMs: report.audits['total-blocking-time'].numericValue,
    cls: report.audits['cumulative-layout-shift'].numericValue,
    lcpElement: lcpElement ? `${lcpElement.selector} ("${lcpElement.nodeLabel}")` : 'unknown',
    lcpPhases: lcpPhases.map((p) => `${p.phase} ${Math.round(p.timing)} ms`),
    missed,
    warnings: report.runWarnings ?? [],
    benchmarkIndex: report.environment?.benchmarkIndex,
  };
}

/** Runs Lighthouse `runs` times against `url`; returns each run and the medians. */
export async function measureLighthouse({ url, runs = 3, log = console.log }) {
  const dir = mkdtempSync(join(tmpdir(), 'outage-drill-lighthouse-'));
  try {
    const each = [];
    for (let i = 0; i < runs; i += 1) {
      const output = join(dir, `run-${i}.json`);
      await runLighthouse(url, output);
      const figures = figuresOf(JSON.parse(readFileSync(output, 'utf8')));
      log(`    run ${i + 1}: performance ${figures.performance}, accessibility ${figures.accessibility}, best practices ${figures.bestPractices}, LCP ${Math.round(figures.lcpMs)} ms, TBT ${Math.round(figures.tbtMs)} ms, CLS ${figures.cls.toFixed(3)}`);
      each.push(figures);
    }
    const mid = (key) => median(each.map((f) => f[key]));
    // The run whose LCP is the median one, for the details (LCP element, phases, missed audits).
    const typical = [...each].sort((a, b) => a.lcpMs - b.lcpMs)[each.length >> 1];
    return {
      runs,
      version: lighthouseVersion,
      performance: mid('performance'),
      accessibility: mid('accessibility'),
      bestPractices: mid('bestPractices'),
      lcpMs: mid('lcpMs'),
      fcpMs: mid('fcpMs'),
      tbtMs: mid('tbtMs'),
      cls: mid('cls'),
      each,
      typical,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
