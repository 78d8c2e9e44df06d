/**
 * What a production build costs to download, shared by `npm run bench` and `npm run budget`.
 *
 * - "Initial JavaScript" is what the browser must fetch before the app can start: the entry
 *   script named in dist/index.html, the chunks it names as <link rel="modulepreload">, and
 *   anything those import statically (followed through the files, in case a preload link is
 *   ever missing). Every other .js file in the build is a lazy chunk, loaded by `import()`.
 * - Sizes are of each file compressed on its own, as a static server would send it:
 *   gzip at level 9 and brotli at quality 11. 1 kB = 1,000 bytes.
 * - The baseline is a minimal React app (one component, `createRoot`), built by this
 *   project's Vite and React plugin with the same target, in a temporary folder, every time
 *   (so the ratio always compares like with like, whichever versions are installed).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = join(projectRoot, 'dist');

/** The budgets enforced by `npm run budget` (and CI), and the target the bench reports against. */
export const BUDGET = {
  /** Initial JavaScript, gzip, at most this many times the minimal React app's. */
  initialJsRatio: 1.6,
  /** Target (not enforced): React, ReactDOM and XState alone measure about 1.19×. */
  initialJsRatioTarget: 1.35,
  /** All CSS of the build, gzip, in bytes (10 kB). */
  cssGzipBytes: 10_000,
};

/** Compressed sizes of one file, in bytes. */
export function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** `1234` → `1.23 kB`. */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);

/** Totals of a list of measured files. */
function group(files) {
  return { files, raw: sum(files, 'raw'), gzip: sum(files, 'gzip'), brotli: sum(files, 'brotli') };
}

/** Attribute values of the tags in `html` that match `tagPattern` (e.g. every <script type="module" src>). */
function attributeValues(html, tagPattern, wanted, attribute) {
  const values = [];
  for (const [tag] of html.matchAll(tagPattern)) {
    if (!wanted(tag)) continue;
    const value = new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    if (value) values.push(value);
  }
  return values;
}

/** A URL from index.html (`/assets/x.js`, `./assets/x.js`) as a path relative to the build folder. */
function buildPath(url) {
  return posix.normalize(url.replace(/^\//, '').replace(/[?#].*$/, ''));
}

/**
 * Relative specifiers imported statically by a built ES module (`import{a}from"./b.js"`,
 * `import"./c.js"`, `export*from"./d.js"`). Dynamic `import("./x.js")` is not matched: that is lazy.
 */
function staticImports(code) {
  const found = new Set();
  const pattern = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const [, specifier] of code.matchAll(pattern)) found.add(specifier);
  return [...found];
}

function listFiles(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [relative(base, full).split('\\').join('/')];
  });
}

/**
 * Measures a Vite build folder: initial JS (entry, modulepreloads and their static imports),
 * lazy JS chunks, CSS (linked from index.html, and any other), and data files (.json).
 * Throws when the folder or its index.html is missing, or names an entry script that is not there.
 */
export function measureBuild(dir) {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${relative(process.cwd(), indexFile) || indexFile} is missing`);
  const html = readFileSync(indexFile, 'utf8');
  const entries = attributeValues(html, /<script\b[^>]*>/gi, (tag) => /\stype\s*=\s*["']module["']/i.test(tag), 'src').map(buildPath);
  const preloads = attributeValues(html, /<link\b[^>]*>/gi, (tag) => /\srel\s*=\s*["']modulepreload["']/i.test(tag), 'href').map(buildPath);
  const stylesheets = attributeValues(html, /<link\b[^>]*>/gi, (tag) => /\srel\s*=\s*["']stylesheet["']/i.test(tag), 'href').map(buildPath);
  if (entries.length === 0) throw new Error(`${indexFile} has no <script type="module" src=...>`);

  const measure = (path) => {
    const full = join(dir, path);
    if (!existsSync(full)) throw new Error(`${indexFile} names ${path}, which is not in the build`);
    return { path, ...compressedSizes(readFileSync(full)) };
  };

  // The initial set: entries and preloads, closed over static imports.
  const initial = new Set();
  const queue = [...entries, ...preloads];
  while (queue.length > 0) {
    const path = queue.shift();
    if (initial.has(path)) continue;
    initial.add(path);
    const code = readFileSync(join(dir, path), 'utf8');
    for (const specifier of staticImports(code)) queue.push(posix.normalize(posix.join(posix.dirname(path), specifier)));
  }

  const all = listFiles(dir);
  const initialJs = [...initial].map(measure);
  const lazyJs = all.filter((p) => /\.m?js$/.test(p) && !initial.has(p)).sort().map(measure);
  const initialCss = stylesheets.map(measure);
  const otherCss = all.filter((p) => p.endsWith('.css') && !stylesheets.includes(p)).sort().map(measure);
  const data = all.filter((p) => p.endsWith('.json')).sort().map(measure);
  return {
    dir,
    entries,
    preloads,
    initialJs: group(initialJs),
    lazyJs: group(lazyJs),
    initialCss: group(initialCss),
    lazyCss: group(otherCss),
    css: group([...initialCss, ...otherCss]),
    data: group(data),
  };
}

const MINIMAL_APP = {
  'index.html': `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Minimal React app</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.jsx"></script>
  </body>
</html>
`,
  'src/main.jsx': `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <h1>Hello</h1>;
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
};

/**
 * Builds the minimal React app (one component, `createRoot`) with this project's Vite and
 * React plugin, `build.target` es2022 as in vite.config.ts, in a temporary folder under the
 * system's tmp whose node_modules is a link to this project's (no network, no install), and
 * measures it like our build. The folder is removed afterwards.
 */
export async function buildMinimalReactApp() {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const root = mkdtempSync(join(tmpdir(), 'outage-drill-minimal-react-'));
  try {
    for (const [name, text] of Object.entries(MINIMAL_APP)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    const outDir = join(root, 'dist');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      plugins: [react()],
      build: { target: 'es2022', outDir, emptyOutDir: true, sourcemap: false },
    });
    return measureBuild(outDir);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Our build against the budgets: each check with its figure and limit. */
export function checkBudgets(ours, minimal) {
  const ratio = ours.initialJs.gzip / minimal.initialJs.gzip;
  return {
    ratio,
    checks: [
      {
        name: 'initial JavaScript (gzip)',
        ok: ratio <= BUDGET.initialJsRatio,
        figure: `${kB(ours.initialJs.gzip)} = ${ratio.toFixed(2)}× the minimal React app's ${kB(minimal.initialJs.gzip)}`,
        budget: `at most ${BUDGET.initialJsRatio}× = ${kB(minimal.initialJs.gzip * BUDGET.initialJsRatio)} (target ${BUDGET.initialJsRatioTarget}× = ${kB(minimal.initialJs.gzip * BUDGET.initialJsRatioTarget)})`,
      },
      {
        name: 'CSS (gzip, all stylesheets)',
        ok: ours.css.gzip <= BUDGET.cssGzipBytes,
        figure: kB(ours.css.gzip),
        budget: `at most ${kB(BUDGET.cssGzipBytes)}`,
      },
    ],
  };
}
