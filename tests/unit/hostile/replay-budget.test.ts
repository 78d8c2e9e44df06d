// @vitest-environment node
/**
 * Issue 9, item 3: replaying a run has a budget, whatever the run holds. Any run of up to 5,000
 * inputs drawn from a grammar of real commands (ls, cat, grep with random regexes, history, echo
 * of long strings, ssh, exit, mysql -e), regexes, prototype names and control characters replays
 * and scores without throwing, without polluting Object.prototype, within a generous time bound
 * per run measured here (a guard sized for a loaded 2-core machine, not a benchmark).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayInputs, type DrillInput } from '../../../src/engine/replay';
import { MAX_INPUT_CHARS, MAX_INPUTS } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { mysqlWipe } from '../scoring/support';

/** Runs generated; each may hold up to 5,000 inputs and is replayed and scored once. */
const NUM_RUNS = 6;
/** Wall time one run may take to replay and score, measured in this process. */
const RUN_BOUND_MS = 120_000;
const TIMEOUT = NUM_RUNS * RUN_BOUND_MS + 60_000;

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const hosts = fc.constantFrom(...mysqlWipe.hosts.map((h) => h.id), 'web1', 'db-master.tunistocks.internal', '10.0.1.21', 'nowhere', ...PROTOTYPE_NAMES);
const paths = fc.constantFrom('/var/log/tunistocks/app.log', '/var/log/nginx/error.log', '/etc/hosts', '~/.mysql_history', '/etc/passwd', '/', '.', '/dev/zero', '/proc/self/status', 'missing.txt', ...PROTOTYPE_NAMES);

/** Control characters, escapes and bidi marks a hostile run file can carry. */
const control = fc.constantFrom('\u0000', '\u0007', '\b', '\t', '\r', '\u001b[2J', '\u001b]0;PWNED\u0007', '\u001b]52;c;Y3VybA==\u0007', '\u007f', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800');

/** Regexes from pieces that make engines backtrack: nested quantifiers, alternation, classes, and broken syntax. */
const regexPiece = fc.constantFrom('(', ')', '*', '+', '?', '.', '.*', '(.*)*', '(a+)+', '(a|aa)*', '([a-z]*)*', '[a-z]', '[', ']', '\\d', '\\w', '\\', '|', '^', '$', '#', '{1,3}', '{99999}', '\\1', '(?:', 'a', 'error', '08:4', 'DELETE', ' ');
const regex = fc.array(regexPiece, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
const quoted = (text: string) => `"${text.replace(/"/g, '\\"')}"`;

/** A long line (up to the 10,000 characters a run file allows in one input). */
const longText = fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 2_000 })).map(([unit, times]) => unit.repeat(times).slice(0, MAX_INPUT_CHARS - 8));

const sql = fc.oneof(
  fc.constantFrom('SELECT COUNT(*) FROM users', 'SHOW TABLES', 'SHOW SLAVE STATUS\\G', 'SELECT * FROM users LIMIT 5', 'DROP TABLE users', 'SELEC 1', 'SELECT nope FROM users'),
  regex.map((r) => `SELECT * FROM users WHERE email REGEXP '${r.replace(/'/g, "''")}'`),
  fc.array(fc.constantFrom('%', '_', 'a', '%a%'), { maxLength: 30 }).map((p) => `SELECT * FROM users WHERE email LIKE '${p.join('')}'`),
);

const terminal: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('ls', 'ls -la', 'ls -la /var/log', 'pwd', 'whoami', 'exit', 'history', 'history 20', 'cat ~/.mysql_history', 'mysql -u intern -p tunistocks') },
  { weight: 2, arbitrary: paths.map((p) => `cat ${p}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '-i ', '-E ', '-c ', '-v ', '-rn '), regex, paths).map(([flags, r, p]) => `grep ${flags}${quoted(r)} ${p}`) },
  { weight: 1, arbitrary: fc.tuple(regex, paths).map(([r, p]) => `cat ${p} | grep ${quoted(r)} | head -n 5`) },
  { weight: 2, arbitrary: longText.map((t) => `echo ${t}`) },
  { weight: 2, arbitrary: hosts.map((h) => `ssh ${h}`) },
  { weight: 2, arbitrary: sql.map((q) => `mysql -h db-master -e ${quoted(q)}`) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.array(fc.oneof(control, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

const input: fc.Arbitrary<DrillInput> = fc.oneof(
  { weight: 9, arbitrary: terminal.map((text): DrillInput => ({ channel: 'terminal', text })) },
  { weight: 1, arbitrary: fc.oneof(regex, longText, fc.string({ maxLength: 80 })).map((text): DrillInput => ({ channel: 'chat', text })) },
);

/** Runs of any length up to the run format's most (5,000), long ones as likely as short ones. */
const run = fc.array(input, { maxLength: MAX_INPUTS, size: 'max' });

/** Five thousand of what used to grow without bound, and the catastrophic grep after `ssh web-01`. */
const examples: [DrillInput[]][] = [
  [Array.from({ length: MAX_INPUTS }, (): DrillInput => ({ channel: 'terminal', text: 'history' }))],
  [
    Array.from({ length: MAX_INPUTS }, (_, i): DrillInput => ({ channel: 'terminal', text: i < MAX_INPUTS / 2 ? `echo ${'x'.repeat(220)}` : 'history' })),
  ],
  [[{ channel: 'terminal', text: 'ssh web-01' }, { channel: 'terminal', text: 'grep "(.*)*#" /var/log/tunistocks/app.log' }]],
];

const prototypeNames = () => ({ object: Object.getOwnPropertyNames(Object.prototype).sort(), array: Object.getOwnPropertyNames(Array.prototype).sort() });

describe('replay has a budget', () => {
  it(
    'any run of up to 5,000 real commands, regexes and control characters replays and scores, within a bound, touching no prototype',
    () => {
      const before = prototypeNames();
      let worst = 0;
      fc.assert(
        fc.property(run, (inputs) => {
          const start = performance.now();
          const snapshot = replayInputs(mysqlWipe, inputs);
          const score = scoreRun(mysqlWipe, inputs);
          const took = performance.now() - start;
          worst = Math.max(worst, took);
          expect(snapshot.context.steps.length).toBeLessThanOrEqual(inputs.length);
          expect(score.points.total).toBeGreaterThanOrEqual(0);
          expect(took).toBeLessThan(RUN_BOUND_MS);
          expect(prototypeNames()).toEqual(before);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: NUM_RUNS, examples, endOnFailure: true },
      );
      console.info(`replay-budget: worst replay + score ${Math.round(worst)} ms over ${NUM_RUNS + examples.length} runs`);
    },
    TIMEOUT,
  );
});
