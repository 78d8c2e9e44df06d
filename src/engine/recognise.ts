/**
 * Which of the scenario's actions an input performs: the steps that matter for the clock, the
 * facts and the score. Recognition never changes what the world answers (src/sim does that);
 * it reads the line as the trainee typed it, with the scenario's patterns.
 *
 * A shell line is read pipeline by pipeline. `ssh HOST COMMAND` is also read as COMMAND on
 * HOST, and `mysql -e "…"` as its statements on the server it names, so an action counts
 * however the trainee reaches it.
 */
import type { Scenario, ScenarioAction } from '../scenario/schema';
import { holds, type Where } from './conditions';
import { matchShell, hostNamed, type Captures } from './patterns';
import { normaliseStatement, parseLine, type ProgramSyntax, type SimpleCommand } from './shell';
import { newScan, scanLine, type ScanState } from '../sim/mysql/scan';
import { compileRegex, SCENARIO_PATTERN } from './regex';
import type { FactValue } from '../scenario/schema';
import { chatWords, indexWords, keywordScore } from './intent';

export interface Recognised {
  action: ScenarioAction;
  where: Where;
  captures: Captures;
}

type Facts = Readonly<Record<string, FactValue>>;

/** How deep `ssh a ssh b ssh c …` is followed. */
const MAX_HOPS = 4;

/** OpenSSH's options end where the remote command starts: `ssh web-01 tail -n 5 app.log` runs `tail -n 5 app.log` there. */
function syntaxOf(scenario: Scenario, name: string): ProgramSyntax | undefined {
  const program = Object.hasOwn(scenario.programs, name) ? scenario.programs[name] : undefined;
  return name === 'ssh' ? { ...program, argumentsOnlyFrom: 2 } : program;
}

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** The command with its host option filled in when it names no other host (`mysql tunistocks` on db-master is `mysql -h db-master tunistocks`). */
function hostDefaulted(scenario: Scenario, command: SimpleCommand, host: string): SimpleCommand {
  const option = Object.hasOwn(scenario.programs, command.program) ? scenario.programs[command.program]!.hostOption : undefined;
  if (!option) return command;
  const value = command.options.get(option);
  if (typeof value === 'string' && !LOCAL_NAMES.has(value)) return command;
  const options = new Map(command.options);
  options.set(option, host);
  return { ...command, options };
}

/** The first action (in the scenario's order) that counts for this pipeline here and now. */
function shellAction(scenario: Scenario, pipeline: readonly SimpleCommand[], where: Where, facts: Facts): Recognised | null {
  const typed = pipeline.map((c) => hostDefaulted(scenario, c, where.host));
  for (const action of scenario.actions) {
    if (action.channel !== 'shell') continue;
    if (action.hosts?.length && !action.hosts.includes(where.host)) continue;
    for (const pattern of action.patterns) {
      const captures = matchShell(pattern, typed, scenario);
      if (!captures) continue;
      if (holds(action.requires, facts, where)) return { action, where, captures };
      break;
    }
  }
  return null;
}

/** The server a client command talks to: its host option, else the host it runs on. */
function serverOf(scenario: Scenario, command: SimpleCommand, host: string): string {
  const option = Object.hasOwn(scenario.programs, command.program) ? scenario.programs[command.program]!.hostOption : undefined;
  const value = option ? command.options.get(option) : undefined;
  if (typeof value !== 'string' || LOCAL_NAMES.has(value)) return host;
  return hostNamed(scenario, value)?.id ?? value;
}

/** The actions a shell line typed on `host` performs. */
export function recogniseShell(scenario: Scenario, line: string, host: string, facts: Facts, hops = 0): Recognised[] {
  const parsed = parseLine(line, (name) => syntaxOf(scenario, name));
  if (!parsed.ok) return [];
  const found: Recognised[] = [];
  const where: Where = { host, mode: 'shell', mysqlHost: null, db: null };
  for (const pipeline of parsed.list) {
    const first = pipeline[0]!;
    const own = shellAction(scenario, pipeline, where, facts);
    if (own) found.push(own);
    if (first.program === 'ssh') {
      const target = first.args[0] ? hostNamed(scenario, first.args[0]) : undefined;
      if (!target || first.args.length < 2) break; // An interactive login: what follows is typed over there.
      if (hops < MAX_HOPS) found.push(...recogniseShell(scenario, first.args.slice(1).join(' '), target.id, facts, hops + 1));
      continue;
    }
    const statements = first.options.get('-e');
    if (first.program === 'mysql' && typeof statements === 'string' && !own) {
      const db = first.options.get('-D');
      found.push(...recogniseSql(scenario, scanSql(newScan(), statements).statements, { host, mode: 'mysql', mysqlHost: serverOf(scenario, first, host), db: typeof db === 'string' ? db : (first.args[0] ?? null) }, facts));
    }
  }
  return found;
}

