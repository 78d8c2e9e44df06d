/**
 * The production build, built by the bench (the same `vite build` as `npm run build`, without
 * its typecheck), with a note of what each chunk is made of: for each module, its code as
 * rendered into the chunk, minified on its own (Vite's oxc `minifySync`) and gzipped on its
 * own. Those per-module sizes do not add up to the chunk's real gzip size (gzip works across
 * modules), so they are used only as shares of it, grouped by package or src/ folder.
 */
import { gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { projectRoot } from './sizes.mjs';

/** `/…/node_modules/@xstate/react/…` → `@xstate/react`; `/…/src/engine/world.ts` → `src/engine`. */
function groupOf(id) {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const inModules = clean.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = clean.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const path = relative(projectRoot, clean);
  if (path.startsWith('..') || !path.includes('/')) return path.startsWith('..') ? 'vite runtime' : path;
  return path.split('/').slice(0, 2).join('/');
}

/**
 * Builds the app into dist/ with vite.config.ts and returns, per output file, the estimated
 * gzip bytes of each group of modules in it (minified module by module).
 */
export async function buildAppWithComposition() {
  const { build, minifySync } = await import('vite');
  const composition = {};
  const noteComposition = {
    name: 'outage-drill-bench:composition',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const groups = {};
        for (const [id, module] of Object.entries(chunk.modules)) {
          if (!module.code) continue;
          let code = module.code;
          try {
            code = minifySync('module.js', code).code;
          } catch {
            // Unminifiable on its own (a fragment): count it as rendered.
          }
          const group = groupOf(id);
          groups[group] = (groups[group] ?? 0) + gzipSync(code, { level: 9 }).length;
        }
        composition[chunk.fileName] = groups;
      }
    },
  };
  await build({ root: projectRoot, mode: 'production', logLevel: 'warn', plugins: [noteComposition] });
  return composition;
}

/**
 * Shares of a set of files' real gzip total, by group: `[{ group, bytes }]`, largest first,
 * where `bytes` is the group's share of `totalGzip` in proportion to its estimate.
 */
export function sharesOf(composition, files, totalGzip) {
  const groups = {};
  for (const file of files) for (const [group, bytes] of Object.entries(composition[file] ?? {})) groups[group] = (groups[group] ?? 0) + bytes;
  const estimated = Object.values(groups).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(groups)
    .map(([group, bytes]) => ({ group, bytes: (bytes / estimated) * totalGzip }))
    .sort((a, b) => b.bytes - a.bytes);
}
