/**
 * `npm run drill -- score FILE... [--json]`: scores run files with the bundled scenarios, using
 * the same decoder, migration and scoring as the app: a run made on an older version of a
 * scenario is scored on the bundled version, and says so. A file that cannot be scored gets one
 * line on stderr (`FILE: reason`) and a non-zero exit status; the other files are still scored.
 */
import type { Scenario } from '../scenario/schema';
import { scoreRun, type Score } from '../scoring/score';
import { decodeRunText } from '../runs/decode';
import { runProblemText } from '../runs/words';
import { drillInputs, MAX_RUN_BYTES } from '../runs/format';
import { migrationTargets, settleMigration } from '../runs/migrate';
import { parseArgs } from './args';
import { readTextFile, refusalReason } from './files';
import { printable, terminalJson, writeLines } from './printable';
import { bundledScenarioFiles, CliError, loadScenarioFile } from './scenarios';
import { jsonWords, milestoneCell, versionCell, violationsCell, type JsonWords } from './words';

export type ScoredFile =
  | {
      file: string;
      ok: true;
      /** `scenario` is the version it was scored on; `migratedFrom` the older one it was made on, or null. */
      run: { id: string; trainee: string | null; scenario: { id: string; version: number }; migratedFrom: number | null };
      score: Score;
      /** The scenario it was scored on (the words quote its texts). */
      scenario: Scenario;
    }
  | { file: string; ok: false; reason: string };

/**
 * Scores one run file's text on the newest of `scenarios` with its id (a run of an older version
 * is migrated: replayed on that one). Never throws: a file that cannot be scored says why.
 */
export function scoreRunText(file: string, text: string, scenarios: readonly Scenario[]): ScoredFile {
  const targets = migrationTargets(scenarios);
  const opened = settleMigration(decodeRunText(text, targets.scenarios), targets);
  if (!opened.ok) return { file, ok: false, reason: runProblemText(opened.problem) };
  const { run, scenario, scenarioFrom } = opened;
  return {
    file,
    ok: true,
    run: { id: run.id, trainee: run.trainee ?? null, scenario: run.scenario, migratedFrom: scenarioFrom ?? null },
    score: scoreRun(scenario, drillInputs(run)),
    scenario,
  };
}

const COLUMNS = ['FILE', 'TRAINEE', 'OUTCOME', 'GRADE', 'POINTS', 'ROOT CAUSE', 'RESTORED', 'VIOLATIONS', 'VERSION'] as const;

/** The text table: one row per scored file; times are clock times with minutes against the team; the scenario version scored on. */
export function formatTable(results: readonly ScoredFile[]): string {
  const rows = results.flatMap((r) => {
    if (!r.ok) return [];
    const { score } = r;
    return [
      [
        printable(r.file, 60),
        printable(r.run.trainee ?? '—', 40),
        score.outcome,
        score.grade,
        `${score.points.total}/${score.points.max}`,
        milestoneCell(score.timeToRootCause),
        milestoneCell(score.timeToMitigation),
        violationsCell(score),
        versionCell(r.run),
      ],
    ];
  });
  if (rows.length === 0) return '';
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`;
}

/**
 * One file's `--json` entry: the score as data (each deduction also carries its `reason`, as
 * before the score became data), and its sentences in `words`, about the trainee by name.
 */
function jsonResult(r: ScoredFile): unknown {
  if (!r.ok) return r;
  const words: JsonWords = jsonWords(r.score, r.scenario, r.run.trainee);
  const deductions = r.score.points.deductions.map((d, i) => ({ ...d, reason: words.deductions[i]! }));
  return { file: r.file, ok: true, run: r.run, score: { ...r.score, points: { ...r.score.points, deductions } }, words };
}

/** Loads every bundled scenario; a broken one is reported and left out. */
function bundledScenarios(errors: string[]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const file of bundledScenarioFiles().values()) {
    try {
      scenarios.push(loadScenarioFile(file));
    } catch (error) {
      errors.push(...(error instanceof CliError ? error.lines : [`${file}: ${String(error)}`]));
    }
  }
  return scenarios;
}

export function score(argv: string[]): number {
  const { flags, positional: files } = parseArgs(argv, [], ['json']);
  if (files.length === 0) throw new CliError('score needs one or more run files');
  const errors: string[] = [];
  const scenarios = bundledScenarios(errors);
  const results = files.map((file): ScoredFile => {
    const read = readTextFile(file, MAX_RUN_BYTES);
    if (!read.ok) return { file, ok: false, reason: refusalReason(read.refusal) };
    return scoreRunText(file, read.text, scenarios);
  });
  for (const r of results) if (!r.ok) errors.push(`${printable(r.file, 200)}: ${printable(r.reason, 500)}`);
  if (flags.has('json')) process.stdout.write(`${terminalJson(results.map(jsonResult))}\n`);
  else process.stdout.write(formatTable(results));
  writeLines(process.stderr, errors);
  return errors.length ? 1 : 0;
}
