/** What the scoring tests share: the bundled scenario and hand-written runs, as a trainee types them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/schema';
import { inputFromLine, replayInputs, type DrillInput } from '../../../src/engine/replay';
import { scoreRun, type Deduction, type Score } from '../../../src/scoring/score';
import { traineeWords } from '../../../src/scoring/words/trainee';
import type { ScoreWords } from '../../../src/scoring/words/sentences';

/** The repository root (a string path, so this also works under jsdom, whose URL is not Node's). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../');

export function loadScenario(file: string): Scenario {
  const result = parseScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file} is not a valid scenario: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/**
 * What a test "over every scenario" runs over, as paths from the root: every scenario the drill
 * ships, and the fixtures' minimal one (the other fixtures share its world).
 */
export const scenarioFiles: readonly string[] = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

/** One of `scenarioFiles`, loaded. */
export const loadScenarioFile = (file: string): Scenario => loadScenario(`${repoRoot}${file}`);

/** Each command's output lines, typed on `host` of the scenario (ssh'd to first unless it is the start host). */
export function outputsOn(scenario: Scenario, host: string, lines: readonly string[]): string[][] {
  const start = scenario.startHost === host ? [] : [`ssh ${host}`];
  const snapshot = replayInputs(scenario, [...start, ...lines].map(inputFromLine));
  return snapshot.context.steps.slice(start.length).map((s) => [...s.output]);
}

export const mysqlWipe = loadScenario(`${repoRoot}scenarios/mysql-wipe.json`);

export const inputs = (lines: readonly string[]): DrillInput[] => lines.map(inputFromLine);

/** A score in the trainee's words (what their debrief says). */
export const words = (s: Score, scenario: Scenario = mysqlWipe): ScoreWords => traineeWords(s, scenario);

/** One deduction's reason, as the trainee's debrief gives it. */
export const reason = (s: Score, d: Deduction, scenario: Scenario = mysqlWipe): string => words(s, scenario).deduction(d);

/** A lesson's notes about this run, in the trainee's words, as one text. */
export const lessonText = (s: Score, id: string, scenario: Scenario = mysqlWipe): string => s.lessons.find((l) => l.id === id)!.inThisRun.map(words(s, scenario).lessonNote).join(' ');

export function score(lines: readonly string[], scenario: Scenario = mysqlWipe): Score {
  return scoreRun(scenario, inputs(lines));
}

/** What the team did on the day (the scenario's own reference path). */
export const seedPath = mysqlWipe.referencePath;

/** Curl, count the rows on the master, read the history: the root cause, on db-master. */
const toTheCause = ['curl -i https://tunistocks.tn/dashboard', 'ssh db-master', 'mysql -u intern -p tunistocks', 'SELECT COUNT(*) FROM users;', 'exit', 'cat ~/.mysql_history'];

/** Straight to the data: curl, count the rows, read the history, restore, verify. No red herrings, no chat. */
export const straightPath = [
  ...toTheCause,
  'mysqldump -h db-replica --single-transaction tunistocks | mysql -h db-master tunistocks',
  'exit',
  'browser login',
];

/** The straight path, telling Sami first. */
export const expertPath = ['chat: Hi Sami, logged-in pages fail for me (home and login load). Looking into it now.', ...straightPath];

/** Finds the root cause quickly, then loads the empty master into the replica. */
export const dataLossPath = [
  'chat: Sami, the dashboard is down for logged-in users, checking the database.',
  'curl -i https://tunistocks.tn/dashboard',
  'ssh db-master',
  'mysql -u intern -p tunistocks',
  'SELECT COUNT(*) FROM users;',
  'exit',
  'cat ~/.mysql_history',
  'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks',
];

/** Careful and quick, checks and freezes the replica, but never says a word to anyone. */
export const neverEscalatesPath = [
  'curl -i https://tunistocks.tn/dashboard',
  'ssh db-master',
  'mysql -u intern -p tunistocks',
  'SELECT COUNT(*) FROM users;',
  'exit',
  'cat ~/.mysql_history',
  'exit',
  'ssh db-replica',
  'mysql -u intern -p tunistocks',
  'SELECT COUNT(*) FROM users;',
  'STOP SLAVE SQL_THREAD;',
  'exit',
  'exit',
  'ssh db-master',
  'mysqldump -h db-replica --single-transaction tunistocks | mysql -h db-master tunistocks',
  'exit',
  // An anonymous curl gets the 302 to /login, as before the restore: it does not verify the fix.
  'curl -i https://tunistocks.tn/dashboard',
  'browser login',
];

/** Every network and restart check there is, twice, before anything useful. */
export const redHerringPath = [
  'ping -c 4 8.8.8.8',
  'ping -c 4 157.240.195.35',
  'browser clear-cache',
  'ssh web-01',
  'sudo systemctl restart nginx',
  'sudo ss -tlnp',
  'exit',
  'nmap -p 80,443 tunistocks.tn web-01 web-02',
  'nc -zv web-01 443',
  'browser clear-cache',
  'ping -c 4 8.8.8.8',
  'chat: Sami, I have pinged everything, cleared my cache twice and restarted Nginx. Logged-in pages still fail.',
  'curl -i https://tunistocks.tn/dashboard',
  'ssh db-master',
  'mysql -u intern -p tunistocks',
  'SELECT COUNT(*) FROM users;',
  'exit',
  'cat ~/.mysql_history',
  'mysqldump -h db-replica --single-transaction tunistocks > /tmp/tunistocks-replica.sql',
  'mysql tunistocks < /tmp/tunistocks-replica.sql',
  'exit',
  'browser login',
];

/** Tells Sami, then finds the cause: curl, count the rows on the master, read the history (on db-master at the end). */
const findTheCause = ['chat: Hi Sami, logged-in pages fail for me (home and login load). Looking into it now.', ...toTheCause];

/** Careful: tells Sami, finds the cause, freezes the replica (STOP SLAVE SQL_THREAD) and counts it, restores from a file, verifies. */
export const carefulPath = [
  ...findTheCause,
  'exit',
  'ssh db-replica',
  'mysql -u intern -p tunistocks',
  'STOP SLAVE SQL_THREAD;',
  'SELECT COUNT(*) FROM users;',
  'exit',
  'exit',
  'ssh db-master',
  'mysqldump -h db-replica --single-transaction tunistocks > /tmp/r.sql',
  'mysql tunistocks < /tmp/r.sql',
  'exit',
  'browser login',
];

/** Quick, and never protects the replica: restores with a piped dump straight from it, unchecked. */
export const unprotectedPath = [...findTheCause, 'mysqldump -h db-replica --single-transaction tunistocks | mysql -h db-master tunistocks', 'exit', 'browser login'];

/** Restarts MySQL, deletes, grants, then copies the empty master over the replica: the data is gone. */
export const harmfulPath = [
  'ssh db-master',
  'sudo systemctl restart mysql',
  'mysql -u intern -p tunistocks',
  "DELETE FROM programmes WHERE code='test';",
  "GRANT ALL ON *.* TO 'intern'@'%';",
  'exit',
  'mysqldump -h db-master tunistocks | mysql -h db-replica tunistocks',
];
