/**
 * The simulated world and what one input does to it. Pure and deterministic: the same
 * scenario, world and input always give the same new world and the same step. Every word of
 * outage text and every minute comes from the scenario; this file only knows how shells and
 * the MySQL client behave.
 */
import type { Condition, FactValue, Output, Scenario, ScenarioAction, ScenarioHost } from '../scenario/schema';
import { editDistance, normaliseStatement, parseLine, splitStatements, type ProgramSyntax, type SimpleCommand } from './shell';
import { matchShell, type Captures } from './patterns';
import { clockText, parseClock, secondsOf } from './clock';
import { compilePosix } from '../sim/regex';
import { compileRegex, SCENARIO_PATTERN } from './regex';

/** Where the trainee types: a shell prompt or the MySQL client's `mysql>` prompt. */
export type Mode = 'shell' | 'mysql';

export interface World {
  /** Simulated time of day, in seconds since midnight. */
  clock: number;
  /** Hosts the trainee is logged into, outermost first; the last is where commands run. */
  hostStack: string[];
  mode: Mode;
  /** The MySQL server the client is connected to, and its current database, in `mysql` mode. */
  mysqlHost: string | null;
  db: string | null;
  facts: Record<string, FactValue>;
  /** Ids of scheduled events that have already happened. */
  fired: string[];
  /** The ending reached, if any: the run is over. */
  ending: string | null;
}

export type Channel = 'terminal' | 'chat';

/** A rule of careful practice broken by a step. */
export interface Breach {
  rule: string;
  action: string;
}

/** One input and what the world answered: the unit of the transcript and of scoring. */
export interface Step {
  channel: Channel;
  input: string;
  /** The prompt the input was typed at (`intern@laptop:~$`, `mysql>`), or the chat's name. */
  prompt: string;
  host: string;
  startClock: number;
  clock: number;
  /** True when the input matched something the scenario knows. */
  recognised: boolean;
  /** Ids of the scenario actions this input performed. */
  actions: string[];
  breaches: Breach[];
  output: string[];
  /** Lines the world printed on its own after the step (scheduled events). */
  notices: string[];
  /** True for `clear`: the terminal hides what came before. */
  clear?: boolean;
}

/** Longest input kept and read; longer lines are cut here (the rest would be noise). */
export const MAX_INPUT_LENGTH = 10_000;

/** bash's default HISTSIZE: the lines `history` keeps. */
export const HISTSIZE = 1000;

/** Most lines one step prints; the rest is cut with a note, as a terminal's scrollback would lose it. */
export const MAX_STEP_LINES = 5_000;
/** Most characters one step prints. */
export const MAX_STEP_CHARS = 1_000_000;

/** One step's output, cut to the bounds with a last line saying so. */
export function boundOutput(lines: string[]): string[] {
  let chars = 0;
  for (let i = 0; i < lines.length; i += 1) {
    chars += lines[i]!.length + 1;
    if (i >= MAX_STEP_LINES || chars > MAX_STEP_CHARS) return [...lines.slice(0, i), `[output truncated: the drill shows at most ${MAX_STEP_LINES.toLocaleString('en')} lines or 1 MB of one command's output]`];
  }
  return lines;
}

export function initialWorld(scenario: Scenario): World {
  return {
    clock: parseClock(scenario.clock.start),
    hostStack: [scenario.startHost],
    mode: 'shell',
    mysqlHost: null,
    db: null,
    facts: { ...scenario.facts },
    fired: [],
    ending: null,
  };
}

export function currentHost(world: World): string {
  return world.hostStack[world.hostStack.length - 1]!;
}

export function promptOf(scenario: Scenario, world: World): string {
  if (world.mode === 'mysql') return 'mysql>';
  return hostById(scenario, currentHost(world))?.prompt ?? '$';
}

function hostById(scenario: Scenario, id: string): ScenarioHost | undefined {
  return scenario.hosts.find((h) => h.id === id);
}

/** Removes control characters (a pasted escape sequence must not reach the screen) and cuts very long lines. */
export function cleanInput(raw: string): string {
  return raw
    .slice(0, MAX_INPUT_LENGTH)
    .replace(/\t/g, ' ')
    // Whole escape sequences (colours, cursor keys, window titles), not only their ESC byte.
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
    .trim();
}

interface Context {
  host: string;
  mode: Mode;
  mysqlHost: string | null;
  db: string | null;
  /** Named groups of the SQL or chat pattern that matched, readable in conditions as `$name`. */
  groups?: Record<string, string | undefined>;
}

