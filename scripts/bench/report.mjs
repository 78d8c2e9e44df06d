/**
 * Turns the bench's figures into the targets table and docs/performance.md. Every sentence
 * about a missed target is built from this run's figures, so the doc never claims more than
 * the run measured.
 */
import { CHROMIUM_PATH } from './interaction.mjs';
import { BUDGET, kB } from './sizes.mjs';

export const TARGETS = {
  lighthouseScore: 100,
  lcpMs: 1500,
  interactionP95Ms: 50,
  scoringMs: 300,
  cohortTaskMs: 100,
  modelMs: 2000,
};

const ms = (value) => `${Math.round(value)} ms`;
const s = (value) => `${(value / 1000).toFixed(2)} s`;
const times = (value) => `${value.toFixed(2)}×`;
const n = (value) => value.toLocaleString('en-GB');

/** The targets table: one row per figure, `ok` null when there is no target. */
function rows(r) {
  const out = [];
  if (r.sizes) {
    const { ours, minimal, ratio } = r.sizes;
    out.push({
      measure: 'Initial JS (gzip) vs minimal React app',
      figure: `${kB(ours.initialJs.gzip)} / ${kB(minimal.initialJs.gzip)} = ${times(ratio)}`,
      target: `≤ ${BUDGET.initialJsRatioTarget}× (budget ${BUDGET.initialJsRatio}×, enforced)`,
      ok: ratio <= BUDGET.initialJsRatioTarget,
      budgetOk: ratio <= BUDGET.initialJsRatio,
    });
    out.push({ measure: 'CSS (gzip, all files)', figure: kB(ours.css.gzip), target: `≤ ${kB(BUDGET.cssGzipBytes)} (enforced)`, ok: ours.css.gzip <= BUDGET.cssGzipBytes });
  }
  if (r.lighthouse) {
    const lh = r.lighthouse;
    out.push({ measure: 'Lighthouse performance', figure: String(lh.performance), target: '100', ok: lh.performance >= TARGETS.lighthouseScore });
    out.push({ measure: 'Lighthouse accessibility', figure: String(lh.accessibility), target: '100', ok: lh.accessibility >= TARGETS.lighthouseScore });
    out.push({ measure: 'Lighthouse best practices', figure: String(lh.bestPractices), target: '100', ok: lh.bestPractices >= TARGETS.lighthouseScore });
    out.push({ measure: 'LCP (mobile, simulated throttling)', figure: s(lh.lcpMs), target: `≤ ${s(TARGETS.lcpMs)}`, ok: lh.lcpMs <= TARGETS.lcpMs });
    out.push({ measure: 'TBT', figure: ms(lh.tbtMs), target: '—', ok: null });
    out.push({ measure: 'CLS', figure: lh.cls.toFixed(3), target: '—', ok: null });
  }
  if (r.interaction) {
    const { stats } = r.interaction;
    out.push({ measure: `Interaction p95 (CPU ${r.interaction.cpuThrottling}× slower): Enter → the typed line painted`, figure: `${ms(stats.p95)} (p50 ${ms(stats.p50)}, worst ${ms(stats.worst)})`, target: `≤ ${TARGETS.interactionP95Ms} ms`, ok: stats.p95 <= TARGETS.interactionP95Ms });
    const output = r.interaction.output;
    if (output?.count) out.push({ measure: `Enter → the command's output in the page (CPU ${r.interaction.cpuThrottling}× slower)`, figure: `p95 ${ms(output.p95)} (p50 ${ms(output.p50)}, worst ${ms(output.worst)})`, target: '—', ok: null });
  }
  if (r.scoring) {
    const sc = r.scoring.score;
    out.push({ measure: '1,000 runs replayed and scored', figure: `${ms(sc.medianMs)} (${Math.round(sc.runsPerSecond)} runs/s, ${sc.microsecondsPerStep.toFixed(1)} µs/step)`, target: `≤ ${TARGETS.scoringMs} ms`, ok: sc.medianMs <= TARGETS.scoringMs });
  }
  if (r.cohort) {
    const c = r.cohort;
    out.push({ measure: `Cohort: ${n(c.runs)} runs loaded, scored, drawn: worst main-thread task`, figure: `${ms(c.worstTaskAfterLoadMs)} after load (${c.longTasksOver100} over 100 ms), ${ms(c.worstTaskAtLoadMs)} while loading; scored in ${s(c.scoreMs)}`, target: `no task over ${ms(TARGETS.cohortTaskMs)}`, ok: Math.max(c.worstTaskAfterLoadMs, c.worstTaskAtLoadMs) <= TARGETS.cohortTaskMs });
  }
  if (r.model) {
    out.push({ measure: 'Model check (xstate/graph)', figure: `${ms(r.model.medianMs)} (${r.model.states} states, ${r.model.transitions} transitions)`, target: `≤ ${s(TARGETS.modelMs)}`, ok: r.model.medianMs <= TARGETS.modelMs });
  }
  return out;
}