/** The first SQL action whose regular expression matches, with its named groups. */
function byRegex(scenario: Scenario, channel: 'sql', text: string, where: Where, placeOf: string, facts: Facts): Recognised | null {
  for (const action of scenario.actions) {
    if (action.channel !== channel) continue;
    if (action.hosts?.length && !action.hosts.includes(placeOf)) continue;
    for (const pattern of action.patterns) {
      const compiled = compileRegex(pattern, SCENARIO_PATTERN);
      // The loader refuses a pattern RE2 cannot compile; matching is linear in the text whatever the pattern.
      const match = compiled.ok ? compiled.regex.exec(text) : null;
      if (!match) continue;
      const here = { ...where, groups: Object.fromEntries(match.groups) };
      if (holds(action.requires, facts, here)) return { action, where: here, captures: { hosts: [], targets: [] } };
      break;
    }
  }
  return null;
}

const USE = /^use\s+`?([^`\s;]+)`?\s*;?$/i;

/**
 * What the MySQL client runs of this text, read with the client's own scanner (src/sim/mysql/scan.ts):
 * each statement the delimiter (or `\g`, `\G`) ends, and each client command (`use db`, `help`,
 * `exit` read as `quit`) as its canonical words, with how many of those there were; and what it
 * still waits for (`->`). `\c` drops what was waiting.
 */
export function scanSql(state: ScanState, text: string): { statements: string[]; commands: number; state: ScanState } {
  const statements: string[] = [];
  let commands = 0;
  let scan = state;
  for (const line of text.split('\n')) {
    const next = scanLine(scan, line, 1);
    scan = next.state;
    for (const piece of next.pieces) {
      if (piece.kind === 'command') commands += 1;
      statements.push(piece.kind === 'sql' ? piece.text : piece.arg ? `${piece.name} ${piece.arg}` : piece.name);
    }
  }
  return { statements, commands, state: scan };
}

/** The actions statements run on `where.mysqlHost` perform (a `USE` moves the rest to its database). */
export function recogniseSql(scenario: Scenario, statements: readonly string[], where: Where, facts: Facts): Recognised[] {
  const found: Recognised[] = [];
  let here = where;
  for (const raw of statements) {
    const statement = normaliseStatement(raw);
    const use = USE.exec(statement);
    if (use) here = { ...here, db: use[1]! };
    const action = byRegex(scenario, 'sql', statement, here, here.mysqlHost ?? '', facts);
    if (action) found.push(action);
  }
  return found;
}

/**
 * The chat action a message to the colleague is, if any: the one whose keywords weigh most in
 * it, a matching pattern adding 1 (src/engine/intent.ts); at least 1 is needed, ties go to the
 * earlier action.
 */
export function recogniseChat(scenario: Scenario, text: string, where: Where, facts: Facts): Recognised | null {
  const words = chatWords(text);
  const index = indexWords(words);
  let best: Recognised | null = null;
  let bestScore = 0;
  for (const action of scenario.actions) {
    if (action.channel !== 'chat') continue;
    let score = keywordScore(action, words, index);
    if (action.hosts?.length && !action.hosts.includes(where.host)) continue;
    let groups: Record<string, string | undefined> = {};
    for (const pattern of action.patterns) {
      const compiled = compileRegex(pattern, SCENARIO_PATTERN);
      const match = compiled.ok ? compiled.regex.exec(text) : null;
      if (!match) continue;
      score += 1;
      groups = Object.fromEntries(match.groups);
      break;
    }
    if (score < 1 || score <= bestScore) continue;
    const here = { ...where, groups };
    if (!holds(action.requires, facts, here)) continue;
    best = { action, where: here, captures: { hosts: [], targets: [] } };
    bestScore = score;
  }
  return best;
}
