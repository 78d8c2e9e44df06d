import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadSqlEngine } from '../../src/sim/mysql/sql-engine';

// The simulated MySQL servers run on sql.js: load it once, as the drill does during the briefing.
await loadSqlEngine();

afterEach(() => {
  cleanup();
});