/** Why each missed target was missed, by how much, and what it would take: from this run's figures. */
function misses(r) {
  const out = [];
  if (r.sizes && r.sizes.ratio > BUDGET.initialJsRatioTarget) {
    const { ours, minimal, ratio, initialShares } = r.sizes;
    const target = minimal.initialJs.gzip * BUDGET.initialJsRatioTarget;
    const react = new Set(['react', 'react-dom', 'scheduler']);
    const beyondReact = initialShares.filter((x) => !react.has(x.group));
    const drill = initialShares.filter((x) => ['xstate', '@xstate/react', 'src/engine'].includes(x.group));
    const drillBytes = drill.reduce((a, x) => a + x.bytes, 0);
    out.push(
      `**Initial JavaScript: ${times(ratio)} against the ${BUDGET.initialJsRatioTarget}× target**, ${kB(ours.initialJs.gzip - target)} gzip too many ` +
        `(${kB(ours.initialJs.gzip)} for ${kB(target)}); within the ${BUDGET.initialJsRatio}× budget ${ratio <= BUDGET.initialJsRatio ? `by ${kB(minimal.initialJs.gzip * BUDGET.initialJsRatio - ours.initialJs.gzip)}` : 'NOT: CI fails'}. ` +
        `Beyond React, the initial load carries (estimated shares of its gzip size) ${beyondReact.slice(0, 8).map((x) => `${x.group} ${kB(x.bytes)}`).join(', ')}. ` +
        (drillBytes > 0
          ? `The first screen, the briefing, shows only the scenario; if the engine and the machine (xstate, @xstate/react, src/engine: about ${kB(drillBytes)}) came in a chunk fetched while the trainee reads it (the store, and the restore of saved runs at start, reaching them through \`import()\`), the ratio would be about ${times((ours.initialJs.gzip - drillBytes) / minimal.initialJs.gzip)}. `
          : '') +
        'The rest would have to come from the UI and store code in the entry (screens that are not the briefing or the drill can move to lazy chunks, as the debrief, review and history already have).',
    );
  }
  if (r.sizes && r.sizes.ours.css.gzip > BUDGET.cssGzipBytes) {
    out.push(`**CSS: ${kB(r.sizes.ours.css.gzip)} gzip, ${kB(r.sizes.ours.css.gzip - BUDGET.cssGzipBytes)} over the budget.** CI fails; rules only a lazy screen uses belong in that screen's CSS chunk.`);
  }
  if (r.lighthouse) {
    const lh = r.lighthouse;
    if (lh.lcpMs > TARGETS.lcpMs) {
      const data = r.sizes?.ours.data.files.map((f) => `${f.path} ${kB(f.gzip)} gzip`).join(', ');
      out.push(
        `**LCP: ${s(lh.lcpMs)} against ${s(TARGETS.lcpMs)}, ${ms(lh.lcpMs - TARGETS.lcpMs)} over** (FCP ${s(lh.fcpMs)}). The LCP element is ${lh.typical.lcpElement}; ` +
          `its time splits into ${lh.typical.lcpPhases.join(', ')}: the page paints nothing until the initial JavaScript has loaded and run, and the briefing needs the scenario` +
          (data ? ` (${data})` : '') +
          ', which is only requested once that JavaScript runs. What it would take: the briefing heading and summary as static HTML in index.html (LCP then comes with the first paint, the app hydrating or replacing it), ' +
          'or at least `<link rel="preload" as="fetch" crossorigin>` for the scenario in index.html so it downloads beside the JavaScript instead of after it; and a smaller initial load (above).',
      );
    }
    for (const [name, score] of [
      ['performance', lh.performance],
      ['accessibility', lh.accessibility],
      ['best practices', lh.bestPractices],
    ]) {
      if (score >= TARGETS.lighthouseScore) continue;
      const key = name === 'best practices' ? 'best-practices' : name;
      const audits = lh.typical.missed.filter((m) => m.startsWith(`${key}:`)).map((m) => m.slice(key.length + 2));
      out.push(`**Lighthouse ${name}: ${score}, ${TARGETS.lighthouseScore - score} short of 100.** Audits not at full marks in the median run: ${audits.join('; ') || 'none listed (the score is the median of the runs)'}.${name === 'performance' ? ' The score weighs FCP, LCP, TBT, CLS and Speed Index; less JavaScript before the first paint and the briefing in the HTML (above) move FCP, LCP and TBT together.' : ''}`);
    }
  }
  if (r.interaction && r.interaction.stats.p95 > TARGETS.interactionP95Ms) {
    const ia = r.interaction;
    out.push(
      `**Interaction p95: ${ms(ia.stats.p95)} against ${TARGETS.interactionP95Ms} ms, ${ms(ia.stats.p95 - TARGETS.interactionP95Ms)} over** (p50 ${ms(ia.stats.p50)}, worst ${ms(ia.stats.worst)}). ` +
        `The slowest lines: ${ia.slowest.map((x) => `\`${x.line}\` (${x.ms.map(Math.round).join(' / ')} ms)`).join(', ')}. ` +
        `Of a typical Enter, ${ms(ia.phases.processing ?? 0)} is spent in event handlers and ${ms(ia.phases.presentation ?? 0)} between the last handler and the frame (style, layout, paint, and any rendering done after the event), with the CPU slowed ${ia.cpuThrottling}×. ` +
        'What it would take: less work between Enter and the next paint: re-rendering only the new transcript lines (memoised rows, so earlier steps are not rendered again), keeping what is not on screen (the menu\'s other groups, persistence of the run) out of the synchronous update, and a smaller DOM for the layout and paint that follow.',
    );
  }
  if (r.scoring && r.scoring.score.medianMs > TARGETS.scoringMs) {
    const { score, replayForScoring, replay, engine, steps } = r.scoring;
    const perStepTarget = (TARGETS.scoringMs * 1000) / steps;
    const rederive = Math.max(0, replayForScoring.medianMs - replay.medianMs);
    const own = Math.max(0, score.medianMs - replayForScoring.medianMs);
    out.push(
      `**Scoring: ${ms(score.medianMs)} for 1,000 runs against ${TARGETS.scoringMs} ms, ${times(score.medianMs / TARGETS.scoringMs)} the target** (${score.microsecondsPerStep.toFixed(1)} µs per step; the target is ${perStepTarget.toFixed(1)} µs per step over these ${n(steps)} steps). ` +
        `Where the time goes: the replay the score works from (\`replayForScoring\`) takes ${ms(replayForScoring.medianMs)}, ` +
        (rederive > 0.1 * score.medianMs
          ? `of which the drill's replay (\`replayInputs\`) is ${ms(replay.medianMs)} and re-deriving the world after each step ${ms(rederive)}`
          : `about as long as the drill's own replay (\`replayInputs\`, ${ms(replay.medianMs)})`) +
        `; the score's own work (alignment with the real timeline, points, lessons) is the other ${ms(own)}. ` +
        `The engine's \`runInput\` alone costs ${engine.microsecondsPerStep.toFixed(1)} µs per step (${ms(engine.medianMs)} for all the runs)` +
        (engine.medianMs >= 0.7 * replay.medianMs ? ', so the replay is nearly all the simulated world, not the machine. ' : `, so the machine adds about ${ms(replay.medianMs - engine.medianMs)} to it. `) +
        'What it would take: ' +
        (rederive > 0.1 * score.medianMs ? `one replay that keeps each step's world (about ${ms(rederive)} less); then ` : '') +
        `the replay alone is ${times(replay.medianMs / TARGETS.scoringMs)} the whole target, so it has to become at least that much faster; ` +
        (own > 0.5 * TARGETS.scoringMs
          ? `and the score's own work (${ms(own)}) takes most of the target by itself, so it needs a profile of its own too. `
          : `and the score's own work (${ms(own)}) has to stay within what the replay leaves. `) +
        'In the replay, each input is parsed, matched against every action\'s patterns in turn, an unknown command is compared by edit distance with every program, and the output text is rendered though scoring never reads it; indexing the actions by program once per scenario, memoising suggestions and rendering output only for display are the first steps.',
    );
  }
  if (r.model && r.model.medianMs > TARGETS.modelMs) {
    out.push(`**Model check: ${ms(r.model.medianMs)} against ${s(TARGETS.modelMs)}.** Each of the ${r.model.transitions} transitions runs the engine once: fewer events per state (filterEvents) or a cheaper \`runInput\` (above) would bring it down.`);
  }
  return out;
}