/** True when every key of the condition holds in this world. Pseudo-facts: host, mode, mysqlHost, db. */
export function holds(when: Condition | undefined, world: World, ctx?: Context): boolean {
  if (!when) return true;
  const where = ctx ?? { host: currentHost(world), mode: world.mode, mysqlHost: world.mysqlHost, db: world.db };
  for (const [key, expected] of Object.entries(when)) {
    const negate = key.startsWith('!');
    const name = negate ? key.slice(1) : key;
    const actual = name.startsWith('$') ? (where.groups?.[name.slice(1)]?.toLowerCase() ?? '') : Object.hasOwn(where, name) ? (where[name as keyof Context] ?? '') : Object.hasOwn(world.facts, name) ? world.facts[name] : undefined;
    const match = Array.isArray(expected) ? expected.includes(actual as FactValue) : actual === expected;
    if (match === negate) return false;
  }
  return true;
}

const linesOfArray = new WeakMap<readonly string[], string[]>();

/** Text as lines. Scenario text never changes, so an array's lines are worked out once. */
function toLines(text: string | readonly string[]): string[] {
  if (text === '') return [];
  if (typeof text === 'string') return text.split('\n');
  let lines = linesOfArray.get(text);
  if (!lines) linesOfArray.set(text, (lines = text.flatMap((t) => t.split('\n'))));
  return lines;
}

interface Fill {
  world: World;
  ctx: Context;
  input: string;
  /** The first host named in the command (`ssh db-master`, `nc -zv web-01 80`). */
  target?: string;
}

function fillTemplate(line: string, fill: Fill): string {
  if (!line.includes('{{')) return line;
  return line.replace(/\{\{\s*(\$?\w+)(?:\s+([\d:]+))?\s*\}\}/g, (whole, name: string, arg?: string) => {
    if (name.startsWith('$')) return fill.ctx.groups?.[name.slice(1)] ?? '';
    switch (name) {
      case 'target':
        return fill.target ?? '';
      case 'clock':
        return clockText(fill.world.clock, true);
      case 'time':
        return clockText(fill.world.clock);
      case 'secondsUntil':
        return String(Math.max(0, parseClock(arg ?? '00:00') - fill.world.clock));
      case 'host':
        return fill.ctx.host;
      case 'db':
        return fill.ctx.db ?? '(none)';
      case 'input':
        return fill.input;
      default:
        return whole;
    }
  });
}

/** Picks the text of an output: the first variant whose condition holds. */
function render(output: Output | undefined, fill: Fill): string[] {
  if (output === undefined) return [];
  if (typeof output === 'string') return toLines(output).map((l) => fillTemplate(l, fill));
  if (output.length === 0) return [];
  if (typeof output[0] === 'string') return toLines(output as string[]).map((l) => fillTemplate(l, fill));
  for (const variant of output as { when?: Condition; text: string | string[] }[]) {
    if (holds(variant.when, fill.world, fill.ctx)) return toLines(variant.text).map((l) => fillTemplate(l, fill));
  }
  return [];
}

/** The result of running something: text, time spent, and what it did. */
interface Outcome {
  output: string[];
  seconds: number;
  actions: string[];
  breaches: Breach[];
  recognised: boolean;
}

const nothing = (): Outcome => ({ output: [], seconds: 0, actions: [], breaches: [], recognised: true });

function combine(into: Outcome, more: Outcome): void {
  into.output.push(...more.output);
  into.seconds += more.seconds;
  into.actions.push(...more.actions);
  into.breaches.push(...more.breaches);
  into.recognised &&= more.recognised;
}

/** Mutable state while one input runs; copied from the world first, so callers never see a half-step. */
interface Run {
  scenario: Scenario;
  world: World;
  input: string;
  /** Earlier terminal inputs, for `history`. */
  history: readonly string[];
}

