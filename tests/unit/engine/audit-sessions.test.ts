// @vitest-environment node
/**
 * Sessions an engineer who had not read the code typed while auditing the drill (docs/realism.md),
 * replayed: whatever they typed, the world answers without crashing, within its bounds, and in the
 * tools' own words; the drill's own voice (hints, what it does not simulate) is only ever a note.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { MAX_STEP_LINES } from '../../../src/engine/world';
import { mysqlWipe, repoRoot } from '../scoring/support';

const dir = `${repoRoot}tests/fixtures/audit/`;
const sessions = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

/** Words of coaching or of the drill itself that no real tool prints. */
const COACHING = /\b(the drill|this drill|try (curl|ssh|mysql|-h)|first\)|ask db-|Not simulated)\b/i;

describe('audit sessions', { timeout: 120_000 }, () => {
  it('there are sessions to replay', () => {
    expect(sessions.length).toBeGreaterThanOrEqual(4);
  });

  it.each(sessions)('%s: every line is answered, in the tools’ words, within bounds', (file) => {
    const lines = readFileSync(`${dir}${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const { steps } = replayInputs(mysqlWipe, lines.map(inputFromLine)).context;
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.output.length).toBeLessThanOrEqual(MAX_STEP_LINES + 1);
      if (step.channel === 'terminal') for (const line of step.output) expect(line, `${step.input} → ${line}`).not.toMatch(COACHING);
      expect(step.clock).toBeGreaterThanOrEqual(step.startClock);
    }
  });
});
