/**
 * Why a run could not be opened, in words: the one place a `RunProblem` becomes a sentence, for
 * every front end (the app's notices, the CLI's `FILE: reason`). The switch is exhaustive: a new
 * kind of problem does not compile until it has its sentence here. The sentence is about the
 * file, not the person, so every audience reads the same one.
 */
import type { FieldIssue, RunDamage, RunProblem } from './decode';

const TYPE_IN_WORDS: ReadonlyMap<string, string> = new Map([
  ['string', 'text'],
  ['number', 'a number'],
  ['boolean', 'true or false'],
  ['Array', 'a list'],
  ['Object', 'an object'],
]);

const megabytes = (bytes: number) => `${bytes / 1_000_000} MB`;

/** One field in a trainee's words: which field, and what is wrong with it. */
function fieldText(issue: FieldIssue): string {
  const where = issue.field === null ? 'the file' : `the field ${issue.field}`;
  switch (issue.is) {
    case 'not-part':
      return `${where} is not part of a run`;
    case 'missing':
      return `${where} is missing`;
    case 'wrong-type':
      return `${where} has the wrong type: it should be ${TYPE_IN_WORDS.get(issue.expected) ?? (issue.expected || 'something else')}, not ${TYPE_IN_WORDS.get(issue.received) ?? issue.received}`;
    case 'not-valid':
      return `${where} ${issue.message.replace(/^Invalid \w+: /, 'is not valid: ')}`;
  }
}

function damageText(damage: RunDamage): string {
  switch (damage.kind) {
    case 'no-format':
      return 'This run has no valid format number.';
    case 'forbidden-key':
      return `This run file is damaged: it has a field named "${damage.key}", which no run has. It was not opened.`;
    case 'fields': {
      const more = damage.more > 0 ? ` (and ${damage.more} more problem${damage.more > 1 ? 's' : ''})` : '';
      const file = damage.olderFormat === undefined ? 'This run file' : `This run file (format ${damage.olderFormat}, an older one)`;
      return `${file} is damaged: ${fieldText(damage.first)}${more}.`;
    }
  }
}

/** The problem's sentence, without the file's name. */
function problemText(problem: RunProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'This file is empty.';
    case 'unreadable':
      return 'This file could not be read.';
    case 'too-large':
      if (problem.link) return `This link carries more than a run can hold (over ${megabytes(problem.limit)}): it was not opened.`;
      return problem.bytes === null
        ? `This file is too large to be a run (the limit is ${megabytes(problem.limit)}).`
        : `This file is too large to be a run (${Math.ceil(problem.bytes / 1000)} kB; the limit is ${megabytes(problem.limit)}).`;
    case 'not-json':
      if (problem.link) return 'This link is damaged: part of it is missing or changed. Ask for the link again, or for the run as a file.';
      return 'This file is not valid JSON (it may be cut short or not a run at all).';
    case 'too-deep':
      return `This file is nested more than ${problem.limit} levels deep: it is not a run.`;
    case 'wrong-kind':
      switch (problem.found) {
        case 'not-an-object':
          return 'This is not an Outage Drill run: a run file is a JSON object.';
        case 'scenario':
          return 'This is a scenario file, not a run. Scenario files are played, not imported as runs.';
        case 'no-kind':
          return 'This is not an Outage Drill run: it lacks "kind": "outage-drill/run".';
      }
      break;
    case 'newer-format':
      return `This run was saved by a newer version of Outage Drill (run format ${problem.format}; this version reads up to ${problem.reads}). Update the app to open it.`;
    case 'invalid':
      return damageText(problem.damage);
    case 'unknown-scenario':
      return `This run is for a scenario this app does not have ("${problem.scenarioId}").`;
    case 'scenario-version': {
      const why = problem.version > problem.newest ? ' Update the app to open it.' : ' Runs only replay on a version this app has.';
      return `This run was made on version ${problem.version} of "${problem.scenarioTitle}", and this app has version ${problem.newest}.${why}`;
    }
    case 'unreplayable':
      return `This run cannot be replayed: it goes on for ${problem.extraInputs} input(s) after the drill ended (${problem.outcome}). It was not made by this scenario.`;
    case 'too-long':
      return `This run takes too long to replay: its commands print more than the drill replays for one run (${Math.round(problem.outputBytes / 1_000_000)} MB of output), so it was not opened. Nothing was changed.`;
    case 'changed-link':
      return `This link was changed on the way: the run in it starts with "${problem.starts}" where a share link has "#${problem.prefix}". Ask for the link again, or for the run as a file.`;
  }
}

/** Why a run could not be opened, in one or two sentences; a file's name comes first when it is known (`"run.json": …`). */
export function runProblemText(problem: RunProblem): string {
  const text = problemText(problem);
  if (problem.file === undefined) return text;
  // The file's own sentences start "This file…": with its name, say which file.
  if (problem.code === 'too-large' && !problem.link) return `"${problem.file}" is too large to be a run (${problem.bytes === null ? 'over the limit' : `${Math.round(problem.bytes / 1000)} kB`}; the limit is ${megabytes(problem.limit)}).`;
  if (problem.code === 'unreadable') return `"${problem.file}" could not be read.`;
  return `"${problem.file}": ${text}`;
}