function performAction(run: Run, action: ScenarioAction, ctx: Context, captures: Captures, command?: SimpleCommand): Outcome {
  const { world, scenario } = run;
  const targetHost = captures.hosts[0] ? hostById(scenario, captures.hosts[0]) : undefined;
  const fill: Fill = { world, ctx, input: run.input, target: targetHost?.name };
  const out: Outcome = { ...nothing(), seconds: secondsOf(action.minutes), actions: [action.id] };
  for (const breach of action.breaks ?? []) {
    if (holds(breach.when, world, ctx)) out.breaches.push({ rule: breach.rule, action: action.id });
  }
  out.output = render(action.output, fill);
  if (action.op === 'ssh') {
    const target = captures.hosts[0] ? hostById(scenario, captures.hosts[0]) : undefined;
    if (!target?.prompt) {
      return { ...nothing(), recognised: true, actions: [action.id], seconds: out.seconds, output: render(action.unavailable, fill) };
    }
    const remote = command?.args.slice(1) ?? [];
    if (remote.length > 0) {
      // `ssh web-01 'sudo systemctl restart nginx'`: run there, stay here.
      const inner = runShellLine(run, remote.join(' '), { host: target.id, mode: 'shell', mysqlHost: null, db: null });
      inner.seconds += out.seconds;
      inner.actions.unshift(action.id);
      inner.breaches.unshift(...out.breaches);
      return inner;
    }
    world.hostStack = [...world.hostStack, target.id];
  } else if (action.op === 'mysql-connect') {
    const server = captures.hosts[0] ?? ctx.host;
    const serverHost = hostById(scenario, server);
    const named = (command?.options.get('-D') as string | undefined) ?? command?.args[0];
    if (named && !serverHost?.databases?.includes(named)) {
      return { ...out, output: [`ERROR 1049 (42000): Unknown database '${named}'`], actions: [], recognised: false };
    }
    const statements = command?.options.get('-e');
    if (typeof statements === 'string') {
      // `mysql -h db-master -e "SELECT ..."`: run the statements, stay in the shell.
      const inner = runSql(run, statements, { host: ctx.host, mode: 'mysql', mysqlHost: server, db: named ?? null });
      inner.seconds += out.seconds;
      return inner;
    }
    if (ctx.host !== currentHost(world)) {
      return { ...out, output: [...out.output, 'mysql: [Warning] the interactive client needs a terminal; use ssh first.'], recognised: true };
    }
    world.mode = 'mysql';
    world.mysqlHost = server;
    world.db = named ?? null;
  }
  const effect = action.effects?.find((e) => holds(e.when, world, ctx));
  if (effect) world.facts = { ...world.facts, ...effect.set };
  return out;
}

/** Suggestions already worked out, per scenario: `host program` to the closest program, or null. */
const suggestions = new WeakMap<Scenario, Map<string, string | null>>();

