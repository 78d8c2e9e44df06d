/**
 * The real SQL engine under the simulated MySQL servers: SQLite compiled to WebAssembly
 * (sql.js). Loading it is asynchronous and happens once (the drill starts it while the trainee
 * reads the briefing); every query afterwards is synchronous, so replaying a run stays
 * synchronous. Nothing imports sql.js statically: it comes in a lazy chunk of its own.
 */
import type { SqlJsStatic } from 'sql.js';
import type { RE2JS } from 're2js';

/** Thrown when SQL is needed before `loadSqlEngine()` has finished. */
export class SqlEngineNotLoadedError extends Error {
  constructor() {
    super('The SQL engine (sql.js) is not loaded yet: await loadSqlEngine() before the first step that runs SQL.');
    this.name = 'SqlEngineNotLoadedError';
  }
}

/** The one loaded engine (a single value, never a growing cache). */
let engine: SqlJsStatic | null = null;
/** re2js, loaded beside it: MySQL's REGEXP runs on a linear-time engine (a trainee's pattern can never hang a replay). */
let regexEngine: typeof RE2JS | null = null;
let loading: Promise<void> | null = null;

/** True in a browser page; false in Node (the CLI, the tests), where sql.js finds its .wasm itself. */
function inBrowser(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return !proc?.versions?.node;
}

/**
 * Loads sql.js and its WebAssembly, once; later calls return the same promise. In the browser
 * the .wasm is a Vite asset fetched from our own origin (the CSP allows only 'self' and
 * 'wasm-unsafe-eval'); in Node it is read from the package.
 */
export function loadSqlEngine(): Promise<void> {
  if (engine) return Promise.resolve();
  loading ??= (async () => {
    const [{ default: initSqlJs }, re2] = await Promise.all([import('sql.js'), import('re2js')]);
    regexEngine = re2.RE2JS;
    if (inBrowser()) {
      const { default: wasmUrl } = await import('sql.js/dist/sql-wasm.wasm?url');
      engine = await initSqlJs({ locateFile: () => wasmUrl });
    } else {
      engine = await initSqlJs();
    }
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Whether `loadSqlEngine()` has finished. */
export function sqlEngineLoaded(): boolean {
  return engine !== null;
}

/** The loaded engine; throws `SqlEngineNotLoadedError` before `loadSqlEngine()` has finished. */
export function sqlEngine(): SqlJsStatic {
  if (!engine) throw new SqlEngineNotLoadedError();
  return engine;
}

/** The regular-expression engine REGEXP uses (loaded with the SQL engine). */
export function sqlRegexEngine(): typeof RE2JS {
  if (!regexEngine) throw new SqlEngineNotLoadedError();
  return regexEngine;
}