function table(headings, body) {
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The whole docs/performance.md. */
function markdown(r, rowList, missList) {
  const { env } = r;
  const parts = [];
  parts.push(`# Performance

Written by \`npm run bench\` (scripts/bench/); do not edit by hand, run the bench again. The
budgets CI enforces are checked by \`npm run budget\` (scripts/check-budget.mjs).

Latest run: ${env.date.slice(0, 16).replace('T', ' ')} UTC, on ${env.nproc} CPUs (\`nproc\`), ${env.cpu}${env.memory ? `, ${Math.round(Number(env.memory) / 1024 / 1024)} GB memory` : ''};
Node ${env.node}; ${env.chromium}; Vite ${env.vite}, React ${env.react}, Lighthouse ${env.lighthouse}, Playwright ${env.playwright}.
The bench took ${Math.round(r.totalMs / 1000)} s.

## Targets

${table(
  ['measure', 'this run', 'target', ''],
  rowList.map((row) => [row.measure, row.figure, row.target, row.ok === null ? '' : row.ok ? 'met' : row.budgetOk ? '**missed** (within budget)' : '**missed**']),
)}
`);
  if (missList.length) parts.push(`## Where a target is missed\n\n${missList.map((m) => `- ${m}`).join('\n')}\n`);

  if (r.sizes) {
    const { ours, minimal, ratio, initialShares } = r.sizes;
    const fileRows = [
      ...ours.initialJs.files.map((f) => ['initial JS', `\`${f.path}\``, kB(f.gzip), kB(f.brotli)]),
      ...ours.lazyJs.files.map((f) => ['lazy JS', `\`${f.path}\``, kB(f.gzip), kB(f.brotli)]),
      ...ours.css.files.map((f) => [ours.initialCss.files.includes(f) ? 'CSS' : 'CSS (lazy)', `\`${f.path}\``, kB(f.gzip), kB(f.brotli)]),
      ...ours.data.files.map((f) => ['data (fetched)', `\`${f.path}\``, kB(f.gzip), kB(f.brotli)]),
      ...minimal.initialJs.files.map((f) => ['minimal React app', `\`${f.path}\``, kB(f.gzip), kB(f.brotli)]),
    ];
    parts.push(`## 1. Initial JavaScript

How: \`vite build\` of this project (what \`npm run build\` runs after its typecheck), and of a minimal
React app (one component rendered with \`createRoot\`, in \`StrictMode\`) built in the same run by the same
Vite, React plugin and \`build.target\`, in a temporary folder. The initial JavaScript is the entry
script of \`dist/index.html\`, its \`modulepreload\` links and what they import statically; every other
\`.js\` file is a lazy chunk. Each file is compressed on its own: gzip level 9, brotli quality 11;
1 kB = 1,000 bytes.

- Initial JS: **${kB(ours.initialJs.gzip)} gzip**, ${kB(ours.initialJs.brotli)} brotli, in ${ours.initialJs.files.length} file(s).
- Minimal React app: ${kB(minimal.initialJs.gzip)} gzip, ${kB(minimal.initialJs.brotli)} brotli.
- Ratio: **${times(ratio)}** gzip (${times(ours.initialJs.brotli / minimal.initialJs.brotli)} brotli); target ${BUDGET.initialJsRatioTarget}×, budget ${BUDGET.initialJsRatio}×.
- Lazy JS: ${ours.lazyJs.files.length} chunk(s), ${kB(ours.lazyJs.gzip)} gzip in all. CSS: ${kB(ours.css.gzip)} gzip in all (budget ${kB(BUDGET.cssGzipBytes)}).

${table(['part', 'file', 'gzip', 'brotli'], fileRows)}

What the initial JavaScript is made of (each module minified and gzipped on its own, as shares of
the real gzip total; estimates):

${table(['package or folder', 'gzip (est.)'], initialShares.slice(0, 14).map((x) => [x.group, kB(x.bytes)]))}
`);
  }
  if (r.lighthouse) {
    const lh = r.lighthouse;
    parts.push(`## 2. Lighthouse

How: Lighthouse ${lh.version} CLI with its default settings (mobile form factor, simulated throttling:
slow 4G and a 4× slower CPU), categories performance, accessibility and best practices, against
\`vite preview\` of the build on 127.0.0.1; \`CHROME_PATH=${CHROMIUM_PATH}\`, headless. ${lh.runs} runs, each
figure the median of its runs.

${table(
  ['run', 'performance', 'accessibility', 'best practices', 'LCP', 'FCP', 'TBT', 'CLS'],
  [
    ...lh.each.map((e, i) => [String(i + 1), e.performance, e.accessibility, e.bestPractices, ms(e.lcpMs), ms(e.fcpMs), ms(e.tbtMs), e.cls.toFixed(3)]),
    ['**median**', `**${lh.performance}**`, `**${lh.accessibility}**`, `**${lh.bestPractices}**`, `**${ms(lh.lcpMs)}**`, `**${ms(lh.fcpMs)}**`, `**${ms(lh.tbtMs)}**`, `**${lh.cls.toFixed(3)}**`],
  ],
)}

LCP element (median run): ${lh.typical.lcpElement}; ${lh.typical.lcpPhases.join(', ')}.
${lh.typical.missed.length ? `Audits not at full marks in that run: ${lh.typical.missed.join('; ')}.` : 'Every scored audit at full marks in that run.'}
`);
  }
  if (r.interaction) {
    const ia = r.interaction;
    parts.push(`## 3. Interaction latency

How: Playwright drives Chromium (${ia.browserVersion}) with the CPU slowed ${ia.cpuThrottling}× (CDP
\`Emulation.setCPUThrottlingRate\`) through the seed scenario's \`referencePath\`: each line typed into
the field labelled "Command" (lines \`chat: …\` into "Message to Sami"), then Enter. The page observes
Event Timing (\`PerformanceObserver\`, type \`event\`, \`durationThreshold: 16\`); an Enter's latency is
the longest entry of its interaction (\`interactionId\`): from the key press to the next paint after its
handlers, as INP counts it. Chromium reports nothing under 16 ms, so such an Enter counts as 16 ms.
${ia.runs} playthroughs of ${ia.interactions / ia.runs} lines; percentiles by nearest rank over every Enter.

- p50 **${ms(ia.stats.p50)}**, p95 **${ms(ia.stats.p95)}**, worst **${ms(ia.stats.worst)}** over ${ia.interactions} Enters (${ia.underThreshold} under 16 ms).
- Median phases: input delay ${ms(ia.phases.inputDelay ?? 0)}, processing (event handlers, React's update) ${ms(ia.phases.processing ?? 0)}, presentation delay (from the last handler to the frame: style, layout, paint, and rendering left for after the event) ${ms(ia.phases.presentation ?? 0)}.
- The typed line (or its output) reached the page's logs within the timed interaction for ${ia.outputInFrame} of ${ia.interactions} Enters (the line that ends the drill replaces the logs with the end screen).
- Slowest lines (ms in each run): ${ia.slowest.map((x) => `\`${x.line}\` ${x.ms.map(Math.round).join(' / ')}`).join('; ')}.
${ia.output?.count ? `
The drill echoes an entered line in the frame after Enter and runs its step after that paint, as a
terminal echoes what was typed before the program answers. **Enter → output** is from the key press
to the first change of the logs after which none is busy (\`aria-busy\`, set while a line waits for its
step): the output is in the DOM, and painted in the next frame.

- p50 **${ms(ia.output.p50)}**, p95 **${ms(ia.output.p95)}**, worst **${ms(ia.output.worst)}** over ${ia.output.count} Enters.
- Slowest lines (ms in each run): ${ia.outputSlowest.map((x) => `\`${x.line}\` ${x.ms.map(Math.round).join(' / ')}`).join('; ')}.
` : ''}
`);
  }
  if (r.scoring) {
    const sc = r.scoring;
    parts.push(`## 4. Scoring throughput

How: \`scripts/bench/scoring.ts\`, in its own Node process: ${n(sc.runs)} runs from a seeded generator
(seed ${sc.seed}): lines of the reference path in order, the scenario's action commands, moves (ssh,
exit, opening MySQL) and junk; 1 to 150 lines each (${n(sc.inputs)} inputs; ${n(sc.steps)} steps run, as a replay
stops at the ending; outcomes ${Object.entries(sc.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}). Each run is
scored with \`scoreRun(scenario, inputs)\`. One pass first (not counted), then the median of the next ones.
The TypeScript runs through tsx (esbuild), whose \`keepNames\` helpers add a few per cent to these times.

${table(
  ['what', 'per 1,000 runs', 'runs/s', 'per step'],
  [sc.score, sc.replayForScoring, sc.replay, sc.engine].map((t) => [t.what, `${ms(t.medianMs)} (first pass ${ms(t.coldMs)})`, String(Math.round(t.runsPerSecond)), `${t.microsecondsPerStep.toFixed(1)} µs`]),
)}
`);
  }
  if (r.model) {
    const m = r.model;
    parts.push(`## 5. Model check

How: \`scripts/bench/model-check.ts\`, in its own Node process: \`getAdjacencyMap\` from \`xstate/graph\`
over the drill machine with the seed scenario, with the model of \`tests/unit/engine/model.test.ts\`
(events: every action's command, ssh to each host, exit, MySQL on each server, \`USE tunistocks;\`, one
chat message, tried where they make sense; state key: session state, where the trainee is, the ending
and the facts that decide something: ${m.facts.join(', ')}; no clock, no transcript). Median of
${m.passesMs.length} explorations (${m.passesMs.map(ms).join(', ')}).

- **${n(m.states)} states, ${n(m.transitions)} transitions** (${n(m.changingTransitions)} lead to another state), explored in **${ms(m.medianMs)}**.
- Fewest inputs to each ending: ${Object.entries(m.shortestToEnding).map(([k, v]) => `${k} ${v}`).join(', ')}.
`);
  }
  return `${parts.join('\n')}`;
}

export function formatReport(results) {
  const rowList = rows(results);
  const missList = misses(results);
  return { rows: rowList, misses: missList, markdown: markdown(results, rowList, missList) };
}