/** The installed program closest to a mistyped one (`crul` → `curl`), never the program itself. */
function suggestion(scenario: Scenario, program: string, host: string): string | null {
  let cache = suggestions.get(scenario);
  if (!cache) suggestions.set(scenario, (cache = new Map()));
  const key = `${host} ${program}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const best = Object.entries(scenario.programs)
    .filter(([name, p]) => name !== program && (!p.hosts || p.hosts.includes(host)))
    .map(([name]) => ({ name, distance: editDistance(program, name) }))
    .filter((c) => c.distance <= (program.length > 4 ? 2 : 1))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))[0];
  // Bounded: a run holds at most a few thousand inputs, and the cache lives with the scenario.
  if (cache.size < 10_000) cache.set(key, best?.name ?? null);
  return best?.name ?? null;
}

function notFound(run: Run, program: string, host: string): Outcome {
  const best = suggestion(run.scenario, program, host);
  const output = [`${program}: command not found`];
  if (best) output.push(`Did you mean "${best}"? Type "help" to see the commands this drill knows.`);
  return { ...nothing(), output, seconds: secondsOf(run.scenario.costs.unknown), recognised: false };
}

const BUILTINS = new Set(['help', 'clear', 'history', 'exit', 'logout', 'pwd', 'whoami', 'hostname', 'cd', 'echo', 'date']);

function builtin(run: Run, command: SimpleCommand, ctx: Context, onOwnHost: boolean): Outcome {
  const { scenario, world } = run;
  const out: Outcome = { ...nothing(), seconds: secondsOf(scenario.costs.builtin) };
  const host = hostById(scenario, ctx.host);
  switch (command.program) {
    case 'help':
      out.output = helpText(scenario, ctx);
      break;
    case 'clear':
      break;
    case 'history': {
      // bash keeps HISTSIZE (1,000) lines: `history` never prints more, however long the run.
      const total = run.history.length + 1;
      const from = Math.max(0, total - HISTSIZE);
      const shown = [...run.history.slice(from), run.input];
      out.output = shown.map((line, i) => `${String(from + i + 1).padStart(5)}  ${line}`);
      break;
    }
    case 'exit':
    case 'logout':
      if (onOwnHost) {
        if (world.hostStack.length > 1) {
          world.hostStack = world.hostStack.slice(0, -1);
          out.output = [`logout`, `Connection to ${host?.name ?? ctx.host} closed.`];
        } else {
          out.output = ['This is your own laptop: there is nowhere to log out to.'];
        }
      }
      break;
    case 'pwd':
      out.output = [`/home/${userOf(host)}`];
      break;
    case 'whoami':
      out.output = [command.sudo ? 'root' : userOf(host)];
      break;
    case 'hostname':
      out.output = [host?.name ?? ctx.host];
      break;
    case 'cd':
      break;
    case 'echo':
      out.output = [command.args.join(' ')];
      break;
    case 'date':
      out.output = [`${scenario.date.iso} ${clockText(world.clock, true)} ${scenario.clock.timezone}`];
      break;
  }
  return out;
}

/** The trainee's login on a host, read from its prompt (`intern@web-01:~$`). */
function userOf(host: ScenarioHost | undefined): string {
  const at = host?.prompt?.indexOf('@') ?? -1;
  return at > 0 ? host!.prompt!.slice(0, at) : 'user';
}

function helpText(scenario: Scenario, ctx: Context): string[] {
  const here = Object.entries(scenario.programs)
    .filter(([, p]) => !p.hosts || p.hosts.includes(ctx.host))
    .map(([name]) => name)
    .sort();
  return [
    `Commands on ${hostById(scenario, ctx.host)?.name ?? ctx.host}: ${here.join(', ')}`,
    'Shell built-ins: help, clear, history, exit, pwd, whoami, hostname, date',
    'Use "ssh <host>" to work on a server, and "exit" to come back.',
    'Not sure? The Actions menu lists what you can do from here, with the command it runs.',
  ];
}

function runSimple(run: Run, command: SimpleCommand, ctx: Context, onOwnHost: boolean, pipeline: readonly SimpleCommand[]): Outcome {
  const { scenario } = run;
  const program = Object.hasOwn(scenario.programs, command.program) ? scenario.programs[command.program] : undefined;
  if (!program) {
    return BUILTINS.has(command.program) ? builtin(run, command, ctx, onOwnHost) : notFound(run, command.program, ctx.host);
  }
  if (program.hosts && !program.hosts.includes(ctx.host)) return notFound(run, command.program, ctx.host);
  const withHost = program.hostOption ? withDefaultHost(command, program.hostOption, ctx.host) : command;
  const typed = pipeline.length > 1 ? pipeline.map((c) => (c === command ? withHost : hostDefaulted(run, c, ctx))) : [withHost];
  const misses: Miss = {};
  for (const action of scenario.actions) {
    if (action.channel !== 'shell') continue;
    for (const pattern of action.patterns) {
      const captures = matchShell(pattern, typed, scenario);
      if (!captures) continue;
      if (!available(action, ctx.host, run.world, ctx, misses)) break;
      const outcome = performAction(run, action, ctx, captures, withHost);
      outcome.output = filterText(outcome.output, typed);
      return outcome;
    }
  }
  return missed(run, ctx, misses) ?? { ...nothing(), output: render(program.fallback, { world: run.world, ctx, input: run.input }), seconds: secondsOf(program.minutes ?? scenario.costs.unknown), recognised: false };
}

/** Actions whose pattern matched but which could not run here or now: the first of each explains why. */
interface Miss {
  elsewhere?: ScenarioAction;
  unavailable?: ScenarioAction;
}

function available(action: ScenarioAction, where: string, world: World, ctx: Context, misses: Miss): boolean {
  if (action.hosts?.length && !action.hosts.includes(where)) {
    misses.elsewhere ??= action;
    return false;
  }
  if (!holds(action.requires, world, ctx)) {
    misses.unavailable ??= action;
    return false;
  }
  return true;
}

function missed(run: Run, ctx: Context, misses: Miss): Outcome | null {
  const fill = { world: run.world, ctx, input: run.input };
  const action = misses.unavailable?.unavailable ? misses.unavailable : misses.elsewhere?.elsewhere ? misses.elsewhere : undefined;
  if (!action) return null;
  const output = action === misses.unavailable ? action.unavailable : action.elsewhere;
  return { ...nothing(), output: render(output, fill), seconds: secondsOf(action.minutes), recognised: false };
}

/**
 * What `grep`, `head` and `tail` do to a file's lines: the scenario gives the whole file, the
 * shell shows the part asked for (`grep -i delete ~/.mysql_history`, `cat log | tail -n 5`).
 */
function filterText(lines: string[], pipeline: readonly SimpleCommand[]): string[] {
  let result = lines;
  for (const command of pipeline) {
    if (command.program === 'grep' || command.program === 'egrep' || command.program === 'fgrep') {
      const needle = command.args[0] ?? '';
      const invert = command.options.has('-v');
      // What a trainee types runs on RE2 (linear time), read as GNU grep reads BRE and ERE: no pattern can freeze a replay.
      const re = compilePosix(needle, {
        ignoreCase: command.options.has('-i'),
        extended: command.program === 'egrep' || command.options.has('-E'),
        fixed: command.program === 'fgrep' || command.options.has('-F'),
        word: command.options.has('-w'),
      });
      if (!re.ok) return [`grep: ${re.error}`];
      result = result.filter((line) => re.test(line) !== invert);
    } else if (command.program === 'head' || command.program === 'tail') {
      const raw = command.options.get('-n');
      const count = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 10;
      result = command.program === 'head' ? result.slice(0, count) : result.slice(Math.max(0, result.length - count));
    }
  }
  return result;
}

function hostDefaulted(run: Run, command: SimpleCommand, ctx: Context): SimpleCommand {
  const option = Object.hasOwn(run.scenario.programs, command.program) ? run.scenario.programs[command.program]!.hostOption : undefined;
  return option ? withDefaultHost(command, option, ctx.host) : command;
}

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function withDefaultHost(command: SimpleCommand, option: string, host: string): SimpleCommand {
  const value = command.options.get(option);
  if (typeof value === 'string' && !LOCAL_NAMES.has(value)) return command;
  const options = new Map(command.options);
  options.set(option, host);
  return { ...command, options };
}

const remoteShellsOf = new WeakMap<Scenario, Set<string>>();

/**
 * How a program reads its options. Programs of `ssh` actions read like OpenSSH: options end
 * where the remote command starts (`ssh web-01 tail -n 5 app.log` runs `tail -n 5 app.log` there).
 */
function syntaxOf(scenario: Scenario, name: string): ProgramSyntax | undefined {
  let remoteShells = remoteShellsOf.get(scenario);
  if (!remoteShells) {
    remoteShells = new Set(scenario.actions.filter((a) => a.op === 'ssh').flatMap((a) => a.patterns.flatMap((p) => p.trim().split(/\s+/)[0]!.split('|'))));
    remoteShellsOf.set(scenario, remoteShells);
  }
  const program = Object.hasOwn(scenario.programs, name) ? scenario.programs[name] : undefined;
  return program && remoteShells.has(name) ? { ...program, argumentsOnlyFrom: 2 } : program;
}

/** Runs a shell line at `ctx.host`: each pipeline in turn (a pipeline is matched as a whole). */
function runShellLine(run: Run, line: string, ctx: Context): Outcome {
  const parsed = parseLine(line, (name) => syntaxOf(run.scenario, name));
  if (!parsed.ok) return { ...nothing(), output: [`bash: ${parsed.error}`], seconds: secondsOf(run.scenario.costs.unknown), recognised: false };
  const onOwnHost = ctx.host === currentHost(run.world);
  const total = nothing();
  for (const pipeline of parsed.list) {
    // A pipeline is one thing done: it is matched from its first command, with the rest alongside.
    const result = runSimple(run, pipeline[0]!, ctx, onOwnHost, pipeline);
    combine(total, result);
    if (run.world.mode !== ctx.mode || currentHost(run.world) !== ctx.host) {
      // `ssh` or `mysql` moved the trainee: what follows on this line is typed over there,
      // which a real terminal would not run until that session ends. Stop here.
      break;
    }
  }
  return total;
}

const MYSQL_EXIT = /^(exit|quit|\\q)$/i;
const USE = /^use\s+(\S+)$/i;

function runSql(run: Run, line: string, ctx: Context): Outcome {
  const { scenario, world } = run;
  const total = nothing();
  const statements = splitStatements(line);
  for (const raw of statements) {
    const statement = normaliseStatement(raw);
    const interactive = ctx.host === currentHost(world) && world.mode === 'mysql';
    if (MYSQL_EXIT.test(statement)) {
      if (interactive) {
        world.mode = 'shell';
        world.mysqlHost = null;
        world.db = null;
      }
      combine(total, { ...nothing(), output: ['Bye'], seconds: secondsOf(scenario.costs.builtin) });
      break;
    }
    const use = USE.exec(statement);
    if (use) {
      const name = use[1]!.replace(/;$/, '');
      const server = hostById(scenario, ctx.mysqlHost ?? '');
      if (server?.databases?.includes(name)) {
        ctx = { ...ctx, db: name };
        if (interactive) world.db = name;
        combine(total, { ...nothing(), output: ['Database changed'], seconds: secondsOf(scenario.costs.builtin) });
      } else {
        combine(total, { ...nothing(), output: [`ERROR 1049 (42000): Unknown database '${name}'`], seconds: secondsOf(scenario.costs.builtin), recognised: false });
      }
      continue;
    }
    combine(total, runStatement(run, statement, ctx));
  }
  if (statements.length === 0) total.output.push('ERROR: No query specified');
  return total;
}

/** The first action of this channel whose regular expression matches, with its named groups. */
function runByRegex(run: Run, channel: 'sql' | 'chat', text: string, ctx: Context, where: string): Outcome | null {
  const misses: Miss = {};
  for (const action of run.scenario.actions) {
    if (action.channel !== channel) continue;
    for (const pattern of action.patterns) {
      const compiledPattern = compileRegex(pattern, SCENARIO_PATTERN);
      // The loader refuses a pattern RE2 cannot compile; matching is linear in the text whatever the pattern.
      const match = compiledPattern.ok ? compiledPattern.regex.exec(text) : null;
      if (!match) continue;
      const here = { ...ctx, groups: Object.fromEntries(match.groups) };
      if (!available(action, where, run.world, here, misses)) break;
      return performAction(run, action, here, { hosts: [], targets: [] });
    }
  }
  return missed(run, ctx, misses);
}

function runStatement(run: Run, statement: string, ctx: Context): Outcome {
  const { scenario } = run;
  const done = runByRegex(run, 'sql', statement, ctx, ctx.mysqlHost ?? '');
  if (done) return done;
  const near = statement.length > 40 ? `${statement.slice(0, 40)}` : statement;
  return {
    ...nothing(),
    output: [`ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line 1`],
    seconds: secondsOf(scenario.costs.unknown),
    recognised: false,
  };
}

function runChat(run: Run, text: string, ctx: Context): Outcome {
  return runByRegex(run, 'chat', text, ctx, ctx.host) ?? { ...nothing(), recognised: false };
}

const clocks = new Map<string, number>();
/** `parseClock`, remembered: scheduled events are checked after every step. */
function clockOf(text: string): number {
  let seconds = clocks.get(text);
  if (seconds === undefined) clocks.set(text, (seconds = parseClock(text)));
  return seconds;
}

/** Applies scheduled events whose time has come, then checks whether the run has ended. */
function settle(scenario: Scenario, world: World): string[] {
  const notices: string[] = [];
  for (const event of scenario.events) {
    if (world.fired.includes(event.id) || clockOf(event.at) > world.clock) continue;
    world.fired = [...world.fired, event.id];
    if (!holds(event.when, world)) continue;
    world.facts = { ...world.facts, ...event.set };
    if (event.notice) notices.push(...toLines(event.notice));
  }
  world.ending = scenario.endings.find((e) => holds(e.when, world))?.id ?? null;
  return notices;
}

/**
 * Runs one input typed by the trainee (in the terminal, or a message on team chat) and
 * returns the new world and the step for the transcript. Never throws on any input.
 */
export function runInput(scenario: Scenario, before: World, channel: Channel, raw: string, history: readonly string[]): { world: World; step: Step } {
  const input = cleanInput(raw);
  const world: World = { ...before, hostStack: [...before.hostStack], facts: { ...before.facts } };
  const run: Run = { scenario, world, input, history };
  const ctx: Context = { host: currentHost(world), mode: world.mode, mysqlHost: world.mysqlHost, db: world.db };
  const prompt = channel === 'chat' ? scenario.colleague.name : promptOf(scenario, world);
  let outcome: Outcome;
  let clear = false;
  if (input === '') {
    outcome = nothing();
  } else if (channel === 'chat') {
    outcome = runChat(run, input, ctx);
  } else if (world.mode === 'mysql') {
    outcome = runSql(run, input, ctx);
  } else {
    outcome = runShellLine(run, input, ctx);
    clear = /^clear\s*$/.test(input);
  }
  world.clock = before.clock + outcome.seconds;
  const notices = settle(scenario, world);
  const step: Step = {
    channel,
    input,
    prompt,
    host: ctx.host,
    startClock: before.clock,
    clock: world.clock,
    recognised: outcome.recognised,
    actions: outcome.actions,
    breaches: outcome.breaches,
    output: boundOutput(outcome.output),
    notices,
  };
  if (clear) step.clear = true;
  return { world, step };
}
