import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import fc from 'fast-check';
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';

// The simulated MySQL servers run on sql.js: load it once, as the drill does during the briefing.
await loadSqlEngine();

// Property tests draw a new seed each run, so CI keeps exploring; FC_SEED=<n> replays one
// (the seed a failure prints), or shakes out more cases locally before a push.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

afterEach(() => {
  cleanup();
});
