#!/usr/bin/env node
/**
 * `npm run budget`: the size budgets, checked against the production build in dist/ (it does
 * not build the app: run `npm run build` first). It does build the minimal React app the
 * budget is relative to, in the same run, with the same Vite. Exits 1, naming the figure and
 * the budget, when:
 *   - the initial JavaScript (gzip) is over 1.6× the minimal React app's, or
 *   - the CSS (gzip, all stylesheets) is over 10 kB.
 * Sizes are deterministic, so this is a check, not a timed test. No network.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildMinimalReactApp, checkBudgets, distDir, kB, measureBuild } from './bench/sizes.mjs';

const shown = relative(process.cwd(), distDir) || distDir;
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`budget: ${shown}/index.html is missing. Build the app first: npm run build`);
  process.exit(1);
}

let ours;
try {
  ours = measureBuild(distDir);
} catch (error) {
  console.error(`budget: cannot read the build in ${shown}: ${error.message}. Rebuild it: npm run build`);
  process.exit(1);
}
const minimal = await buildMinimalReactApp();
const { checks } = checkBudgets(ours, minimal);

console.log(`budget: sizes of ${shown}/ (each file gzip -9 on its own; 1 kB = 1,000 bytes)`);
console.log(`  initial JS   ${kB(ours.initialJs.gzip)} gzip, ${kB(ours.initialJs.brotli)} brotli (${ours.initialJs.files.map((f) => f.path).join(', ')})`);
console.log(`  minimal app  ${kB(minimal.initialJs.gzip)} gzip (one component + createRoot, built just now by the same Vite)`);
console.log(`  lazy JS      ${ours.lazyJs.files.length} chunk(s), ${kB(ours.lazyJs.gzip)} gzip`);
console.log(`  CSS          ${kB(ours.css.gzip)} gzip (${ours.css.files.length} file(s))`);

const failed = checks.filter((c) => !c.ok);
for (const check of checks) {
  console.log(`${check.ok ? '  ok  ' : '  OVER'}  ${check.name}: ${check.figure}; budget ${check.budget}`);
}
if (failed.length > 0) {
  for (const check of failed) console.error(`budget exceeded: ${check.name} is ${check.figure}, over the budget (${check.budget}).`);
  process.exit(1);
}
console.log('budget: within budget');
