// @vitest-environment node
/**
 * Properties of the score over generated runs. A run is a sequence of inputs drawn mostly from
 * what the scenario knows (every action's command, the reference path, moving between hosts),
 * with some free text, so that runs get somewhere: restores, data loss, violations, chats.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { replayInputs, type DrillInput } from '../../../src/engine/replay';
import { activeSession } from '../../../src/sim/world';
import { scoreRun } from '../../../src/scoring/score';
import { inputs, mysqlWipe, repoRoot, words } from './support';

const NUM_RUNS = 300;
const TIMEOUT = 120_000;

const known: DrillInput[] = [
  ...mysqlWipe.actions.map((a): DrillInput => ({ channel: a.channel === 'chat' ? 'chat' : 'terminal', text: a.command })),
  ...inputs(mysqlWipe.referencePath),
  ...inputs(['exit', 'ssh db-master', 'ssh db-replica', 'ssh web-01', 'ssh lb-01', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;', 'cat ~/.mysql_history']),
];

const input: fc.Arbitrary<DrillInput> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...known) },
  { weight: 1, arbitrary: fc.record({ channel: fc.constantFrom('terminal' as const, 'chat' as const), text: fc.string({ maxLength: 40 }) }) },
);
const run = fc.array(input, { maxLength: 16 });

/** Inputs that are red herrings wherever they can run (and do nothing but cost time elsewhere). */
const redHerrings = inputs([
  'ping -c 4 8.8.8.8',
  'ping -c 4 157.240.195.35',
  'browser clear-cache',
  "ssh web-01 'sudo systemctl restart nginx'",
  'sudo systemctl restart nginx',
  'nmap -p 80,443 tunistocks.tn web-01 web-02',
  'nc -zv web-01 443',
  'sudo ss -tlnp',
]);

/**
 * Inputs that break a rule of careful practice where they can run, and do nothing good anywhere.
 * (Restoring from an unchecked replica breaks a warning-level rule but also restores the data:
 * it is not in this list, since the fix it brings is worth more than the warning costs.)
 */
const violations = inputs([
  "GRANT ALL PRIVILEGES ON *.* TO 'sami'@'%';",
  "DELETE FROM programmes WHERE code = 'test';",
  'DROP TABLE users;',
  'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks',
  'mysql -h db-replica tunistocks < /tmp/tunistocks-master.sql',
  'sudo systemctl restart mysql',
]);

const insert = (list: readonly DrillInput[], at: number, item: DrillInput) => [...list.slice(0, at), item, ...list.slice(at)];

/**
 * Whether the input at `at` would be typed at a shell prompt. Typed into a program's prompt (a
 * mysql client waiting at `->` for the rest of a statement), the same line becomes part of what
 * the program reads and can change what the next line does: it is no longer a red herring.
 */
const atShellPrompt = (base: readonly DrillInput[], at: number) => activeSession(replayInputs(mysqlWipe, base.slice(0, at)).context.world.sim).kind === 'shell';

/** A run, an index in it (the end included) and one input to put there. */
const withInsertion = (extra: readonly DrillInput[]) =>
  run.chain((base) => fc.tuple(fc.constant(base), fc.integer({ min: 0, max: base.length }), fc.constantFrom(...extra)));

describe('score properties', () => {
  it(
    'is deterministic: two independent replays (a fresh parse of the scenario file, a fresh copy of the engine) give the same score',
    async () => {
      // A second copy of every module (engine, simulator, scoring, their caches), and the scenario
      // parsed again from its file by that copy: nothing the first replay left behind can reach it.
      vi.resetModules();
      const fresh = await import('../../../src/scoring/score');
      const load = await import('../../../src/scenario/load');
      await (await import('../../../src/sim/mysql/sql-engine')).loadSqlEngine();
      const parsed = load.parseScenarioText(readFileSync(`${repoRoot}scenarios/mysql-wipe.json`, 'utf8'));
      if (!parsed.ok) throw new Error('the scenario does not parse');
      expect(fresh.scoreRun).not.toBe(scoreRun);
      fc.assert(
        fc.property(run, (list) => {
          const first = scoreRun(mysqlWipe, list);
          expect(fresh.scoreRun(parsed.scenario, list.map((i) => ({ ...i })))).toEqual(first);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws, and stays coherent, for any sequence of inputs',
    () => {
      const anything = fc.array(fc.record({ channel: fc.constantFrom('terminal' as const, 'chat' as const), text: fc.oneof(fc.string({ maxLength: 80, unit: 'binary' }), fc.constantFrom(...known.map((k) => k.text))) }), { maxLength: 20 });
      fc.assert(
        fc.property(anything, (list) => {
          const s = scoreRun(mysqlWipe, list);
          const lost = s.points.deductions.reduce((sum, d) => sum + d.points, 0);
          expect(s.points.total).toBe(s.outcome === 'failed' ? 0 : Math.max(0, s.points.max - lost));
          // The breakdown adds up, and lists each rule broken once.
          expect(s.points.taken).toBe(lost);
          expect(s.points.total === 0 ? lost >= s.points.max : lost === s.points.max - s.points.total).toBe(true);
          expect(s.points.deductions.filter((d) => d.category === 'safety')).toHaveLength(s.safety.violations.length);
          expect(new Set(s.safety.violations.map((v) => v.rule)).size).toBe(s.safety.violations.length);
          if (s.outcome === 'failed') expect(s.grade).toBe('F');
          expect(words(s).headline.length).toBeGreaterThan(0);
          expect(s.steps + s.ignoredInputs).toBe(list.length);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'never improves when a red herring is added anywhere',
    () => {
      fc.assert(
        fc.property(withInsertion(redHerrings), ([base, at, herring]) => {
          fc.pre(atShellPrompt(base, at));
          const before = scoreRun(mysqlWipe, base);
          const after = scoreRun(mysqlWipe, insert(base, at, herring));
          expect(after.points.total).toBeLessThanOrEqual(before.points.total);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'never improves when a safety violation is added anywhere',
    () => {
      fc.assert(
        fc.property(withInsertion(violations), ([base, at, violation]) => {
          fc.pre(atShellPrompt(base, at));
          const before = scoreRun(mysqlWipe, base);
          const after = scoreRun(mysqlWipe, insert(base, at, violation));
          expect(after.points.total).toBeLessThanOrEqual(before.points.total);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'a red herring added where it can run is counted and costs points (until the cap)',
    () => {
      const start = inputs(['chat: hello']);
      fc.assert(
        fc.property(fc.constantFrom(...redHerrings.filter((h) => !h.text.startsWith('sudo'))), (herring) => {
          const before = scoreRun(mysqlWipe, start);
          const after = scoreRun(mysqlWipe, [...start, herring]);
          expect(after.redHerrings.steps).toHaveLength(before.redHerrings.steps.length + 1);
          expect(after.points.total).toBeLessThan(before.points.total);
        }),
        { numRuns: 20 },
      );
    },
    TIMEOUT,
  );
});
