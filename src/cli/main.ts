/**
 * `npm run drill -- <verb> ...`: the headless front of Outage Drill, for scenario authors,
 * mentors and tests. It runs the same engine, scoring and run-file code as the app.
 */
import { play } from './play';
import { check } from './check';
import { score } from './score';
import { writeLines } from './printable';
import { CliError } from './scenarios';
import { loadSqlEngine } from '../sim/mysql/sql-engine';

const USAGE = `usage: npm run drill -- <verb> [options]

  play  --scenario <id|file> [--commands FILE] [--json] [--save RUN-FILE] [--trainee NAME]
        Plays a scenario headless: one command per line from stdin or FILE
        ("chat: message" lines go to team chat). Prints the transcript with the clock,
        or with --json the run's steps and outcome. --save writes the run it played as
        a run file (for drill score, or to open in the app).
  check <scenario file>...
        Validates scenario files and replays each one's reference path.
  score <run file>... [--json]
        Scores run files against the real timeline (bundled scenarios): a table of
        trainee, outcome, grade, root cause, restored and violations, or with --json
        every score in full. A file that cannot be scored prints "FILE: reason" on
        stderr and the exit status is 1; the other files are still scored.

  Files must be regular files: scenario files up to 5 MB, run and commands files
  (and stdin) up to 1 MB.
`;

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  // The simulated MySQL servers run on SQLite compiled to WebAssembly: loaded once, then every step is synchronous.
  if (verb === 'play' || verb === 'check' || verb === 'score') await loadSqlEngine();
  switch (verb) {
    case 'play':
      return play(rest);
    case 'check':
      return check(rest);
    case 'score':
      return score(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return verb === undefined ? 2 : 0;
    default:
      writeLines(process.stderr, [`drill: unknown verb "${verb}"`]);
      process.stderr.write(`\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const lines = error instanceof CliError ? error.lines : ((error as Error).stack ?? String(error)).split('\n');
    writeLines(process.stderr, lines.map((line, i) => (i === 0 ? `drill: ${line}` : line)));
    process.exitCode = 1;
  },
);
